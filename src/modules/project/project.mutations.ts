import type { Collection } from '@mikro-orm/core';
import { Resolver } from 'type-graphql';
import { badInput } from '../../graph/errors';
import { fromGlobalId } from '../../graph/node';
import type { FieldChanges } from '../common/audit-entry.entity';
import { entityMutations } from '../common/entity-writes';
import { setFieldsOfAction } from '../field-of-action/field-of-action.mutations';
import { listChange, WriteTx } from '../common/write';
import { Forum as ForumEntity } from '../forum/forum.entity';
import { Project as ProjectEntity } from './project.entity';
import { CreateProjectInput, UpdateProjectInput } from './project.inputs';
import { PROJECTS } from './project.loaders';
import { Project } from './project.type';

/** Connects the project with exactly these forums (global ids), recording the change; null or omitted leaves them. */
async function setForums(tx: WriteTx, forums: Collection<ForumEntity>, ids: string[] | null | undefined, changes: FieldChanges) {
  if (ids == null) return;
  const uuids = ids.map((id, i) => {
    const { type, uuid } = fromGlobalId(id, `input.forumIds[${i}]`);
    if (type !== 'Forum') throw badInput(`forumIds[${i}] is not the id of a forum`, `input.forumIds[${i}]`);
    return uuid;
  });
  const found = await tx.em.find(ForumEntity, { id: { $in: uuids }, archivedAt: null });
  if (found.length !== new Set(uuids).size) throw badInput('a forum of forumIds does not exist', 'input.forumIds');
  const before = forums.isInitialized() ? forums.getItems().map((f) => f.code).sort() : [];
  forums.set(found);
  listChange(changes, 'forums', before, found.map((f) => f.code).sort());
}

@Resolver(() => Project)
export class ProjectMutations extends entityMutations({
  type: 'Project',
  graphqlType: Project,
  entity: ProjectEntity,
  source: PROJECTS,
  key: 'slug',
  scalars: ['name', 'shortName', 'description', 'status', 'isLighthouse'],
  inputs: { create: CreateProjectInput, update: UpdateProjectInput },
  noun: 'a project',
  populate: ['fieldsOfAction', 'forums'],
  applyRelations: async (tx, project, patch, changes) => {
    await setFieldsOfAction(tx, project.fieldsOfAction, patch.fieldsOfAction, changes);
    await setForums(tx, project.forums, patch.forumIds, changes);
  },
}) {}

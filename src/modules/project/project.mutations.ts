import { ArrayMaxSize, IsOptional, Matches, ValidateNested } from 'class-validator';
import type { Collection } from '@mikro-orm/core';
import { Field, ID, InputType, Int, Resolver } from 'type-graphql';
import { badInput } from '../../graph/errors';
import { fromGlobalId } from '../../graph/node';
import type { FieldChanges } from '../common/audit-entry.entity';
import { entityMutations, setFieldsOfAction } from '../common/entity-writes';
import { listChange, WriteTx } from '../common/write';
import { LongText, Name, ShortText, ValidSlug } from '../common/write.inputs';
import { Forum as ForumEntity } from '../forum/forum.entity';
import { Project as ProjectEntity } from './project.entity';
import { ProjectStatus } from './project.enums';
import { PROJECTS } from './project.loaders';
import { Project } from './project.type';

const FIELD_CODES = /^(I|II|III|IV|V)$/;

@InputType({ description: 'Changes to a project. Omitted fields stay; null clears; lists replace the whole list.' })
export class ProjectPatch {
  @Field(() => String, { nullable: true }) @IsOptional() @Name() name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @ShortText(100) shortName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @LongText() description?: string | null;
  @Field(() => ProjectStatus, { nullable: true }) status?: ProjectStatus | null;
  @Field(() => Boolean, { nullable: true }) isLighthouse?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Codes "I" … "V".' })
  @IsOptional()
  @Matches(FIELD_CODES, { each: true, message: 'each field of action is a code "I" … "V"', context: { code: 'UNKNOWN' } })
  @ArrayMaxSize(5)
  fieldsOfAction?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The forums the project is connected with.' })
  @IsOptional()
  @ArrayMaxSize(50)
  forumIds?: string[] | null;
}

@InputType({ description: 'A new project (coordinators).' })
export class CreateProjectInput extends ProjectPatch {
  @Field(() => String, { description: 'Readable key, e.g. "sprachcafe"; cannot change later.' }) @ValidSlug() @ShortText(100) slug!: string;
  @Field(() => String) @Name() declare name: string;
  @Field(() => ProjectStatus) declare status: ProjectStatus;
}

@InputType({ description: 'Updates a project (coordinators).' })
export class UpdateProjectInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile.' }) expectedVersion!: number;
  @Field(() => ProjectPatch) @ValidateNested() patch!: ProjectPatch;
}

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
  descriptions: {
    create: 'Creates a project (coordinators).',
    update: 'Updates a project (coordinators); CONFLICT when `expectedVersion` is stale.',
    archive: 'Archives a project (coordinators): it leaves the public directory; nothing is deleted.',
  },
  populate: ['fieldsOfAction', 'forums'],
  applyRelations: async (tx, project, patch, changes) => {
    await setFieldsOfAction(tx, project.fieldsOfAction, patch.fieldsOfAction, changes);
    await setForums(tx, project.forums, patch.forumIds, changes);
  },
}) {}

import { Resolver } from 'type-graphql';
import { entityMutations } from '../common/entity-writes';
import { setFieldsOfAction } from '../field-of-action/field-of-action.mutations';
import { Forum as ForumEntity } from './forum.entity';
import { CreateForumInput, UpdateForumInput } from './forum.inputs';
import { FORUMS } from './forum.loaders';
import { Forum } from './forum.type';

@Resolver(() => Forum)
export class ForumMutations extends entityMutations({
  type: 'Forum',
  graphqlType: Forum,
  entity: ForumEntity,
  source: FORUMS,
  key: 'code',
  scalars: ['name', 'topic', 'focus', 'description', 'position'],
  inputs: { create: CreateForumInput, update: UpdateForumInput },
  noun: 'a forum',
  populate: ['fieldsOfAction'],
  applyRelations: (tx, forum, patch, changes) => setFieldsOfAction(tx, forum.fieldsOfAction, patch.fieldsOfAction, changes),
}) {}

import type { FeatureModule } from '../common/feature-module';
import { Forum as ForumEntity, FORUM_SEARCH } from './forum.entity';
import { FORUMS } from './forum.loaders';
import { ForumMutations } from './forum.mutations';
import { ForumResolver } from './forum.resolver';
import { Forum } from './forum.type';

export const forumModule: FeatureModule = {
  entities: [ForumEntity],
  resolvers: [ForumResolver, ForumMutations],
  nodes: [{ source: FORUMS, search: FORUM_SEARCH, graphqlType: Forum }],
};

declare module '../../graph/node' {
  interface IdTypes {
    Forum: true;
  }
}

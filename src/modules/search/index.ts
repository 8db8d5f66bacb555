import type { FeatureModule, PublicNode } from '../common/feature-module';
import { searchResolvers } from './search.resolver';

/**
 * Search, and `node(id:)`, over the public node types of the other modules, in the order
 * given (the order of `SearchResultType`). Made from them, once, in src/modules/index.ts.
 */
export function searchModule(publicNodes: readonly PublicNode[]): FeatureModule {
  return { resolvers: searchResolvers(publicNodes) };
}

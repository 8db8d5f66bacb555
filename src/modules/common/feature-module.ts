import type { EntityClass } from '@mikro-orm/core';
import type { ClassType } from 'type-graphql';
import type { NodeTypeName } from '../../graph/node';
import type { NodeSource } from './node-source';
import type { SearchColumns } from './search-index';

/**
 * What a feature module contributes to the API. Each module says it in its own index.ts
 * (`forumModule`, `authModule`, …); src/modules/index.ts lists the modules once, hands the
 * id types to global ids (graph/node.ts), and the wiring (src/api.ts, src/app.ts) hands the
 * entities to the ORM and the resolvers to the schema.
 */
export interface FeatureModule {
  /** The MikroORM entities of the module's tables. */
  entities?: EntityClass<any>[];
  /** Its type-graphql resolver classes: queries, mutations, field resolvers. */
  resolvers?: Function[];
  /** Its public node types: fetched again with `node(id:)`, found by `search`. */
  nodes?: PublicNode[];
  /**
   * Its other types whose global ids the API hands out (a contact person, a token): read
   * where they belong and named in writes, never fetched with `node(id:)`.
   */
  ids?: NodeTypeName[];
}

/** A public node type: how it is read by id, how it is searched, and its GraphQL type. */
export interface PublicNode {
  /** Reads its rows; its `type` names the GraphQL type and the type of its ids. */
  source: NodeSource<any>;
  /** The columns its search indexes cover. */
  search: SearchColumns;
  /** The GraphQL object type, a member of the `SearchResult` union. */
  graphqlType: ClassType;
}

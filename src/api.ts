import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { ormConfig, type OrmOptions } from './db/mikro-orm.config';
import { buildApiSchema, committedSdl } from './graph/schema';
import { entities, resolvers } from './modules';
import { authChecker } from './modules/auth/policy';

/*
 * The API put together: the infrastructure (src/graph, src/db) given what the feature
 * modules contribute (src/modules/index.ts). The server (app.ts), the command-line tools
 * (src/cli/) and the tests take the schema and the ORM from here.
 */

let schema: GraphQLSchema | undefined;

/** The executable schema of every module's resolvers, built once per process. */
export function apiSchema(): GraphQLSchema {
  schema ??= buildApiSchema(resolvers, authChecker);
  return schema;
}

/** The SDL committed as schema/schema.graphql. */
export function printApiSchema(): string {
  return committedSdl(apiSchema());
}

/**
 * Opens the ORM on a URL, with every module's entities. Reads go through `SqlRunner`
 * (src/db/database.ts); MikroORM owns the schema, the migrations and the unit-of-work writes.
 */
export function openOrm(url: string, options: Omit<OrmOptions, 'entities'> = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(url, { ...options, entities }));
}

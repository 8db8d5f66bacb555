export { createClient } from './client';
export type { Client, ClientOptions, OperationMethods, RequestOptions } from './client';
export { GraphGraphQLError } from './errors';
export type { ErrorCode, GraphQLErrorEntry } from './errors';
export { paginate } from './paginate';
export type { ConnectionPage } from './paginate';
// The schema's types, the operations' result and variable types, and their TypedDocumentNodes
// (usable as they are with Apollo Client, urql or graphql-request).
export * from './generated/graphql';
/** Every type of the schema (objects, inputs, enums), e.g. `Schema.Organisation`. */
export * as Schema from './generated/schema';

/** The error codes the API documents (`extensions.code`), plus the GraphQL engine's own. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'NETWORK_ERROR'
  | (string & {});

/** One error of a GraphQL response, as the server sent it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: { code?: ErrorCode; [key: string]: unknown };
}

/**
 * Thrown when a request fails: the server answered with errors, an HTTP error status, or
 * could not be reached (`NETWORK_ERROR`). `codes` lists each error's `extensions.code`;
 * `data` holds what the server answered besides the errors (GraphQL can answer partly).
 */
export class GraphGraphQLError extends Error {
  readonly name = 'GraphGraphQLError';

  constructor(
    message: string,
    readonly errors: GraphQLErrorEntry[],
    readonly status?: number,
    readonly data?: unknown,
  ) {
    super(message);
  }

  /** The codes of all errors, e.g. `['BAD_USER_INPUT']`. */
  get codes(): ErrorCode[] {
    return this.errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  }

  /** True when any error carries this code. */
  hasCode(code: ErrorCode): boolean {
    return this.codes.includes(code);
  }
}

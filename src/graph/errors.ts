import { GraphQLError } from 'graphql';

/**
 * The error codes clients can act on (see ../shared/API.md). Every error the API raises on
 * purpose carries one of these, and reaches the client as it is.
 */
export const CLIENT_ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED'] as const;

/**
 * Apollo's codes for requests it refuses before any resolver runs: the client's mistakes
 * too, passed on as they are.
 */
export const APOLLO_CLIENT_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

/** A code the API raises; anything not a client's code is masked as INTERNAL_SERVER_ERROR in production. */
export type ErrorCode = (typeof CLIENT_ERROR_CODES)[number] | 'INTERNAL_SERVER_ERROR';

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const badInput = (message: string, argument?: string) =>
  new ApiError('BAD_USER_INPUT', message, argument ? { argument } : {});

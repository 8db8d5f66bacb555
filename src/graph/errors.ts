import { GraphQLError } from 'graphql';

/**
 * The error codes clients can act on (see ../shared/API.md). Every error the API raises on
 * purpose is one of these; anything else is masked as INTERNAL_SERVER_ERROR in production.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const badInput = (message: string, argument?: string) =>
  new ApiError('BAD_USER_INPUT', message, argument ? { argument } : {});

import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DatabaseUnavailableError, isDatabaseUnavailable, UNAVAILABLE_MESSAGE_FOR_CLIENTS, unavailableReason } from '../db/unavailable';
import type { Logger } from '../log';
import type { Context } from './context';
import { APOLLO_CLIENT_ERROR_CODES, CLIENT_ERROR_CODES } from './errors';

/*
 * What a client sees of an error, and what the log says about it: the client's own mistakes
 * come back as they are, an unavailable database as SERVICE_UNAVAILABLE (HTTP 503), anything
 * else is logged and, in production, reduced to INTERNAL_SERVER_ERROR.
 */

/** Codes that reach a client as they are: the ones it can act on. Anything else is an internal error. */
const PASSED_ON = new Set<string>([...CLIENT_ERROR_CODES, ...APOLLO_CLIENT_ERROR_CODES]);

/**
 * Some limits are checked while Apollo parses (tokens) and validates (depth, aliases,
 * directives); it reports those refusals as GRAPHQL_PARSE_FAILED or
 * GRAPHQL_VALIDATION_FAILED. They keep their own code, QUERY_TOO_COMPLEX.
 */
function keepLimitCode(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const cause = original instanceof GraphQLError ? original.originalError : undefined;
  if (cause instanceof GraphQLError && cause.extensions.code === 'QUERY_TOO_COMPLEX') {
    const { http: _http, ...extensions } = cause.extensions;
    return { ...formatted, extensions: { ...formatted.extensions, ...extensions } };
  }
  // graphql-js's words: "Document contains more that 2000 tokens. Parsing aborted."
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? /Document contains more th\w+ (\d+) tokens/.exec(formatted.message) : null;
  if (!tokens) return formatted;
  const maxTokens = Number(tokens[1]);
  return { ...formatted, message: `The query has more than ${maxTokens} tokens; at most ${maxTokens} are allowed`, extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX', maxTokens } };
}

/** Unexpected errors are logged and, in production, reduced to a code: no stack, no SQL. */
export function formatError(production: boolean, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    formatted = keepLimitCode(formatted, original);
    // Apollo refuses some requests (a persisted query whose hash does not match) with HTTP 400
    // but no code of its own; they are the client's mistake, not ours.
    const status = original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined)?.status : undefined;
    const unlabelled = original instanceof GraphQLError && !original.extensions?.code;
    // graphql-js stops coercing variables after 50 errors with an error of no code: still the client's input.
    const tooManyVariableErrors = unlabelled && /^Too many errors processing variables/.test(formatted.message);
    const code = tooManyVariableErrors ? 'BAD_USER_INPUT' : unlabelled && status && status >= 400 && status < 500 ? 'BAD_REQUEST' : String(formatted.extensions?.code ?? '');
    if (code === 'BAD_REQUEST' || tooManyVariableErrors) formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    if (isDatabaseUnavailable(original)) {
      log('warn', 'database unavailable', { path: formatted.path, ...describeForLog(original) });
      return {
        message: UNAVAILABLE_MESSAGE_FOR_CLIENTS,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    if (PASSED_ON.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log('error', 'unexpected error', { path: formatted.path, ...describeForLog(original) });
    if (!production) return formatted;
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * What the log may say about an error. Database errors carry the statement with its values
 * (a contact person's e-mail, say), and the server's messages quote values: of an error the
 * server reported (it has a SQLSTATE) only the kind, SQLSTATE, table and constraint are
 * logged, never the message. The driver's own errors (a socket error, a closed client) are
 * fixed text: their message is logged without the statement knex puts in front
 * ("<sql> - <message>"). `reason`: why it means the database is unavailable, if it does.
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (error instanceof DatabaseUnavailableError) return { ...describeForLog(error.originalError), reason: error.reason };
  const reason = unavailableReason(error);
  if (!(error instanceof Error)) return { error: typeof error, reason };
  const e = error as Error & { code?: unknown; table?: string; constraint?: string };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && /^[0-9A-Z]{5}$/.test(code)) return { error: error.name, sqlState: code, table: e.table, constraint: e.constraint, reason };
  const at = error instanceof DriverException ? error.message.lastIndexOf(' - ') : -1;
  const text = at < 0 ? error.message : error.message.slice(at + 3);
  // Not "message": that is the log line's own.
  return { error: error.name, code, errorMessage: text.split('\n')[0].slice(0, 200), reason };
}

/** An answer whose errors say the database is unavailable is HTTP 503 with Retry-After. */
export const unavailableIs503: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
          response.http.status = 503;
          response.http.headers.set('retry-after', '5');
        }
      },
    };
  },
};

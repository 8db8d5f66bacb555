import { GraphQLError } from 'graphql';

/*
 * How the driver stack (node-postgres, knex's pool, MikroORM) says "the database cannot be
 * reached right now": refused, reset or dropped connections, a server shutting down or
 * starting up, a pool that cannot get a connection. Such a request failed through no fault
 * of the client's and can be retried shortly: SERVICE_UNAVAILABLE, HTTP 503, Retry-After.
 */

/** SQLSTATEs of a server that is going away or not there yet, or of a broken connection. */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '08007', // transaction_resolution_unknown
  '53300', // too_many_connections
  '57P01', // admin_shutdown: "terminating connection due to administrator command"
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: "the database system is starting up / shutting down"
  '57P05', // idle_session_timeout
]);

/** Socket errors (Node's codes) on the way to the database. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN',
  'EAI_AGAIN', 'ENOTFOUND',
]);

/**
 * What node-postgres and knex say without a code. knex puts the statement (with its values)
 * in front, "<sql> - <message>", so the phrase must end the message: a value written into
 * the statement cannot pass for it.
 */
const UNAVAILABLE_MESSAGE = new RegExp(
  '(?:^|\\s-\\s)(' +
    [
      // node-postgres: the socket closed (while a query ran, or while connecting).
      'Connection terminated(?: unexpectedly| due to connection timeout)?',
      // node-postgres: a query on a client whose connection already failed or was closed
      // (a transaction's next statement, its COMMIT or ROLLBACK after the server went away).
      'Client has encountered a connection error and is not queryable',
      'Client was closed and is not queryable',
      // knex: a pooled connection that ended.
      'Connection ended unexpectedly',
      // knex: no connection from the pool in time (the database does not answer).
      'Knex: Timeout acquiring a connection\\. The pool is probably full\\.[^\\n]*',
    ].join('|') +
    ')$',
);

/** SQLSTATE codes are five characters of digits and capitals; Node's codes start with E. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The codes in graphql-js's "Unexpected error value: { …, code: "ECONNREFUSED", … }" (a thrown non-Error, or one from another realm). */
const INSPECTED_CODE = /\bcode: ["']([0-9A-Z_]+)["']/g;

/**
 * Why `error` (or an error it wraps) means the database is unavailable: the SQLSTATE, the
 * socket error code or the driver's phrase; undefined when it does not. The reasons are
 * fixed strings: they may be logged.
 */
export function unavailableReason(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const e = error as {
    code?: unknown; message?: unknown; extensions?: { code?: unknown };
    originalError?: unknown; cause?: unknown; thrownValue?: unknown; errors?: unknown;
  };
  if (e instanceof DatabaseUnavailableError) return e.reason;
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return code;
  // An error the server reported for a statement (a constraint, a syntax error): its message
  // is the server's, and the server is there.
  const fromServer = SQLSTATE.test(code);
  const message = typeof e.message === 'string' ? e.message : '';
  if (!fromServer) {
    const phrase = UNAVAILABLE_MESSAGE.exec(message)?.[1];
    if (phrase) return phrase;
    if (message.startsWith('Unexpected error value: ')) {
      for (const [, inspected] of message.matchAll(INSPECTED_CODE)) {
        if (UNAVAILABLE_SQLSTATES.has(inspected) || UNAVAILABLE_SOCKET_CODES.has(inspected)) return inspected;
      }
    }
  }
  // What it wraps: GraphQL's located error, graphql-js's non-Error wrapper, an error's
  // cause, the attempts of a connection to several addresses (AggregateError).
  const inner = [e.originalError, e.thrownValue, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const wrapped of inner) {
    if (wrapped === error) continue;
    const reason = unavailableReason(wrapped, depth + 1);
    if (reason) return reason;
  }
  return undefined;
}

/**
 * True for errors that mean the database cannot be reached right now (refused, reset,
 * shutting down, starting up, a connection lost in the middle of a transaction): the request
 * failed through no fault of the client's and can be retried shortly. A write whose COMMIT
 * was cut off may or may not have landed; the client's retry with its `expectedVersion`
 * then gets CONFLICT if it did.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableReason(error) !== undefined;
}

export const UNAVAILABLE_MESSAGE_FOR_CLIENTS = 'The database is not reachable at the moment; try again in a few seconds';
export const RETRY_AFTER_SECONDS = 5;

/**
 * The API's answer to a driver error that means the database is unavailable:
 * SERVICE_UNAVAILABLE, and HTTP 503 with Retry-After wherever it is thrown (Apollo reads
 * `extensions.http`), also where no plugin sees the answer (while the request's context,
 * with its token, is made).
 */
export class DatabaseUnavailableError extends GraphQLError {
  readonly reason: string;

  constructor(cause: unknown) {
    super(UNAVAILABLE_MESSAGE_FOR_CLIENTS, {
      originalError: cause instanceof Error ? cause : undefined,
      extensions: {
        code: 'SERVICE_UNAVAILABLE',
        http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
      },
    });
    this.name = 'DatabaseUnavailableError';
    this.reason = unavailableReason(cause) ?? 'unavailable';
  }
}

/** `error` as the API should throw it: DatabaseUnavailableError when it means the database is unavailable, else unchanged. */
export function asUnavailable(error: unknown): unknown {
  return error instanceof DatabaseUnavailableError || !isDatabaseUnavailable(error) ? error : new DatabaseUnavailableError(error);
}

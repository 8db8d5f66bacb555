import 'reflect-metadata';
import type http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ErrorsAreMissesCache, InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Config } from './config';
import { openDatabase } from './db/open';
import { DatabaseUnavailableError, isDatabaseUnavailable as databaseUnavailable, UNAVAILABLE_MESSAGE_FOR_CLIENTS, unavailableReason } from './db/unavailable';
import { exportRoutes } from './modules/analysis/exports';
import { endSession, startSession } from './modules/auth/sessions';
import { SqlRunner } from './db/database';
import { Context, createContext, createSharedState } from './graph/context';
import Redis from 'ioredis';
import { RedisKeyValueCache, responseCache } from './graph/cache';
import { limitRules, queryCost, QueryLimits } from './graph/limits';
import { admitRequest, createRateLimiters, reportRateLimit, spendPoints } from './graph/rate-limit';
import { apiSchema } from './graph/schema';
import { Metrics } from './http/observability';
import { createHttpServer, listen } from './http/server';
import { WebApp } from './http/web-app';
import { libraryLogger, type Logger } from './log';

export interface App {
  url: string;
  port: number;
  orm: MikroORM;
  /** Drains in-flight requests, then closes the pool and stops the embedded database. */
  stop(): Promise<void>;
}

/**
 * True for errors that mean the database cannot be reached right now (refused, reset,
 * shutting down, starting up, a connection lost mid-transaction): the request failed through
 * no fault of the client's and can be retried shortly. The classification is in
 * src/db/unavailable.ts, next to the driver it knows.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailable(error);
}

/** Error codes a client may see as they are; anything else is an internal error. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

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
function formatError(production: boolean, log: Logger) {
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
    if (CLIENT_CODES.has(code)) {
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
const unavailableIs503: ApolloServerPlugin<Context> = {
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

/** Reports the number of SQL statements a request sent (outside production), for tests and tuning. */
const statementCount: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            sqlStatements: contextValue.sql.counter.count,
            sqlRoundTrips: contextValue.sql.counter.roundTrips,
            cost: contextValue.cost?.cost,
          };
        }
      },
    };
  },
};

export async function startApp(config: Config, log: Logger): Promise<App> {
  const database = await openDatabase(config, log);
  try {
    const db = database.orm;
    const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true }) : undefined;
    redis?.on('error', (error) => log('warn', 'redis', { error: error.message }));
    const limiters = createRateLimiters(config.rateLimit, redis);
    const metrics = new Metrics(db);
    const limits: QueryLimits = {
      maxDepth: config.maxDepth,
      maxCost: config.maxCost,
      maxAliases: config.maxAliases,
      maxDirectives: config.maxDirectives,
      maxTokens: config.maxTokens,
      maxNodes: config.maxNodes,
      maxQueryBytes: config.maxQueryBytes,
      defaultPageSize: config.defaultPageSize,
      maxPageSize: config.maxPageSize,
      defaultListSize: config.defaultPageSize,
    };
    const apollo = new ApolloServer<Context>({
      schema: apiSchema(),
      introspection: config.introspection,
      // Shutdown is ours (src/main.ts): drain HTTP, then the pool, then the embedded database.
      stopOnTerminationSignals: false,
      includeStacktraceInErrorResponses: !config.production,
      formatError: formatError(config.production, log),
      // Apollo's own messages ("Unexpected error processing request: …") as JSON lines, not console.error.
      logger: libraryLogger(log, 'apollo'),
      // The response cache's store: Redis (shared by all replicas) or a bounded LRU in memory.
      // A Redis that does not answer makes every lookup a miss, not a failed request.
      cache: redis
        ? new ErrorsAreMissesCache(new RedisKeyValueCache(redis, 'ig:cache:', { defaultTtlSeconds: Math.max(1, config.responseCacheSeconds), maxEntries: RESPONSE_CACHE_MAX_ENTRIES }))
        : 'bounded',
      // Automatic persisted queries: kept for a while and only so many, in a store of their own.
      persistedQueries: {
        ttl: config.persistedQueries.ttlSeconds,
        cache: redis
          ? new ErrorsAreMissesCache(new RedisKeyValueCache(redis, 'ig:apq:', { defaultTtlSeconds: config.persistedQueries.ttlSeconds, maxEntries: config.persistedQueries.maxEntries }))
          : new InMemoryLRUCache<string>({ max: config.persistedQueries.maxEntries }),
      },
      parseOptions: { maxTokens: limits.maxTokens },
      validationRules: limitRules(limits),
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        queryCost(limits, spendPoints(limiters)),
        reportRateLimit,
        metrics.plugin(),
        unavailableIs503,
        ...responseCache(config.responseCacheSeconds),
        ...(config.production ? [] : [statementCount]),
      ],
    });
    await apollo.start();
    const pageLimits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const shared = createSharedState();
    const server = createHttpServer({
      apollo,
      context: (request) => createContext(db, pageLimits, shared, request),
      trustProxy: config.trustProxy,
      maxQueryBytes: config.maxQueryBytes,
      admit: admitRequest(limiters),
      downloadPoints: config.rateLimit.exportPoints,
      sessions: {
        start: (key) => startSession(db, new SqlRunner(db), key, config.sessionHours),
        end: (value) => endSession(db, value),
      },
      corsOrigins: new Set(config.corsOrigins),
      webApp: new WebApp(config.webRoot),
      metrics,
      log,
      ready: async () => {
        await db.em.getKnex().raw('select 1');
        return true;
      },
      exports: exportRoutes(db, shared.network),
    });
    const port = await listen(server, config.port, config.host);
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      orm: db,
      stop: async () => {
        await drain(server);
        log('debug', 'HTTP server drained');
        await shared.network.close();
        await apollo.stop();
        redis?.disconnect();
        await database.close();
        log('debug', 'database closed');
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** Answers kept in Redis at most (Apollo's in-memory cache is bounded by size, 30 MiB). */
const RESPONSE_CACHE_MAX_ENTRIES = 50_000;

/**
 * How long in-flight requests may take to finish after SIGTERM. The rest of the stop
 * (closing the pool) fits in the 10 s that orchestrators commonly wait before SIGKILL.
 */
export const DRAIN_MS = 8_000;

/** Stops accepting connections and waits (at most DRAIN_MS) for in-flight requests to finish. */
function drain(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

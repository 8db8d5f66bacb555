import 'reflect-metadata';
import type http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Config } from './config';
import { SqlRunner } from './db/database';
import { openDatabase } from './db/open';
import { exportGraphml, exportHsds, exportOrganisationsCsv, networkFilterFromQuery } from './modules/analysis/exports';
import { Context, createContext, createSharedState } from './graph/context';
import Redis from 'ioredis';
import { RedisKeyValueCache, responseCache } from './graph/cache';
import { queryLimits } from './graph/limits';
import { createRateLimiters, reportRateLimit, spendPoints } from './graph/rate-limit';
import { apiSchema } from './graph/schema';
import { Metrics } from './http/observability';
import { createHttpServer, listen } from './http/server';
import type { Logger } from './log';

export interface App {
  url: string;
  port: number;
  orm: MikroORM;
  /** Drains in-flight requests, then closes the pool and stops the embedded database. */
  stop(): Promise<void>;
}

/** Error codes a client may see as they are; anything else is an internal error. */
/**
 * True for errors that mean the database cannot be reached right now (refused, reset,
 * shutting down, starting up): the request failed through no fault of the client's and can
 * be retried shortly.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; name?: string } | undefined;
  if (!e) return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(e.code ?? '')) return true;
  // A non-Error value thrown by the driver reaches us as "Unexpected error value: { … code: \"ECONNREFUSED\" … }".
  return /Connection terminated|Connection ended unexpectedly|ECONNREFUSED|ECONNRESET|the database system is (shutting down|starting up)|Knex: Timeout acquiring a connection/i.test(e.message ?? '');
}

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Unexpected errors are logged and, in production, reduced to a code: no stack, no SQL. */
function formatError(production: boolean, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Apollo refuses some requests (a persisted query whose hash does not match) with HTTP 400
    // but no code of its own; they are the client's mistake, not ours.
    const status = original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined)?.status : undefined;
    const unlabelled = original instanceof GraphQLError && !original.extensions?.code;
    const code = unlabelled && status && status >= 400 && status < 500 ? 'BAD_REQUEST' : String(formatted.extensions?.code ?? '');
    if (code === 'BAD_REQUEST') formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    if (isDatabaseUnavailable(original)) {
      log('warn', 'database unavailable', { path: formatted.path, ...describeForLog(original) });
      return {
        message: 'The database is not reachable at the moment; try again in a few seconds',
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
 * What the log may say about an unexpected error. Database errors carry the statement with
 * its values (a contact person's e-mail, say): of those only the kind, SQLSTATE, table and
 * constraint are logged, never the message.
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (error instanceof DriverException) {
    const e = error as DriverException & { table?: string; constraint?: string };
    return { error: error.name, sqlState: error.code, table: e.table, constraint: e.constraint };
  }
  if (error instanceof Error) return { error: error.name, message: error.message.split('\n')[0].slice(0, 200) };
  return { error: typeof error };
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
    const apollo = new ApolloServer<Context>({
      schema: apiSchema(),
      introspection: config.introspection,
      // Shutdown is ours (src/main.ts): drain HTTP, then the pool, then the embedded database.
      stopOnTerminationSignals: false,
      includeStacktraceInErrorResponses: !config.production,
      formatError: formatError(config.production, log),
      // Automatic persisted queries are on (Apollo's default); they and the response cache share this store.
      cache: redis ? new RedisKeyValueCache(redis) : 'bounded',
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        queryLimits(
          { maxDepth: config.maxDepth, maxCost: config.maxCost, maxAliases: config.maxAliases, defaultPageSize: config.defaultPageSize },
          spendPoints(limiters),
        ),
        reportRateLimit,
        metrics.plugin(),
        unavailableIs503,
        ...responseCache(config.responseCacheSeconds),
        ...(config.production ? [] : [statementCount]),
      ],
    });
    await apollo.start();
    const limits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const shared = createSharedState();
    const server = createHttpServer({
      apollo,
      context: (request) => createContext(db, limits, shared, request),
      trustProxy: config.trustProxy,
      metrics,
      log,
      ready: async () => {
        await db.em.getKnex().raw('select 1');
        return true;
      },
      exports: {
        'organisations.csv': (res, params) => exportOrganisationsCsv(new SqlRunner(db), res, { bom: params.get('bom') === '1' }),
        'hsds.json': (res) => exportHsds(new SqlRunner(db), res),
        'network.graphml': (res, params) => exportGraphml(new SqlRunner(db), shared.network, res, networkFilterFromQuery(params)),
      },
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

/** Stops accepting connections and waits (at most 10 s) for in-flight requests to finish. */
function drain(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

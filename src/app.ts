import 'reflect-metadata';
import type http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ErrorsAreMissesCache, InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { MikroORM } from '@mikro-orm/postgresql';
import Redis from 'ioredis';
import { apiSchema } from './api';
import type { Config } from './config';
import { SqlRunner } from './db/database';
import { READ_DATA_VERSION } from './db/data-version';
import { openDatabase } from './db/open';
import { isDatabaseUnavailable as databaseUnavailable } from './db/unavailable';
import { RedisKeyValueCache, responseCache, SharedVersionRead } from './graph/cache';
import { CountCache } from './graph/connection';
import { Context, createContext, leanRows, SharedState } from './graph/context';
import { formatError, unavailableIs503 } from './graph/error-policy';
import { limitRules, queryCost, QueryLimits } from './graph/limits';
import { admitRequest, createRateLimiters, reportRateLimit, spendPoints } from './graph/rate-limit';
import { Metrics } from './http/observability';
import { createHttpServer, listen } from './http/server';
import { WebApp } from './http/web-app';
import { libraryLogger, type Logger } from './log';
import { entities } from './modules';
import { exportRoutes } from './modules/analysis/exports';
import { monitoringDownloads } from './modules/monitoring/monitoring.export';
import { NetworkCache } from './modules/analysis/network.compute';
import { endSession, startSession } from './modules/auth/sessions';
import { viewerOfRequest } from './modules/auth/viewer';
import { Outbox } from './modules/webhook/webhook.worker';

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
  const database = await openDatabase(config, log, { entities });
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
        leanRows,
        ...responseCache(config.responseCacheSeconds),
        ...(config.production ? [] : [statementCount]),
      ],
    });
    await apollo.start();
    const pageLimits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const outbox = new Outbox(db, config.webhooks, log, metrics.registry);
    const shared: SharedState = { counts: new CountCache(READ_DATA_VERSION), versions: new SharedVersionRead(db), network: new NetworkCache(), outbox };
    const server = createHttpServer({
      apollo,
      context: (request) => createContext(db, pageLimits, shared, viewerOfRequest, request),
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
      exports: new Map([...exportRoutes(db, shared.network), ...monitoringDownloads(db)]),
    });
    const port = await listen(server, config.port, config.host);
    outbox.start();
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      orm: db,
      stop: async () => {
        // A delivery being sent is cut off (and sent again later) rather than waited for.
        await Promise.all([drain(server), outbox.stop()]);
        log('debug', 'HTTP server drained, webhook workers stopped');
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

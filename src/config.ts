import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseNetwork } from './modules/webhook/webhook.target';

/**
 * Every environment variable the server reads, parsed and validated in one place.
 * Nothing else in the code base reads `process.env`.
 */
export interface Config {
  /** HTTP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Connection URL of an existing PostgreSQL; unset means: start the embedded one. */
  databaseUrl?: string;
  /** Read replicas of DATABASE_URL (streaming replication): reads go there, writes to the primary. */
  replicaUrls: string[];
  /** Where the embedded PostgreSQL keeps its cluster. */
  dataDir: string;
  /** Port of the embedded PostgreSQL. */
  embeddedPort: number;
  production: boolean;
  /** Introspection stays on outside production; in production only when asked for. */
  introspection: boolean;
  /** Load the Wetzlar data set into an empty database at start-up. */
  seed: boolean;
  /** Largest page a connection field serves. */
  maxPageSize: number;
  defaultPageSize: number;
  /** Query limits: nesting depth, cost points (page sizes multiplied out), aliases, directives, tokens, fields, text length. */
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxNodes: number;
  maxQueryBytes: number;
  logLevel: 'silent' | 'info' | 'debug';
  /** Shared caches and rate limits across replicas; in memory when unset. */
  redisUrl?: string;
  rateLimit: { anonymousPoints: number; tokenPoints: number; windowSeconds: number; exportPoints: number };
  /** Proxies in front of the server that append to X-Forwarded-For (0: none; the socket's address counts). */
  trustProxy: number;
  /** Automatic persisted queries: how long a registered query text is kept, and how many at most. */
  persistedQueries: { ttlSeconds: number; maxEntries: number };
  /** Origins whose web pages may call the API from the browser (CORS); empty: none. */
  corsOrigins: string[];
  /** Where the built web app is (web/dist of this repository unless WEB_DIR says otherwise). */
  webRoot: string;
  /** How long a browser session lasts at most (never beyond its token's expiry). */
  sessionHours: number;
  /** How long anonymous answers stay in the response cache (0: no cache); writes invalidate at once anyway. */
  responseCacheSeconds: number;
  webhooks: WebhookConfig;
}

/** Delivery of the change feed to registered endpoints (src/modules/webhook). */
export interface WebhookConfig {
  /** Deliveries this replica sends at once (to different endpoints); 0: this replica sends none. */
  workers: number;
  /** How often an idle worker looks for due deliveries (writes on this replica wake it at once). */
  pollMs: number;
  /** How long a receiver may take to answer. */
  timeoutMs: number;
  /** The first retry comes after about this long; each next one after twice as long, at most `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a delivery is retried before it is parked as FAILED. */
  retryWindowSeconds: number;
  /** Networks (CIDRs) that may be targets although they are private or loopback (SSRF guard). */
  allowNetworks: string[];
  /** How long the record of a delivered or parked delivery is kept after its last attempt (pending ones are kept). */
  keepDays: number;
}

export class ConfigError extends Error {}

/** The repository: the folder above this module with a package.json (src/ under jest, dist/src/ when built). */
const PROJECT_ROOT = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'web'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
})();

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** CORS_ORIGINS: origins as browsers send them (scheme, host, port; no path), comma-separated. */
function origins(env: NodeJS.ProcessEnv): string[] {
  const list = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS must list origins like https://www.wetzlar.de (no path, no trailing slash), got "${origin}"`);
    }
  }
  return list;
}

/** TRUST_PROXY: the number of proxies in front; `true` (one) and `false` (none) as before. */
/** WEBHOOK_ALLOW_NETWORKS: CIDRs, comma-separated, e.g. "10.20.0.0/16,127.0.0.1/32". */
function networks(env: NodeJS.ProcessEnv): string[] {
  const list = (env.WEBHOOK_ALLOW_NETWORKS ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  for (const cidr of list) {
    if (!parseNetwork(cidr)) throw new ConfigError(`WEBHOOK_ALLOW_NETWORKS must list networks like 10.20.0.0/16 or 127.0.0.1/32, got "${cidr}"`);
  }
  return list;
}

function proxies(env: NodeJS.ProcessEnv): number {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '') return 0;
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  if (/^(false|no|off)$/i.test(raw)) return 0;
  return int(env, 'TRUST_PROXY', 0, 0, 10);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (env.REDIS_URL && !/^rediss?:\/\//.test(env.REDIS_URL)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const replicaUrls = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (replicaUrls.some((u) => !/^postgres(ql)?:\/\//.test(u))) throw new ConfigError('DATABASE_REPLICA_URLS must be postgres:// URLs, separated by commas');
  if (replicaUrls.length && !databaseUrl) throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary)');
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['silent', 'info', 'debug'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be silent, info or debug, got "${env.LOG_LEVEL}"`);
  }
  return {
    port: int(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    replicaUrls,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1),
    production,
    introspection: bool(env, 'INTROSPECTION', !production),
    seed: bool(env, 'SEED', true),
    maxPageSize: int(env, 'MAX_PAGE_SIZE', 100, 1, 10000),
    defaultPageSize: int(env, 'DEFAULT_PAGE_SIZE', 20, 1, 10000),
    maxDepth: int(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
    maxCost: int(env, 'MAX_QUERY_COST', 50_000, 1, 100_000_000),
    maxAliases: int(env, 'MAX_QUERY_ALIASES', 30, 0, 10_000),
    maxDirectives: int(env, 'MAX_QUERY_DIRECTIVES', 20, 0, 10_000),
    maxTokens: int(env, 'MAX_QUERY_TOKENS', 2_000, 10, 1_000_000),
    maxNodes: int(env, 'MAX_QUERY_NODES', 5_000, 1, 1_000_000),
    maxQueryBytes: int(env, 'MAX_QUERY_BYTES', 32 * 1024, 100, 256 * 1024),
    logLevel,
    redisUrl: env.REDIS_URL || undefined,
    rateLimit: {
      anonymousPoints: int(env, 'RATE_LIMIT_ANONYMOUS_POINTS', 1000, 1, 1_000_000_000),
      tokenPoints: int(env, 'RATE_LIMIT_TOKEN_POINTS', 5000, 1, 1_000_000_000),
      windowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
      exportPoints: int(env, 'RATE_LIMIT_EXPORT_POINTS', 100, 1, 1_000_000_000),
    },
    trustProxy: proxies(env),
    corsOrigins: origins(env),
    sessionHours: int(env, 'SESSION_HOURS', 12, 1, 24 * 30),
    webRoot: path.resolve(env.WEB_DIR || path.join(PROJECT_ROOT, 'web', 'dist')),
    persistedQueries: {
      ttlSeconds: int(env, 'APQ_TTL_SECONDS', 86_400, 1, 30 * 86_400),
      maxEntries: int(env, 'APQ_MAX_ENTRIES', 10_000, 1, 10_000_000),
    },
    responseCacheSeconds: int(env, 'RESPONSE_CACHE_SECONDS', 300, 0, 86_400),
    webhooks: {
      workers: int(env, 'WEBHOOK_WORKERS', 2, 0, 16),
      pollMs: int(env, 'WEBHOOK_POLL_MS', 1_000, 10, 60_000),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      retryBaseMs: int(env, 'WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
      retryMaxMs: int(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
      retryWindowSeconds: int(env, 'WEBHOOK_RETRY_WINDOW_SECONDS', 86_400, 1, 30 * 86_400),
      allowNetworks: networks(env),
      keepDays: int(env, 'WEBHOOK_KEEP_DAYS', 30, 1, 3650),
    },
  };
}

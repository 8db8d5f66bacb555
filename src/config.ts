import path from 'node:path';

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
  /** Query limits: nesting depth, cost points (page sizes multiplied out), aliases. */
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  logLevel: 'silent' | 'info' | 'debug';
  /** Shared caches and rate limits across replicas; in memory when unset. */
  redisUrl?: string;
  rateLimit: { anonymousPoints: number; tokenPoints: number; windowSeconds: number };
  trustProxy: boolean;
  /** How long anonymous answers stay in the response cache (0: no cache); writes invalidate at once anyway. */
  responseCacheSeconds: number;
}

export class ConfigError extends Error {}

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
    logLevel,
    redisUrl: env.REDIS_URL || undefined,
    rateLimit: {
      anonymousPoints: int(env, 'RATE_LIMIT_ANONYMOUS_POINTS', 1000, 1, 1_000_000_000),
      tokenPoints: int(env, 'RATE_LIMIT_TOKEN_POINTS', 5000, 1, 1_000_000_000),
      windowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    },
    trustProxy: bool(env, 'TRUST_PROXY', false),
    responseCacheSeconds: int(env, 'RESPONSE_CACHE_SECONDS', 300, 0, 86_400),
  };
}

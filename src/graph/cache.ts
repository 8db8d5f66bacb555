import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type Redis from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SqlRunner, type StatementCounter } from '../db/database';
import { READ_DATA_VERSION } from '../db/data-version';
import type { Context } from './context';

/*
 * The response cache and automatic persisted queries keep their entries in Redis when
 * REDIS_URL is set (every replica sees the same entries), else in Apollo's in-memory LRU.
 *
 * Anonymous answers are cached whole. Their key holds the data version, which every write
 * moves on in its own transaction, so a write makes every earlier answer unreachable at once,
 * on every replica: nothing is served stale, and no entry has to be hunted down. Answers with
 * a token are never cached (they may hold personal data), and no HTTP caching headers are
 * sent, so browsers and proxies do not keep answers beyond a write either.
 */

/**
 * Apollo's KeyValueCache on Redis (ioredis). Every entry expires (a TTL of its own, else
 * `defaultTtlSeconds`): this Redis also holds the rate limits, and anonymous clients must
 * not be able to fill it. With `maxEntries`, the oldest entries beyond that number are
 * dropped as new ones come in (an index of the keys by time, kept in the same script).
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly index: string;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: { defaultTtlSeconds: number; maxEntries?: number },
  ) {
    this.index = `${prefix}__index`;
    if (!('igSetCapped' in redis)) redis.defineCommand('igSetCapped', { numberOfKeys: 2, lua: SET_CAPPED });
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = Math.max(1, Math.round(options?.ttl || this.options.defaultTtlSeconds));
    if (!this.options.maxEntries) {
      await this.redis.set(this.prefix + key, value, 'EX', ttl);
      return;
    }
    await (this.redis as Redis & { igSetCapped(...args: (string | number)[]): Promise<unknown> }).igSetCapped(
      this.prefix + key, this.index, value, ttl, Date.now(), this.options.maxEntries,
    );
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}

/**
 * SET with expiry, then the key into the index (scored by time); entries whose time is up
 * leave the index, and beyond ARGV[4] entries the oldest go, key and all. One script, so
 * replicas of the server writing at once keep the count.
 */
const SET_CAPPED = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local now = tonumber(ARGV[3])
redis.call('ZADD', KEYS[2], now, KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]) * 1000)
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]) * 1000)
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  redis.call('DEL', unpack(oldest))
end
return excess
`;

/**
 * The data version read once for all the requests that ask for it in the same turn of the
 * event loop: under load, many cached answers wait on one statement instead of one each.
 * Still exact: the statement is sent after every request of the batch has arrived (at the
 * turn's end), so it sees every write that committed before any of them came in, on any
 * replica of the server. A later request opens a new batch.
 */
export class SharedVersionRead {
  private batch?: Promise<string>;

  constructor(private readonly orm: MikroORM) {}

  /** The current data version; `counter` counts the statement when this request sends it. */
  read(counter: StatementCounter): Promise<string> {
    if (this.batch) return this.batch;
    const sql = new SqlRunner(this.orm, counter);
    const batch = sql.query<{ version: string }>(READ_DATA_VERSION, [], { primary: true }).then(([row]) => row.version);
    this.batch = batch;
    // Queued after the runner's own flush, so it runs in the same turn, right after the
    // statement left: no request can join a read sent before it arrived.
    setImmediate(() => {
      if (this.batch === batch) this.batch = undefined;
    });
    return batch;
  }
}

/**
 * The data version that keys a request's cached answer, read from the primary. When the
 * request reads from a replica that has not caught up with that version, it reads from the
 * primary instead: an answer is never older than the version it is cached under.
 */
export async function answerVersion(sql: SqlRunner, versions: SharedVersionRead): Promise<string> {
  const primary = versions.read(sql.counter);
  if (!sql.readsFromReplica) return primary;
  const [version, [replica]] = await Promise.all([primary, sql.query<{ version: string }>(READ_DATA_VERSION)]);
  if (replica?.version !== version) sql.usePrimary();
  return version;
}

/** The response cache's plugins; none (and no cache hints) when `maxAgeSeconds` is 0. */
export function responseCache(maxAgeSeconds: number): ApolloServerPlugin<Context>[] {
  // Without the response cache nothing reads cache hints: Apollo's default cache-control
  // plugin would still wrap every field of every answer to compute them.
  if (maxAgeSeconds <= 0) return [ApolloServerPluginCacheControlDisabled()];
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: maxAgeSeconds, calculateHttpHeaders: false }),
    responseCachePlugin<Context>({
      // Runs first. Only anonymous answers are cached, and only when the data version that
      // keys them could be read: while the database is down the resolvers answer
      // SERVICE_UNAVAILABLE themselves, rather than this hook failing the request.
      extraCacheKeyData: async ({ contextValue }) => {
        if (contextValue.viewer === null) contextValue.answerVersion = await answerVersion(contextValue.sql, contextValue.shared.versions).catch(() => undefined);
        return { dataVersion: contextValue.answerVersion ?? null };
      },
      shouldReadFromCache: async ({ contextValue }) => contextValue.answerVersion !== undefined,
      shouldWriteToCache: async ({ contextValue }) => contextValue.answerVersion !== undefined,
    }),
  ];
}

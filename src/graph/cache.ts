import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type Redis from 'ioredis';
import { READ_DATA_VERSION } from '../modules/analysis/data-version.entity';
import type { Context } from './context';

/*
 * Response cache and automatic persisted queries share one key-value store: Redis when
 * REDIS_URL is set (every replica sees the same entries), else Apollo's in-memory LRU.
 *
 * Anonymous answers are cached whole. Their key holds the data version, which every write
 * moves on in its own transaction, so a write makes every earlier answer unreachable at once,
 * on every replica: nothing is served stale, and no entry has to be hunted down. Answers with
 * a token are never cached (they may hold personal data), and no HTTP caching headers are
 * sent, so browsers and proxies do not keep answers beyond a write either.
 */

/** Apollo's KeyValueCache on Redis (ioredis); keys are prefixed, TTLs in seconds. */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ig:cache:',
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.round(options.ttl)));
    else await this.redis.set(this.prefix + key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}

/** The response cache's plugins; none (and no cache hints) when `maxAgeSeconds` is 0. */
export function responseCache(maxAgeSeconds: number): ApolloServerPlugin<Context>[] {
  // Without the response cache nothing reads cache hints: Apollo's default cache-control
  // plugin would still wrap every field of every answer to compute them.
  if (maxAgeSeconds <= 0) return [ApolloServerPluginCacheControlDisabled()];
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: maxAgeSeconds, calculateHttpHeaders: false }),
    responseCachePlugin<Context>({
      shouldReadFromCache: async ({ contextValue }) => contextValue.viewer === null,
      shouldWriteToCache: async ({ contextValue }) => contextValue.viewer === null,
      extraCacheKeyData: async ({ contextValue }) => {
        const [{ version }] = await contextValue.sql.query<{ version: string }>(READ_DATA_VERSION, [], { primary: true });
        return { dataVersion: version };
      },
    }),
  ];
}

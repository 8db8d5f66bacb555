import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Context } from './context';

/*
 * Rate limits by cost, as GitHub's GraphQL API does: each request spends points (its query
 * cost divided by 100, at least one) from a budget per window, per token or, for anonymous
 * clients, per client address. Every answer reports the budget in `extensions.rateLimit`;
 * an exhausted budget is RATE_LIMITED with HTTP 429 and Retry-After. With REDIS_URL the
 * budgets live in Redis and all replicas share them.
 */

export interface RateLimitConfig {
  /** Points per window for anonymous clients, per address. */
  anonymousPoints: number;
  /** Points per window per token. */
  tokenPoints: number;
  windowSeconds: number;
}

export interface RateLimiters {
  anonymous: RateLimiterAbstract;
  token: RateLimiterAbstract;
  config: RateLimitConfig;
}

export function createRateLimiters(config: RateLimitConfig, redis?: Redis): RateLimiters {
  const make = (points: number, keyPrefix: string) => {
    const memory = new RateLimiterMemory({ points, duration: config.windowSeconds, keyPrefix });
    // While Redis is unreachable, each replica limits on its own rather than refusing everyone.
    return redis
      ? new RateLimiterRedis({ storeClient: redis, points, duration: config.windowSeconds, keyPrefix, insuranceLimiter: memory })
      : memory;
  };
  return { anonymous: make(config.anonymousPoints, 'ig:rl:anon'), token: make(config.tokenPoints, 'ig:rl:token'), config };
}

/** Points a request costs: its query cost per hundred, at least one. */
export const pointsFor = (cost: number | undefined) => Math.max(1, Math.ceil((cost ?? 1) / 100));

/** Spends the request's points (call when its cost is known); throws RATE_LIMITED when none are left. */
export function spendPoints(limiters: RateLimiters) {
  return async (ctx: Context, response: { http: { status?: number; headers: Map<string, string> } }): Promise<void> => {
    const byToken = ctx.viewer !== null;
    const limiter = byToken ? limiters.token : limiters.anonymous;
    const key = byToken ? ctx.viewer!.tokenId : ctx.clientAddress;
    const limit = byToken ? limiters.config.tokenPoints : limiters.config.anonymousPoints;
    const cost = pointsFor(ctx.cost?.cost);
    try {
      const res = await limiter.consume(key, cost);
      ctx.rateLimit = { limit, cost, remaining: res.remainingPoints, resetAt: new Date(Date.now() + res.msBeforeNext).toISOString() };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection; // the store failed: that is an internal error
      const retryAfter = Math.ceil(rejection.msBeforeNext / 1000);
      ctx.rateLimit = { limit, cost, remaining: Math.max(0, rejection.remainingPoints), resetAt: new Date(Date.now() + rejection.msBeforeNext).toISOString() };
      response.http.status = 429;
      response.http.headers.set('retry-after', String(retryAfter));
      throw new GraphQLError(`Rate limit exceeded: this request costs ${cost} points and ${ctx.rateLimit.remaining} of ${limit} are left; try again in ${retryAfter} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429 } },
      });
    }
  };
}

/** Reports the budget in every answer's `extensions.rateLimit`. */
export const reportRateLimit: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.rateLimit && response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, rateLimit: contextValue.rateLimit };
        }
      },
    };
  },
};

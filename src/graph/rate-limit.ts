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
  /** Points one download under /export/ spends from the client address's budget. */
  exportPoints: number;
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

interface Spent {
  allowed: boolean;
  remaining: number;
  msBeforeNext: number;
}

/** Takes points from a budget; `allowed` is false (and nothing is taken) when too few are left. */
async function take(limiter: RateLimiterAbstract, key: string, points: number): Promise<Spent> {
  try {
    const res = await limiter.consume(key, points);
    return { allowed: true, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection; // the store failed: that is an internal error
    // The limiter counted the refused points all the same: give them back, so that a refused
    // download of 100 points does not also eat the 50 a few small queries could still use.
    const back = await limiter.reward(key, points);
    return { allowed: false, remaining: Math.max(0, back.remainingPoints), msBeforeNext: rejection.msBeforeNext };
  }
}

const refusal = (points: number, remaining: number, limit: number, retryAfter: number) =>
  `Rate limit exceeded: this request costs ${points} points and ${remaining} of ${limit} are left; try again in ${retryAfter} s`;

/** Spends the request's points (call when its cost is known); throws RATE_LIMITED when none are left. */
export function spendPoints(limiters: RateLimiters) {
  return async (ctx: Context, response: { http: { status?: number; headers: Map<string, string> } }): Promise<void> => {
    const byToken = ctx.viewer !== null;
    const limiter = byToken ? limiters.token : limiters.anonymous;
    const key = byToken ? ctx.viewer!.tokenId : ctx.clientAddress;
    const limit = byToken ? limiters.config.tokenPoints : limiters.config.anonymousPoints;
    const cost = pointsFor(ctx.cost?.cost);
    const spent = await take(limiter, key, cost);
    ctx.rateLimit = { limit, cost, remaining: spent.remaining, resetAt: new Date(Date.now() + spent.msBeforeNext).toISOString() };
    if (spent.allowed) return;
    const retryAfter = Math.ceil(spent.msBeforeNext / 1000);
    response.http.status = 429;
    response.http.headers.set('retry-after', String(retryAfter));
    throw new GraphQLError(refusal(cost, spent.remaining, limit, retryAfter), {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429 } },
    });
  };
}

/** What a request outside GraphQL (a download, a sign-in) is refused with when its budget is spent. */
export interface Refusal {
  retryAfterSeconds: number;
  message: string;
}

/** Charges a request outside GraphQL to its client address's budget; the refusal, or null. */
export function admitRequest(limiters: RateLimiters) {
  return async (clientAddress: string, points: number): Promise<Refusal | null> => {
    const limit = limiters.config.anonymousPoints;
    const spent = await take(limiters.anonymous, clientAddress, points);
    if (spent.allowed) return null;
    const retryAfterSeconds = Math.ceil(spent.msBeforeNext / 1000);
    return { retryAfterSeconds, message: refusal(points, spent.remaining, limit, retryAfterSeconds) };
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

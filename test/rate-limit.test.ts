import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/** Budgets of points per window, per client address and per token; GitHub-style reporting. */
describe('in memory (one server)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_ANONYMOUS_POINTS: '5', RATE_LIMIT_TOKEN_POINTS: '3', RATE_LIMIT_WINDOW_SECONDS: '600' } });
  });
  afterAll(() => server.stop());

  test('every answer reports the budget; the sixth point is RATE_LIMITED with 429 and Retry-After', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await server.gql(`{ fieldsOfAction { code } }`);
      expect(response.errors).toBeUndefined();
      expect(response.extensions?.rateLimit).toMatchObject({ limit: 5, cost: 1 });
      seen.push(response.extensions!.rateLimit.remaining);
    }
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    const res = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ fieldsOfAction { code } }' }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.data).toBeUndefined();
  });

  test('a token has a budget of its own, and a costly query spends more of it', async () => {
    const token = await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['vhs'] });
    const headers = bearer(token);
    // organisations(first: 100) { nodes { name } } costs 1 + 100 × 2 = 201: three points.
    const costly = await server.gql(`{ organisations(first: 100) { nodes { name } } }`, {}, headers);
    expect(costly.errors).toBeUndefined();
    expect(costly.extensions?.rateLimit).toMatchObject({ limit: 3, cost: 3, remaining: 0 });
    const refused = await server.gql(`{ viewer { name } }`, {}, headers);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  test('the health checks are not limited', async () => {
    expect((await fetch(`${server.base}/health/ready`)).status).toBe(200);
  });
});

// Redis is optional for the project; where REDIS_URL names one (CI, the development machines),
// two servers must share one budget.
const withRedis = process.env.REDIS_URL ? describe : describe.skip;
withRedis('in Redis (two servers, one budget)', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: process.env.REDIS_URL!, RATE_LIMIT_ANONYMOUS_POINTS: '4', RATE_LIMIT_WINDOW_SECONDS: '600', TRUST_PROXY: 'true' };
    a = await startTestServer({ env });
    b = await startTestServer({ env });
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  test('points spent on one server are gone on the other', async () => {
    // A client address of its own (the right-most hop, as the one trusted proxy saw it; an IPv6
    // /64 of its own), so that other runs on the same Redis do not share the budget.
    const headers = { 'x-forwarded-for': `198.51.100.1, 2001:db8:${Date.now().toString(16).slice(-4)}:${process.pid.toString(16)}::1` };
    expect(ok(await a.gql(`{ fieldsOfAction { code } }`, {}, headers)).fieldsOfAction).toHaveLength(5);
    expect(ok(await a.gql(`{ fieldsOfAction { code } }`, {}, headers)).fieldsOfAction).toHaveLength(5);
    const third = await b.gql(`{ fieldsOfAction { code } }`, {}, headers);
    expect(third.extensions?.rateLimit).toMatchObject({ limit: 4, remaining: 1 });
    await b.gql(`{ fieldsOfAction { code } }`, {}, headers);
    const fifth = await a.gql(`{ fieldsOfAction { code } }`, {}, headers);
    expect(fifth.status).toBe(429);
  });
});

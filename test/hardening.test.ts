import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FragmentDefinitionNode, GraphQLResolveInfo, Kind, OperationDefinitionNode, FieldNode, parse } from 'graphql';
import { App, startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { pageRequest } from '../src/graph/connection';
import { toGlobalId } from '../src/graph/node';
import { clientAddress, rateLimitKey } from '../src/http/server';
import { createLogger } from '../src/log';
import { createTestDatabase, TestDatabase } from './support/database';
import { ok, postGraphQL, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';
import { sleep } from './support/wait';

/*
 * The findings of the security review (issue "Hardening"), one test each, against the real
 * server: each failed on the code before the fix. Finding 6 (CSV formulas) is tested with
 * the exports in analysis-exports.test.ts, finding 9 (a database restart) in resilience.test.ts.
 */

/** `query { ...F1 } fragment F1 on Query { ...F2 ...F2 } … fragment Fn on Query { leaf }`. */
const doublingChain = (n: number, leaf: string, on = 'Query', root = '...F1') =>
  `query { ${root} } ` +
  Array.from({ length: n }, (_, i) => (i + 1 === n ? `fragment F${n} on ${on} { ${leaf} }` : `fragment F${i + 1} on ${on} { ...F${i + 2} ...F${i + 2} }`)).join(' ');

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

describe('in production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => server.stop());

  test('1. a chain of 30 fragments, each spreading the next twice, is refused at once and never holds the event loop', async () => {
    // The longest stall of two rounds, the shorter one counting: an exponential walk stalls
    // every round for seconds, while a busy shared machine (the test suite's other workers,
    // PostgreSQL) may now and then stall one round by itself.
    const stalls: number[] = [];
    for (let round = 0; round < 2; round++) {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      for (const [n, leaf] of [[24, '__typename'], [30, '__typename'], [30, 'organisations { totalCount }']] as const) {
        const { ms, result } = await timed(() => server.gql(doublingChain(n, leaf)));
        expect(ms).toBeLessThan(1000);
        expect(result.status).toBe(400);
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxNodes: 5000 });
      }
      // The same inside a connection: the walk that decides whether to count (`totalCount`) is linear too.
      const inConnection = await timed(() => server.gql(doublingChain(30, 'totalCount', 'OrganisationConnection', 'organisations { ...F1 }')));
      expect(inConnection.ms).toBeLessThan(1000);
      expect(inConnection.result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      delay.disable();
      stalls.push(delay.max / 1e6);
    }
    expect(Math.min(...stalls)).toBeLessThan(100);
  });

  test('1. whether a connection selects totalCount is found by looking into each fragment once', () => {
    // Forty fragments, each spreading the next twice, none selecting totalCount: 2^40 visits without memory.
    const document = parse(doublingChain(40, 'nodes { name }', 'OrganisationConnection', 'organisations { ...F1 }'));
    const operation = document.definitions[0] as OperationDefinitionNode;
    const fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    const info = { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
    const started = performance.now();
    expect(pageRequest({ first: 5 }, info).withTotal).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });

  test('2. a fragment fan-out of a costly page is refused, not run in full for one point', async () => {
    // Four fragments, each spreading the next ten times: 10,000 copies of the page, past the
    // 10,000 nodes at which graphql-query-complexity gave up (and the request ran, for one point).
    const fanOut =
      `query { ...A } fragment A on Query { ${Array(10).fill('...B').join(' ')} } fragment B on Query { ${Array(10).fill('...C').join(' ')} } ` +
      `fragment C on Query { ${Array(10).fill('...D').join(' ')} } fragment D on Query { ${Array(10).fill('...E').join(' ')} } ` +
      `fragment E on Query { organisations(first: 100) { nodes { forums(first: 100) { nodes { members(first: 100) { nodes { name } } } } } } }`;
    const { ms, result } = await timed(() => server.gql(fanOut));
    expect(ms).toBeLessThan(1000);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.data).toBeUndefined();
    // With the fragment spread once it is still too dear: the cost walk follows fragments too.
    const once = await server.gql(`query { ...E } fragment E on Query { organisations(first: 100) { nodes { forums(first: 100) { nodes { members(first: 100) { nodes { name } } } } } } }`);
    expect(once.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 50000 });
  });

  test('2. lists cost per item: ids, filter values, coverage cells, network nodes and edges', async () => {
    const dev = await startTestServer();
    try {
      const costOf = async (query: string, variables?: Record<string, unknown>) => {
        const response = await dev.gql(query, variables);
        expect(response.errors?.filter((e) => e.extensions?.code !== 'BAD_USER_INPUT')).toBeFalsy();
        return response.extensions!.cost as number;
      };
      const { forums } = ok(await dev.gql(`{ forums { nodes { id } } }`));
      const ids: string[] = forums.nodes.map((f: { id: string }) => f.id);
      const nodes = `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Forum { name members(first: 10) { nodes { name } } } } }`;
      const one = await costOf(nodes, { ids: ids.slice(0, 1) });
      const five = await costOf(nodes, { ids });
      // Each id costs its item: one point for the id itself, and the forum with its ten members.
      expect(five - one).toBe(4 * (1 + (one - 2)));
      const kinds = await costOf(`{ organisations(filter: { kinds: [SCHOOL, CHURCH, CHAMBER] }) { totalCount } }`);
      expect(kinds - (await costOf(`{ organisations { totalCount } }`))).toBe(3);
      // 5 rows × one cell per kind × a page of 10 organisations.
      expect(await costOf(`{ coverage { rows { cells { organisations(first: 10) { nodes { name } } } } } }`)).toBeGreaterThan(5 * 20 * 10);
      // network(first: 100): a hundred nodes; edges: a page of 500 by default.
      expect(await costOf(`{ network(first: 100) { nodes { degree } } }`)).toBeGreaterThanOrEqual(100);
      expect(await costOf(`{ network(first: 10) { edges { weight } } }`)).toBeGreaterThanOrEqual(500);
      // Thirty filtered networks cost thirty times one.
      const single = await costOf(`{ network(first: 100, filter: { kinds: [SCHOOL] }) { nodes { degree } } }`);
      const thirty = await costOf(`{ ${Array.from({ length: 30 }, (_, i) => `n${i}: network(first: 100, filter: { kinds: [SCHOOL] }) { nodes { degree } }`).join(' ')} }`);
      expect(thirty).toBeGreaterThanOrEqual(30 * single);
    } finally {
      await dev.stop();
    }
  });

  test('3. an export named like an Object.prototype key is a 404 at once', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const { ms, result } = await timed(async () => {
        const res = await fetch(`${server.base}/export/${name}`, { signal: AbortSignal.timeout(2000) });
        return { status: res.status, body: (await res.json()) as { error: string } };
      });
      expect(ms).toBeLessThan(1000);
      expect(result).toEqual({ status: 404, body: expect.objectContaining({ error: 'not found' }) });
    }
  });

  test('found since: unknown download paths do not each become a metric label (memory that grows with every request)', async () => {
    for (let i = 0; i < 20; i++) expect((await fetch(`${server.base}/export/junk-${i}`)).status).toBe(404);
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toContain('route="/export/unknown"');
    expect(metrics).not.toContain('junk-');
  });

  test('found since: a body nested thousands of levels deep is refused, not a stack overflow', async () => {
    const nested = '['.repeat(50_000) + ']'.repeat(50_000);
    const res = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query":"query ($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${nested}}}` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0]).toMatchObject({ message: expect.stringContaining('nests deeper than 32 levels'), extensions: { code: 'BAD_REQUEST' } });
    // More than 50 bad variable values: graphql-js gives up with an error of no code; still the client's input.
    const many = await server.gql(`query ($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }`, { f: { kinds: Array(200).fill(1) } });
    expect(many.status).toBe(400);
    expect(new Set(many.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  test('1. documents past the token and size limits are refused before they are parsed in full', async () => {
    const wide = await server.gql(`{ ${Array(2100).fill('__typename').join(' ')} }`);
    expect(wide.status).toBe(400);
    expect(wide.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxTokens: 2000 });
    const long = await server.gql(`{ organisation(slug: "${'x'.repeat(40_000)}") { name } }`);
    expect(long.status).toBe(400);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxBytes: 32768 });
  });
});

describe('4. downloads spend rate-limit points, like queries', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_ANONYMOUS_POINTS: '250', RATE_LIMIT_EXPORT_POINTS: '100', RATE_LIMIT_WINDOW_SECONDS: '600' } });
  });
  afterAll(() => server.stop());

  test('two downloads of 100 points fit a budget of 250; the third is RATE_LIMITED, and queries see what is left', async () => {
    expect((await fetch(`${server.base}/export/organisations.csv`)).status).toBe(200);
    expect((await fetch(`${server.base}/export/hsds.json`)).status).toBe(200);
    const third = await fetch(`${server.base}/export/network.graphml`);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    const query = await server.gql(`{ fieldsOfAction { code } }`);
    expect(query.extensions?.rateLimit).toMatchObject({ limit: 250, remaining: 49 });
  });
});

describe('5. the client address behind proxies', () => {
  test('the right-most untrusted hop of X-Forwarded-For; what the client wrote left of it does not count', () => {
    const xff = '198.51.100.1, 203.0.113.7, 10.0.0.2';
    expect(clientAddress('10.0.0.1', xff, 0)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', xff, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.1', xff, 2)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.1', 'evil, 203.0.113.7', 1)).toBe('203.0.113.7');
    // Fewer hops than proxies: the left-most there is; a hop that is no address: the proxy's own.
    expect(clientAddress('10.0.0.1', '203.0.113.7', 3)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.1', 'unknown', 1)).toBe('10.0.0.1');
    expect(clientAddress('::ffff:192.0.2.4', undefined, 1)).toBe('192.0.2.4');
  });

  test('IPv6 clients are keyed by their /64', () => {
    expect(rateLimitKey('2001:db8:1:2::a')).toBe(rateLimitKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(rateLimitKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:0db8:0001:0002:0:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:3::a')).not.toBe(rateLimitKey('2001:db8:1:2::a'));
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  test('a client cannot get fresh budgets by writing X-Forwarded-For or by changing the last 64 bits of its IPv6 address', async () => {
    const server = await startTestServer({ env: { TRUST_PROXY: '1', RATE_LIMIT_ANONYMOUS_POINTS: '3', RATE_LIMIT_WINDOW_SECONDS: '600' } });
    try {
      const ask = (xff: string) => server.gql(`{ fieldsOfAction { code } }`, {}, { 'x-forwarded-for': xff });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await ask(`192.0.2.${i}, 203.0.113.9`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const v6 = [];
      for (let i = 0; i < 4; i++) v6.push((await ask(`2001:db8:5:6::${i + 1}`)).status);
      expect(v6).toEqual([200, 200, 200, 429]);
      expect((await ask('2001:db8:5:7::1')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('7. persisted queries expire and are capped', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });
  const register = (url: string, query: string) => postGraphQL(url, { query, extensions: persisted(query) });
  const byHash = (url: string, query: string) => postGraphQL(url, { extensions: persisted(query) });

  test.each([['in memory', {}], ...(process.env.REDIS_URL ? [['in Redis', { REDIS_URL: process.env.REDIS_URL }]] : [])] as [string, Record<string, string>][])(
    '%s: after APQ_TTL_SECONDS a hash is unknown again, and beyond APQ_MAX_ENTRIES the oldest goes',
    async (_where, env) => {
      const server = await startTestServer({ env: { ...env, APQ_TTL_SECONDS: '1', APQ_MAX_ENTRIES: '2' } });
      try {
        // Texts of their own, so that runs sharing one Redis do not meet.
        const run = `${process.pid}-${Date.now()}`;
        const q = (i: number) => `{ fieldsOfAction { code } q${i}: fieldOfAction(code: "${run}-${i}") { code } }`;
        ok(await register(server.app.url, q(1)));
        expect(ok(await byHash(server.app.url, q(1))).fieldsOfAction).toHaveLength(5);
        ok(await register(server.app.url, q(2)));
        ok(await register(server.app.url, q(3)));
        expect((await byHash(server.app.url, q(1))).errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
        expect(ok(await byHash(server.app.url, q(3))).fieldsOfAction).toHaveLength(5);
        await sleep(1500);
        expect((await byHash(server.app.url, q(3))).errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      } finally {
        await server.stop();
      }
    },
  );

  (process.env.REDIS_URL ? test : test.skip)('in Redis every entry of the response cache and of persisted queries has an expiry', async () => {
    const { default: Redis } = await import('ioredis');
    const redis = new Redis(process.env.REDIS_URL!);
    const server = await startTestServer({ env: { REDIS_URL: process.env.REDIS_URL! } });
    const ours = async () => [...(await redis.keys('ig:cache:*')), ...(await redis.keys('ig:apq:*'))];
    // Only the keys this test makes: a shared Redis may hold others, of other versions.
    const before = new Set(await ours());
    try {
      const query = `{ fieldsOfAction { code name } marker: fieldOfAction(code: "ttl-${process.pid}-${Date.now()}") { code } }`;
      ok(await register(server.app.url, query));
      ok(await server.gql(query));
      const keys = (await ours()).filter((k) => !before.has(k));
      expect(keys.length).toBeGreaterThan(1);
      const ttls = await Promise.all(keys.map((k) => redis.ttl(k)));
      // -1 would be a key without expiry (-2: gone meanwhile).
      expect(ttls.filter((t) => t === -1)).toEqual([]);
      expect(Math.max(...ttls)).toBeLessThanOrEqual(86_400);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });
});

describe('8. with a lagging read replica, no answer is cached as current that is older than the data version', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let app: App;
  beforeAll(async () => {
    // The "replica": a database of its own with the same data, brought up to date by the test itself,
    // so it lags exactly as long as the test wants.
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await catchUp();
    app = await startApp(
      loadConfig({ DATABASE_URL: primary.url, DATABASE_REPLICA_URLS: replica.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED: 'false', RATE_LIMIT_ANONYMOUS_POINTS: '100000' }),
      createLogger('silent'),
    );
  });
  afterAll(async () => {
    await app?.stop();
    await Promise.all([primary?.drop(), replica?.drop()]);
  });

  /** What streaming replication would do: the replica gets the primary's description and data version. */
  async function catchUp() {
    const [{ description }] = await primary.query<{ description: string }>(`select description from organisation where slug = 'vhs'`);
    const [{ version, stamp }] = await primary.query<{ version: string; stamp: string }>('select version::text, stamp::text from data_version');
    await replica.query(`update organisation set description = ? where slug = 'vhs'`, [description]);
    await replica.query('update data_version set version = ?::bigint, stamp = ?::uuid', [version, stamp]);
  }

  test('an anonymous read right after a write shows the write, and so does the cached answer after the replica caught up', async () => {
    const token = await issueTestToken(primary, Role.COORDINATOR);
    const query = `{ organisation(slug: "vhs") { description } }`;
    expect(ok(await postGraphQL(app.url, { query })).organisation.description).not.toBe('Nach dem Schreiben');
    // Its id and version as the primary has them (the two databases were seeded apart: ids differ).
    const [organisation] = await primary.query<{ id: string; version: number }>(`select id, version from organisation where slug = 'vhs'`);
    const written = ok(
      await postGraphQL(
        app.url,
        {
          query: `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { userErrors { code } } }`,
          variables: { input: { id: toGlobalId('Organisation', organisation.id), expectedVersion: organisation.version, patch: { description: 'Nach dem Schreiben' } } },
        },
        bearer(token),
      ),
    );
    expect(written.updateOrganisation.userErrors).toEqual([]);
    // The replica lags: the answer comes from the primary.
    expect(ok(await postGraphQL(app.url, { query })).organisation.description).toBe('Nach dem Schreiben');
    await catchUp();
    // Served from the cache now, and still current.
    const cached = await postGraphQL(app.url, { query });
    expect(ok(cached).organisation.description).toBe('Nach dem Schreiben');
    expect(cached.extensions?.sqlStatements).toBeLessThanOrEqual(2);
  });
});

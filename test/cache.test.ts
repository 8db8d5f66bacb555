import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { StatementCounter } from '../src/db/database';
import { SharedVersionRead } from '../src/graph/cache';
import { bumpDataVersion, createTestDatabase, TestDatabase } from './support/database';
import { freePort } from './support/ports';
import { ok, postGraphQL, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';
import { sleep } from './support/wait';

/** The response cache and persisted queries: fast for anonymous reads, never stale after a write. */
const QUERY = `{ organisation(slug: "vhs") { name description } }`;
const UPDATE = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { description } userErrors { code } } }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function describeVhs(url: string, token: string, description: string) {
  const headers = bearer(token);
  const { organisation } = ok(await postGraphQL(url, { query: `{ organisation(slug: "vhs") { id version } }` }, headers));
  const result = ok(await postGraphQL(url, { query: UPDATE, variables: { input: { id: organisation.id, expectedVersion: organisation.version, patch: { description } } } }, headers));
  expect(result.updateOrganisation.userErrors).toEqual([]);
}

describe('one server, in memory', () => {
  let server: TestServer;
  let coordinator: string;
  beforeAll(async () => {
    server = await startTestServer();
    coordinator = await issueTestToken(server.db, Role.COORDINATOR);
  });
  afterAll(() => server.stop());

  test('an anonymous answer is served from the cache the second time: one statement (the data version, shared with the requests of the same turn)', async () => {
    const first = await server.gql(QUERY);
    const second = await server.gql(QUERY);
    expect(second.data).toEqual(first.data);
    expect(first.extensions?.sqlStatements).toBeGreaterThan(1);
    expect(second.extensions?.sqlStatements).toBe(1);
  });

  test('the requests of one turn share one read of the data version; a request after a write reads it anew', async () => {
    const versions = new SharedVersionRead(server.db.orm);
    const counters = [new StatementCounter(), new StatementCounter(), new StatementCounter()];
    const together = await Promise.all(counters.map((counter) => versions.read(counter)));
    expect(new Set(together).size).toBe(1);
    expect(counters.map((counter) => counter.count)).toEqual([1, 0, 0]);

    await bumpDataVersion(server.db);
    const later = new StatementCounter();
    expect(await versions.read(later)).not.toBe(together[0]);
    expect(later.count).toBe(1);
  });

  test('a write makes the cached answer unreachable at once', async () => {
    await server.gql(QUERY);
    await describeVhs(server.app.url, coordinator, 'Volkshochschule: Sprachkurse, Integrationskurse');
    const after = await server.gql(QUERY);
    expect(ok(after).organisation.description).toBe('Volkshochschule: Sprachkurse, Integrationskurse');
    expect(after.extensions?.sqlStatements).toBeGreaterThan(1);
  });

  test('answers with a token are never cached', async () => {
    const headers = bearer(coordinator);
    await server.gql(QUERY, {}, headers);
    const again = await server.gql(QUERY, {}, headers);
    expect(again.extensions?.sqlStatements).toBeGreaterThan(1);
  });

  test('no HTTP caching headers: browsers and proxies must not keep answers across writes', async () => {
    const res = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(res.headers.get('cache-control')).toBeNull();
  });

  test('automatic persisted queries: unknown hash, then registered, then by hash alone (also over GET)', async () => {
    const query = `{ forums { totalCount } }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const unknown = await postGraphQL(server.app.url, { extensions: { persistedQuery } });
    expect(unknown.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(ok(await postGraphQL(server.app.url, { query, extensions: { persistedQuery } })).forums.totalCount).toBe(5);
    expect(ok(await postGraphQL(server.app.url, { extensions: { persistedQuery } })).forums.totalCount).toBe(5);
    const get = await fetch(`${server.app.url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery }))}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(((await get.json()) as any).data.forums.totalCount).toBe(5);
    const wrong = await postGraphQL(server.app.url, { query: `{ bodies { totalCount } }`, extensions: { persistedQuery } });
    expect(wrong.status).toBe(400);
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });
});

// Two server processes on one database and one Redis: what one learns, the other knows.
const withRedis = process.env.REDIS_URL ? describe : describe.skip;
withRedis('two server processes, one database, one Redis', () => {
  let db: TestDatabase;
  const servers: { child: ChildProcess; url: string; output: () => string }[] = [];

  async function startServer() {
    const port = await freePort();
    let out = '';
    const child = spawn(process.execPath, [path.resolve(__dirname, '../dist/src/main.js')], {
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development', RATE_LIMIT_ANONYMOUS_POINTS: '100000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (out += c));
    const url = `http://127.0.0.1:${port}/graphql`;
    for (let i = 0; i < 150 && !out.includes('ready at'); i++) await sleep(100);
    if (!out.includes('ready at')) throw new Error(`server did not start:\n${out}`);
    servers.push({ child, url, output: () => out });
    return url;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))));
    await db.drop();
  });

  test('a write through one replica is visible through the other at once; cache and persisted queries are shared', async () => {
    const a = await startServer();
    const b = await startServer();
    const coordinator = await issueTestToken(db, Role.COORDINATOR);

    // A fills the shared cache; B answers from it.
    const viaA = await postGraphQL(a, { query: QUERY });
    const viaB = await postGraphQL(b, { query: QUERY });
    expect(viaB.data).toEqual(viaA.data);
    expect(viaB.extensions?.sqlStatements).toBe(1);

    // A write through B; A answers with the new data at once.
    const description = `Geändert über Replik B um ${new Date().toISOString()}`;
    await describeVhs(b, coordinator, description);
    const fresh = await postGraphQL(a, { query: QUERY });
    expect(ok(fresh).organisation.description).toBe(description);

    // A query registered on A is known to B by its hash alone.
    const query = `{ bodies { totalCount } }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    ok(await postGraphQL(a, { query, extensions: { persistedQuery } }));
    expect(ok(await postGraphQL(b, { extensions: { persistedQuery } })).bodies.totalCount).toBe(4);
  });
});

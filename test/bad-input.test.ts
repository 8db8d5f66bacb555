import { GraphQLResponse, ok, startTestServer, TestServer } from './support/server';

/**
 * Whatever a client gets wrong, it gets a clear error with a code it can act on, never an
 * INTERNAL_SERVER_ERROR; in production no error gives away internals.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

/** The response failed with `code` (naming `argument`, when given), and nothing in it is an internal error. */
function expectError(response: GraphQLResponse, code: string, argument?: string) {
  expect(response.errors?.length).toBeGreaterThan(0);
  expect(response.errors!.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
  expect(response.errors![0].extensions).toMatchObject(argument ? { code, argument } : { code });
  expect(response.errors![0].message.length).toBeGreaterThan(10);
}

/** Posts a raw body to /graphql and reads the JSON answer. */
async function post(target: TestServer, body: string, contentType = 'application/json') {
  const res = await fetch(target.app.url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as Omit<GraphQLResponse, 'status'> };
}

const firstCursor = async (list: 'organisations' | 'forums') =>
  ok(await server.gql(`{ ${list}(first: 1) { pageInfo { endCursor } } }`))[list].pageInfo.endCursor as string;

describe('asking for too many (or a negative number of) items', () => {
  test.each([
    ['first: 1000', `{ organisations(first: 1000) { totalCount } }`, 'first'],
    ['last: 1000', `{ organisations(last: 1000) { totalCount } }`, 'last'],
    ['first: -1', `{ organisations(first: -1) { totalCount } }`, 'first'],
    ['last: -5 on children', `{ organisation(slug: "stadt-wetzlar") { children(last: -5) { totalCount } } }`, 'last'],
    ['first: 1000 on the members of every forum', `{ forums { nodes { members(first: 1000) { totalCount } } } }`, 'first'],
    ['first: 1000 on one forum\'s members', `{ forum(code: "I") { members(first: 1000) { totalCount } } }`, 'first'],
    ['first: 101 in search', `{ search(query: "Jugend", first: 101) { totalCount } }`, 'first'],
  ])('%s is bad input naming the argument', async (_label, query, argument) => {
    const response = await server.gql(query);
    expectError(response, 'BAD_USER_INPUT', argument);
    expect(response.errors![0].message).toContain('between 0 and 100');
  });

  test('100 is allowed, and 0 gives just the count', async () => {
    const data = ok(await server.gql(`{ all: organisations(first: 100) { totalCount nodes { slug } } none: organisations(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }`));
    expect(data.all.nodes).toHaveLength(data.all.totalCount);
    expect(data.none).toEqual({ totalCount: data.all.totalCount, edges: [], pageInfo: { hasNextPage: true } });
  });

  test('a number beyond 32 bits is rejected by GraphQL itself', async () => {
    const response = await server.gql(`{ organisations(first: 2147483648) { totalCount } }`);
    expect(response.status).toBe(400);
    expectError(response, 'GRAPHQL_VALIDATION_FAILED');
  });

  test('a page size of the wrong type in variables is bad input', async () => {
    const query = `query ($first: Int) { organisations(first: $first) { totalCount } }`;
    expectError(await server.gql(query, { first: 'ten' }), 'BAD_USER_INPUT');
    expectError(await server.gql(query, { first: 1.5 }), 'BAD_USER_INPUT');
  });

  test('"first" and "last" together are bad input', async () => {
    expectError(await server.gql(`{ organisations(first: 2, last: 2) { totalCount } }`), 'BAD_USER_INPUT', 'first');
  });

  test('"last" with "after", and "first" with "before", are bad input', async () => {
    const cursor = await firstCursor('organisations');
    expectError(await server.gql(`query ($c: String) { organisations(last: 2, after: $c) { totalCount } }`, { c: cursor }), 'BAD_USER_INPUT', 'after');
    expectError(await server.gql(`query ($c: String) { organisations(first: 2, before: $c) { totalCount } }`, { c: cursor }), 'BAD_USER_INPUT', 'before');
  });
});

describe('cursors that are not cursors of this list', () => {
  const ORGANISATIONS_AFTER = `query ($after: String, $orderBy: OrganisationOrder) { organisations(first: 2, after: $after, orderBy: $orderBy) { totalCount } }`;

  test('a cursor the list returned works (the control case)', async () => {
    const data = ok(await server.gql(`{ organisations(first: 2) { nodes { slug } pageInfo { endCursor } } }`));
    const next = ok(await server.gql(`query ($after: String) { organisations(first: 1, after: $after) { nodes { slug } } }`, { after: data.organisations.pageInfo.endCursor }));
    const all = ok(await server.gql(`{ organisations(first: 3) { nodes { slug } } }`));
    expect(next.organisations.nodes[0].slug).toBe(all.organisations.nodes[2].slug);
  });

  test.each([
    ['a word', 'garbage'],
    ['base64 of a JSON object', base64url({ hello: 'world' })],
    ['base64 of text that is no JSON', base64url('not json at all')],
    ['the right ordering with a broken uuid', base64url(['sortName:asc,uuid:asc', 'jugendamt', 'not-a-uuid'])],
    ['the right ordering with a value missing', base64url(['sortName:asc,uuid:asc', 'jugendamt'])],
    ['the right ordering with a number for a name', base64url(['sortName:asc,uuid:asc', 42, UNKNOWN_UUID])],
    ['an empty string', ''],
  ])('%s is bad input naming "after"', async (_label, after) => {
    const response = await server.gql(ORGANISATIONS_AFTER, { after });
    expectError(response, 'BAD_USER_INPUT', 'after');
    expect(response.errors![0].message).toContain('not a valid cursor');
  });

  test('a cursor of the forums is refused by the organisations, and the other way round', async () => {
    expectError(await server.gql(ORGANISATIONS_AFTER, { after: await firstCursor('forums') }), 'BAD_USER_INPUT', 'after');
    const forumsAfter = `query ($after: String) { forums(after: $after) { totalCount } }`;
    expectError(await server.gql(forumsAfter, { after: await firstCursor('organisations') }), 'BAD_USER_INPUT', 'after');
  });

  test('a cursor of the alphabetical list is refused under another ordering', async () => {
    const after = await firstCursor('organisations');
    expectError(await server.gql(ORGANISATIONS_AFTER, { after, orderBy: { field: 'CREATED_AT' } }), 'BAD_USER_INPUT', 'after');
    expectError(await server.gql(ORGANISATIONS_AFTER, { after, orderBy: { field: 'NAME', direction: 'DESC' } }), 'BAD_USER_INPUT', 'after');
  });

  test('a cursor of search() is refused by the organisation search', async () => {
    const hits = ok(await server.gql(`{ search(query: "Sport", first: 1) { pageInfo { endCursor } } }`));
    const response = await server.gql(`query ($after: String) { organisations(filter: { search: "Sport" }, after: $after) { totalCount } }`, {
      after: hits.search.pageInfo.endCursor,
    });
    expectError(response, 'BAD_USER_INPUT', 'after');
  });

  test('a broken "before" on a nested list is bad input naming "before"', async () => {
    const response = await server.gql(`{ forum(code: "I") { members(last: 2, before: "garbage") { totalCount } } }`);
    expectError(response, 'BAD_USER_INPUT', 'before');
  });
});

describe('ids that are not ids', () => {
  const NODE = `query ($id: ID!) { node(id: $id) { id } }`;

  test.each([
    ['a word', 'garbage'],
    ['an empty string', ''],
    ['characters outside base64url', 'x!'],
    ['an unknown type', base64url(`Person:${UNKNOWN_UUID}`)],
    ['no uuid', base64url('Organisation:123')],
    ['no type', base64url(UNKNOWN_UUID)],
  ])('node(id:) with %s is bad input', async (_label, id) => {
    const response = await server.gql(NODE, { id });
    expectError(response, 'BAD_USER_INPUT', 'id');
    expect(response.errors![0].message).toContain('not a valid id');
  });

  test('a very long id is refused with a short message', async () => {
    const response = await server.gql(NODE, { id: 'A'.repeat(10_000) });
    expectError(response, 'BAD_USER_INPUT', 'id');
    expect(response.errors![0].message.length).toBeLessThan(300);
  });

  test('nodes(ids:) names the bad one', async () => {
    const response = await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [base64url(`Forum:${UNKNOWN_UUID}`), 'x!'] });
    expectError(response, 'BAD_USER_INPUT', 'ids[1]');
  });

  test('nodes(ids:) takes at most 100 ids', async () => {
    const response = await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(101).fill(base64url(`Forum:${UNKNOWN_UUID}`)) });
    expectError(response, 'BAD_USER_INPUT', 'ids');
  });

  test('a well-formed id of nothing is null, in node and nodes', async () => {
    const known = ok(await server.gql(`{ forum(code: "II") { id } }`)).forum.id;
    const unknown = base64url(`Organisation:${UNKNOWN_UUID}`);
    const data = ok(await server.gql(`query ($id: ID!, $ids: [ID!]!) { node(id: $id) { id } nodes(ids: $ids) { id } }`, { id: unknown, ids: [unknown, known] }));
    expect(data).toEqual({ node: null, nodes: [null, { id: known }] });
  });
});

describe('queries GraphQL cannot run', () => {
  test('a syntax error is GRAPHQL_PARSE_FAILED with HTTP 400', async () => {
    const response = await server.gql(`{ organisations { `);
    expect(response.status).toBe(400);
    expectError(response, 'GRAPHQL_PARSE_FAILED');
  });

  test.each([
    ['an unknown field', `{ organisations { bogus } }`],
    ['an unknown argument', `{ organisations(colour: RED) { totalCount } }`],
    ['a missing required argument', `{ organisation { name } }`],
    ['an unknown enum value written inline', `{ organisations(filter: { levels: [TOWN] }) { totalCount } }`],
    ['a string where an enum is expected', `{ organisations(filter: { levels: ["CITY"] }) { totalCount } }`],
  ])('%s is GRAPHQL_VALIDATION_FAILED with HTTP 400', async (_label, query) => {
    const response = await server.gql(query);
    expect(response.status).toBe(400);
    expectError(response, 'GRAPHQL_VALIDATION_FAILED');
  });

  test('an unknown enum value in variables is BAD_USER_INPUT', async () => {
    const response = await server.gql(`query ($levels: [GovernanceLevel!]) { organisations(filter: { levels: $levels }) { totalCount } }`, { levels: ['TOWN'] });
    expectError(response, 'BAD_USER_INPUT');
    expect(response.errors![0].message).toContain('TOWN');
  });

  test('ordering by RELEVANCE without a search is bad input', async () => {
    const response = await server.gql(`{ organisations(orderBy: { field: RELEVANCE }) { totalCount } }`);
    expectError(response, 'BAD_USER_INPUT', 'orderBy');
  });
});

describe('requests that are not GraphQL requests', () => {
  test.each([
    ['a body that is not JSON', '{not json'],
    ['an empty body', ''],
    ['a JSON array (batching)', '[]'],
    ['a query that is not a string', '{"query": 5}'],
    ['a JSON object without a query', '{}'],
  ])('%s is HTTP 400 with a JSON error and a code', async (_label, body) => {
    const res = await post(server, body);
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/json');
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });

  test('a form post (text/plain) is refused as cross-site request forgery', async () => {
    const res = await post(server, JSON.stringify({ query: '{ forums { totalCount } }' }), 'text/plain');
    expect(res.status).toBe(400);
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });

  test('a body over 256 KiB is HTTP 413, a smaller one is fine', async () => {
    const body = (padding: number) => JSON.stringify({ query: '{ forums { totalCount } }', variables: { padding: 'x'.repeat(padding) } });
    const small = await post(server, body(200 * 1024));
    expect(small.status).toBe(200);
    expect(small.body.data).toEqual({ forums: { totalCount: 5 } });
    const large = await post(server, body(256 * 1024));
    expect(large.status).toBe(413);
    expect(large.body.errors![0].extensions).toMatchObject({ code: 'BAD_REQUEST' });
    // The server still answers afterwards.
    expect(ok(await server.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(5);
  });
});

describe('in production', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => production.stop());

  const requests: [string, string, Record<string, unknown> | undefined, string][] = [
    ['an oversized page', `{ organisations(first: 1000) { totalCount } }`, undefined, 'BAD_USER_INPUT'],
    ['a broken cursor', `{ organisations(after: "garbage") { totalCount } }`, undefined, 'BAD_USER_INPUT'],
    ['a bad variable', `query ($l: [GovernanceLevel!]) { organisations(filter: { levels: $l }) { totalCount } }`, { l: ['TOWN'] }, 'BAD_USER_INPUT'],
    ['a syntax error', `{ organisations { `, undefined, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', `{ organisations { bogus } }`, undefined, 'GRAPHQL_VALIDATION_FAILED'],
  ];

  test('outside production errors carry a stack trace (so the next test means something)', async () => {
    const response = await server.gql(requests[0][1]);
    expect(response.errors![0].extensions!.stacktrace).toEqual(expect.any(Array));
  });

  test.each(requests)('%s keeps its message and code but has no stack trace', async (_label, query, variables, code) => {
    const response = await production.gql(query, variables);
    expectError(response, code);
    expect(response.errors![0].extensions).not.toHaveProperty('stacktrace');
    expect(JSON.stringify(response)).not.toMatch(/\.ts:\d+|node_modules/);
  });

  test('a request Apollo refuses (batching) has no stack trace either', async () => {
    const res = await post(production, '[]');
    expect(res.status).toBe(400);
    expect(res.body.errors![0].extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  test('introspection is off: an __schema query fails validation', async () => {
    expect(ok(await server.gql(`{ __schema { queryType { name } } }`)).__schema.queryType.name).toBe('Query');
    const response = await production.gql(`{ __schema { queryType { name } } }`);
    expect(response.status).toBe(400);
    expectError(response, 'GRAPHQL_VALIDATION_FAILED');
    expect(response.data).toBeUndefined();
  });

  test('ordinary queries work, without the SQL statement count of development', async () => {
    const response = await production.gql(`{ forums { totalCount } }`);
    expect(ok(response).forums.totalCount).toBe(5);
    expect(response.extensions?.sqlStatements).toBeUndefined();
    expect((await server.gql(`{ forums { totalCount } }`)).extensions?.sqlStatements).toBe(1);
  });

  test('when the database is gone, errors say only INTERNAL_SERVER_ERROR and /health/ready answers 503', async () => {
    // A server of its own: its connection pool is closed below, under the running server.
    // Without webhook workers: a worker that asks for a connection while knex is closing the
    // pool (after it aborted the waiting requests, before it forgets the pool) waits for knex's
    // acquire timeout, 60 s, and the server's stop waits for the worker. A real stop stops the
    // workers before it closes the pool; test/resilience.test.ts covers a real outage with them.
    const doomed = await startTestServer({ env: { NODE_ENV: 'production', WEBHOOK_WORKERS: '0' } });
    try {
      const query = `{ organisations(first: 2, filter: { search: "Jugend" }) { totalCount nodes { name } } }`;
      expect(ok(await doomed.gql(query)).organisations.totalCount).toBe(2);
      expect((await fetch(`${doomed.base}/health/ready`)).status).toBe(200);

      await doomed.app.orm.close();

      for (const response of [await doomed.gql(query), await doomed.gql(`{ search(query: "Wohnen") { totalCount } }`)]) {
        // 500 when the failure comes before execution (the response cache asks for the data version first).
        expect([200, 500]).toContain(response.status);
        expect(response.errors).toHaveLength(1);
        const [error] = response.errors!;
        expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
        expect(error.message).toBe('Internal server error');
        expect(JSON.stringify(response)).not.toMatch(/select|sql|knex|pool|\bat \w|\.ts:\d+/i);
      }
      const ready = await fetch(`${doomed.base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', database: 'down' });
      expect((await fetch(`${doomed.base}/health/live`)).status).toBe(200);
    } finally {
      await doomed.stop();
    }
  });
});

describe('values PostgreSQL cannot take', () => {
  test.each([
    ['a slug', `query ($s: String!) { organisation(slug: $s) { name } }`],
    ['a filter', `query ($s: String) { organisations(filter: { parent: $s }) { totalCount } }`],
    ['a project filter', `query ($s: String) { projects(filter: { participant: $s }) { totalCount } }`],
  ])('a NUL character in %s is bad input', async (_label, query) => {
    expectError(await server.gql(query, { s: 'jugendamt\u0000' }), 'BAD_USER_INPUT');
  });

  test('a NUL character inside a cursor is bad input', async () => {
    const cursor = base64url(['sortName:asc,uuid:asc', 'a\u0000', UNKNOWN_UUID]);
    expectError(await server.gql(`query ($c: String) { organisations(after: $c) { totalCount } }`, { c: cursor }), 'BAD_USER_INPUT');
  });

  test.each([2147483648, 1e20, -2147483649])('a cursor position of %d is bad input', async (position) => {
    const cursor = base64url(['position:asc,uuid:asc', position, UNKNOWN_UUID]);
    expectError(await server.gql(`query ($c: String) { forums(after: $c) { totalCount } }`, { c: cursor }), 'BAD_USER_INPUT', 'after');
  });

  test('an id with anything after the uuid is bad input (one object, one id)', async () => {
    const { organisation } = ok(await server.gql(`{ organisation(slug: "jugendamt") { id } }`));
    const uuid = Buffer.from(organisation.id, 'base64url').toString().split(':')[1];
    const id = base64url(`Organisation:${uuid}:junk`);
    expectError(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id }), 'BAD_USER_INPUT', 'id');
  });
});

test('a body over 256 KiB sent in chunks (no Content-Length) is HTTP 413 too', async () => {
  const http = await import('node:http');
  const url = new URL(server.app.url);
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = 'x'.repeat(32 * 1024);
    for (let i = 0; i < 10; i++) req.write(chunk);
    req.end();
  });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('BAD_REQUEST');
  // The server goes on serving.
  expect(ok(await server.gql(`{ fieldsOfAction { code } }`)).fieldsOfAction).toHaveLength(5);
});

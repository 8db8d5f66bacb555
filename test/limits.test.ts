import { ok, startTestServer, TestServer } from './support/server';

/** Requests that ask too much get QUERY_TOO_COMPLEX before anything runs, and the server goes on serving. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const stillServing = async () => expect(ok(await server.gql(`{ fieldsOfAction { code } }`)).fieldsOfAction).toHaveLength(5);

test('a query nested deeper than 12 levels is QUERY_TOO_COMPLEX', async () => {
  const nested = (n: number): string => (n === 0 ? 'name' : `name parent { ${nested(n - 1)} }`);
  // organisation, eleven parents and a name: 13 levels.
  const deep = await server.gql(`{ organisation(slug: "jugendamt") { ${nested(11)} } }`);
  expect(deep.status).toBe(400);
  expect(deep.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 13, maxDepth: 12 });
  expect(deep.data).toBeUndefined();
  // Depth through fragments counts too.
  const viaFragments = await server.gql(
    `{ organisation(slug: "jugendamt") { ...A } } fragment A on Organisation { parent { ...B } } fragment B on Organisation { parent { ${nested(11)} } }`,
  );
  expect(viaFragments.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  // Twelve levels are fine.
  expect(ok(await server.gql(`{ organisation(slug: "jugendamt") { ${nested(10)} } }`)).organisation.name).toBe('Jugendamt');
  await stillServing();
});

test('a query whose page sizes multiply beyond the cost limit is QUERY_TOO_COMPLEX, and the cost is reported', async () => {
  const costly = await server.gql(
    `{ organisations(first: 100) { nodes { children(first: 100) { nodes { forums(first: 100) { nodes { members(first: 100) { nodes { name } } } } } } } } }`,
  );
  expect(costly.status).toBe(400);
  expect(costly.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 50000 });
  expect(costly.errors?.[0].extensions?.cost).toBeGreaterThan(50000);
  const fine = await server.gql(`{ organisations(first: 10) { nodes { name forums(first: 5) { nodes { name } } } } }`);
  expect(fine.errors).toBeUndefined();
  // 1 + 10 × (1 (nodes) + 1 (name) + (1 + 5 × (1 + 1)) (forums)) — the cost is shown outside production.
  expect(fine.extensions?.cost).toBe(1 + 10 * (1 + 1 + 1 + 5 * 2));
  await stillServing();
});

test('variables count: the same query with first: 100 costs ten times first: 10', async () => {
  const query = `query ($n: Int) { organisations(first: $n) { nodes { name } } }`;
  const small = await server.gql(query, { n: 10 });
  const large = await server.gql(query, { n: 100 });
  expect(small.extensions?.cost).toBe(1 + 10 * 2);
  expect(large.extensions?.cost).toBe(1 + 100 * 2);
  // Measurements are kept per document and variables: asking again changes nothing.
  expect((await server.gql(query, { n: 10 })).extensions?.cost).toBe(1 + 10 * 2);
  expect((await server.gql(query, { n: 100 })).extensions?.cost).toBe(1 + 100 * 2);
  const tooLarge = await server.gql(`query ($n: Int) { organisations(first: $n) { nodes { name forums(first: $n) { nodes { members(first: $n) { nodes { name } } } } } } }`, { n: 100 });
  expect(tooLarge.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  const again = await server.gql(`query ($n: Int) { organisations(first: $n) { nodes { name forums(first: $n) { nodes { members(first: $n) { nodes { name } } } } } } }`, { n: 100 });
  expect(again.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
});

test('an alias bomb is QUERY_TOO_COMPLEX', async () => {
  const bomb = Array.from({ length: 40 }, (_, i) => `a${i}: fieldsOfAction { code }`).join(' ');
  const response = await server.gql(`{ ${bomb} }`);
  expect(response.status).toBe(400);
  expect(response.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', aliases: 40, maxAliases: 30 });
  await stillServing();
});

test('batched operations are refused', async () => {
  const res = await fetch(server.app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ query: '{ fieldsOfAction { code } }' }, { query: '{ forums { totalCount } }' }]),
  });
  expect(res.status).toBe(400);
  await stillServing();
});

import { startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/** What operations sees: a JSON log line per request and Prometheus metrics; nothing personal. */
let server: TestServer;
const lines: Record<string, any>[] = [];

beforeAll(async () => {
  server = await startTestServer({ log: (level, message, fields) => lines.push({ level, message, ...fields }) });
});
afterAll(() => server.stop());

test('each request is logged once with its request id, operation name, status and duration; its id comes back as a header', async () => {
  const res = await fetch(server.app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'partner-map-42' },
    body: JSON.stringify({ query: 'query WhoSitsInForumIII { forum(code: "III") { members { totalCount } } }', operationName: 'WhoSitsInForumIII' }),
  });
  expect(res.headers.get('x-request-id')).toBe('partner-map-42');
  const line = lines.find((l) => l.requestId === 'partner-map-42');
  expect(line).toMatchObject({ level: 'info', message: 'request', method: 'POST', route: '/graphql', status: 200, operation: 'WhoSitsInForumIII', outcome: 'ok' });
  expect(typeof line!.ms).toBe('number');
  expect(lines.filter((l) => l.requestId === 'partner-map-42')).toHaveLength(1);

  // Without a usable id of the client's, the server makes one.
  const own = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' }, body: JSON.stringify({ query: '{ forums { totalCount } }' }) });
  expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

test('nothing personal in the logs: no query text, variables, search words or contact data', async () => {
  const coordinator = await issueTestToken(server.db, Role.COORDINATOR);
  const { organisation } = (await server.gql(`{ organisation(slug: "vhs") { id version } }`)).data;
  await server.gql(`query Suche($q: String!) { search(query: $q) { totalCount } }`, { q: 'Geheimsuchwort' });
  await server.gql(
    `mutation Pflege($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { userErrors { code } } }`,
    { input: { id: organisation.id, expectedVersion: organisation.version, patch: { contacts: [{ name: 'Erika Vertraulich', email: 'erika.vertraulich@example.org' }] } } },
    bearer(coordinator),
  );
  const text = JSON.stringify(lines);
  expect(text).toContain('"operation":"Pflege"');
  expect(text).not.toMatch(/Geheimsuchwort|Vertraulich|erika|example\.org|igt_|updateOrganisation\(/);
});

test('GET /metrics: operations by name and outcome, HTTP by route, the database pool', async () => {
  await server.gql('query Zaehlen { forums { totalCount } }');
  await server.gql('{ organisations(first: 1000) { totalCount } }');
  const res = await fetch(`${server.base}/metrics`);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  expect(text).toMatch(/ig_graphql_operations_total\{operation="Zaehlen",outcome="ok"\} [1-9]/);
  expect(text).toMatch(/ig_graphql_operations_total\{operation="anonymous",outcome="BAD_USER_INPUT"\} [1-9]/);
  expect(text).toMatch(/ig_graphql_operation_duration_seconds_bucket\{le="[^"]+",operation="Zaehlen",outcome="ok"\}/);
  expect(text).toMatch(/ig_http_request_duration_seconds_count\{route="\/graphql",method="POST",status="200"\} [1-9]/);
  expect(text).toMatch(/ig_db_pool_connections_free \d+/);
  expect(text).toMatch(/ig_process_resident_memory_bytes \d+/);
});

test('client-chosen operation names cannot flood the metrics', async () => {
  await server.gql('query Name_With_Underscores { forums { totalCount } }');
  const text = await (await fetch(`${server.base}/metrics`)).text();
  expect(text).toContain('operation="Name_With_Underscores"');
  const labels = new Set([...text.matchAll(/operation="([^"]+)"/g)].map((m) => m[1]));
  expect(labels.size).toBeLessThanOrEqual(201);
});

import { serverAudits } from 'graphql-http';
import { startTestServer, TestServer } from './support/server';

/*
 * The GraphQL-over-HTTP conformance suite (graphql-http's server audits) against the real
 * server, as it runs in development and in production. "warn" and "notice" are what the
 * specification leaves open (e.g. HTTP 400 rather than 200 for a document that does not
 * parse, when the client accepts application/json); an "error" breaks it.
 */
describe.each([
  ['development', {}],
  // Two audits ask for `__type(name:)`, an introspection field, which production refuses
  // unless INTROSPECTION=true: that is our policy, not a break of the protocol.
  ['production', { NODE_ENV: 'production', INTROSPECTION: 'true' }],
] as [string, Record<string, string>][])('in %s', (_mode, env) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env });
  });
  afterAll(() => server.stop());

  test('every audit passes or only warns', async () => {
    const audits = serverAudits({ url: server.app.url, fetchFn: fetch });
    expect(audits.length).toBeGreaterThan(30);
    const results = await Promise.all(audits.map(async (audit) => ({ name: audit.name, ...(await audit.fn()) })));
    expect(results.filter((r) => r.status === 'error').map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
  });
});

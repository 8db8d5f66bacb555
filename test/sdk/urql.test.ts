import { Client, fetchExchange } from '@urql/core';
import { ForumDocument, OrganisationsDocument } from '../../client-sdk/src';
import { startTestServer, TestServer } from '../support/server';

/** The SDK's TypedDocumentNodes work as they are in a client nobody here wrote (urql). */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

test('urql runs the Forum document against the live server', async () => {
  const urql = new Client({ url: server.app.url, exchanges: [fetchExchange], preferGetMethod: false });
  const result = await urql.query(ForumDocument, { code: 'V' }).toPromise();
  expect(result.error).toBeUndefined();
  // Typed by the document: result.data is ForumQuery.
  expect(result.data?.forum?.members.edges.map((e) => e.node.slug).sort()).toEqual(['auslaenderbeirat', 'kirchen', 'quartiersmanagement']);
});

test('urql with variables of an input type', async () => {
  const urql = new Client({ url: server.app.url, exchanges: [fetchExchange], preferGetMethod: false });
  const result = await urql.query(OrganisationsDocument, { filter: { forum: 'II' }, first: 10 }).toPromise();
  expect(result.data?.organisations.nodes.map((o) => o.slug)).toEqual(['integrierte-gesamtschule', 'migrantenvereine']);
});

import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { validateXML } from 'xmllint-wasm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { download, expectRefused } from './support/downloads';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/*
 * The affiliation network for analysts' tools: GEXF 1.3 for Gephi and a pair of CSVs
 * (elements, connections) for Kumu and Gephi's spreadsheet import, cross-checked against
 * `network`: two organisations share a target in the files exactly when `network` links them,
 * as often as its weight says.
 */

let server: TestServer;

const gexfParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['node', 'edge', 'attvalue', 'attribute', 'attributes'].includes(name),
});

interface GexfNode {
  '@_id': string;
  '@_label': string;
  attvalues: { attvalue: { '@_for': string; '@_value': string }[] };
}
interface GexfEdge extends Omit<GexfNode, '@_label'> {
  '@_source': string;
  '@_target': string;
  '@_start'?: string;
  '@_end'?: string;
}

const attr = (item: { attvalues: { attvalue: { '@_for': string; '@_value': string }[] } }, key: string) =>
  item.attvalues.attvalue.find((a) => a['@_for'] === key)?.['@_value'];

/** The GEXF 1.3 schema (gephi/gexf, specs/1.3; see test/fixtures/gexf-1.3/NOTICE.md). */
const SCHEMA_DIR = path.join(__dirname, 'fixtures/gexf-1.3');
const schemaFile = (fileName: string) => ({ fileName, contents: fs.readFileSync(path.join(SCHEMA_DIR, fileName), 'utf8') });

async function gexf(query = '') {
  const res = await download(server, `/export/network.gexf${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/gexf\+xml/);
  const text = await res.text();
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = gexfParser.parse(text).gexf;
  return { text, doc, nodes: (doc.graph.nodes.node ?? []) as GexfNode[], edges: (doc.graph.edges?.edge ?? []) as GexfEdge[] };
}

/** What xmllint says of a GEXF file against the 1.3 schema. */
async function validateGexf(text: string) {
  const result = await validateXML({
    xml: { fileName: 'network.gexf', contents: text },
    schema: schemaFile('gexf.xsd'),
    preload: [schemaFile('dynamics.xsd'), schemaFile('viz.xsd')],
  });
  return { valid: result.valid, errors: result.errors.slice(0, 5).map((e) => e.rawMessage) };
}

async function csv(name: string, query = '') {
  const res = await download(server, `/export/${name}${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  const text = await res.text();
  return { header: text.split('\r\n')[0], rows: parseCsv(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[] };
}

/** `network`'s organisations and its links (a|b sorted) with their weights. */
async function network(filter: object = {}) {
  const data = ok(
    await server.gql(
      `query ($filter: NetworkFilterInput) { network(first: 1000, filter: $filter) { nodeCount edgeCount nodes { organisation { id } } edges(first: 5000) { source { id } target { id } weight } } }`,
      { filter },
    ),
  ).network;
  const links = new Map<string, number>(data.edges.map((e: any) => [[e.source.id, e.target.id].sort().join('|'), e.weight]));
  return { nodeCount: data.nodeCount, edgeCount: data.edgeCount, nodes: new Set<string>(data.nodes.map((n: any) => n.organisation.id)), links };
}

/** The co-membership links a set of (organisation, target) edges implies, with their weights. */
function project(edges: { source: string; target: string }[]): Map<string, number> {
  const members = new Map<string, string[]>();
  for (const { source, target } of edges) members.set(target, [...(members.get(target) ?? []), source]);
  const links = new Map<string, number>();
  for (const list of members.values())
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const key = [list[i], list[j]].sort().join('|');
      links.set(key, (links.get(key) ?? 0) + 1);
    }
  return links;
}

beforeAll(async () => {
  server = await startTestServer();
  // One dated link: the Ausländerbüro in Fachforum III since 1 March 2021.
  const coordinator = bearer(await issueTestToken(server.db, Role.COORDINATOR));
  const orgId = ok(await server.gql(`{ organisation(slug: "auslaenderbuero") { id } }`)).organisation.id;
  const forumId = ok(await server.gql(`{ forum(code: "III") { id } }`)).forum.id;
  const added = ok(await server.gql(`mutation ($input: ForumMemberInput!) { addForumMember(input: $input) { userErrors { code } } }`, { input: { forumId, organisationId: orgId, since: '2021-03-01', role: 'CHAIR' } }, coordinator)).addForumMember;
  expect(added.userErrors).toEqual([]);
});
afterAll(() => server.stop());

test('the GEXF is valid GEXF 1.3 (the XML Schema), also when dated and filtered', async () => {
  expect(await validateGexf((await gexf()).text)).toEqual({ valid: true, errors: [] });
  expect(await validateGexf((await gexf('?contexts=FORUM,PROJECT&levels=CITY')).text)).toEqual({ valid: true, errors: [] });
  // The check can fail: an edge without its target is refused.
  const broken = (await gexf()).text.replace(/(<edge id="e0" source="[^"]*") target="[^"]*"/, '$1');
  expect((await validateGexf(broken)).valid).toBe(false);
});

test('the GEXF holds network\'s organisations, their targets, and links whose projection is network\'s edges', async () => {
  const { doc, nodes, edges } = await gexf();
  expect(doc['@_version']).toBe('1.3');
  expect(doc['@_xmlns']).toBe('http://gexf.net/1.3');
  expect(doc.graph['@_mode']).toBe('dynamic');
  expect(doc.graph['@_timeformat']).toBe('date');
  const net = await network();
  const organisations = nodes.filter((n) => attr(n, 'type') === 'ORGANISATION');
  expect(new Set(organisations.map((n) => n['@_id']))).toEqual(net.nodes);
  expect(organisations).toHaveLength(net.nodeCount);
  expect(organisations.every((n) => attr(n, 'kind') && attr(n, 'level'))).toBe(true);
  // Every edge goes from an organisation to a forum, body or project node of the file.
  const ids = new Set(nodes.map((n) => n['@_id']));
  expect(edges.every((e) => net.nodes.has(e['@_source']) && ids.has(e['@_target']) && ['FORUM', 'BODY', 'PROJECT'].includes(attr(e, 'type')!))).toBe(true);
  expect(new Set(edges.map((e) => e['@_id'])).size).toBe(edges.length);
  const projected = project(edges.map((e) => ({ source: e['@_source'], target: e['@_target'] })));
  expect(projected).toEqual(net.links);
  expect(projected.size).toBe(net.edgeCount);

  const dated = edges.find((e) => nodes.find((n) => n['@_id'] === e['@_source'])!['@_label'] === 'Ausländerbüro' && attr(e, 'role') === 'CHAIR');
  expect(dated).toMatchObject({ '@_start': '2021-03-01' });
  expect(dated!['@_end']).toBeUndefined();
});

test('the filters are network\'s: only forums link, and only the kinds asked for are nodes', async () => {
  const filter = { contexts: ['FORUM'], kinds: ['MUNICIPAL_DEPARTMENT', 'WELFARE_ASSOCIATION'] };
  const { nodes, edges } = await gexf('?contexts=FORUM&kinds=MUNICIPAL_DEPARTMENT,WELFARE_ASSOCIATION');
  const net = await network(filter);
  expect(new Set(nodes.filter((n) => attr(n, 'type') === 'ORGANISATION').map((n) => n['@_id']))).toEqual(net.nodes);
  expect(edges.every((e) => attr(e, 'type') === 'FORUM')).toBe(true);
  expect(project(edges.map((e) => ({ source: e['@_source'], target: e['@_target'] })))).toEqual(net.links);
});

test('the CSV pair has the columns Kumu and Gephi read, and says what the GEXF says', async () => {
  const elements = await csv('kumu-elements.csv');
  const connections = await csv('kumu-connections.csv');
  // Kumu: ID and Label first, From and To first; Gephi: Id and Label, Source and Target.
  expect(elements.header).toBe('ID,Label,Type,Kind,Level,Fields of action');
  expect(connections.header).toBe('From,To,Source,Target,Context,Role,Start,End');
  const { nodes, edges } = await gexf();
  expect(new Set(elements.rows.map((r) => r.ID))).toEqual(new Set(nodes.map((n) => n['@_id'])));
  expect(elements.rows.find((r) => r.Label === 'Ausländerbüro')).toMatchObject({ Type: 'Organisation', Kind: expect.any(String) });
  expect(connections.rows).toHaveLength(edges.length);
  const ids = new Set(elements.rows.map((r) => r.ID));
  expect(connections.rows.every((c) => ids.has(c.From) && ids.has(c.To) && c.Source === c.From && c.Target === c.To)).toBe(true);
  expect(project(connections.rows.map((c) => ({ source: c.From, target: c.To })))).toEqual((await network()).links);
  expect(connections.rows.find((c) => c.Role === 'CHAIR' && c.Start === '2021-03-01')).toMatchObject({ Context: 'FORUM', End: '' });
  // The names they had first still answer, with the same sheets.
  expect(await csv('network-elements.csv')).toEqual(elements);
  expect(await csv('network-connections.csv')).toEqual(connections);
});

test('as of an earlier day, a link that has ended since has its last day; before it began, it is not there', async () => {
  const coordinator = bearer(await issueTestToken(server.db, Role.COORDINATOR));
  const organisationId = ok(await server.gql(`{ organisation(slug: "auslaenderbuero") { id } }`)).organisation.id;
  const forumId = ok(await server.gql(`{ forum(code: "III") { id } }`)).forum.id;
  const removed = ok(await server.gql(`mutation ($input: RemoveForumMemberInput!) { removeForumMember(input: $input) { userErrors { code } } }`, { input: { forumId, organisationId, until: '2022-06-30' } }, coordinator)).removeForumMember;
  expect(removed.userErrors).toEqual([]);

  const then = await gexf('?asOf=2022-01-01');
  const chair = then.edges.filter((e) => e['@_source'] === organisationId && attr(e, 'role') === 'CHAIR');
  expect(chair).toHaveLength(1);
  // The link held until the day before its `until`: GEXF intervals include their end.
  expect(chair[0]).toMatchObject({ '@_start': '2021-03-01', '@_end': '2022-06-29' });
  expect(await validateGexf(then.text)).toEqual({ valid: true, errors: [] });
  expect(project(then.edges.map((e) => ({ source: e['@_source'], target: e['@_target'] })))).toEqual(
    await (async () => {
      const data = ok(await server.gql(`{ network(first: 1000, asOf: "2022-01-01") { edges(first: 5000) { source { id } target { id } weight } } }`)).network;
      return new Map<string, number>(data.edges.map((e: any) => [[e.source.id, e.target.id].sort().join('|'), e.weight]));
    })(),
  );
  const before = await gexf('?asOf=2021-02-28');
  expect(before.edges.some((e) => e['@_source'] === organisationId && attr(e, 'role') === 'CHAIR')).toBe(false);
  const today = await gexf();
  expect(today.edges.some((e) => e['@_source'] === organisationId && attr(e, 'role') === 'CHAIR')).toBe(false);
});

test('unknown parameters and bad values are refused, naming the file', async () => {
  await expectRefused(server, [
    ['/export/network.gexf?colour=red', 'colour'],
    ['/export/network.gexf?contexts=PARTY', 'contexts'],
    ['/export/kumu-elements.csv?asOf=gestern', 'asOf'],
    ['/export/kumu-connections.csv?kinds=', 'kinds'],
  ]);
});

import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TestServer } from './server';

/*
 * The downloads (/export/…) read as their users' tools read them: a strict RFC 4180 CSV
 * parser, a validating XML parser, JSON.parse. Each fetch checks the status and media type.
 */

/** GETs a download (or any other path) of the server. */
export const download = (server: TestServer, path: string) => fetch(`${server.base}${path}`);

export const graphmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => ['key', 'node', 'edge', 'data'].includes(name),
});

interface GraphmlData {
  '@_key': string;
  '#text'?: string;
}
interface Graphml {
  keys: { '@_id': string; '@_for': string; '@_attr.name': string; '@_attr.type': string }[];
  nodes: { '@_id': string; data: GraphmlData[] }[];
  edges: { '@_id': string; '@_source': string; '@_target': string; data: GraphmlData[] }[];
}

export async function fetchGraphml(server: TestServer): Promise<Graphml> {
  const res = await download(server, '/export/network.graphml');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
  const text = await res.text();
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = graphmlParser.parse(text);
  const graph = doc.graphml.graph;
  return { keys: doc.graphml.key ?? [], nodes: graph.node ?? [], edges: graph.edge ?? [] };
}

export const dataOf = (element: { data: GraphmlData[] }) => Object.fromEntries(element.data.map((d) => [d['@_key'], d['#text'] ?? '']));

export const fetchCsv = (server: TestServer, query = '') => fetchCsvAt(server, `/export/organisations.csv${query}`);

/** A CSV download (any path), read strictly as RFC 4180. */
export async function fetchCsvAt(server: TestServer, path: string): Promise<{ bytes: Buffer; text: string; records: Record<string, string>[] }> {
  const res = await download(server, path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  // RFC 4180, strictly: CRLF records, quotes only around whole fields, the same number of fields everywhere.
  const records: Record<string, string>[] = parseCsv(text, { columns: true, bom: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
  return { bytes, text, records };
}

export async function fetchHsds(server: TestServer) {
  const res = await download(server, '/export/hsds.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(await res.text()) as { total_items: number; size: number; empty: boolean; contents: { id: string; name: string; description: unknown }[] };
}

export const liveOrganisations = async (server: TestServer) =>
  server.db.query<{ id: string; slug: string; name: string }>(`select id::text as id, slug, name from organisation where archived_at is null order by slug`);

/** Each download is refused with HTTP 400 and a JSON error naming the parameter, before any of it is sent. */
export async function expectRefused(server: TestServer, cases: [path: string, parameter: string][]) {
  for (const [path, parameter] of cases) {
    const res = await download(server, path);
    const body = await res.text();
    expect({ path, status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') }).toEqual({
      path,
      status: 400,
      type: expect.stringMatching(/^application\/json/),
      disposition: null,
    });
    expect({ path, mentions: JSON.parse(body) && body.includes(parameter) }).toEqual({ path, mentions: true });
  }
}

import net from 'node:net';
import { downloadsInProgress } from '../src/modules/analysis/exports';
import { bumpDataVersion } from './support/database';
import { dataOf, download, fetchCsv, fetchGraphml, fetchHsds, liveOrganisations } from './support/downloads';
import { expectedNetwork, network, nodeBySlug, pairKey } from './support/network';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';
import { sleep, until } from './support/wait';

/*
 * The downloads (organisations.csv, network.graphml, hsds.json) of the Wetzlar data set:
 * their formats against strict parsers, the same organisations as the directory and measures
 * as the network; spreadsheet formulas defused; a client that stops reading mid-way.
 */

describe('on the Wetzlar data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  describe('exports', () => {
    test('organisations.csv is RFC 4180 with one row per live organisation, umlauts and commas intact', async () => {
      const { text, records } = await fetchCsv(server);
      const live = await liveOrganisations(server);
      // CRLF only: no bare LF or CR anywhere.
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(text.startsWith('id,slug,name,')).toBe(true);

      expect(records).toHaveLength(live.length);
      expect(records.map((r) => r.id).sort()).toEqual(live.map((o) => o.id).sort());
      const bySlug = new Map(records.map((r) => [r.slug, r]));
      for (const o of live) expect(bySlug.get(o.slug)?.name).toBe(o.name);

      expect(bySlug.get('auslaenderbuero')).toMatchObject({ name: 'Ausländerbüro', kind: 'MUNICIPAL_DEPARTMENT', level: 'CITY', parent: 'stadt-wetzlar' });
      expect(records.find((r) => r.name === 'Ausländerbüro')?.slug).toBe('auslaenderbuero');
      // A field with a comma is quoted on the wire and comes back whole.
      expect(text).toContain('"Vereine, Verbände, Initiativen"');
      expect(bySlug.get('vereine-verbaende-initiativen')!.name).toBe('Vereine, Verbände, Initiativen');
      // Lists are joined with ";".
      expect(bySlug.get('migrantenvereine')).toMatchObject({ fields_of_action: 'I;II;III', forums: 'Fachforum II;Fachforum III;Fachforum IV' });
    });

    test('?bom=1 starts with the UTF-8 byte-order mark; without it there is none', async () => {
      const withBom = await fetchCsv(server, '?bom=1');
      expect([...withBom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(withBom.bytes.subarray(3, 6).toString('utf8')).toBe('id,');
      const plain = await fetchCsv(server);
      expect(plain.bytes.subarray(0, 3).toString('utf8')).toBe('id,');
      expect(withBom.records).toEqual(plain.records);
    });

    test('network.graphml is XML with a node per organisation and an edge per link, as the network says', async () => {
      const net = await network(server);
      const graph = await fetchGraphml(server);
      expect(graph.nodes).toHaveLength(net.nodeCount);
      expect(graph.edges).toHaveLength(net.edgeCount);

      const nodeKeys = graph.keys.filter((k) => k['@_for'] === 'node').map((k) => k['@_id']);
      const edgeKeys = graph.keys.filter((k) => k['@_for'] === 'edge').map((k) => k['@_id']);
      expect(nodeKeys).toEqual(expect.arrayContaining(['kind', 'level', 'betweenness']));
      expect(edgeKeys).toContain('weight');

      const measures = nodeBySlug(net);
      const live = await liveOrganisations(server);
      const slugOf = new Map(live.map((o) => [o.id, o.slug]));
      for (const node of graph.nodes) {
        const data = dataOf(node);
        const slug = slugOf.get(node['@_id'])!;
        expect(data.slug).toBe(slug);
        expect(Number(data.betweenness)).toBeCloseTo(measures.get(slug)!.betweenness, 10);
        expect(data.kind).toMatch(/^[A-Z_]+$/);
        expect(data.level).toMatch(/^[A-Z_]+$/);
      }
      const auslaenderbuero = graph.nodes.find((n) => dataOf(n).slug === 'auslaenderbuero');
      expect(auslaenderbuero && dataOf(auslaenderbuero)).toMatchObject({ label: 'Ausländerbüro', kind: 'MUNICIPAL_DEPARTMENT', level: 'CITY' });

      const expected = await expectedNetwork(server);
      for (const edge of graph.edges) {
        const key = pairKey(slugOf.get(edge['@_source'])!, slugOf.get(edge['@_target'])!);
        expect({ key, weight: Number(dataOf(edge).weight) }).toEqual({ key, weight: expected.pairs.get(key)?.length });
      }
    });

    test('hsds.json: one item per live organisation, each with id, name and a description string', async () => {
      const hsds = await fetchHsds(server);
      const live = await liveOrganisations(server);
      expect(hsds.total_items).toBe(live.length);
      expect(hsds.size).toBe(live.length);
      expect(hsds.empty).toBe(false);
      expect(hsds.contents).toHaveLength(live.length);
      expect(hsds.contents.map((o) => o.id).sort()).toEqual(live.map((o) => o.id).sort());
      for (const item of hsds.contents) {
        expect(typeof item.id).toBe('string');
        expect(typeof item.name).toBe('string');
        expect(typeof item.description).toBe('string');
      }
      expect(hsds.contents.find((o) => o.name === 'Ausländerbüro')).toBeDefined();
    });

    test('an unknown export is 404', async () => {
      for (const path of ['/export/nothing.csv', '/export/', '/export/organisations.xlsx']) {
        const res = await download(server, path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        await res.text();
      }
    });

    test('awkward names survive all three formats; archived organisations are left out of them', async () => {
      const awkward = 'Verein "Brücke" <Süd> & Co., e.V.\r\nZweite Zeile';
      await server.db.query(
        `insert into organisation (id, slug, name, kind, level, description) values (gen_random_uuid(), 'awkward', ?, 'ASSOCIATION', 'CIVIL_SOCIETY', null)`,
        [awkward],
      );
      await server.db.query(`update organisation set archived_at = now() where slug = 'gewerkschaften'`);
      await bumpDataVersion(server.db);

      const { records } = await fetchCsv(server);
      const live = await liveOrganisations(server);
      expect(records).toHaveLength(live.length);
      expect(records.find((r) => r.slug === 'awkward')?.name).toBe(awkward);
      expect(records.some((r) => r.slug === 'gewerkschaften')).toBe(false);

      const hsds = await fetchHsds(server);
      expect(hsds.total_items).toBe(live.length);
      expect(hsds.contents).toHaveLength(live.length);
      expect(hsds.contents.find((o) => o.name === awkward)?.description).toBe('');
      expect(hsds.contents.some((o) => o.name === 'Gewerkschaften')).toBe(false);

      const graph = await fetchGraphml(server);
      expect(graph.nodes).toHaveLength(live.length);
      const label = dataOf(graph.nodes.find((n) => dataOf(n).slug === 'awkward')!).label;
      // XML parsers turn CRLF into LF (XML 1.0 § 2.11); the entities come back as the characters.
      expect(label.replace(/\r\n/g, '\n')).toBe(awkward.replace(/\r\n/g, '\n'));
      expect(graph.nodes.some((n) => dataOf(n).slug === 'gewerkschaften')).toBe(false);

      const net = await network(server);
      expect(net.nodeCount).toBe(live.length);
    });
  });
});

describe('spreadsheet formulas in what partners write', () => {
  let server: TestServer;
  let coordinator: string;
  beforeAll(async () => {
    server = await startTestServer();
    coordinator = await issueTestToken(server.db, Role.COORDINATOR);
    await server.db.query(`insert into organisation (id, slug, name, kind, level) values (gen_random_uuid(), 'formel', '=HYPERLINK("http://example.org")', 'OTHER', 'PRIVATE')`);
  });
  afterAll(() => server.stop());

  /** Short names a spreadsheet would run as formulas, by organisation. */
  const HOSTILE: Record<string, string> = {
    vhs: '=HYPERLINK("http://evil","x")',
    jugendamt: '@SUM(1)',
    sportamt: '+1',
    ihk: '-1',
    bamf: '\t=1',
    kirchen: '=1+1;Kirchen',
  };

  test('are defused with an apostrophe in every CSV, not only for Excel (?bom=1)', async () => {
    const headers = bearer(coordinator);
    for (const [slug, shortName] of Object.entries(HOSTILE)) {
      const { organisation } = ok(await server.gql(`query ($slug: String!) { organisation(slug: $slug) { id version } }`, { slug }, headers));
      const patch = slug === 'vhs' ? { shortName, phone: '+49 6441 4070' } : { shortName };
      const result = ok(
        await server.gql(
          `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { shortName } userErrors { code message } } }`,
          { input: { id: organisation.id, expectedVersion: organisation.version, patch } },
          headers,
        ),
      );
      expect(result.updateOrganisation).toEqual({ organisation: { shortName }, userErrors: [] });
    }
    for (const query of ['', '?bom=1']) {
      const { records } = await fetchCsv(server, query);
      const bySlug = new Map(records.map((r) => [r.slug, r]));
      for (const [slug, shortName] of Object.entries(HOSTILE)) expect({ query, slug, cell: bySlug.get(slug)!.short_name }).toEqual({ query, slug, cell: `'${shortName}` });
      expect(bySlug.get('formel')!.name).toBe(`'=HYPERLINK("http://example.org")`);
      // A telephone number in international form starts with "+" too: a spreadsheet would compute it.
      expect(bySlug.get('vhs')!.phone).toBe(`'+49 6441 4070`);
      // Everything else is left as it is.
      expect(bySlug.get('auslaenderbuero')).toMatchObject({ name: 'Ausländerbüro', short_name: '' });
      expect(bySlug.get('integrierte-gesamtschule')!.short_name).toBe('IGS');
    }
  });
});

describe('a download the client abandons', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    // About 24 MB of HSDS JSON: more than the socket buffers hold, so the server has to wait for the client to read on.
    await server.db.query(
      `insert into organisation (id, slug, name, kind, level, description)
       select gen_random_uuid(), 'gross-' || i, 'Organisation ' || i, 'ASSOCIATION', 'CIVIL_SOCIETY', repeat('Beschreibung ', 600)
         from generate_series(1, 3000) i`,
    );
  });
  afterAll(() => server.stop());

  test('stops when the client goes away mid-way, and the server answers the next download', async () => {
    expect(downloadsInProgress()).toBe(0);
    const socket = net.connect(server.app.port, '127.0.0.1');
    socket.write('GET /export/hsds.json HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const head = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.pause();
    expect(head.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    // The client reads no further: the server fills the buffers and waits for it.
    await sleep(500);
    expect(downloadsInProgress()).toBe(1);
    socket.destroy();
    // It gives up rather than waiting for the client forever (with its batches of rows).
    expect(await until(() => downloadsInProgress() === 0)).toBe(true);

    const hsds = await fetchHsds(server);
    expect(hsds.total_items).toBe(3000);
    expect(hsds.contents).toHaveLength(3000);
    expect(downloadsInProgress()).toBe(0);
  });
});

import { bumpDataVersion } from './support/database';
import { dataOf, fetchCsv, fetchGraphml, fetchHsds, liveOrganisations } from './support/downloads';
import { counter, expectedNetwork, expectNetworkToMatch, network, nodeBySlug } from './support/network';
import { ok, startTestServer, TestServer } from './support/server';

/*
 * Small hand-made graphs whose measures are known by hand, built up in one database and then
 * archived piece by piece: each block starts from what the blocks before it left, so the
 * tests of this file run in order. The network, its GraphML and the gaps are checked on them,
 * and the downloads of an empty and of a large directory.
 */

describe('on hand-made graphs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
  });
  afterAll(() => server.stop());

  async function addOrganisations(slugs: string[]) {
    for (const slug of slugs) {
      await server.db.query(`insert into organisation (id, slug, name, kind, level) values (gen_random_uuid(), ?, ?, 'ASSOCIATION', 'CIVIL_SOCIETY')`, [
        slug,
        `Organisation ${slug}`,
      ]);
    }
  }

  async function addForum(code: string, position: number, members: string[]) {
    await server.db.query(`insert into forum (id, code, name, topic, position) values (gen_random_uuid(), ?, ?, 'Test', ?)`, [code, `Forum ${code}`, position]);
    for (const slug of members) {
      await server.db.query(
        `insert into forum_membership (id, forum_id, organisation_id)
         select gen_random_uuid(), f.id, o.id from forum f, organisation o where f.code = ? and o.slug = ?`,
        [code, slug],
      );
    }
  }

  test('an empty directory has an empty network and empty exports', async () => {
    const net = await network(server);
    expect(counter(net.dataVersion)).toBe(0n);
    expect(net).toMatchObject({ nodeCount: 0, edgeCount: 0, communityCount: 0, nodes: [], edges: [], brokers: [] });
    const hsds = await fetchHsds(server);
    expect(hsds).toMatchObject({ total_items: 0, empty: true, contents: [] });
    const { records, text } = await fetchCsv(server);
    expect(records).toEqual([]);
    expect(text.startsWith('id,slug,name,')).toBe(true);
    const graph = await fetchGraphml(server);
    expect(graph.nodes).toEqual([]);
    expect(graph.edges).toEqual([]);
  });

  describe('two forums A {a1, a2, a3, x} and B {x, b1, b2, b3}: x is the only bridge', () => {
    beforeAll(async () => {
      await addOrganisations(['a1', 'a2', 'a3', 'x', 'b1', 'b2', 'b3']);
      await addForum('A', 1, ['a1', 'a2', 'a3', 'x']);
      await addForum('B', 2, ['x', 'b1', 'b2', 'b3']);
      await bumpDataVersion(server.db);
    });

    test('the network is cached per data version: a write by SQL shows once the version moves on', async () => {
      const before = await network(server);
      expect(before.nodeCount).toBe(7);
      await addOrganisations(['late']);
      const stale = await network(server);
      expect({ dataVersion: stale.dataVersion, nodeCount: stale.nodeCount }).toEqual({ dataVersion: before.dataVersion, nodeCount: 7 });
      await bumpDataVersion(server.db);
      const fresh = await network(server);
      expect(counter(fresh.dataVersion)).toBe(counter(before.dataVersion) + 1n);
      expect(fresh.nodeCount).toBe(8);
      await server.db.query(`delete from organisation where slug = 'late'`);
      await bumpDataVersion(server.db);
      expect((await network(server)).nodeCount).toBe(7);
    });

    test('counts and degrees', async () => {
      const net = await network(server);
      expect(net.nodeCount).toBe(7);
      // Two cliques of four that share x: 6 + 6 links.
      expect(net.edgeCount).toBe(12);
      expect(net.edges.every((e) => e.weight === 1)).toBe(true);
      const nodes = nodeBySlug(net);
      expect(nodes.get('x')).toMatchObject({ degree: 6, weightedDegree: 6, forumCount: 2 });
      for (const s of ['a1', 'a2', 'a3', 'b1', 'b2', 'b3']) expect({ s, ...nodes.get(s) }).toMatchObject({ s, degree: 3, weightedDegree: 3, forumCount: 1 });
    });

    test('betweenness: x is on all 16 shortest paths between {a1, a2, a3, A} and {b1, b2, b3, B}: 16 / (8·7/2)', async () => {
      const net = await network(server);
      const nodes = nodeBySlug(net);
      expect(nodes.get('x')!.betweenness).toBeCloseTo(16 / 28, 12);
      for (const s of ['a1', 'a2', 'a3', 'b1', 'b2', 'b3']) expect({ s, b: nodes.get(s)!.betweenness }).toEqual({ s, b: 0 });
      // The most central first.
      expect(net.nodes[0].organisation.slug).toBe('x');
    });

    test('communities: the a side and the b side; x is the only broker', async () => {
      const net = await network(server);
      const nodes = nodeBySlug(net);
      const c = (s: string) => nodes.get(s)!.community;
      expect(net.communityCount).toBe(2);
      expect(new Set([c('a1'), c('a2'), c('a3')]).size).toBe(1);
      expect(new Set([c('b1'), c('b2'), c('b3')]).size).toBe(1);
      expect(c('a1')).not.toBe(c('b1'));
      expect([c('a1'), c('b1')]).toContain(c('x'));
      expect(net.modularity).toBeGreaterThan(0);
      expect(net.brokers.map((b) => b.organisation.slug)).toEqual(['x']);
      expect(net.brokers[0].betweenness).toBeCloseTo(16 / 28, 12);
    });

    test('everything agrees with the SQL view and the definitions', async () => {
      expectNetworkToMatch(await network(server), await expectedNetwork(server));
    });

    test('the members of forum A: degrees within the view, betweenness and communities of the whole network', async () => {
      const whole = nodeBySlug(await network(server));
      const view = ok(
        await server.gql(
          `{ network(filter: { forum: "A" }) { nodeCount edgeCount communityCount nodes { degree weightedDegree betweenness community organisation { slug } } brokers { organisation { slug } } } }`,
        ),
      ).network;
      expect(view.nodes.map((n: any) => n.organisation.slug).sort()).toEqual(['a1', 'a2', 'a3', 'x']);
      expect({ nodeCount: view.nodeCount, edgeCount: view.edgeCount, communityCount: view.communityCount }).toEqual({ nodeCount: 4, edgeCount: 6, communityCount: 2 });
      for (const n of view.nodes) {
        const slug = n.organisation.slug;
        // x has six partners in the whole network, three of them in forum A.
        expect({ slug, degree: n.degree, weightedDegree: n.weightedDegree }).toEqual({ slug, degree: 3, weightedDegree: 3 });
        expect({ slug, betweenness: n.betweenness, community: n.community }).toEqual({ slug, betweenness: whole.get(slug)!.betweenness, community: whole.get(slug)!.community });
      }
      expect(view.nodes[0]).toMatchObject({ organisation: { slug: 'x' }, betweenness: expect.closeTo(16 / 28, 12) });
      // x is still a broker: its betweenness is the whole network's.
      expect(view.brokers.map((b: any) => b.organisation.slug)).toEqual(['x']);
    });

    test('the GraphML export carries the same measures', async () => {
      const graph = await fetchGraphml(server);
      expect(graph.nodes).toHaveLength(7);
      expect(graph.edges).toHaveLength(12);
      const x = dataOf(graph.nodes.find((n) => dataOf(n).slug === 'x')!);
      expect(Number(x.betweenness)).toBeCloseTo(16 / 28, 12);
      expect(x).toMatchObject({ degree: '6', kind: 'ASSOCIATION', level: 'CIVIL_SOCIETY', label: 'Organisation x' });
      expect(graph.edges.every((e) => dataOf(e).weight === '1')).toBe(true);
    });
  });

  describe('a path p1 – P1 – p2 – P2 – p3 – P3 – p4 beside it', () => {
    beforeAll(async () => {
      await addOrganisations(['p1', 'p2', 'p3', 'p4']);
      await addForum('P1', 3, ['p1', 'p2']);
      await addForum('P2', 4, ['p2', 'p3']);
      await addForum('P3', 5, ['p3', 'p4']);
      await bumpDataVersion(server.db);
    });

    test('normalised over all 16 nodes of the affiliation graph: x 16/105, p2 and p3 8/105', async () => {
      const net = await network(server);
      const nodes = nodeBySlug(net);
      expect(net.nodeCount).toBe(11);
      expect(net.edgeCount).toBe(15);
      expect(nodes.get('x')!.betweenness).toBeCloseTo(16 / 105, 12);
      // On a path of 7 nodes the one at position i (from 0) is between i·(6-i) pairs.
      expect(nodes.get('p2')!.betweenness).toBeCloseTo(8 / 105, 12);
      expect(nodes.get('p3')!.betweenness).toBeCloseTo(8 / 105, 12);
      expect(nodes.get('p1')!.betweenness).toBe(0);
      expect(nodes.get('p4')!.betweenness).toBe(0);
      expect({ p1: nodes.get('p1')!.degree, p2: nodes.get('p2')!.degree }).toEqual({ p1: 1, p2: 2 });
      expect(net.brokers[0].organisation.slug).toBe('x');
      expect(net.brokers.slice(1).map((b) => b.organisation.slug).sort()).toEqual(['p2', 'p3']);
      // The path's communities are not the cliques'.
      const sides = new Set(['a1', 'b1', 'x'].map((s) => nodes.get(s)!.community));
      for (const p of ['p1', 'p2', 'p3', 'p4']) expect(sides.has(nodes.get(p)!.community)).toBe(false);
      expect(net.communityCount).toBeGreaterThanOrEqual(3);
      expectNetworkToMatch(net, await expectedNetwork(server));
    });
  });

  describe('ended memberships and archived organisations leave the network and the gaps', () => {
    /** Thin forums (fewer than 3) as the API says and as SQL counts them. */
    const thinForums = async () => {
      const api = ok(await server.gql(`{ gaps(minPartners: 3) { type count forum { code } } }`))
        .gaps.filter((g: any) => g.type === 'THIN_FORUM')
        .map((g: any) => `${g.forum.code}:${g.count}`);
      const sql = await server.db.query<{ forum: string }>(
        `select f.code || ':' || count(o.id) as forum from forum f
           left join forum_membership m on m.forum_id = f.id and m.until is null
           left join organisation o on o.id = m.organisation_id and o.archived_at is null
          where f.archived_at is null group by f.code, f.position having count(o.id) < 3 order by f.position`,
      );
      expect(api).toEqual(sql.map((r) => r.forum));
      return api;
    };

    test('x leaves forum B: no bridge any more', async () => {
      await server.db.query(
        `update forum_membership set until = current_date, end_reason = 'LEFT' where forum_id = (select id from forum where code = 'B') and organisation_id = (select id from organisation where slug = 'x')`,
      );
      await bumpDataVersion(server.db);
      const net = await network(server);
      const nodes = nodeBySlug(net);
      // K4 on A, K3 on B, and the path's 3 links.
      expect(net.edgeCount).toBe(6 + 3 + 3);
      expect(nodes.get('x')).toMatchObject({ degree: 3, forumCount: 1, betweenness: 0 });
      expect(net.brokers.map((b) => b.organisation.slug).sort()).toEqual(['p2', 'p3']);
      expectNetworkToMatch(net, await expectedNetwork(server));
      // B keeps b1, b2, b3: not thin.
      expect(await thinForums()).toEqual(['P1:2', 'P2:2', 'P3:2']);
    });

    test('an archived organisation is no node and has no links', async () => {
      await server.db.query(`update organisation set archived_at = now() where slug = 'b1'`);
      await bumpDataVersion(server.db);
      const net = await network(server);
      expect(net.nodeCount).toBe(10);
      expect(net.nodes.map((n) => n.organisation.slug)).not.toContain('b1');
      expect(net.edgeCount).toBe(6 + 1 + 3);
      expectNetworkToMatch(net, await expectedNetwork(server));
      expect(await thinForums()).toEqual(['B:2', 'P1:2', 'P2:2', 'P3:2']);
    });

    test('an archived forum links nobody', async () => {
      await server.db.query(`update forum set archived_at = now() where code = 'P2'`);
      await bumpDataVersion(server.db);
      const net = await network(server);
      const nodes = nodeBySlug(net);
      expect(net.edgeCount).toBe(6 + 1 + 2);
      expect(nodes.get('p2')).toMatchObject({ degree: 1, forumCount: 1, betweenness: 0 });
      expect(net.brokers).toEqual([]);
      expectNetworkToMatch(net, await expectedNetwork(server));
      expect(await thinForums()).toEqual(['B:2', 'P1:2', 'P3:2']);
    });
  });

  describe('exports larger than one batch', () => {
    test('1,234 more organisations, many with the same name: every one exported once', async () => {
      await server.db.query(
        `insert into organisation (id, slug, name, kind, level)
         select gen_random_uuid(), 'bulk-' || i, 'Verein ' || (i % 7) || case when i % 3 = 0 then ', Ölmühle' else '' end, 'ASSOCIATION', 'CIVIL_SOCIETY'
           from generate_series(1, 1234) i`,
      );
      await bumpDataVersion(server.db);
      const live = await liveOrganisations(server);
      expect(live.length).toBe(10 + 1234);

      const { records } = await fetchCsv(server);
      expect(records).toHaveLength(live.length);
      expect(new Set(records.map((r) => r.id)).size).toBe(live.length);
      expect(records.map((r) => r.id).sort()).toEqual(live.map((o) => o.id).sort());
      expect(records.filter((r) => r.name === 'Verein 3, Ölmühle').length).toBeGreaterThan(50);

      const hsds = await fetchHsds(server);
      expect(hsds.total_items).toBe(live.length);
      expect(hsds.contents.map((o) => o.id).sort()).toEqual(live.map((o) => o.id).sort());

      const net = await network(server, 0);
      const graph = await fetchGraphml(server);
      expect(net.nodeCount).toBe(live.length);
      expect(graph.nodes).toHaveLength(net.nodeCount);
      expect(new Set(graph.nodes.map((n) => n['@_id']))).toEqual(new Set(live.map((o) => o.id)));
      expect(graph.nodes.every((n) => dataOf(n).slug !== '')).toBe(true);
      expect(graph.edges).toHaveLength(net.edgeCount);
    });
  });
});

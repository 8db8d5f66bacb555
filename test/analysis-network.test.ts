import { XMLValidator } from 'fast-xml-parser';
import { OrganisationKind } from '../src/modules/organisation/organisation.enums';
import { networkComputationCount } from '../src/modules/analysis/network.compute';
import { dataOf, download, expectRefused, graphmlParser, liveOrganisations } from './support/downloads';
import { contextName, counter, expectedNetwork, expectNetworkToMatch, LIVE_MEMBERSHIPS, network, nodeBySlug, pairKey } from './support/network';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/*
 * The network of the Wetzlar data set (nodes, links, weights, degrees, betweenness,
 * communities, brokers, filtered views and their GraphML) against the memberships in SQL and
 * the measures' definitions (support/network.ts); and a write through the API moves it on.
 */

describe('on the Wetzlar data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  describe('network', () => {
    test('nodes, edges, weights, degrees, betweenness, communities and brokers match the memberships in SQL', async () => {
      const net = await network(server);
      const expected = await expectedNetwork(server);
      const [{ n }] = await server.db.query<{ n: number }>(`select count(*)::int as n from organisation where archived_at is null`);
      expect(net.nodeCount).toBe(n);
      expect(n).toBe(43);
      expect(expected.pairs.size).toBeGreaterThan(20);
      expectNetworkToMatch(net, expected);
    });

    test('edgeCount is the number of distinct organisation pairs sharing a forum, body or project', async () => {
      const net = await network(server, 0);
      const [{ n }] = await server.db.query<{ n: number }>(
        `with m as (${LIVE_MEMBERSHIPS}) select count(distinct (least(a.org_id, b.org_id), greatest(a.org_id, b.org_id)))::int as n
           from m a join m b on a.context = b.context and a.org_id <> b.org_id`,
      );
      expect(net.edgeCount).toBe(n);
      // `first: 0` returns no nodes and so no edges, but counts all.
      expect(net.nodes).toEqual([]);
      expect(net.edges).toEqual([]);
      expect(net.nodeCount).toBe(43);
    });

    test('Migrantenvereine and the Integrierte Gesamtschule share Fachforum II and III: weight 2', async () => {
      const net = await network(server);
      const edge = net.edges.find((e) => pairKey(e.source.slug, e.target.slug) === pairKey('migrantenvereine', 'integrierte-gesamtschule'))!;
      expect(edge.weight).toBe(2);
      expect(edge.contexts.map(contextName).sort()).toEqual(['FORUM:II', 'FORUM:III']);
      // A pair sharing one forum only.
      const single = net.edges.find((e) => pairKey(e.source.slug, e.target.slug) === pairKey('sportamt', 'sportkreis-13'))!;
      expect(single.weight).toBe(1);
      // Two that share nothing are not linked.
      expect(net.edges.some((e) => pairKey(e.source.slug, e.target.slug) === pairKey('sportamt', 'jugendamt'))).toBe(false);
    });

    test('the degree of Migrantenvereine is the number of its distinct co-members', async () => {
      const net = await network(server);
      const [{ n }] = await server.db.query<{ n: number }>(
        `with m as (${LIVE_MEMBERSHIPS})
         select count(distinct b.slug)::int as n from m a join m b on a.context = b.context and b.slug <> a.slug where a.slug = 'migrantenvereine'`,
      );
      // Fachforum II (1 other), III (4 others, 1 of them already counted), IV (3 others).
      expect(n).toBe(7);
      expect(nodeBySlug(net).get('migrantenvereine')!.degree).toBe(n);
      expect(nodeBySlug(net).get('migrantenvereine')!.forumCount).toBe(3);
    });

    test('brokers are members of two or more forums', async () => {
      const net = await network(server);
      const rows = await server.db.query<{ slug: string }>(
        `select o.slug from organisation o join forum_membership m on m.organisation_id = o.id and m.until is null
           join forum f on f.id = m.forum_id and f.archived_at is null
          where o.archived_at is null group by o.slug having count(*) >= 2 order by o.slug`,
      );
      expect(rows.map((r) => r.slug)).toEqual(['integrierte-gesamtschule', 'migrantenvereine', 'quartiersmanagement']);
      for (const b of net.brokers) expect(rows.map((r) => r.slug)).toContain(b.organisation.slug);
      // Each of the three links forums that nobody else links (II–III share the two, so each gets half): all are brokers.
      expect(net.brokers.map((b) => b.organisation.slug).sort()).toEqual(rows.map((r) => r.slug));
      expect(net.brokers.every((b) => b.forumCount >= 2 && b.betweenness > 0)).toBe(true);
    });

    test.each([
      ['members of Fachforum III', { forum: 'III' }, `exists (select 1 from forum_membership fm join forum f on f.id = fm.forum_id where fm.organisation_id = o.id and fm.until is null and f.code = 'III')`, null, 'forum=III'],
      ['city departments', { kinds: ['MUNICIPAL_DEPARTMENT'] }, `o.kind = 'MUNICIPAL_DEPARTMENT'`, null, 'kinds=MUNICIPAL_DEPARTMENT'],
      ['civil society in field I', { levels: ['CIVIL_SOCIETY'], fieldOfAction: 'I' }, `o.level = 'CIVIL_SOCIETY' and exists (select 1 from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id where x.organisation_id = o.id and f.code = 'I')`, null, 'levels=CIVIL_SOCIETY&fieldOfAction=I'],
      ['linked by forums only', { contexts: ['FORUM'] }, 'true', 'FORUM:', 'contexts=FORUM'],
      // Regression: a list of contexts without FORUM was an internal error when only the FORUM branch of the
      // membership UNION named its columns (type, ctx, org): "column all_m.org does not exist".
      ['linked by bodies only', { contexts: ['BODY'] }, 'true', 'BODY:', 'contexts=BODY'],
    ])('a filtered network (%s) has the nodes, links and degrees SQL finds, in GraphQL and in GraphML; betweenness and community of the whole network', async (_name, filter, where, only, query) => {
      const data = ok(
        await server.gql(
          `query ($filter: NetworkFilterInput) {
             network(first: 100, filter: $filter) {
               nodeCount edgeCount communityCount nodes { degree weightedDegree betweenness community organisation { slug } }
               edges(first: 1000) { weight source { slug } target { slug } contexts { type } }
             }
           }`,
          { filter },
        ),
      ).network;
      const whole = await network(server);
      const nodes = await server.db.query<{ slug: string }>(`select o.slug from organisation o where o.archived_at is null and ${where} order by o.slug`);
      // The pairs among the selected organisations, weighted by the contexts of the chosen types they share.
      const pairs = await server.db.query<{ a: string; b: string; weight: number }>(
        `with m as (select * from (${LIVE_MEMBERSHIPS}) m where m.slug in (select o.slug from organisation o where o.archived_at is null and ${where})
                      and m.context like ?)
         select least(a.slug, b.slug) as a, greatest(a.slug, b.slug) as b, count(distinct a.context)::int as weight
           from m a join m b on a.context = b.context and a.slug <> b.slug group by 1, 2`,
        [`${only ?? ''}%`],
      );
      expect(nodes.length).toBeGreaterThan(1);
      expect(data.nodes.map((x: any) => x.organisation.slug).sort()).toEqual(nodes.map((r) => r.slug));
      expect({ nodeCount: data.nodeCount, edgeCount: data.edgeCount }).toEqual({ nodeCount: nodes.length, edgeCount: pairs.length });
      expect(data.edges.map((e: any) => `${pairKey(e.source.slug, e.target.slug)}:${e.weight}`).sort()).toEqual(pairs.map((p) => `${p.a}|${p.b}:${p.weight}`).sort());
      if (only) for (const e of data.edges) expect(e.contexts.every((c: any) => `${c.type}:` === only)).toBe(true);

      // Degrees are counted within the view; betweenness and community are the whole network's (as in Gephi).
      const degree = new Map(nodes.map((r) => [r.slug, { degree: 0, weightedDegree: 0 }]));
      for (const p of pairs) {
        for (const slug of [p.a, p.b]) {
          degree.get(slug)!.degree++;
          degree.get(slug)!.weightedDegree += p.weight;
        }
      }
      const wholeBySlug = nodeBySlug(whole);
      for (const n of data.nodes) {
        const slug = n.organisation.slug;
        expect({ slug, degree: n.degree, weightedDegree: n.weightedDegree }).toEqual({ slug, ...degree.get(slug) });
        expect({ slug, betweenness: n.betweenness, community: n.community }).toEqual({
          slug,
          betweenness: wholeBySlug.get(slug)!.betweenness,
          community: wholeBySlug.get(slug)!.community,
        });
      }
      expect(data.communityCount).toBe(whole.communityCount);

      const res = await download(server, `/export/network.graphml?${query}`);
      const doc = graphmlParser.parse(await res.text());
      expect({ nodes: doc.graphml.graph.node?.length ?? 0, edges: doc.graphml.graph.edge?.length ?? 0 }).toEqual({ nodes: nodes.length, edges: pairs.length });
      for (const node of doc.graphml.graph.node ?? []) {
        const d = dataOf(node);
        expect({ slug: d.slug, degree: Number(d.degree) }).toEqual({ slug: d.slug, degree: degree.get(d.slug)!.degree });
      }
    });

    test('links are bounded by edges(first:), the heaviest first, then by source and target id', async () => {
      const ids = new Map((await liveOrganisations(server)).map((o) => [o.slug, o.id]));
      const EDGES = `query ($edges: Int) { network(first: 1000) { edgeCount edges(first: $edges) { weight source { slug } target { slug } } } }`;
      const all = ok(await server.gql(EDGES, { edges: 5000 })).network;
      expect(all.edges).toHaveLength(all.edgeCount);
      const key = (e: any) => [e.weight, ids.get(e.source.slug)!, ids.get(e.target.slug)!] as const;
      const sorted = [...all.edges].sort((x: any, y: any) => {
        const [wx, sx, tx] = key(x);
        const [wy, sy, ty] = key(y);
        return wy - wx || (sx < sy ? -1 : sx > sy ? 1 : 0) || (tx < ty ? -1 : tx > ty ? 1 : 0);
      });
      expect(all.edges).toEqual(sorted);
      for (const e of all.edges) expect(ids.get(e.source.slug)! < ids.get(e.target.slug)!).toBe(true);
      expect(all.edges[0].weight).toBeGreaterThanOrEqual(2);

      const top = ok(await server.gql(EDGES, { edges: 7 })).network;
      expect(top.edges).toEqual(sorted.slice(0, 7));
      expect(top.edgeCount).toBe(all.edgeCount);
      expect(ok(await server.gql(EDGES, { edges: 0 })).network.edges).toEqual([]);
      // The default is 500.
      expect(ok(await server.gql(`{ network(first: 1000) { edges { weight } } }`)).network.edges).toHaveLength(Math.min(500, all.edgeCount));
      for (const edges of [-1, 5001]) {
        const res = await server.gql(EDGES, { edges });
        expect({ edges, code: res.errors?.[0]?.extensions?.code, data: res.data ?? null }).toEqual({ edges, code: 'BAD_USER_INPUT', data: null });
      }
    });

    test('a junk filter value is BAD_USER_INPUT in GraphQL and HTTP 400 with a JSON error in the export', async () => {
      const FILTERED = `query ($filter: NetworkFilterInput) { network(filter: $filter) { nodeCount } }`;
      for (const filter of [{ kinds: ['ASSOCIATION', 'junk1'] }, { levels: ['NOWHERE'] }, { contexts: ['FORUM', 'PARTY'] }, { forum: 'x'.repeat(21) }, { forum: '' }, { fieldOfAction: 'I'.repeat(100) }]) {
        const res = await server.gql(FILTERED, { filter });
        expect({ filter, code: res.errors?.[0]?.extensions?.code, data: res.data ?? null }).toEqual({ filter, code: 'BAD_USER_INPUT', data: null });
      }
      await expectRefused(server, [
        ['/export/network.graphml?kinds=ASSOCIATION,junk1', 'kinds'],
        ['/export/network.graphml?levels=CITY,NOWHERE', 'levels'],
        ['/export/network.graphml?contexts=PARTY', 'contexts'],
        ['/export/network.graphml?kinds=', 'kinds'],
        ['/export/network.graphml?forum=' + 'x'.repeat(21), 'forum'],
        ['/export/network.graphml?fieldOfAction=', 'fieldOfAction'],
        ['/export/network.graphml?forum=I&forum=II', 'forum'],
        ['/export/network.graphml?colour=red', 'colour'],
      ]);
    });

    test('the other downloads refuse unknown parameters and bad values too: HTTP 400 with a JSON error', async () => {
      await expectRefused(server, [
        ['/export/organisations.csv?bom=2', 'bom'],
        ['/export/organisations.csv?format=xlsx', 'format'],
        ['/export/organisations.csv?bom=1&bom=1', 'bom'],
        ['/export/hsds.json?page=2', 'page'],
      ]);
      // What they do take still works.
      for (const path of ['/export/organisations.csv?bom=0', '/export/organisations.csv?bom=1', '/export/hsds.json']) {
        const res = await download(server, path);
        await res.arrayBuffer();
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });

    test('the same filter however spelt is the same view: ?kinds=A,A,B equals ?kinds=B,A', async () => {
      const text = async (query: string) => {
        const res = await download(server, `/export/network.graphml?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 200 });
        return res.text();
      };
      const twice = await text('kinds=MUNICIPAL_DEPARTMENT,MUNICIPAL_DEPARTMENT,ADVISORY_COUNCIL');
      expect(twice).toContain('<node ');
      expect(await text('kinds=ADVISORY_COUNCIL,MUNICIPAL_DEPARTMENT')).toBe(twice);
      expect(await text('kinds=ADVISORY_COUNCIL, MUNICIPAL_DEPARTMENT&contexts=PROJECT,FORUM,BODY')).toBe(twice);
      // Every kind (or level, or context type) is no filter at all.
      const all = await text('');
      expect(await text(`kinds=${['OTHER', ...Object.values(OrganisationKind)].join(',')}`)).toBe(all);
    });

    test('an unknown forum or field of action selects nobody', async () => {
      for (const filter of [{ forum: 'XIV' }, { fieldOfAction: 'VI' }, { forum: 'III', fieldOfAction: 'nope' }]) {
        const data = ok(await server.gql(`query ($filter: NetworkFilterInput) { network(filter: $filter) { nodeCount edgeCount nodes { degree } } }`, { filter })).network;
        expect({ filter, ...data }).toEqual({ filter, nodeCount: 0, edgeCount: 0, nodes: [] });
      }
      const graph = graphmlParser.parse(await (await download(server, '/export/network.graphml?forum=XIV')).text()).graphml.graph;
      expect(graph.node ?? []).toEqual([]);
    });

    test('filtered views are derived from the network of the data version, not computed again', async () => {
      await network(server);
      const before = networkComputationCount();
      const queries = [
        'kinds=ASSOCIATION', 'kinds=SCHOOL,CHURCH', 'levels=CITY', 'levels=DISTRICT,STATE', 'forum=I', 'forum=II', 'forum=NOPE',
        'fieldOfAction=III', 'contexts=BODY', 'contexts=PROJECT', 'contexts=FORUM,BODY', 'kinds=MUNICIPAL_DEPARTMENT&contexts=FORUM',
        'levels=CIVIL_SOCIETY&fieldOfAction=I&contexts=FORUM,PROJECT',
      ];
      for (const query of queries) {
        const res = await download(server, `/export/network.graphml?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 200 });
        expect(XMLValidator.validate(await res.text())).toBe(true);
      }
      for (const filter of [{ kinds: ['CHURCH'] }, { forum: 'V', contexts: ['BODY'] }]) ok(await server.gql(`query ($filter: NetworkFilterInput) { network(filter: $filter) { nodeCount } }`, { filter }));
      expect(networkComputationCount()).toBe(before);
    });

    test('first bounds the nodes returned, the most central first, and the edges among them', async () => {
      const all = await network(server);
      const top = await network(server, 5);
      expect(top.nodes.map((n) => n.organisation.slug)).toEqual(all.nodes.slice(0, 5).map((n) => n.organisation.slug));
      const kept = new Set(top.nodes.map((n) => n.organisation.slug));
      const among = all.edges.filter((e) => kept.has(e.source.slug) && kept.has(e.target.slug)).map((e) => pairKey(e.source.slug, e.target.slug));
      expect(top.edges.map((e) => pairKey(e.source.slug, e.target.slug)).sort()).toEqual(among.sort());
      expect(top.edgeCount).toBe(all.edgeCount);
      const bs = all.nodes.map((n) => n.betweenness);
      expect(bs).toEqual([...bs].sort((a, b) => b - a));
    });
  });

  describe('the cache follows the writes', () => {
    test('adding a member through the API moves the data version on and the network with it', async () => {
      const before = await network(server);
      const [{ links }] = await server.db.query<{ links: number }>(
        `with m as (${LIVE_MEMBERSHIPS}) select count(*)::int as links from m where slug = 'ihk'`,
      );
      expect(links).toBe(0);
      expect(nodeBySlug(before).get('ihk')!.degree).toBe(0);

      const ids = ok(await server.gql(`{ organisation(slug: "ihk") { id } forum(code: "V") { id members { totalCount } } }`));
      const token = await issueTestToken(server.db, Role.COORDINATOR);
      const added = ok(
        await server.gql(
          `mutation ($input: ForumMemberInput!) { addForumMember(input: $input) { role userErrors { code message } } }`,
          { input: { forumId: ids.forum.id, organisationId: ids.organisation.id } },
          bearer(token),
        ),
      );
      expect(added.addForumMember.userErrors).toEqual([]);

      const after = await network(server);
      expect(after.dataVersion).not.toBe(before.dataVersion);
      expect(counter(after.dataVersion)).toBeGreaterThan(counter(before.dataVersion));
      const [{ version }] = await server.db.query<{ version: string }>(`select version::text as version from data_version where id = 1`);
      expect(counter(after.dataVersion)).toBe(BigInt(version));
      // The IHK is now linked to every other member of Fachforum V.
      expect(after.edgeCount).toBe(before.edgeCount + ids.forum.members.totalCount);
      const ihk = nodeBySlug(after).get('ihk')!;
      expect({ degree: ihk.degree, forumCount: ihk.forumCount }).toEqual({ degree: ids.forum.members.totalCount, forumCount: 1 });
      expect(after.edges.some((e) => pairKey(e.source.slug, e.target.slug) === pairKey('ihk', 'kirchen'))).toBe(true);
      expectNetworkToMatch(after, await expectedNetwork(server));
    });
  });
});

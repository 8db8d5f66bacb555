import net from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { XMLValidator } from 'fast-xml-parser';
import { OrganisationKind } from '../src/modules/organisation/organisation.enums';
import { SqlRunner } from '../src/db/database';
import { generateSynthetic } from '../src/db/synthetic';
import { downloadsInProgress } from '../src/modules/analysis/exports';
import { NetworkCache, networkComputationCount } from '../src/modules/analysis/network.compute';
import { bumpDataVersion } from './support/database';
import { dataOf, download, expectRefused, fetchCsv, fetchGraphml, fetchHsds, graphmlParser, liveOrganisations } from './support/downloads';
import { contextName, counter, expectedNetwork, expectNetworkToMatch, LIVE_MEMBERSHIPS, network, nodeBySlug, pairKey } from './support/network';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';
import { sleep, until } from './support/wait';

/*
 * The analysts' views (coverage, gaps, network) and the downloads, each checked against a
 * count made by the tests, in SQL or by definition (support/network.ts), without the
 * server's code: on the Wetzlar data set, and on small hand-made graphs whose measures are
 * known by hand.
 */

// ---------------------------------------------------------------------------------------
// On the Wetzlar data
// ---------------------------------------------------------------------------------------

describe('on the Wetzlar data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  describe('coverage', () => {
    const COVERAGE = `query ($by: CoverageDimension!) {
      coverage(by: $by) {
        dimension columns total
        rows { total fieldOfAction { code } cells { kind level count fieldOfAction { code } organisations(first: 100) { totalCount nodes { slug } } } }
      }
    }`;

    interface Cell {
      kind: string | null;
      level: string | null;
      count: number;
      fieldOfAction: { code: string };
      organisations: { totalCount: number; nodes: { slug: string }[] };
    }
    interface Matrix {
      dimension: string;
      columns: string[];
      total: number;
      rows: { total: number; fieldOfAction: { code: string }; cells: Cell[] }[];
    }

    const coverage = async (by: 'KIND' | 'LEVEL') => ok(await server.gql<{ coverage: Matrix }>(COVERAGE, { by })).coverage;

    /** field code|value → slugs covering it, counted here. */
    const cellsInSql = async (column: 'kind' | 'level') => {
      const rows = await server.db.query<{ code: string; value: string; slugs: string[] }>(
        `select f.code, o.${column} as value, array_agg(distinct o.slug order by o.slug) as slugs
           from organisation_field_of_action x
           join organisation o on o.id = x.organisation_id
           join field_of_action f on f.id = x.field_of_action_id
          where o.archived_at is null and f.archived_at is null
          group by f.code, o.${column}`,
      );
      return new Map(rows.map((r) => [`${r.code}|${r.value}`, r.slugs]));
    };

    const rowTotalsInSql = async () => {
      const rows = await server.db.query<{ code: string; total: number }>(
        `select f.code, (select count(distinct o.id) from organisation_field_of_action x join organisation o on o.id = x.organisation_id
                          where x.field_of_action_id = f.id and o.archived_at is null)::int as total
           from field_of_action f where f.archived_at is null order by f.position`,
      );
      return rows;
    };

    /** The whole matrix against SQL: columns, rows, totals, every cell's count and organisations. */
    const checkMatrix = async (by: 'KIND' | 'LEVEL', column: 'kind' | 'level') => {
      const matrix = await coverage(by);
      const cells = await cellsInSql(column);
      const totals = await rowTotalsInSql();
      const present = (await server.db.query<{ value: string }>(`select distinct ${column} as value from organisation where archived_at is null`))
        .map((r) => r.value)
        .sort();
      const [{ total }] = await server.db.query<{ total: number }>(
        `select count(distinct x.organisation_id)::int as total from organisation_field_of_action x
           join organisation o on o.id = x.organisation_id join field_of_action f on f.id = x.field_of_action_id
          where o.archived_at is null and f.archived_at is null`,
      );

      expect(matrix.dimension).toBe(by);
      // Columns: the kinds (levels) present in the directory, alphabetically.
      expect(matrix.columns).toEqual(present);
      // Rows: the five fields, I … V, with their totals.
      expect(matrix.rows.map((r) => ({ code: r.fieldOfAction.code, total: r.total }))).toEqual(totals);
      expect(matrix.rows.map((r) => r.fieldOfAction.code)).toEqual(['I', 'II', 'III', 'IV', 'V']);
      expect(matrix.total).toBe(total);
      expect(total).toBeGreaterThan(0);

      let nonZero = 0;
      for (const row of matrix.rows) {
        expect(row.cells.map((c) => c[column])).toEqual(matrix.columns);
        for (const cell of row.cells) {
          const expected = cells.get(`${row.fieldOfAction.code}|${cell[column]}`) ?? [];
          const where = `${row.fieldOfAction.code} × ${cell[column]}`;
          expect({ where, field: cell.fieldOfAction.code, other: cell[column === 'kind' ? 'level' : 'kind'], count: cell.count }).toEqual({
            where,
            field: row.fieldOfAction.code,
            other: null,
            count: expected.length,
          });
          expect({ where, totalCount: cell.organisations.totalCount, slugs: cell.organisations.nodes.map((o) => o.slug).sort() }).toEqual({
            where,
            totalCount: expected.length,
            slugs: expected,
          });
          if (cell.count > 0) nonZero++;
        }
      }
      // Every non-empty cell of the SQL count is in the matrix.
      expect(nonZero).toBe(cells.size);
      expect(cells.size).toBeGreaterThan(5);
      return matrix;
    };

    test.each([
      ['KIND', 'kind'],
      ['LEVEL', 'level'],
    ] as const)('by %s: every cell, row total and the total match a count in SQL, with the organisations behind each count', async (by, column) => {
      await checkMatrix(by, column);
    });

    test('field III × MIGRANT_ORGANISATION: the Migrantenvereine, alone', async () => {
      const matrix = await coverage('KIND');
      const row = matrix.rows.find((r) => r.fieldOfAction.code === 'III')!;
      const cell = row.cells.find((c) => c.kind === 'MIGRANT_ORGANISATION')!;
      const rows = await server.db.query<{ slug: string }>(
        `select distinct o.slug from organisation_field_of_action x join organisation o on o.id = x.organisation_id
           join field_of_action f on f.id = x.field_of_action_id
          where f.code = 'III' and o.kind = 'MIGRANT_ORGANISATION' and o.archived_at is null order by o.slug`,
      );
      expect(rows.map((r) => r.slug)).toEqual(['migrantenvereine']);
      expect(cell.count).toBe(rows.length);
      expect(cell.organisations).toEqual({ totalCount: 1, nodes: [{ slug: 'migrantenvereine' }] });
      // A migrant organisation that covers no field is in no cell.
      expect(matrix.rows.flatMap((r) => r.cells.flatMap((c) => c.organisations.nodes.map((o) => o.slug)))).not.toContain('migrantenorganisationen');
    });

    test('field IV (Gesundheit) is covered by nobody', async () => {
      for (const by of ['KIND', 'LEVEL'] as const) {
        const row = (await coverage(by)).rows.find((r) => r.fieldOfAction.code === 'IV')!;
        expect(row.total).toBe(0);
        expect(row.cells.length).toBeGreaterThan(0);
        expect(row.cells.every((c) => c.count === 0 && c.organisations.totalCount === 0 && c.organisations.nodes.length === 0)).toBe(true);
      }
    });

    test('the default is by KIND', async () => {
      const data = ok(await server.gql(`{ coverage { dimension columns } }`));
      expect(data.coverage.dimension).toBe('KIND');
      expect(data.coverage.columns).toContain('HOUSING_COMPANY');
    });

    // The last test of this block archives the only housing company; it comes back afterwards.
    afterAll(async () => {
      await server.db.query(`update organisation set archived_at = null where slug = 'wohnungswirtschaft'`);
      await bumpDataVersion(server.db);
    });

    test('an archived organisation leaves the matrix, its column and the gaps', async () => {
      await server.db.query(`update organisation set archived_at = now() where slug = 'wohnungswirtschaft'`);
      await bumpDataVersion(server.db);
      const matrix = await checkMatrix('KIND', 'kind');
      await checkMatrix('LEVEL', 'level');
      // It was the only housing company: the column goes, and V is down to the Quartiersmanagement.
      expect(matrix.columns).not.toContain('HOUSING_COMPANY');
      const v = matrix.rows.find((r) => r.fieldOfAction.code === 'V')!;
      expect(v.total).toBe(1);
      expect(v.cells.flatMap((c) => c.organisations.nodes.map((o) => o.slug))).toEqual(['quartiersmanagement']);
      const gaps = ok(await server.gql(`{ gaps(minPartners: 3, kinds: [HOUSING_COMPANY]) { type count kind fieldOfAction { code } } }`)).gaps;
      expect(gaps.filter((g: any) => g.type === 'THIN_FIELD').map((g: any) => [g.fieldOfAction.code, g.count])).toEqual([
        ['IV', 0],
        ['V', 1],
      ]);
      expect(gaps.filter((g: any) => g.type === 'KIND_MISSING_IN_FIELD').map((g: any) => g.fieldOfAction.code)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    });
  });

  describe('gaps', () => {
    const GAPS = `query ($min: Int!, $kinds: [OrganisationKind!], $levels: [GovernanceLevel!]) {
      gaps(minPartners: $min, kinds: $kinds, levels: $levels) { type count threshold kind level description fieldOfAction { code } forum { code name } }
    }`;
    interface Gap {
      type: string;
      count: number;
      threshold: number | null;
      kind: string | null;
      level: string | null;
      description: string;
      fieldOfAction: { code: string } | null;
      forum: { code: string; name: string } | null;
    }
    const gaps = async (variables: Record<string, unknown>) => ok(await server.gql<{ gaps: Gap[] }>(GAPS, variables)).gaps;
    const ofType = (list: Gap[], type: string) => list.filter((g) => g.type === type);

    test('thin fields (IV with 0, V) and thin forums (Fachforum II with 2) below 3 partners, as counted in SQL', async () => {
      const list = await gaps({ min: 3, kinds: ['HOUSING_COMPANY'], levels: ['FEDERAL'] });

      const fieldCounts = await server.db.query<{ code: string; n: number }>(
        `select f.code, count(o.id)::int as n from field_of_action f
           left join organisation_field_of_action x on x.field_of_action_id = f.id
           left join organisation o on o.id = x.organisation_id and o.archived_at is null
          where f.archived_at is null group by f.code, f.position order by f.position`,
      );
      const thinFields = fieldCounts.filter((f) => f.n < 3);
      expect(thinFields.map((f) => f.code)).toEqual(['IV', 'V']);
      expect(ofType(list, 'THIN_FIELD').map((g) => ({ code: g.fieldOfAction?.code, count: g.count, threshold: g.threshold, forum: g.forum }))).toEqual(
        thinFields.map((f) => ({ code: f.code, count: f.n, threshold: 3, forum: null })),
      );
      const iv = ofType(list, 'THIN_FIELD').find((g) => g.fieldOfAction?.code === 'IV')!;
      expect(iv.count).toBe(0);
      expect(iv.description).toBe('Handlungsfeld IV Gesundheit: 0 Partner (weniger als 3)');

      const forumCounts = await server.db.query<{ code: string; n: number }>(
        `select f.code, count(o.id)::int as n from forum f
           left join forum_membership m on m.forum_id = f.id and m.archived_at is null
           left join organisation o on o.id = m.organisation_id and o.archived_at is null
          where f.archived_at is null group by f.code, f.position order by f.position`,
      );
      const thinForums = forumCounts.filter((f) => f.n < 3);
      expect(thinForums).toEqual([{ code: 'II', n: 2 }]);
      expect(ofType(list, 'THIN_FORUM').map((g) => ({ code: g.forum?.code, name: g.forum?.name, count: g.count, threshold: g.threshold }))).toEqual([
        { code: 'II', name: 'Fachforum II', count: 2, threshold: 3 },
      ]);
    });

    test('a higher threshold finds more: minPartners 5 against SQL', async () => {
      const list = await gaps({ min: 5 });
      const [{ fields, forums }] = await server.db.query<{ fields: string[]; forums: string[] }>(
        `select array(select f.code from field_of_action f where f.archived_at is null and
                        (select count(*) from organisation_field_of_action x join organisation o on o.id = x.organisation_id
                          where x.field_of_action_id = f.id and o.archived_at is null) < 5 order by f.position) as fields,
                array(select f.code from forum f where f.archived_at is null and
                        (select count(*) from forum_membership m join organisation o on o.id = m.organisation_id
                          where m.forum_id = f.id and m.archived_at is null and o.archived_at is null) < 5 order by f.position) as forums`,
      );
      expect(ofType(list, 'THIN_FIELD').map((g) => g.fieldOfAction!.code)).toEqual(fields);
      expect(ofType(list, 'THIN_FORUM').map((g) => g.forum!.code)).toEqual(forums);
      expect(forums).toEqual(['II', 'IV', 'V']);
    });

    test('KIND_MISSING_IN_FIELD for HOUSING_COMPANY: exactly the fields without a housing company', async () => {
      const list = await gaps({ min: 3, kinds: ['HOUSING_COMPANY'], levels: ['FEDERAL'] });
      const rows = await server.db.query<{ code: string }>(
        `select f.code from field_of_action f where f.archived_at is null and not exists (
           select 1 from organisation_field_of_action x join organisation o on o.id = x.organisation_id
            where x.field_of_action_id = f.id and o.kind = 'HOUSING_COMPANY' and o.archived_at is null)
         order by f.position`,
      );
      expect(rows.map((r) => r.code)).toEqual(['I', 'II', 'III', 'IV']);
      const missing = ofType(list, 'KIND_MISSING_IN_FIELD');
      expect(missing.map((g) => g.fieldOfAction?.code)).toEqual(rows.map((r) => r.code));
      expect(missing.every((g) => g.kind === 'HOUSING_COMPANY' && g.count === 0 && g.level === null && g.forum === null)).toBe(true);
    });

    test('LEVEL_MISSING_IN_FORUM for FEDERAL: all five forums', async () => {
      const list = await gaps({ min: 3, kinds: ['HOUSING_COMPANY'], levels: ['FEDERAL'] });
      const rows = await server.db.query<{ code: string }>(
        `select f.code from forum f where f.archived_at is null and not exists (
           select 1 from forum_membership m join organisation o on o.id = m.organisation_id
            where m.forum_id = f.id and m.archived_at is null and o.level = 'FEDERAL' and o.archived_at is null)
         order by f.position`,
      );
      expect(rows.map((r) => r.code)).toEqual(['I', 'II', 'III', 'IV', 'V']);
      const missing = ofType(list, 'LEVEL_MISSING_IN_FORUM');
      expect(missing.map((g) => g.forum?.code)).toEqual(rows.map((r) => r.code));
      expect(missing.every((g) => g.level === 'FEDERAL' && g.count === 0 && g.kind === null && g.fieldOfAction === null)).toBe(true);
      // Nothing else than the four types was asked for and found.
      expect(new Set(list.map((g) => g.type))).toEqual(new Set(['THIN_FIELD', 'THIN_FORUM', 'KIND_MISSING_IN_FIELD', 'LEVEL_MISSING_IN_FORUM']));
    });

    test('without kinds and levels, every kind and level present in the directory is looked for', async () => {
      const list = await gaps({ min: 0 });
      const kinds = await server.db.query<{ code: string; kind: string }>(
        `select f.code, k.kind from field_of_action f cross join (select distinct kind from organisation where archived_at is null) k
          where f.archived_at is null and not exists (
            select 1 from organisation_field_of_action x join organisation o on o.id = x.organisation_id
             where x.field_of_action_id = f.id and o.kind = k.kind and o.archived_at is null)`,
      );
      const levels = await server.db.query<{ code: string; level: string }>(
        `select f.code, l.level from forum f cross join (select distinct level from organisation where archived_at is null) l
          where f.archived_at is null and not exists (
            select 1 from forum_membership m join organisation o on o.id = m.organisation_id
             where m.forum_id = f.id and m.archived_at is null and o.level = l.level and o.archived_at is null)`,
      );
      const asSet = (xs: string[]) => [...xs].sort();
      expect(asSet(ofType(list, 'KIND_MISSING_IN_FIELD').map((g) => `${g.fieldOfAction!.code}|${g.kind}`))).toEqual(asSet(kinds.map((r) => `${r.code}|${r.kind}`)));
      expect(asSet(ofType(list, 'LEVEL_MISSING_IN_FORUM').map((g) => `${g.forum!.code}|${g.level}`))).toEqual(asSet(levels.map((r) => `${r.code}|${r.level}`)));
      expect(kinds.length).toBeGreaterThan(50);
      // Nothing is thinner than 0.
      expect(ofType(list, 'THIN_FIELD')).toEqual([]);
      expect(ofType(list, 'THIN_FORUM')).toEqual([]);
    });

    test.each([-1, -100])('minPartners %d is BAD_USER_INPUT', async (min) => {
      const res = await server.gql(GAPS, { min });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

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
        `select o.slug from organisation o join forum_membership m on m.organisation_id = o.id and m.archived_at is null
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
      ['members of Fachforum III', { forum: 'III' }, `exists (select 1 from forum_membership fm join forum f on f.id = fm.forum_id where fm.organisation_id = o.id and fm.archived_at is null and f.code = 'III')`, null, 'forum=III'],
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

// ---------------------------------------------------------------------------------------
// Hand-made graphs with known measures
// ---------------------------------------------------------------------------------------

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

  describe('archived memberships and organisations leave the network and the gaps', () => {
    /** Thin forums (fewer than 3) as the API says and as SQL counts them. */
    const thinForums = async () => {
      const api = ok(await server.gql(`{ gaps(minPartners: 3) { type count forum { code } } }`))
        .gaps.filter((g: any) => g.type === 'THIN_FORUM')
        .map((g: any) => `${g.forum.code}:${g.count}`);
      const sql = await server.db.query<{ forum: string }>(
        `select f.code || ':' || count(o.id) as forum from forum f
           left join forum_membership m on m.forum_id = f.id and m.archived_at is null
           left join organisation o on o.id = m.organisation_id and o.archived_at is null
          where f.archived_at is null group by f.code, f.position having count(o.id) < 3 order by f.position`,
      );
      expect(api).toEqual(sql.map((r) => r.forum));
      return api;
    };

    test('x leaves forum B: no bridge any more', async () => {
      await server.db.query(
        `update forum_membership set archived_at = now() where forum_id = (select id from forum where code = 'B') and organisation_id = (select id from organisation where slug = 'x')`,
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

describe('a larger directory: the network is measured off the main thread', () => {
  let server: TestServer;
  let organisations: number;
  beforeAll(async () => {
    server = await startTestServer();
    await generateSynthetic(server.db.orm, 3000);
    [{ n: organisations }] = await server.db.query<{ n: number }>(`select count(*)::int as n from organisation where archived_at is null`);
  }, 120_000);
  afterAll(() => server.stop());

  test('while the whole network is computed, the server answers at once and its event loop never stalls for 100 ms', async () => {
    const before = networkComputationCount();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let computing = true;
    const answer = server.gql(`{ network(first: 10) { nodeCount edgeCount nodes { betweenness } } }`).finally(() => {
      computing = false;
    });
    const probes: number[] = [];
    while (computing) {
      const started = performance.now();
      const res = await fetch(`${server.base}/health/live`);
      expect(res.status).toBe(200);
      await res.text();
      probes.push(performance.now() - started);
      await sleep(20);
    }
    const net = ok(await answer).network;
    // A stall shows in the histogram only at the next turn of the loop.
    await sleep(50);
    delay.disable();
    expect(networkComputationCount()).toBe(before + 1);
    expect(net.nodeCount).toBe(organisations);
    expect(net.edgeCount).toBeGreaterThan(10_000);
    expect(probes.length).toBeGreaterThanOrEqual(5);
    // In milliseconds.
    expect(Math.max(...probes)).toBeLessThan(100);
    expect(delay.max / 1e6).toBeLessThan(100);
  });

  test('requests that arrive during a computation share it: one computation per data version', async () => {
    await bumpDataVersion(server.db);
    const before = networkComputationCount();
    const [graphml, ...answers] = await Promise.all([
      download(server, '/export/network.graphml?contexts=FORUM').then((res) => res.text()),
      ...[0, 1, 2, 3, 4].map((first) => server.gql(`{ network(first: ${first}) { dataVersion nodeCount } }`)),
    ]);
    expect(networkComputationCount()).toBe(before + 1);
    expect(new Set(answers.map((a) => ok(a).network.dataVersion)).size).toBe(1);
    expect(answers.every((a) => ok(a).network.nodeCount === organisations)).toBe(true);
    expect(graphml.match(/<node /g)).toHaveLength(organisations);
  });

  test('a worker that dies fails the requests waiting for it; the next request starts a new worker', async () => {
    const cache = new NetworkCache();
    // The worker is private: reached here only to kill it mid-computation.
    const internals = cache as unknown as { worker: { running: { worker: Worker } | null } };
    try {
      const waiting = cache.get(new SqlRunner(server.db.orm), {});
      expect(await until(() => internals.worker.running !== null)).toBe(true);
      await internals.worker.running!.worker.terminate();
      await expect(waiting).rejects.toThrow(/network worker stopped .* before it answered/);
      const view = await cache.get(new SqlRunner(server.db.orm), { kinds: ['ASSOCIATION'] });
      expect(view.nodeCount).toBeGreaterThan(100);
    } finally {
      await cache.close();
    }
  });

  test('close() stops the worker: a request waiting for it fails, and so do later ones', async () => {
    const cache = new NetworkCache();
    const internals = cache as unknown as { worker: { running: { worker: Worker } | null } };
    const waiting = cache.get(new SqlRunner(server.db.orm), {});
    expect(await until(() => internals.worker.running !== null)).toBe(true);
    await cache.close();
    await expect(waiting).rejects.toThrow(/stopped/);
    await expect(cache.get(new SqlRunner(server.db.orm), {})).rejects.toThrow(/stopped/);
  });
});


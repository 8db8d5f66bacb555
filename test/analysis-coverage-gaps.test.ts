import { bumpDataVersion } from './support/database';
import { ok, startTestServer, TestServer } from './support/server';

/*
 * The analysts' coverage matrix and gaps on the Wetzlar data set, every cell and every gap
 * checked against a count made here in SQL, without the server's code.
 */

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
           left join forum_membership m on m.forum_id = f.id and m.until is null
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
                          where m.forum_id = f.id and m.until is null and o.archived_at is null) < 5 order by f.position) as forums`,
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
            where m.forum_id = f.id and m.until is null and o.level = 'FEDERAL' and o.archived_at is null)
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
             where m.forum_id = f.id and m.until is null and o.level = l.level and o.archived_at is null)`,
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
});

import { download, expectRefused, fetchCsvAt } from './support/downloads';
import { ok, startTestServer, TestServer } from './support/server';

/**
 * Coverage by social area × field of action (the matrix, its CSV) and the HSDS export's
 * service areas and locations, on the Wetzlar data, checked against counts made here in SQL.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // An address, so that the HSDS export has a location to carry.
  await server.db.query(
    `update organisation set address_street = 'Musterstraße 1', address_postal_code = '35576', address_city = 'Wetzlar',
            address_social_area_id = (select id from social_area where slug = 'niedergirmes') where slug = 'quartiersmanagement'`,
  );
});
afterAll(() => server.stop());

/** field code|area slug → slugs of the organisations covering the field and serving the area, walking the hierarchy by hand. */
const cellsInSql = async () => {
  const rows = await server.db.query<{ key: string; slugs: string[] }>(
    `select f.code || '|' || a.slug as key, array_agg(distinct o.slug order by o.slug) as slugs
       from social_area a
       left join social_area p on p.id = a.parent_id
       join organisation_service_area s on s.social_area_id in (a.id, p.id, p.parent_id)
       join organisation o on o.id = s.organisation_id and o.archived_at is null
       join organisation_field_of_action x on x.organisation_id = o.id
       join field_of_action f on f.id = x.field_of_action_id
      where not exists (select 1 from social_area c where c.parent_id = a.id)
      group by f.code, a.slug`,
  );
  return new Map(rows.map((r) => [r.key, r.slugs]));
};

const FINEST = async () =>
  (await server.db.query<{ slug: string }>(`select slug from social_area a where not exists (select 1 from social_area c where c.parent_id = a.id) order by position`)).map(
    (r) => r.slug,
  );

describe('coverage by social area', () => {
  test('columns are the 20 finest areas in order; every cell matches a count made in SQL', async () => {
    const { coverage } = ok(
      await server.gql(`{ coverage(by: SOCIAL_AREA) {
        dimension columns total
        rows { total fieldOfAction { code } cells { count kind level socialArea { slug name } organisations(first: 100) { totalCount nodes { slug } } } }
      } }`),
    );
    expect(coverage.dimension).toBe('SOCIAL_AREA');
    expect(coverage.columns).toEqual(await FINEST());
    expect(coverage.columns).toHaveLength(20);
    const expected = await cellsInSql();
    let nonZero = 0;
    for (const row of coverage.rows) {
      row.cells.forEach((cell: any, i: number) => {
        const slugs = expected.get(`${row.fieldOfAction.code}|${coverage.columns[i]}`) ?? [];
        expect({ cell: `${row.fieldOfAction.code}|${coverage.columns[i]}`, count: cell.count, orgs: cell.organisations.nodes.map((o: any) => o.slug).sort() }).toEqual({
          cell: `${row.fieldOfAction.code}|${coverage.columns[i]}`,
          count: slugs.length,
          orgs: slugs,
        });
        expect(cell.organisations.totalCount).toBe(slugs.length);
        expect(cell.socialArea.slug).toBe(coverage.columns[i]);
        expect(cell.kind).toBeNull();
        if (cell.count) nonZero++;
      });
    }
    expect(nonZero).toBeGreaterThan(0);
    // The totals are those of every organisation covering a field, as by kind: "not stated" is the difference.
    const byKind = ok(await server.gql(`{ coverage(by: KIND) { total rows { total } } }`)).coverage;
    expect(coverage.total).toBe(byKind.total);
    expect(coverage.rows.map((r: any) => r.total)).toEqual(byKind.rows.map((r: any) => r.total));
  });

  test('a quarter service counts in its quarters only; a city-wide one everywhere', async () => {
    const { coverage } = ok(await server.gql(`{ coverage(by: SOCIAL_AREA) { columns rows { fieldOfAction { code } cells { organisations(first: 100) { nodes { slug } } } } } }`));
    const cell = (code: string, area: string) =>
      coverage.rows.find((r: any) => r.fieldOfAction.code === code).cells[coverage.columns.indexOf(area)].organisations.nodes.map((o: any) => o.slug);
    // The Quartiersmanagement covers fields I, III and V (slides 7, 10): Niedergirmes yes, Naunheim no.
    expect(cell('I', 'niedergirmes')).toContain('quartiersmanagement');
    expect(cell('I', 'naunheim')).not.toContain('quartiersmanagement');
    expect(cell('I', 'naunheim')).toContain('jugendamt');
    expect(cell('I', 'niedergirmes')).toContain('jugendamt');
  });
});

describe('/export/coverage.csv', () => {
  test('?by=SOCIAL_AREA: one line per field × area with the count of the matrix', async () => {
    const { text, records } = await fetchCsvAt(server, '/export/coverage.csv?by=SOCIAL_AREA');
    expect(text.split('\r\n')[0]).toBe('field_of_action,field_of_action_name,dimension,column,column_name,count');
    expect(records).toHaveLength(5 * 20);
    const expected = await cellsInSql();
    for (const r of records) {
      expect(r.dimension).toBe('SOCIAL_AREA');
      expect([r.field_of_action, r.column, Number(r.count)]).toEqual([r.field_of_action, r.column, (expected.get(`${r.field_of_action}|${r.column}`) ?? []).length]);
    }
    expect(records.slice(0, 20).map((r) => r.column)).toEqual(await FINEST());
    expect(records.find((r) => r.column === 'bueblingshausen')?.column_name).toBe('Büblingshausen');
  });

  test('by KIND (the default) matches the matrix; ?bom=1 adds the byte-order mark for Excel', async () => {
    const { coverage } = ok(await server.gql(`{ coverage(by: KIND) { columns rows { fieldOfAction { code } cells { count } } } }`));
    const { records } = await fetchCsvAt(server, '/export/coverage.csv');
    expect(records).toHaveLength(5 * coverage.columns.length);
    for (const row of coverage.rows) {
      coverage.columns.forEach((kind: string, i: number) => {
        const line = records.find((r) => r.field_of_action === row.fieldOfAction.code && r.column === kind);
        expect([kind, Number(line?.count)]).toEqual([kind, row.cells[i].count]);
      });
    }
    const { bytes } = await fetchCsvAt(server, '/export/coverage.csv?by=LEVEL&bom=1');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test('an unknown dimension or parameter is refused with 400', async () => {
    await expectRefused(server, [
      ['/export/coverage.csv?by=DISTRICT', 'by'],
      ['/export/coverage.csv?area=niedergirmes', 'area'],
      ['/export/coverage.csv?bom=2', 'bom'],
    ]);
    expect((await download(server, '/export/coverage.csv?by=SOCIAL_AREA')).status).toBe(200);
  });
});

describe('/export/hsds.json', () => {
  test('carries service areas and the physical location with its address', async () => {
    const res = await download(server, '/export/hsds.json');
    const hsds = JSON.parse(await res.text());
    const bySlug = new Map<string, any>(hsds.contents.map((o: any) => [o.x_integration_graph.slug, o]));
    const qm = bySlug.get('quartiersmanagement');
    expect(qm.service_areas.map((a: any) => a.name)).toEqual(['Silhöfer Aue', 'Altenberger Straße', 'Dalheim', 'Niedergirmes']);
    expect(qm.service_areas[3]).toMatchObject({ extent: 'Niedergirmes, Kernstadt, Wetzlar', extent_type: 'text', service_id: null });
    expect(new Set(qm.service_areas.map((a: any) => a.id)).size).toBe(4);
    expect(qm.locations).toEqual([
      expect.objectContaining({
        location_type: 'physical',
        organization_id: qm.id,
        addresses: [
          expect.objectContaining({ address_1: 'Musterstraße 1', city: 'Wetzlar', postal_code: '35576', country: 'DE', state_province: 'Hessen', address_type: 'physical' }),
        ],
      }),
    ]);
    expect(bySlug.get('jugendamt').service_areas.map((a: any) => a.name)).toEqual(['Wetzlar']);
    // Not stated: no service areas, no locations.
    expect(bySlug.get('kirchen')).toMatchObject({ service_areas: [], locations: [] });
  });
});

import { SqlRunner } from '../src/db/database';
import { createTestDatabase, TestDatabase } from './support/database';
import { ok, startTestServer, TestServer } from './support/server';

/**
 * What a request costs the database beyond its statements: statements of one level of a query
 * travel together (one round trip), and the totalCount of a root list is counted once per
 * data version, not on every request.
 */

describe('statements asked for together travel together', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(() => db.drop());

  test('values come back exactly as sent, whatever their characters', async () => {
    const sql = new SqlRunner(db.orm);
    const values = ["O'Reilly", 'back\\slash', 'Ä ö ü ß – “quotes” 🎉', '$1 ? ?? \\?', '', '{"json": [1, 2]}', "'; drop table x; --"];
    const answers = await Promise.all(values.map((v) => sql.query<{ v: string }>('select ?::text as v', [v])));
    expect(answers.map(([row]) => row.v)).toEqual(values);
    // Numbers, booleans, NULL, arrays and dates keep their meaning too.
    const [[n], [b], [nil], [arr], [date]] = await Promise.all([
      sql.query<{ v: number }>('select ?::int + 1 as v', [41]),
      sql.query<{ v: boolean }>('select not ?::boolean as v', [false]),
      sql.query<{ v: boolean }>('select ?::text is null as v', [null]),
      sql.query<{ v: string[] }>('select ?::text[] as v', [['a,b', 'c"d', 'e\\f']]),
      sql.query<{ v: string }>(`select to_char(?::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as v`, [new Date('2026-11-25T10:30:00Z')]),
    ]);
    expect([n.v, b.v, nil.v, arr.v, date.v]).toEqual([42, true, true, ['a,b', 'c"d', 'e\\f'], '2026-11-25 10:30']);
    expect(sql.counter.count).toBe(values.length + 5);
    // Two waves: one round trip each.
    expect(sql.counter.roundTrips).toBe(2);
  });

  test('a failing statement fails alone; the others of its round trip still answer', async () => {
    const sql = new SqlRunner(db.orm);
    const [good, bad, alsoGood] = await Promise.allSettled([
      sql.query<{ v: number }>('select ?::int as v', [1]),
      sql.query('select 1 / ?::int as v', [0]),
      sql.query<{ v: number }>('select ?::int as v', [3]),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: [{ v: 1 }] });
    expect(alsoGood).toEqual({ status: 'fulfilled', value: [{ v: 3 }] });
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).toMatch(/division by zero/);
    // The connections that saw the failed message serve the same statements again.
    for (let i = 0; i < 10; i++) {
      const [a, b] = await Promise.all([sql.query<{ v: number }>('select ?::int as v', [i]), sql.query<{ v: number }>('select 1 / ?::int as v', [1])]);
      expect([a[0].v, b[0].v]).toEqual([i, 1]);
    }
  });
});

describe('a request through the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RESPONSE_CACHE_SECONDS: '0' } });
  });
  afterAll(() => server.stop());

  test('the relations of one level of a query share one round trip', async () => {
    const response = await server.gql(`{ organisations(first: 20) { nodes { name parent { name } fieldsOfAction { code } forums(first: 5) { nodes { code } } } } }`);
    ok(response);
    // The page, then its parents, fields and forums: four statements in two round trips.
    expect(response.extensions?.sqlStatements).toBe(4);
    expect(response.extensions?.sqlRoundTrips).toBe(2);
  });

  test('the histories of a page of organisations, and who and where each period is, are one statement each', async () => {
    const response = await server.gql(
      `{ organisations(first: 50) { nodes { linkHistory(first: 10) { totalCount nodes { since role organisation { name } target { ... on Forum { code } } } } } } }`,
    );
    ok(response);
    // The page; the histories of its 50 organisations; then their organisations and their forums, bodies and projects (one each).
    expect(response.extensions?.sqlStatements).toBe(6);
    expect(response.extensions?.sqlRoundTrips).toBe(3);
  });

  test('totalCount is counted once per data version', async () => {
    const query = `{ organisations(first: 2, filter: { levels: [CITY] }) { totalCount nodes { name } } }`;
    const [{ n }] = await server.db.query<{ n: number }>(`select count(*)::int as n from organisation where level = 'CITY' and archived_at is null`);
    expect(ok(await server.gql(query)).organisations.totalCount).toBe(n);

    // A row written behind the API's back, without moving the data version on: the count
    // does not change, which shows it is not counted again.
    await server.db.query(`insert into organisation (id, slug, name, kind, level) values (gen_random_uuid(), 'hinter-dem-ruecken', 'Hinter dem Rücken', 'OTHER', 'CITY')`);
    expect(ok(await server.gql(query)).organisations.totalCount).toBe(n);
    // Another filter is another count.
    expect(ok(await server.gql(`{ organisations(first: 1, filter: { levels: [CITY, FEDERAL] }) { totalCount } }`)).organisations.totalCount).toBeGreaterThan(n);

    // Every write moves the version on (here by hand, as seeds and API writes do): counted afresh.
    await server.db.query(`update data_version set version = version + 1, stamp = gen_random_uuid() where id = 1`);
    const after = await server.gql(query);
    expect(ok(after).organisations.totalCount).toBe(n + 1);
    // One statement more on the first request after the write (the fresh count), then none.
    expect(after.extensions?.sqlStatements).toBe(2);
    const again = await server.gql(query);
    expect(ok(again).organisations.totalCount).toBe(n + 1);
    expect(again.extensions?.sqlStatements).toBe(1);
  });
});

import { ok, startTestServer, TestServer } from './support/server';

/**
 * DataLoaders batch every relation: the number of SQL statements a request sends depends on
 * the shape of the query (its depth and fields), not on how many rows it returns. The server
 * reports the exact count in `extensions.sqlStatements` outside production.
 */
let server: TestServer;

beforeAll(async () => {
  // Without the response cache: these tests count what the loaders send.
  server = await startTestServer({ env: { RESPONSE_CACHE_SECONDS: '0' } });
  // 150 more organisations in forums, projects and bodies, so that large pages have rows to load.
  await server.db.query(`
    insert into organisation (id, slug, name, kind, level, parent_id)
    select gen_random_uuid(), 'synth-traeger-' || i, 'Träger ' || i, 'ASSOCIATION', 'CIVIL_SOCIETY', (select id from organisation where slug = 'wohlfahrtsverbaende')
    from generate_series(1, 150) i;
    insert into forum_membership (id, forum_id, organisation_id)
    select gen_random_uuid(), f.id, o.id from organisation o cross join forum f where o.slug like 'synth-traeger-%' and f.code in ('I', 'III');
    insert into project_participation (id, project_id, organisation_id)
    select gen_random_uuid(), p.id, o.id from organisation o cross join project p where o.slug like 'synth-traeger-%' and p.slug = 'fruehstart';
    insert into body_membership (id, body_id, organisation_id)
    select gen_random_uuid(), b.id, o.id from organisation o cross join body b where o.slug like 'synth-traeger-%' and b.slug = 'integrationsworkshop';
    insert into organisation_field_of_action (organisation_id, field_of_action_id)
    select o.id, f.id from organisation o cross join field_of_action f where o.slug like 'synth-traeger-%' and f.code in ('I', 'II');`);
});
afterAll(() => server.stop());

const DIRECTORY_PAGE = `query ($n: Int) {
  organisations(first: $n) {
    totalCount
    nodes {
      name
      parent { name }
      fieldsOfAction { code }
      children(first: 3) { totalCount nodes { name } }
      forums(first: 5) { edges { role node { name members(first: 5) { totalCount nodes { name parent { name } } } } } }
      projects(first: 5) { edges { role node { name fieldsOfAction { code } } } }
      bodies(first: 5) { nodes { name chair { name } } }
    }
  }
}`;

async function statements(query: string, variables: Record<string, unknown>) {
  const response = await server.gql(query, variables);
  const data = ok(response);
  return { data, count: response.extensions?.sqlStatements as number };
}

test('a directory page of 1, 30 or 100 organisations never sends more statements than it has relation fields', async () => {
  const counts: number[] = [];
  for (const n of [1, 30, 100]) {
    const { data, count } = await statements(DIRECTORY_PAGE, { n });
    expect(data.organisations.nodes).toHaveLength(n);
    counts.push(count);
  }
  // The query names 11 relations (organisations, parent, fieldsOfAction, children, forums,
  // members, members' parent, projects, projects' fields, bodies, chair): one statement each
  // at most. Fewer when a relation has nothing below it, or when the per-request loader
  // already holds the rows (the members' parents are often parents of the page already).
  for (const count of counts) expect(count).toBeLessThanOrEqual(11);
  expect(counts[2]).toBeGreaterThanOrEqual(10);
});

test('a forum with 150 more members costs no more statements than one with 3', async () => {
  const query = `query ($code: String!) { forum(code: $code) { members(first: 100) { nodes { name forums(first: 5) { nodes { code } } fieldsOfAction { code } } } } }`;
  const few = await statements(query, { code: 'V' });
  const many = await statements(query, { code: 'III' });
  expect(few.data.forum.members.nodes).toHaveLength(3);
  expect(many.data.forum.members.nodes).toHaveLength(100);
  expect(many.count).toBe(few.count);
  expect(many.count).toBe(4);
});

test('node lookups of many ids batch by type', async () => {
  const list = ok(await server.gql(`{ organisations(first: 50) { nodes { id } } forums { nodes { id } } }`));
  const ids = [...list.organisations.nodes, ...list.forums.nodes].map((n: any) => n.id);
  const { data, count } = await statements(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
  expect(data.nodes).toHaveLength(55);
  expect(count).toBe(2);
});

test('a cross-type search page loads its hits in one statement per type', async () => {
  const { data, count } = await statements(`{ search(query: "Träger", first: 50) { totalCount nodes { __typename } } }`, {});
  expect(data.search.totalCount).toBeGreaterThan(100);
  const types = new Set(data.search.nodes.map((n: any) => n.__typename));
  expect(count).toBe(1 + types.size);
});

test('service areas and addresses on a directory page of 30 or 100 organisations, and the areas with their organisations, batch', async () => {
  // Every synthetic organisation serves Niedergirmes and lies in it.
  await server.db.query(`
    insert into organisation_service_area (organisation_id, social_area_id)
    select o.id, a.id from organisation o cross join social_area a where o.slug like 'synth-traeger-%' and a.slug = 'niedergirmes' on conflict do nothing;
    update organisation set address_street = 'Musterstraße 1', address_postal_code = '35576', address_city = 'Wetzlar',
           address_social_area_id = (select id from social_area where slug = 'niedergirmes') where slug like 'synth-traeger-%';`);
  const page = `query ($n: Int) { organisations(first: $n, filter: { socialArea: "niedergirmes" }) {
    nodes { name serviceAreas { slug parent { slug } } address { street socialArea { name } } } } }`;
  const thirty = await statements(page, { n: 30 });
  const hundred = await statements(page, { n: 100 });
  expect(hundred.data.organisations.nodes).toHaveLength(100);
  expect(hundred.data.organisations.nodes.filter((o: any) => o.address?.socialArea?.name === 'Niedergirmes').length).toBeGreaterThan(50);
  // The page, the service areas, their parents, the addresses' areas: one statement each at most.
  expect(thirty.count).toBeLessThanOrEqual(4);
  expect(hundred.count).toBe(thirty.count);

  const areas = await statements(`{ socialAreas { slug children { slug } organisations(first: 5) { totalCount nodes { name } } } }`, {});
  expect(areas.data.socialAreas).toHaveLength(22);
  expect(areas.count).toBeLessThanOrEqual(3);
});

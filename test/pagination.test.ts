import { ok, startTestServer, TestServer } from './support/server';

/** Walking lists page by page, forwards and backwards, root and nested. */
let server: TestServer;
let allSlugs: string[];

beforeAll(async () => {
  server = await startTestServer();
  // Sixty more members of Fachforum II, so the nested list has pages to walk.
  await server.db.query(`
    insert into organisation (id, slug, name, kind, level)
    select gen_random_uuid(), 'verein-' || i, 'Verein ' || lpad(i::text, 2, '0'), 'ASSOCIATION', 'CIVIL_SOCIETY' from generate_series(1, 60) i;
    insert into forum_membership (id, forum_id, organisation_id, role)
    select gen_random_uuid(), (select id from forum where code = 'II'), o.id, 'MEMBER' from organisation o where o.slug like 'verein-%';`);
  const rows = await server.db.query<{ slug: string }>(`select slug from organisation order by ig_fold(name), id`);
  allSlugs = rows.map((r) => r.slug);
});
afterAll(() => server.stop());

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; nodes: { slug: string }[] };

async function page(variables: { first?: number; after?: string | null; last?: number; before?: string | null }): Promise<Page> {
  const data = ok(
    await server.gql<{ organisations: Page }>(
      `query ($first: Int, $after: String, $last: Int, $before: String) {
        organisations(first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { slug } }
      }`,
      variables,
    ),
  );
  return data.organisations;
}

test('walking forwards visits every organisation once, alphabetically', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const p = await page({ first: 7, after });
    expect(p.totalCount).toBe(allSlugs.length);
    expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
    seen.push(...p.nodes.map((n) => n.slug));
    pages += 1;
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
    expect(pages).toBeLessThan(100);
  }
  expect(seen).toEqual(allSlugs);
  expect(pages).toBe(Math.ceil(allSlugs.length / 7));
});

test('walking backwards from the end gives the same list', async () => {
  const seen: string[] = [];
  let before: string | null = null;
  for (let i = 0; i < 100; i++) {
    const p = await page({ last: 9, before });
    seen.unshift(...p.nodes.map((n) => n.slug));
    if (!p.pageInfo.hasPreviousPage) break;
    before = p.pageInfo.startCursor;
  }
  expect(seen).toEqual(allSlugs);
});

test('a cursor stays valid when rows are added before it', async () => {
  const first = await page({ first: 10 });
  await server.db.query(`insert into organisation (id, slug, name, kind, level) values (gen_random_uuid(), 'aaa-neu', 'AAA Neu', 'OTHER', 'PRIVATE')`);
  try {
    const next = await page({ first: 3, after: first.pageInfo.endCursor });
    expect(next.nodes.map((n) => n.slug)).toEqual(allSlugs.slice(10, 13));
  } finally {
    await server.db.query(`delete from organisation where slug = 'aaa-neu'`);
  }
});

test('first: 0 answers the count alone', async () => {
  const p = await page({ first: 0 });
  expect(p.nodes).toEqual([]);
  expect(p.totalCount).toBe(allSlugs.length);
  expect(p.pageInfo.hasNextPage).toBe(true);
});

test('ordering by name descending and by update time', async () => {
  const desc = ok(await server.gql(`{ organisations(first: 5, orderBy: { field: NAME, direction: DESC }) { nodes { slug } } }`));
  expect(desc.organisations.nodes.map((n: any) => n.slug)).toEqual([...allSlugs].reverse().slice(0, 5));

  const rows = await server.db.query<{ slug: string }>(`select slug from organisation order by updated_at desc, id desc`);
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const data: any = ok(
      await server.gql(`query ($after: String) { organisations(first: 25, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) { pageInfo { hasNextPage endCursor } nodes { slug } } }`, { after }),
    );
    seen.push(...data.organisations.nodes.map((n: any) => n.slug));
    if (!data.organisations.pageInfo.hasNextPage) break;
    after = data.organisations.pageInfo.endCursor;
  }
  expect(seen).toEqual(rows.map((r) => r.slug));
});

test('nested connections page per parent: the members of Fachforum II', async () => {
  const expected = await server.db.query<{ slug: string }>(
    `select o.slug from forum_membership m join organisation o on o.id = m.organisation_id
     where m.forum_id = (select id from forum where code = 'II') order by ig_fold(o.name), o.id`,
  );
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const data: any = ok(
      await server.gql(
        `query ($after: String) { forums(first: 5) { nodes { code members(first: 11, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { slug } } } } }`,
        { after },
      ),
    );
    const forumII = data.forums.nodes.find((f: any) => f.code === 'II');
    expect(forumII.members.totalCount).toBe(expected.length);
    // The other forums are paged with the same cursor: it belongs to Fachforum II's list, so they page past nothing of theirs.
    const forumV = data.forums.nodes.find((f: any) => f.code === 'V');
    expect(forumV.members.totalCount).toBe(3);
    seen.push(...forumII.members.nodes.map((n: any) => n.slug));
    if (!forumII.members.pageInfo.hasNextPage) break;
    after = forumII.members.pageInfo.endCursor;
  }
  expect(seen).toEqual(expected.map((r) => r.slug));
  expect(seen.length).toBe(62);
});

test('edges carry the cursor of their node', async () => {
  const data = ok(await server.gql(`{ organisations(first: 4) { edges { cursor node { slug } } pageInfo { startCursor endCursor } } }`));
  const edges = data.organisations.edges;
  expect(edges).toHaveLength(4);
  expect(data.organisations.pageInfo.startCursor).toBe(edges[0].cursor);
  expect(data.organisations.pageInfo.endCursor).toBe(edges[3].cursor);
  const next = ok(await server.gql(`query ($after: String) { organisations(first: 1, after: $after) { nodes { slug } } }`, { after: edges[1].cursor }));
  expect(next.organisations.nodes[0].slug).toBe(edges[2].node.slug);
});

import { download, expectRefused } from './support/downloads';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/** The change feed: every committed write once, in commit order, public fields for the public. */
let server: TestServer;
let coordinator: Record<string, string>;

const FEED = `query ($first: Int, $after: String, $filter: ChangeFilter) {
  changes(first: $first, after: $after, filter: $filter) {
    nodes { id kind entityType entityId fields dataVersion organisation { slug } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const UPDATE = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { version } userErrors { code message } } }`;

interface Change {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  fields: string[];
  dataVersion: string;
  organisation: { slug: string } | null;
}

/** The newest cursor: where a client that starts now begins. */
async function tip(): Promise<string | null> {
  return ok(await server.gql(`{ changes(last: 1) { pageInfo { endCursor } } }`)).changes.pageInfo.endCursor;
}

/** Every change after `cursor`, page by page, as a polling client reads them. */
async function readAll(cursor: string | null, headers: Record<string, string> = {}, filter?: object): Promise<Change[]> {
  const all: Change[] = [];
  for (;;) {
    const page = ok(await server.gql(FEED, { first: 25, after: cursor, filter }, headers)).changes;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    cursor = page.pageInfo.endCursor;
  }
}

async function organisation(slug: string) {
  return ok(await server.gql(`query ($slug: String!) { organisation(slug: $slug) { id version } }`, { slug })).organisation as { id: string; version: number };
}

async function update(slug: string, patch: object) {
  const { id, version } = await organisation(slug);
  const result = ok(await server.gql(UPDATE, { input: { id, expectedVersion: version, patch } }, coordinator)).updateOrganisation;
  expect(result.userErrors).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = bearer(await issueTestToken(server.db, Role.COORDINATOR, { name: 'Koordination' }));
});
afterAll(() => server.stop());

test('a client polling with its cursor sees every change of concurrent writers exactly once, in commit order', async () => {
  const start = await tip();
  // Eight writers, each on an organisation of its own (no conflicts), committing at once.
  const listed = ok(await server.gql(`{ organisations(first: 8, filter: { isCategory: false }) { nodes { slug } } }`)).organisations.nodes;
  const writers: string[] = listed.map((o: { slug: string }) => o.slug);
  expect(writers).toHaveLength(8);
  const perWriter = 8;
  let writing = true;
  const writes = Promise.all(
    writers.map(async (slug) => {
      for (let i = 0; i < perWriter; i++) await update(slug, { description: `${slug}: Stand ${i}` });
    }),
  ).finally(() => (writing = false));

  // The client: small pages, asking again at once, keeping the last cursor it got.
  const seen: Change[] = [];
  let cursor = start;
  const poll = async () => {
    const page = ok(await server.gql(FEED, { first: 5, after: cursor })).changes;
    seen.push(...page.nodes);
    cursor = page.pageInfo.endCursor ?? cursor;
    return page.nodes.length;
  };
  while (writing) await poll();
  await writes;
  while ((await poll()) > 0);

  const all = await readAll(start);
  expect(all).toHaveLength(writers.length * perWriter);
  expect(seen.map((c) => c.id)).toEqual(all.map((c) => c.id));
  expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
  // Commit order: one data version per write, each one higher than the last.
  const versions = all.map((c) => BigInt(c.dataVersion));
  versions.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(versions[i]));
  expect(all.every((c) => c.kind === 'UPDATED' && c.entityType === 'Organisation' && c.fields.join() === 'description')).toBe(true);
  for (const slug of writers) expect(all.filter((c) => c.organisation?.slug === slug)).toHaveLength(perWriter);
});

test('without a token, changes of contact persons are left out; with one they are in', async () => {
  const start = await tip();
  await update('migrantenvereine', { contacts: [{ name: 'Erika Musterfrau', email: 'erika@example.org', languages: ['de', 'tr'] }] });
  await update('migrantenvereine', { description: 'Dachverband der Migrantenvereine', contacts: [] });

  const anonymous = await readAll(start);
  expect(anonymous.map((c) => c.fields)).toEqual([['description']]);
  const withToken = await readAll(start, coordinator);
  expect(withToken.map((c) => c.fields)).toEqual([['contacts'], ['contacts', 'description']]);
});

test('creating, linking, unlinking and archiving are changes of their kind; the filter narrows by type and organisation', async () => {
  const start = await tip();
  const created = ok(
    await server.gql(
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id version } userErrors { code } } }`,
      { input: { slug: 'feed-verein', name: 'Feed e. V.', kind: 'MIGRANT_ORGANISATION', level: 'CIVIL_SOCIETY', fieldsOfAction: ['III'] } },
      coordinator,
    ),
  ).createOrganisation;
  expect(created.userErrors).toEqual([]);
  const forumId = ok(await server.gql(`{ forum(code: "III") { id } }`)).forum.id;
  const input = { forumId, organisationId: created.organisation.id };
  expect(ok(await server.gql(`mutation ($input: ForumMemberInput!) { addForumMember(input: $input) { userErrors { code } } }`, { input }, coordinator)).addForumMember.userErrors).toEqual([]);
  expect(ok(await server.gql(`mutation ($input: RemoveForumMemberInput!) { removeForumMember(input: $input) { userErrors { code } } }`, { input }, coordinator)).removeForumMember.userErrors).toEqual([]);
  const { version } = await organisation('feed-verein');
  expect(ok(await server.gql(`mutation ($input: ArchiveInput!) { archiveOrganisation(input: $input) { userErrors { code } } }`, { input: { id: created.organisation.id, expectedVersion: version } }, coordinator)).archiveOrganisation.userErrors).toEqual([]);
  // A token is no entry of the directory: in the audit log, not in the feed.
  const token = ok(await server.gql(`mutation { createApiToken(input: { name: "Feed-Test", role: COORDINATOR }) { token { id } } }`, {}, coordinator)).createApiToken;
  expect(token.token.id).toBeTruthy();

  const all = await readAll(start, coordinator);
  expect(all.map((c) => [c.kind, c.entityType])).toEqual([
    ['CREATED', 'Organisation'],
    ['LINKED', 'ForumMembership'],
    ['UNLINKED', 'ForumMembership'],
    ['ARCHIVED', 'Organisation'],
  ]);
  expect(all[0].entityId).toBe(created.organisation.id);
  expect(all[0].fields).toEqual(expect.arrayContaining(['name', 'slug']));
  expect(all.every((c) => c.organisation?.slug === 'feed-verein' || c.organisation === null)).toBe(true);

  const links = await readAll(start, coordinator, { types: ['ForumMembership'] });
  expect(links.map((c) => c.kind)).toEqual(['LINKED', 'UNLINKED']);
  expect(await readAll(start, coordinator, { organisationId: created.organisation.id })).toHaveLength(4);
  const vhs = await organisation('vhs');
  expect(await readAll(start, coordinator, { organisationId: vhs.id })).toEqual([]);
});

test('a page after the newest change is empty, and asking again later continues from there', async () => {
  const start = await tip();
  const empty = ok(await server.gql(FEED, { first: 10, after: start })).changes;
  expect(empty.nodes).toEqual([]);
  expect(empty.pageInfo.hasNextPage).toBe(false);
  await update('vhs', { description: 'Volkshochschule Wetzlar' });
  const next = ok(await server.gql(FEED, { first: 10, after: start })).changes;
  expect(next.nodes.map((c: Change) => c.fields)).toEqual([['description']]);
});

test('organisations(filter: { modifiedAfter }) and the HSDS download\'s modified_after list what changed since, links included', async () => {
  const since = new Date();
  await new Promise((r) => setTimeout(r, 5));
  await update('jugendamt', { description: 'Jugendamt der Stadt Wetzlar' });
  // Sportamt joins a forum: its own row is unchanged, the link is filed under it.
  const sportamt = await organisation('sportamt');
  const joined = [];
  for (const code of ['I', 'II', 'III', 'IV', 'V']) {
    const forumId = ok(await server.gql(`query ($code: String!) { forum(code: $code) { id } }`, { code })).forum.id;
    const result = ok(await server.gql(`mutation ($input: ForumMemberInput!) { addForumMember(input: $input) { userErrors { code } } }`, { input: { forumId, organisationId: sportamt.id } }, coordinator)).addForumMember;
    if (result.userErrors.length === 0) joined.push(code);
    if (joined.length) break;
  }
  expect(joined).toHaveLength(1);

  const listed = ok(await server.gql(`query ($t: DateTime) { organisations(first: 100, filter: { modifiedAfter: $t }) { totalCount nodes { slug } } }`, { t: since.toISOString() })).organisations;
  expect(listed.nodes.map((o: { slug: string }) => o.slug).sort()).toEqual(['jugendamt', 'sportamt']);
  expect(listed.totalCount).toBe(2);

  const res = await download(server, `/export/hsds.json?modified_after=${encodeURIComponent(since.toISOString())}`);
  expect(res.status).toBe(200);
  const hsds = (await res.json()) as { total_items: number; contents: { x_integration_graph: { slug: string } }[] };
  expect(hsds.contents.map((o) => o.x_integration_graph.slug).sort()).toEqual(['jugendamt', 'sportamt']);
  expect(hsds.total_items).toBe(2);
  // A date alone is midnight UTC; an unparsable time is refused.
  const all = await download(server, '/export/hsds.json?modified_after=2000-01-01');
  expect(((await all.json()) as { total_items: number }).total_items).toBeGreaterThan(40);
  await expectRefused(server, [
    ['/export/hsds.json?modified_after=yesterday', 'modified_after'],
    ['/export/hsds.json?modified_after=2026-13-45T99:00:00Z', 'modified_after'],
  ]);
});

test('unknown types, foreign ids and broken cursors are refused with BAD_USER_INPUT', async () => {
  const unknownType = await server.gql(FEED, { filter: { types: ['ApiToken'] } });
  expect(unknownType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(unknownType.errors?.[0].message).toContain('Organisation, Forum');
  const forumId = ok(await server.gql(`{ forum(code: "I") { id } }`)).forum.id;
  const wrongId = await server.gql(FEED, { filter: { organisationId: forumId } });
  expect(wrongId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const badCursor = await server.gql(FEED, { after: 'bm9wZQ' });
  expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const tooMany = await server.gql(FEED, { filter: { types: Array(8).fill('Organisation') } });
  expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

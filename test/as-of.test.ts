import { dayOf } from '../src/graph/day';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/**
 * Dated links and the graph as of a day. A history is built through the API (join, leave,
 * rejoin, a role change, a request approved today), then every as-of answer on each day
 * around its boundaries is checked against SQL written independently of the server's: a
 * range containment over the link rows, where the server compares dates.
 */
let server: TestServer;
let coordinator: Record<string, string>;
let editor: Record<string, string>;
let orgId: string;
let forumId: string;
let bodyId: string;
const today = dayOf(new Date());

const ADD = `mutation ($input: ForumMemberInput!) { addForumMember(input: $input) { role since userErrors { field code message } } }`;
const REMOVE = `mutation ($input: RemoveForumMemberInput!) { removeForumMember(input: $input) { until userErrors { field code message } } }`;

const add = async (since: string | undefined, role = 'MEMBER') =>
  ok(await server.gql(ADD, { input: { forumId, organisationId: orgId, role, ...(since ? { since } : {}) } }, coordinator)).addForumMember;
const remove = async (until: string, reason?: string) =>
  ok(await server.gql(REMOVE, { input: { forumId, organisationId: orgId, until, ...(reason ? { reason } : {}) } }, coordinator)).removeForumMember;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = bearer(await issueTestToken(server.db, Role.COORDINATOR, { name: 'Koordination' }));
  const created = ok(
    await server.gql(
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id since } userErrors { code } } }`,
      { input: { slug: 'zeitreise-verein', name: 'Zeitreise e. V.', kind: 'MIGRANT_ORGANISATION', level: 'CIVIL_SOCIETY', since: '2020-01-01', fieldsOfAction: ['I'] } },
      coordinator,
    ),
  ).createOrganisation;
  expect(created.userErrors).toEqual([]);
  expect(created.organisation.since).toBe('2020-01-01');
  orgId = created.organisation.id;
  editor = bearer(await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['zeitreise-verein'], name: 'Zeitreise Redaktion' }));
  forumId = ok(await server.gql(`{ forum(code: "III") { id } }`)).forum.id;
  bodyId = ok(await server.gql(`{ body(slug: "steuerungs-ag") { id } }`)).body.id;
});
afterAll(() => server.stop());

describe('a history built through the API', () => {
  test('join, leave, rejoin and a role change each write a period, refused where they would overlap', async () => {
    expect(await add('2021-03-01')).toEqual({ role: 'MEMBER', since: '2021-03-01', userErrors: [] });
    expect(await remove('2022-06-30')).toEqual({ until: '2022-06-30', userErrors: [] });
    // A rejoin that would start inside the earlier period overlaps it.
    expect((await add('2022-06-01')).userErrors).toEqual([{ field: 'since', code: 'OVERLAPS', message: expect.stringContaining('2022-06-30') }]);
    expect(await add('2023-01-15')).toEqual({ role: 'MEMBER', since: '2023-01-15', userErrors: [] });
    // A role change ends the member period and starts the chair's on the same day.
    expect(await add('2024-05-01', 'CHAIR')).toEqual({ role: 'CHAIR', since: '2024-05-01', userErrors: [] });
    expect((await add('2024-04-01', 'MEMBER')).userErrors).toEqual([{ field: 'since', code: 'BEFORE_START', message: expect.any(String) }]);
    expect((await remove('2024-04-30')).userErrors).toEqual([{ field: 'until', code: 'BEFORE_START', message: expect.any(String) }]);
    expect((await add('2024-06-01', 'CHAIR')).userErrors).toEqual([{ field: 'organisationId', code: 'ALREADY_MEMBER', message: expect.any(String) }]);

    const rows = await server.db.query<{ since: string | null; until: string | null; role: string; end_reason: string | null }>(
      `select m.since::text, m.until::text, m.role, m.end_reason from forum_membership m join organisation o on o.id = m.organisation_id
       where o.slug = 'zeitreise-verein' order by m.since`,
    );
    expect(rows).toEqual([
      { since: '2021-03-01', until: '2022-06-30', role: 'MEMBER', end_reason: 'LEFT' },
      { since: '2023-01-15', until: '2024-05-01', role: 'MEMBER', end_reason: 'ROLE_CHANGED' },
      { since: '2024-05-01', until: null, role: 'CHAIR', end_reason: null },
    ]);
    const audit = await server.db.query<{ action: string }>(
      `select action from audit_entry where entity_type = 'ForumMembership' and organisation_id = (select id from organisation where slug = 'zeitreise-verein')`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['ADD_MEMBER', 'ADD_MEMBER', 'REMOVE_MEMBER', 'UPDATE'].sort());
  });

  test('a day after today, or no date at all, is refused before anything is written', async () => {
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
    const later = await server.gql(ADD, { input: { forumId, organisationId: orgId, role: 'MEMBER', since: '2999-01-01' } }, coordinator);
    expect(later.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(later.errors?.[0].message).toMatch(/must not be after today/);
    for (const since of ['2024-02-30', '24-01-01', 'gestern']) {
      const bad = await server.gql(ADD, { input: { forumId, organisationId: orgId, since } }, coordinator);
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(tomorrow > today).toBe(true);
    const count = await server.db.query<{ n: number }>(`select count(*)::int as n from forum_membership m join organisation o on o.id = m.organisation_id where o.slug = 'zeitreise-verein'`);
    expect(count[0].n).toBe(3);
  });

  test('a request approved today starts the link today', async () => {
    const asked = ok(
      await server.gql(`mutation ($input: RequestMembershipInput!) { requestMembership(input: $input) { request { id } userErrors { code } } }`, { input: { organisationId: orgId, targetId: bodyId } }, editor),
    ).requestMembership;
    expect(asked.userErrors).toEqual([]);
    const decided = ok(
      await server.gql(
        `mutation ($input: DecideMembershipRequestInput!) { decideMembershipRequest(input: $input) { request { status } userErrors { code } } }`,
        { input: { id: asked.request.id, decision: 'APPROVE' } },
        coordinator,
      ),
    ).decideMembershipRequest;
    expect(decided).toEqual({ request: { status: 'APPROVED' }, userErrors: [] });
    const [row] = await server.db.query<{ since: string; until: string | null }>(
      `select m.since::text, m.until::text from body_membership m join organisation o on o.id = m.organisation_id where o.slug = 'zeitreise-verein'`,
    );
    expect(row).toEqual({ since: today, until: null });
  });
});

describe('the history lists', () => {
  test('the organisation’s periods and the forum’s, latest start first, paged, as the rows say', async () => {
    const rows = await server.db.query<{ id: string; since: string | null; until: string | null; role: string; end_reason: string | null; kind: string }>(
      `select * from (
         select m.id::text, m.since::text, m.until::text, m.role, m.end_reason, 'FORUM' as kind from forum_membership m where m.organisation_id = (select id from organisation where slug = 'zeitreise-verein')
         union all
         select m.id::text, m.since::text, m.until::text, m.role, m.end_reason, 'BODY' from body_membership m where m.organisation_id = (select id from organisation where slug = 'zeitreise-verein')) r
       order by r.since desc nulls last, r.id desc`,
    );
    expect(rows).toHaveLength(4);
    // Page by page, one period at a time.
    const seen: any[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = ok(
        await server.gql(
          `query ($after: String) { organisation(slug: "zeitreise-verein") { linkHistory(first: 1, after: $after) {
             totalCount pageInfo { hasNextPage endCursor }
             nodes { kind role since until endReason organisation { slug } target { __typename ... on Forum { code } ... on Body { slug } } } } } }`,
          { after },
        ),
      ).organisation.linkHistory;
      expect(page.totalCount).toBe(4);
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.map((p) => ({ since: p.since, until: p.until, role: p.role, end_reason: p.endReason, kind: p.kind }))).toEqual(
      rows.map(({ id: _id, ...r }) => r),
    );
    expect(seen.every((p) => p.organisation.slug === 'zeitreise-verein')).toBe(true);
    expect(seen[0]).toMatchObject({ kind: 'BODY', target: { __typename: 'Body', slug: 'steuerungs-ag' }, since: today });

    const forum = ok(await server.gql(`{ forum(code: "III") { memberHistory(first: 100) { totalCount nodes { since until role endReason organisation { slug } } } } }`)).forum.memberHistory;
    const [{ n }] = await server.db.query<{ n: number }>(`select count(*)::int as n from forum_membership m join forum f on f.id = m.forum_id where f.code = 'III'`);
    expect(forum.totalCount).toBe(n);
    expect(forum.nodes.filter((p: any) => p.organisation.slug === 'zeitreise-verein').map((p: any) => [p.since, p.until, p.role, p.endReason])).toEqual([
      ['2024-05-01', null, 'CHAIR', null],
      ['2023-01-15', '2024-05-01', 'MEMBER', 'ROLE_CHANGED'],
      ['2021-03-01', '2022-06-30', 'MEMBER', 'LEFT'],
    ]);
    // The slides' members, of unknown start, come last.
    expect(forum.nodes.slice(-1)[0].since).toBeNull();
  });
});

/** The days around every boundary of the history, and a few far off. */
const DAYS = [
  '2019-12-31', '2020-01-01', '2021-02-28', '2021-03-01', '2022-06-29', '2022-06-30', '2022-07-01', '2023-01-14', '2023-01-15',
  '2024-04-30', '2024-05-01', '2025-01-01',
];

/** Forum III's members on a day, by independent SQL: the period as a range that contains the day. */
async function membersBySql(day: string) {
  return server.db.query<{ slug: string; role: string }>(
    `select o.slug, m.role from forum_membership m join organisation o on o.id = m.organisation_id join forum f on f.id = m.forum_id
     where f.code = 'III' and daterange(m.since, m.until, '[)') @> ?::date and o.archived_at is null
     order by o.slug`,
    [day],
  );
}

describe('the graph as of a day', () => {
  test.each(DAYS)('Forum III members and the organisation’s forums as of %s', async (day) => {
    const data = ok(
      await server.gql(
        `query ($day: Date!) {
          forum(code: "III") { members(first: 100, asOf: $day) { totalCount edges { role since until node { slug } } } }
          organisation(slug: "zeitreise-verein") { forums(asOf: $day) { edges { role since node { code } } } }
        }`,
        { day },
      ),
    );
    const expected = await membersBySql(day);
    const members = data.forum.members.edges.map((e: any) => ({ slug: e.node.slug, role: e.role })).sort((a: any, b: any) => a.slug.localeCompare(b.slug));
    expect(members).toEqual(expected);
    expect(data.forum.members.totalCount).toBe(expected.length);
    const own = expected.find((m) => m.slug === 'zeitreise-verein');
    expect(data.organisation.forums.edges.map((e: any) => ({ code: e.node.code, role: e.role }))).toEqual(own ? [{ code: 'III', role: own.role }] : []);
  });

  test('boundary days: a link holds on its first day and not on the day it ends', async () => {
    const on = async (day: string) =>
      ok(await server.gql(`query ($day: Date!) { organisation(slug: "zeitreise-verein") { forums(asOf: $day) { edges { role } } } }`, { day })).organisation.forums.edges.map(
        (e: any) => e.role,
      );
    expect(await on('2021-02-28')).toEqual([]);
    expect(await on('2021-03-01')).toEqual(['MEMBER']);
    expect(await on('2022-06-29')).toEqual(['MEMBER']);
    expect(await on('2022-06-30')).toEqual([]);
    expect(await on('2024-04-30')).toEqual(['MEMBER']);
    expect(await on('2024-05-01')).toEqual(['CHAIR']);
    expect(await on(today)).toEqual(['CHAIR']);
  });

  test('without asOf, and for a later day, the lists are today’s', async () => {
    const read = async (asOf?: string) =>
      ok(await server.gql(`query ($d: Date) { forum(code: "III") { members(first: 100, asOf: $d) { nodes { slug } } } }`, asOf ? { d: asOf } : {})).forum.members.nodes;
    const now = await read();
    expect(await read(today)).toEqual(now);
    expect(await read('2999-12-31')).toEqual(now);
    expect(now.map((n: any) => n.slug)).toContain('zeitreise-verein');
  });

  test.each(DAYS)('coverage, gaps and network as of %s agree with independent counts', async (day) => {
    const data = ok(
      await server.gql(
        `query ($day: Date!) {
          coverage(asOf: $day) { asOf total rows { fieldOfAction { code } total } }
          gaps(asOf: $day, minPartners: 1000) { type count forum { code } }
          network(asOf: $day, filter: { forum: "III" }) { asOf nodeCount }
        }`,
        { day },
      ),
    );
    expect(data.coverage.asOf).toBe(day);
    // Organisations in the directory that day: joined by then (or unknown) and not archived.
    const fields = await server.db.query<{ code: string; n: number }>(
      `select f.code, count(*)::int as n from organisation_field_of_action x join organisation o on o.id = x.organisation_id
       join field_of_action f on f.id = x.field_of_action_id
       where coalesce(o.since, '-infinity') <= ?::date and o.archived_at is null group by f.code order by f.code`,
      [day],
    );
    expect(data.coverage.rows.map((r: any) => ({ code: r.fieldOfAction.code, n: r.total })).filter((r: any) => r.n > 0)).toEqual(fields);
    const members = await membersBySql(day);
    const thin = data.gaps.find((g: any) => g.type === 'THIN_FORUM' && g.forum.code === 'III');
    expect(thin.count).toBe(members.length);
    expect(data.network.asOf).toBe(day);
    expect(data.network.nodeCount).toBe(members.length);
  });

  test('the downloads take asOf too', async () => {
    const csv = async (asOf: string) => {
      const res = await fetch(`${server.base}/export/organisations.csv?asOf=${asOf}`);
      expect(res.status).toBe(200);
      return (await res.text()).split('\r\n').find((line) => line.includes('zeitreise-verein')) ?? null;
    };
    expect(await csv('2019-12-31')).toBeNull();
    expect(await csv('2022-01-01')).toContain('Fachforum III');
    expect(await csv('2022-12-01')).not.toContain('Fachforum III');
    const graphml = await fetch(`${server.base}/export/network.graphml?forum=III&asOf=2022-12-01`);
    expect(graphml.status).toBe(200);
    expect(await graphml.text()).not.toContain('zeitreise-verein');
    const bad = await fetch(`${server.base}/export/hsds.json?asOf=2022-13-01`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/asOf/);
  });
});

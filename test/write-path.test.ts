import { dayOf } from '../src/graph/day';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/**
 * The partner workflow and the guarantees of the write path: validation before anything is
 * written, no lost updates, one transaction with its audit entry, nothing half-written.
 */
let server: TestServer;
/** Everything the server logs, to check that nothing personal is in it. */
const logged: string[] = [];
let coordinator: Record<string, string>;
let jugendamt: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ log: (level, message, fields) => logged.push(JSON.stringify({ level, message, ...fields })) });
  coordinator = bearer(await issueTestToken(server.db, Role.COORDINATOR, { name: 'Projektkoordination' }));
  jugendamt = bearer(await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['jugendamt'], name: 'Jugendamt Redaktion' }));
});
afterAll(() => server.stop());

const UPDATE = `mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    organisation { id version website description languages fieldsOfAction { code } }
    userErrors { field message code }
  }
}`;

async function current(slug: string) {
  return ok(await server.gql(`query ($slug: String!) { organisation(slug: $slug) { id version website description } }`, { slug })).organisation;
}

const auditCount = async (slug: string) =>
  (await server.db.query<{ n: number }>(`select count(*)::int as n from audit_entry where organisation_id = (select id from organisation where slug = $1)`.replace('$1', '?'), [slug]))[0].n;

describe('a partner updates its own entry', () => {
  test('the change is saved, the version moves on, and the audit trail says who changed what', async () => {
    const before = await current('jugendamt');
    const response = await server.gql(
      UPDATE,
      {
        input: {
          id: before.id,
          expectedVersion: before.version,
          patch: {
            website: 'https://www.wetzlar.de/jugendamt',
            languages: ['de', 'tr', 'ar'],
            fieldsOfAction: ['I', 'III'],
            contacts: [{ name: 'Erika Mustermann', function: 'Integrationsbeauftragte', email: 'erika@example.org', languages: ['de', 'tr'] }],
          },
        },
      },
      jugendamt,
    );
    const { organisation, userErrors } = ok(response).updateOrganisation;
    expect(userErrors).toEqual([]);
    expect(organisation).toMatchObject({ version: before.version + 1, website: 'https://www.wetzlar.de/jugendamt', languages: ['de', 'tr', 'ar'] });
    expect(organisation.fieldsOfAction.map((f: any) => f.code)).toEqual(['I', 'III']);

    const log = ok(
      await server.gql(
        `query ($org: ID!) { auditLog(filter: { organisationId: $org }) { totalCount nodes { action entityType actor { role name } changes { field before after } organisation { slug } } } }`,
        { org: before.id },
        coordinator,
      ),
    ).auditLog;
    expect(log.totalCount).toBe(1);
    const [entry] = log.nodes;
    expect(entry).toMatchObject({ action: 'UPDATE', entityType: 'Organisation', actor: { role: 'PARTNER_EDITOR', name: 'Jugendamt Redaktion' }, organisation: { slug: 'jugendamt' } });
    const changes = Object.fromEntries(entry.changes.map((c: any) => [c.field, c]));
    expect(changes.website).toEqual({ field: 'website', before: null, after: 'https://www.wetzlar.de/jugendamt' });
    expect(changes.fieldsOfAction).toEqual({ field: 'fieldsOfAction', before: ['I'], after: ['I', 'III'] });
    expect(changes.contacts.before).toEqual([]);
    expect(changes.contacts.after[0]).toMatchObject({ name: 'Erika Mustermann', email: 'erika@example.org' });
    expect(Object.keys(changes).sort()).toEqual(['contacts', 'fieldsOfAction', 'languages', 'website']);
  });

  test('the partner reads its own history too', async () => {
    const { id } = await current('jugendamt');
    const log = ok(await server.gql(`query ($org: ID!) { auditLog(filter: { organisationId: $org }) { totalCount } }`, { org: id }, jugendamt)).auditLog;
    expect(log.totalCount).toBeGreaterThanOrEqual(1);
  });

  test('contact persons are for authenticated users; the public sees the organisation without them', async () => {
    const query = `{ organisation(slug: "jugendamt") { name website contacts { name email } } }`;
    const anonymous = await server.gql(query);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0].path).toEqual(['organisation', 'contacts']);
    expect(anonymous.data?.organisation).toEqual({ name: 'Jugendamt', website: 'https://www.wetzlar.de/jugendamt', contacts: null });
    const publicView = ok(await server.gql(`{ organisation(slug: "jugendamt") { name website } }`));
    expect(publicView.organisation.website).toBe('https://www.wetzlar.de/jugendamt');
    const signedIn = ok(await server.gql(query, {}, jugendamt));
    expect(signedIn.organisation.contacts).toEqual([{ name: 'Erika Mustermann', email: 'erika@example.org' }]);
  });

  test('a contact person left out of the list is archived, not deleted; one named by id is kept', async () => {
    const { id, version } = await current('jugendamt');
    const contacts = ok(await server.gql(`{ organisation(slug: "jugendamt") { contacts { id name } } }`, {}, jugendamt)).organisation.contacts;
    const add = ok(
      await server.gql(UPDATE, { input: { id, expectedVersion: version, patch: { contacts: [{ id: contacts[0].id, name: 'Erika Mustermann' }, { name: 'Max Beispiel' }] } } }, jugendamt),
    ).updateOrganisation;
    expect(add.userErrors).toEqual([]);
    const drop = ok(await server.gql(UPDATE, { input: { id, expectedVersion: version + 1, patch: { contacts: [{ id: contacts[0].id, name: 'Erika Mustermann' }] } } }, jugendamt)).updateOrganisation;
    expect(drop.userErrors).toEqual([]);
    const rows = await server.db.query<{ name: string; archived: boolean }>(
      `select name, archived_at is not null as archived from contact_person where organisation_id = (select id from organisation where slug = 'jugendamt') order by name`,
    );
    expect(rows).toEqual([{ name: 'Erika Mustermann', archived: false }, { name: 'Max Beispiel', archived: true }]);
  });
});

describe('invalid input is refused field by field, and nothing is written', () => {
  test.each([
    ['website', { website: 'not a url' }, 'patch.website', 'INVALID_URL'],
    ['website without http', { website: 'javascript:alert(1)' }, 'patch.website', 'INVALID_URL'],
    ['email', { email: 'jugendamt-at-wetzlar' }, 'patch.email', 'INVALID_EMAIL'],
    ['phone', { phone: 'call me' }, 'patch.phone', 'INVALID_PHONE'],
    ['language', { languages: ['de', 'xx'] }, 'patch.languages', 'INVALID_LANGUAGE'],
    ['description length', { description: 'x'.repeat(5001) }, 'patch.description', 'TOO_LONG'],
    ['field of action', { fieldsOfAction: ['VI'] }, 'patch.fieldsOfAction', 'UNKNOWN'],
    ['contact e-mail', { contacts: [{ name: 'A', email: 'nope' }] }, 'patch.contacts.0.email', 'INVALID_EMAIL'],
    ['contact name', { contacts: [{ name: '' }] }, 'patch.contacts.0.name', 'TOO_LONG'],
  ])('%s', async (_label, patch, field, code) => {
    const before = await current('jugendamt');
    const audits = await auditCount('jugendamt');
    const result = ok(await server.gql(UPDATE, { input: { id: before.id, expectedVersion: before.version, patch: { description: 'valid', ...patch } } }, jugendamt)).updateOrganisation;
    expect(result.organisation).toBeNull();
    expect(result.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    expect(await current('jugendamt')).toEqual(before);
    expect(await auditCount('jugendamt')).toBe(audits);
  });

  test('a partner touching a coordinator-only field is FORBIDDEN, whatever the value', async () => {
    const { id, version } = await current('jugendamt');
    for (const name of ['', 'Jugendamt Neu']) {
      const response = await server.gql(UPDATE, { input: { id, expectedVersion: version, patch: { name } } }, jugendamt);
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  test('all problems of an input come back at once', async () => {
    const { id, version } = await current('jugendamt');
    const result = ok(await server.gql(UPDATE, { input: { id, expectedVersion: version, patch: { website: 'x', email: 'y', languages: ['zz'] } } }, jugendamt)).updateOrganisation;
    expect(result.userErrors.map((e: any) => e.field).sort()).toEqual(['patch.email', 'patch.languages', 'patch.website']);
  });
});

describe('no lost updates', () => {
  test('20 parallel updates naming the same version: one wins, 19 get CONFLICT, one audit entry', async () => {
    const { id, version } = await current('vhs');
    const auditsBefore = await auditCount('vhs');
    const vhs = bearer(await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['vhs'] }));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.gql(UPDATE, { input: { id, expectedVersion: version, patch: { description: `Fassung ${i}`, offers: [`Kurs ${i}`] } } }, vhs),
      ),
    );
    const winners = responses.filter((r) => !r.errors && r.data.updateOrganisation.organisation);
    const conflicts = responses.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT');
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    const after = await current('vhs');
    expect(after.version).toBe(version + 1);
    expect(after.description).toBe(winners[0].data.updateOrganisation.organisation.description);
    expect(await auditCount('vhs')).toBe(auditsBefore + 1);
  });

  test('a stale version is CONFLICT with the current version, and writes nothing', async () => {
    const { id, version } = await current('vhs');
    const response = await server.gql(UPDATE, { input: { id, expectedVersion: version - 1, patch: { description: 'veraltet' } } }, coordinator);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version });
    expect((await current('vhs')).description).not.toBe('veraltet');
  });
});

describe('a write that fails half-way leaves nothing behind', () => {
  const patch = {
    website: 'https://halb.example.org',
    contacts: [{ name: 'Halb Geschrieben', email: 'halb.geschrieben@example.org' }],
    fieldsOfAction: ['I', 'II', 'IV'],
  };

  async function snapshot() {
    const [row] = await server.db.query(
      `select (select row_to_json(o) from (select version, website, updated_at from organisation where slug = 'sportamt') o) as org,
              (select count(*)::int from contact_person) as contacts,
              (select count(*)::int from organisation_field_of_action) as fields,
              (select count(*)::int from audit_entry) as audits`,
    );
    return row;
  }

  test('a constraint that fails after the first statements: no partial change, no audit entry', async () => {
    // The link rows of fieldsOfAction are written after the contact person and the organisation.
    await server.db.query(`
      create function fail_late() returns trigger language plpgsql as $$ begin raise exception 'injected fault'; end $$;
      create trigger fail_late before insert on organisation_field_of_action for each row execute function fail_late();`);
    try {
      const before = await snapshot();
      const { id, version } = await current('sportamt');
      const response = await server.gql(UPDATE, { input: { id, expectedVersion: version, patch } }, coordinator);
      expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await snapshot()).toEqual(before);
    } finally {
      await server.db.query(`drop trigger fail_late on organisation_field_of_action; drop function fail_late();`);
    }
  });

  test('the database connection is killed in the middle of the transaction: nothing is written, and the server goes on', async () => {
    await server.db.query(`
      create function kill_me() returns trigger language plpgsql as $$ begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$;
      create trigger kill_me before insert on organisation_field_of_action for each row execute function kill_me();`);
    try {
      const before = await snapshot();
      const { id, version } = await current('sportamt');
      const response = await server.gql(UPDATE, { input: { id, expectedVersion: version, patch } }, coordinator);
      // A lost connection is the database's trouble, not the client's: it may retry.
      expect(response.status).toBe(503);
      expect(response.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(await snapshot()).toEqual(before);
    } finally {
      await server.db.query(`drop trigger kill_me on organisation_field_of_action; drop function kill_me();`);
    }
    const { id, version } = await current('sportamt');
    // The failures were logged, without the personal data of the statements that failed.
    expect(logged.filter((l) => l.includes('unexpected error')).length).toBeGreaterThanOrEqual(1);
    expect(logged.filter((l) => l.includes('database unavailable')).length).toBeGreaterThanOrEqual(1);
    expect(logged.join('\n')).not.toMatch(/halb\.geschrieben|Halb Geschrieben|insert into/i);
    const retry = ok(await server.gql(UPDATE, { input: { id, expectedVersion: version, patch } }, coordinator)).updateOrganisation;
    expect(retry.userErrors).toEqual([]);
    expect(retry.organisation.fieldsOfAction.map((f: any) => f.code)).toEqual(['I', 'II', 'IV']);
  });
});

describe('joining a forum: a partner asks, a coordinator decides', () => {
  test('request, list, approve: the Jugendamt becomes a member of Fachforum II', async () => {
    const org = await current('jugendamt');
    const forum = ok(await server.gql(`{ forum(code: "II") { id members { totalCount } } }`)).forum;
    const asked = ok(
      await server.gql(
        `mutation ($input: RequestMembershipInput!) { requestMembership(input: $input) { request { id status role targetType target { ... on Forum { code } } organisation { slug } } userErrors { code } } }`,
        { input: { organisationId: org.id, targetId: forum.id, message: 'Wir möchten mitarbeiten.' } },
        jugendamt,
      ),
    ).requestMembership;
    expect(asked.userErrors).toEqual([]);
    expect(asked.request).toMatchObject({ status: 'PENDING', role: 'MEMBER', targetType: 'FORUM', target: { code: 'II' }, organisation: { slug: 'jugendamt' } });

    const again = ok(
      await server.gql(`mutation ($input: RequestMembershipInput!) { requestMembership(input: $input) { request { id } userErrors { code } } }`, { input: { organisationId: org.id, targetId: forum.id } }, jugendamt),
    ).requestMembership;
    expect(again).toEqual({ request: null, userErrors: [{ code: 'DUPLICATE' }] });

    const pending = ok(await server.gql(`{ membershipRequests(status: PENDING) { totalCount nodes { id organisation { slug } } } }`, {}, coordinator)).membershipRequests;
    expect(pending.nodes.map((r: any) => r.organisation.slug)).toContain('jugendamt');

    const decide = `mutation ($input: DecideMembershipRequestInput!) { decideMembershipRequest(input: $input) { request { status decidedAt decisionNote } userErrors { code } } }`;
    const decided = ok(await server.gql(decide, { input: { id: asked.request.id, decision: 'APPROVE', note: 'Willkommen' } }, coordinator)).decideMembershipRequest;
    expect(decided.request).toMatchObject({ status: 'APPROVED', decisionNote: 'Willkommen' });
    expect(Date.parse(decided.request.decidedAt)).not.toBeNaN();

    const members = ok(await server.gql(`{ forum(code: "II") { members { totalCount nodes { slug } } } }`)).forum.members;
    expect(members.totalCount).toBe(forum.members.totalCount + 1);
    expect(members.nodes.map((o: any) => o.slug)).toContain('jugendamt');

    const twice = await server.gql(decide, { input: { id: asked.request.id, decision: 'REJECT' } }, coordinator);
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');

    const actions = ok(await server.gql(`query ($org: ID!) { auditLog(filter: { organisationId: $org }, first: 10) { nodes { action entityType } } }`, { org: org.id }, coordinator)).auditLog.nodes;
    expect(actions.slice(0, 3)).toEqual(
      expect.arrayContaining([
        { action: 'REQUEST', entityType: 'MembershipRequest' },
        { action: 'DECIDE', entityType: 'MembershipRequest' },
        { action: 'ADD_MEMBER', entityType: 'ForumMembership' },
      ]),
    );
  });

  test('a removed member leaves the list but its membership ends today, kept with its reason', async () => {
    const org = await current('jugendamt');
    const forum = ok(await server.gql(`{ forum(code: "II") { id } }`)).forum;
    const removed = ok(
      await server.gql(`mutation ($input: RemoveForumMemberInput!) { removeForumMember(input: $input) { role userErrors { code } } }`, { input: { forumId: forum.id, organisationId: org.id } }, coordinator),
    ).removeForumMember;
    expect(removed).toEqual({ role: null, userErrors: [] });
    const members = ok(await server.gql(`{ forum(code: "II") { members { nodes { slug } } } }`)).forum.members.nodes.map((o: any) => o.slug);
    expect(members).not.toContain('jugendamt');
    const rows = await server.db.query<{ until: string; end_reason: string; archived: boolean }>(
      `select until::text, end_reason, archived_at is not null as archived from forum_membership where organisation_id = (select id from organisation where slug = 'jugendamt')
       and forum_id = (select id from forum where code = 'II')`,
    );
    expect(rows).toEqual([{ until: dayOf(new Date()), end_reason: 'LEFT', archived: false }]);
  });
});

describe('coordinators maintain everything', () => {
  test('create a project with forums and fields, then archive it: it leaves lists, search and node()', async () => {
    const forum = ok(await server.gql(`{ forum(code: "V") { id } }`)).forum;
    const created = ok(
      await server.gql(
        `mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id slug name version fieldsOfAction { code } forums { nodes { code } } } userErrors { field code } } }`,
        { input: { slug: 'sprachcafe', name: 'Sprachcafé im Quartier', status: 'ACTIVE', fieldsOfAction: ['I', 'III'], forumIds: [forum.id] } },
        coordinator,
      ),
    ).createProject;
    expect(created.userErrors).toEqual([]);
    expect(created.project).toMatchObject({ slug: 'sprachcafe', version: 1, fieldsOfAction: [{ code: 'I' }, { code: 'III' }], forums: { nodes: [{ code: 'V' }] } });
    expect(ok(await server.gql(`{ search(query: "Sprachcafe") { totalCount } }`)).search.totalCount).toBe(1);

    const duplicate = ok(
      await server.gql(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id } userErrors { field code } } }`, { input: { slug: 'sprachcafe', name: 'X', status: 'PLANNED' } }, coordinator),
    ).createProject;
    expect(duplicate).toEqual({ project: null, userErrors: [{ field: 'slug', code: 'DUPLICATE' }] });

    const archived = ok(
      await server.gql(`mutation ($input: ArchiveInput!) { archiveProject(input: $input) { project { slug } userErrors { code } } }`, { input: { id: created.project.id, expectedVersion: 1 } }, coordinator),
    ).archiveProject;
    expect(archived).toEqual({ project: { slug: 'sprachcafe' }, userErrors: [] });
    expect(ok(await server.gql(`{ project(slug: "sprachcafe") { id } }`)).project).toBeNull();
    expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: created.project.id })).node).toBeNull();
    expect(ok(await server.gql(`{ search(query: "Sprachcafe") { totalCount } }`)).search.totalCount).toBe(0);
    const [row] = await server.db.query<{ n: number }>(`select count(*)::int as n from project where slug = 'sprachcafe' and archived_at is not null`);
    expect(row.n).toBe(1);
  });

  test('a parent that would make an organisation its own ancestor is refused', async () => {
    const stadt = await current('stadt-wetzlar');
    const jugend = await current('jugendamt');
    const response = await server.gql(UPDATE, { input: { id: stadt.id, expectedVersion: stadt.version, patch: { parentId: jugend.id } } }, coordinator);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await current('stadt-wetzlar')).version).toBe(stadt.version);
  });

  test('issued tokens work at once, and revoked ones stop at once', async () => {
    const vhs = await current('vhs');
    const issued = ok(
      await server.gql(
        `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret token { id role prefix organisations { slug } } userErrors { code } } }`,
        { input: { name: 'VHS Redaktion', role: 'PARTNER_EDITOR', organisationIds: [vhs.id], expiresInDays: 30 } },
        coordinator,
      ),
    ).createApiToken;
    expect(issued.token).toMatchObject({ role: 'PARTNER_EDITOR', organisations: [{ slug: 'vhs' }] });
    expect(issued.secret.startsWith(issued.token.prefix)).toBe(true);
    const viewer = ok(await server.gql(`{ viewer { name role organisations { slug } } }`, {}, bearer(issued.secret))).viewer;
    expect(viewer).toEqual({ name: 'VHS Redaktion', role: 'PARTNER_EDITOR', organisations: [{ slug: 'vhs' }] });
    const [stored] = await server.db.query<{ n: number }>(`select count(*)::int as n from api_token where secret_hash = ? or prefix = ?`, [issued.secret, issued.secret]);
    expect(stored.n).toBe(0); // only a hash of the secret is kept

    ok(await server.gql(`mutation ($id: ID!) { revokeApiToken(input: { id: $id }) { token { revokedAt } } }`, { id: issued.token.id }, coordinator));
    const refused = await server.gql(`{ viewer { name } }`, {}, bearer(issued.secret));
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

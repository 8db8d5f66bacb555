import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/**
 * The authorization matrix: every mutation and every private field × every kind of caller,
 * each cell its own test. A cell is either allowed (no error, a payload, and for a write a
 * change that shows in the audit trail) or refused with an exact code (UNAUTHENTICATED or
 * FORBIDDEN) — and a refused cell leaves the database exactly as it was.
 */
let server: TestServer;

/** The secrets of the tokens the callers use, made in beforeAll. */
const secrets = { coordinator: '', revoked: '', expired: '' };

beforeAll(async () => {
  // No webhook workers: the cells' webhooks point at a public address nobody should be sent to,
  // and a delivery attempt between the snapshots of a cell would look like a write.
  server = await startTestServer({ env: { WEBHOOK_WORKERS: '0' } });
  // Revoked and expired tokens are COORDINATOR tokens: accepted by mistake, they could do anything.
  secrets.coordinator = await issueTestToken(server.db, Role.COORDINATOR, { name: 'Projektkoordination (Test)' });
  secrets.revoked = await issueTestToken(server.db, Role.COORDINATOR, { name: 'revoked coordinator', revoked: true });
  secrets.expired = await issueTestToken(server.db, Role.COORDINATOR, { name: 'expired coordinator', expiresAt: new Date(Date.now() - 60_000) });

  // Contact persons to read (personal data), on an organisation no cell writes to.
  const auslaenderbuero = await read(`{ organisation(slug: "auslaenderbuero") { id version } }`);
  const updated = await asCoordinator(UPDATE_ORGANISATION, {
    input: { id: auslaenderbuero.organisation.id, expectedVersion: auslaenderbuero.organisation.version, patch: { contacts: CONTACTS } },
  });
  expect(updated.updateOrganisation.userErrors).toEqual([]);

  // Both partners have a membership request, and with it history of their own, to read.
  for (const [slug, project] of [['jugendamt', 'fruehstart'], ['vhs', 'neubuergerempfang']] as const) {
    const target = await read(`query ($slug: String!) { project(slug: $slug) { id } }`, { slug: project });
    const requested = ok(
      await server.gql(REQUEST_MEMBERSHIP, { input: { organisationId: await idOf(slug), targetId: target.project.id } }, bearer(await partnerOf(slug))),
    );
    expect(requested.requestMembership.userErrors).toEqual([]);
  }
});
afterAll(() => server.stop());

// ---------------------------------------------------------------------------------------------
// Callers

type CallerKind = 'anonymous' | 'same' | 'other' | 'coordinator' | 'revoked' | 'expired' | 'garbage';
interface Caller {
  name: string;
  kind: CallerKind;
  /** The literal Authorization header, for the garbage tokens. */
  header?: string;
}

const CALLERS: Caller[] = [
  { name: 'anonymous', kind: 'anonymous' },
  { name: 'partner of the same organisation', kind: 'same' },
  { name: 'partner of another organisation', kind: 'other' },
  { name: 'coordinator', kind: 'coordinator' },
  { name: 'revoked token', kind: 'revoked' },
  { name: 'expired token', kind: 'expired' },
  { name: 'garbage token "igt_garbage"', kind: 'garbage', header: 'Bearer igt_garbage' },
  { name: 'garbage token "nonsense"', kind: 'garbage', header: 'Bearer nonsense' },
];

/** One PARTNER_EDITOR token per organisation, issued on first use. */
const partnerTokens = new Map<string, Promise<string>>();
const partnerOf = (slug: string) => {
  if (!partnerTokens.has(slug)) partnerTokens.set(slug, issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: [slug], name: `${slug} – Redaktion` }));
  return partnerTokens.get(slug)!;
};
/** The organisation whose partner is "another organisation" for a target organisation. */
const otherThan = (slug: string) => (slug === 'vhs' ? 'jugendamt' : 'vhs');

async function headersOf(caller: Caller, organisation: string): Promise<Record<string, string>> {
  switch (caller.kind) {
    case 'anonymous':
      return {};
    case 'same':
      return bearer(await partnerOf(organisation));
    case 'other':
      return bearer(await partnerOf(otherThan(organisation)));
    case 'coordinator':
      return bearer(secrets.coordinator);
    case 'revoked':
      return bearer(secrets.revoked);
    case 'expired':
      return bearer(secrets.expired);
    case 'garbage':
      return { authorization: caller.header! };
  }
}

/** Why a token that is not valid was refused, as the message says it. */
const REFUSAL_MESSAGE: Partial<Record<CallerKind, RegExp>> = { revoked: /revoked/, expired: /expired/, garbage: /Invalid token/ };

// ---------------------------------------------------------------------------------------------
// Helpers: reads, the coordinator's writes, throwaway targets

async function read(query: string, variables?: Record<string, unknown>) {
  return ok(await server.gql(query, variables));
}

async function asCoordinator(query: string, variables?: Record<string, unknown>) {
  return ok(await server.gql(query, variables, bearer(secrets.coordinator)));
}

const ids = new Map<string, string>();
async function idOf(slug: string): Promise<string> {
  if (!ids.has(slug)) {
    const data = await read(`query ($slug: String!) { organisation(slug: $slug) { id } }`, { slug });
    expect(data.organisation).not.toBeNull();
    ids.set(slug, data.organisation.id);
  }
  return ids.get(slug)!;
}

/** The id of a token, as the API names it (its viewer.tokenId). */
async function tokenIdOf(secret: string): Promise<string> {
  return ok(await server.gql(`{ viewer { tokenId } }`, {}, bearer(secret))).viewer.tokenId;
}

let counter = 0;
const unique = () => ++counter;

const ROMAN: [number, string][] = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
const roman = (n: number) => ROMAN.reduce((out, [value, numeral]) => { while (n >= value) { out += numeral; n -= value; } return out; }, '');
let forumNumber = 5;
/** A forum code that is not taken yet: a Roman numeral of I, V, X, L and C, at most 8 long. */
function nextForumCode(): string {
  for (;;) {
    const code = roman(++forumNumber);
    if (forumNumber >= 400) throw new Error('out of forum codes');
    if (code.length <= 8) return code;
  }
}

const ADD_MEMBER = {
  forum: `mutation ($input: ForumMemberInput!) { addForumMember(input: $input) { userErrors { code } } }`,
  body: `mutation ($input: BodyMemberInput!) { addBodyMember(input: $input) { userErrors { code } } }`,
  project: `mutation ($input: ProjectParticipantInput!) { addProjectParticipant(input: $input) { userErrors { code } } }`,
};

interface Target {
  id: string;
  version: number;
  key: string;
}

/** A fresh forum (with these members), made by the coordinator. */
async function newForum(members: string[] = []): Promise<Target> {
  const code = nextForumCode();
  const created = await asCoordinator(`mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id } userErrors { code } } }`, {
    input: { code, name: `Fachforum ${code}`, topic: 'Wegwerf-Forum der Rechteprüfung' },
  });
  expect(created.createForum.userErrors).toEqual([]);
  for (const slug of members) {
    const added = await asCoordinator(ADD_MEMBER.forum, { input: { forumId: created.createForum.forum.id, organisationId: await idOf(slug) } });
    expect(added.addForumMember.userErrors).toEqual([]);
  }
  const { forum } = await read(`query ($code: String!) { forum(code: $code) { id version } }`, { code });
  return { ...forum, key: code };
}

/** A fresh body (with these members), made by the coordinator. */
async function newBody(members: string[] = []): Promise<Target> {
  const slug = `wegwerf-gremium-${unique()}`;
  const created = await asCoordinator(`mutation ($input: CreateBodyInput!) { createBody(input: $input) { body { id } userErrors { code } } }`, {
    input: { slug, name: `Wegwerf-Gremium ${slug}`, kind: 'WORKSHOP' },
  });
  expect(created.createBody.userErrors).toEqual([]);
  for (const member of members) {
    const added = await asCoordinator(ADD_MEMBER.body, { input: { bodyId: created.createBody.body.id, organisationId: await idOf(member) } });
    expect(added.addBodyMember.userErrors).toEqual([]);
  }
  const { body } = await read(`query ($slug: String!) { body(slug: $slug) { id version } }`, { slug });
  return { ...body, key: slug };
}

/** A fresh project (with these participants), made by the coordinator. */
async function newProject(participants: string[] = []): Promise<Target> {
  const slug = `wegwerf-projekt-${unique()}`;
  const created = await asCoordinator(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id } userErrors { code } } }`, {
    input: { slug, name: `Wegwerf-Projekt ${slug}`, status: 'PLANNED' },
  });
  expect(created.createProject.userErrors).toEqual([]);
  for (const member of participants) {
    const added = await asCoordinator(ADD_MEMBER.project, { input: { projectId: created.createProject.project.id, organisationId: await idOf(member) } });
    expect(added.addProjectParticipant.userErrors).toEqual([]);
  }
  const { project } = await read(`query ($slug: String!) { project(slug: $slug) { id version } }`, { slug });
  return { ...project, key: slug };
}

/** A fresh organisation, made by the coordinator. */
async function newOrganisation(): Promise<Target> {
  const slug = `wegwerf-verein-${unique()}`;
  const created = await asCoordinator(
    `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id version } userErrors { code } } }`,
    { input: { slug, name: `Wegwerf-Verein ${slug}`, kind: 'ASSOCIATION', level: 'CIVIL_SOCIETY' } },
  );
  expect(created.createOrganisation.userErrors).toEqual([]);
  return { ...created.createOrganisation.organisation, key: slug };
}

// ---------------------------------------------------------------------------------------------
// The database, before and after

const HASHED_TABLES = [
  'organisation', 'contact_person', 'forum_membership', 'body_membership', 'project_participation', 'membership_request', 'api_token',
  'project', 'forum', 'body', 'audit_entry', 'webhook', 'webhook_delivery',
];
/** Link tables without an id column, hashed in the order of their rows' text. */
const HASHED_LINK_TABLES = ['organisation_field_of_action', 'forum_field_of_action', 'project_field_of_action', 'project_forum', 'api_token_organisation'];

async function snapshot(): Promise<Record<string, unknown>> {
  const columns = [
    `(select count(*)::int from audit_entry) as audit_entries`,
    ...HASHED_TABLES.map((t) => `(select md5(coalesce(string_agg(t::text, ',' order by t.id), '')) from ${t} t) as ${t}`),
    ...HASHED_LINK_TABLES.map((t) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from ${t} t) as ${t}`),
  ];
  const [row] = await server.db.query(`select ${columns.join(', ')}`);
  return row;
}

const sqlCount = async (sql: string, params: unknown[] = []) => (await server.db.query<{ n: number }>(sql, params))[0].n;

// ---------------------------------------------------------------------------------------------
// The operations

type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN';
type Expected = Record<'anonymous' | 'same' | 'other' | 'coordinator', Outcome>;

const COORDINATORS_ONLY: Expected = { anonymous: 'UNAUTHENTICATED', same: 'FORBIDDEN', other: 'FORBIDDEN', coordinator: 'allowed' };
const EDITORS_OF_THE_ORGANISATION: Expected = { anonymous: 'UNAUTHENTICATED', same: 'allowed', other: 'FORBIDDEN', coordinator: 'allowed' };
const ANY_TOKEN: Expected = { anonymous: 'UNAUTHENTICATED', same: 'allowed', other: 'allowed', coordinator: 'allowed' };
const EVERYONE: Expected = { anonymous: 'allowed', same: 'allowed', other: 'allowed', coordinator: 'allowed' };
const NOBODY_BUT_ADMINS: Expected = { anonymous: 'UNAUTHENTICATED', same: 'FORBIDDEN', other: 'FORBIDDEN', coordinator: 'FORBIDDEN' };

interface Prepared {
  /** The organisation the operation concerns: its partner is "the same organisation" (default jugendamt). */
  organisation?: string;
  variables: Record<string, unknown>;
  /** A token of its own for this cell instead of the caller's usual one (revoking itself). */
  secret?: string;
  [detail: string]: unknown;
}

interface Operation {
  name: string;
  /** The top-level field of the answer. */
  field: string;
  kind: 'write' | 'read';
  document: string;
  expected: Expected;
  /** Makes a fresh target where needed and returns the variables (read afresh: versions move on). */
  prepare(caller: Caller): Promise<Prepared>;
  /** What an allowed answer must contain. */
  check(data: any, caller: Caller, prepared: Prepared): void | Promise<void>;
  /** Where the refusal is, when it is a field below the top-level one (default: [field]). */
  refusedAt?: string[];
  /** What a refused answer (with no or a valid token) must still contain. */
  checkRefused?(data: any): void;
}

const USER_ERRORS = `userErrors { field code message }`;
const ORGANISATION_FIELDS = `id slug version name kind level isCategory description parent { slug } fieldsOfAction { code } contacts { name email languages }`;
const UPDATE_ORGANISATION = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { ${ORGANISATION_FIELDS} } ${USER_ERRORS} } }`;
const REQUEST_MEMBERSHIP = `mutation ($input: RequestMembershipInput!) {
  requestMembership(input: $input) { request { id status role organisation { slug } target { __typename ... on Project { slug } } } ${USER_ERRORS} } }`;
const MEMBERSHIP_PAYLOAD = `organisation { slug } role target { __typename ... on Forum { code } ... on Body { slug } ... on Project { slug } } ${USER_ERRORS}`;
const TOKEN_FIELDS = `id name role prefix revokedAt expiresAt organisations { slug }`;

const CONTACTS = [{ name: 'Erika Mustermann', function: 'Leitung', email: 'erika.mustermann@example.org', phone: '+49 6441 99-0', languages: ['de', 'tr'] }];

/** jugendamt as it is now, for a patch against its current version. */
async function jugendamt() {
  const data = await read(`{ organisation(slug: "jugendamt") { id version name kind level isCategory parent { slug } fieldsOfAction { code } } }`);
  return data.organisation;
}

/** updateOrganisation on jugendamt with a patch made from its current state. */
function updateJugendamt(
  label: string,
  expected: Expected,
  patchOf: (current: any) => Record<string, unknown> | Promise<Record<string, unknown>>,
  checkOrganisation: (org: any, patch: any) => void,
): Operation {
  return {
    name: `updateOrganisation (${label})`,
    field: 'updateOrganisation',
    kind: 'write',
    document: UPDATE_ORGANISATION,
    expected,
    async prepare() {
      const current = await jugendamt();
      const patch = await patchOf(current);
      return { organisation: 'jugendamt', variables: { input: { id: current.id, expectedVersion: current.version, patch } }, version: current.version, patch };
    },
    check(data, _caller, prepared) {
      const { organisation, userErrors } = data.updateOrganisation;
      expect(userErrors).toEqual([]);
      expect(organisation.slug).toBe('jugendamt');
      expect(organisation.version).toBeGreaterThan(prepared.version as number);
      checkOrganisation(organisation, prepared.patch);
    },
  };
}

/** The fields that place an organisation in the directory (name, kind, level, parentId, isCategory). */
const ONLY_COORDINATORS_MAY_CHANGE: Expected = COORDINATORS_ONLY;

/** archive<Type> on a fresh entry. */
function archiveOperation(type: 'Forum' | 'Body' | 'Project', make: () => Promise<Target>, readBack: string, keyName: string): Operation {
  const field = `archive${type}`;
  const lower = type.toLowerCase();
  return {
    name: field,
    field,
    kind: 'write',
    document: `mutation ($input: ArchiveInput!) { ${field}(input: $input) { ${lower} { id } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const target = await make();
      return { organisation: 'jugendamt', variables: { input: { id: target.id, expectedVersion: target.version } }, target };
    },
    async check(data, _caller, prepared) {
      const target = prepared.target as Target;
      expect(data[field]).toEqual({ [lower]: { id: target.id }, userErrors: [] });
      // Archived entries leave the public directory.
      expect((await read(readBack, { [keyName]: target.key }))[lower]).toBeNull();
    },
  };
}

/** add<Member> on a fresh target jugendamt is not in yet. */
function addMemberOperation(field: string, targetArgument: string, make: () => Promise<Target>, role: string, typename: string): Operation {
  const inputType = { addForumMember: 'ForumMemberInput', addBodyMember: 'BodyMemberInput', addProjectParticipant: 'ProjectParticipantInput' }[field];
  return {
    name: field,
    field,
    kind: 'write',
    document: `mutation ($input: ${inputType}!) { ${field}(input: $input) { ${MEMBERSHIP_PAYLOAD} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const target = await make();
      return { organisation: 'jugendamt', variables: { input: { [targetArgument]: target.id, organisationId: await idOf('jugendamt'), role } }, target };
    },
    check(data) {
      expect(data[field]).toMatchObject({ organisation: { slug: 'jugendamt' }, role, target: { __typename: typename }, userErrors: [] });
    },
  };
}

/** remove<Member> of jugendamt from a fresh target it is in. */
function removeMemberOperation(field: string, targetArgument: string, make: (members: string[]) => Promise<Target>, typename: string): Operation {
  const inputType = { removeForumMember: 'RemoveForumMemberInput', removeBodyMember: 'RemoveBodyMemberInput', removeProjectParticipant: 'RemoveProjectParticipantInput' }[field];
  return {
    name: field,
    field,
    kind: 'write',
    document: `mutation ($input: ${inputType}!) { ${field}(input: $input) { ${MEMBERSHIP_PAYLOAD} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const target = await make(['jugendamt']);
      return { organisation: 'jugendamt', variables: { input: { [targetArgument]: target.id, organisationId: await idOf('jugendamt') } }, target };
    },
    check(data) {
      expect(data[field]).toMatchObject({ organisation: { slug: 'jugendamt' }, role: null, target: { __typename: typename }, userErrors: [] });
    },
  };
}

/** update<Type> of a seeded entry, with a description that is new each time. */
function updateOperation(type: 'Forum' | 'Body' | 'Project', lookup: string, organisation: string): Operation {
  const field = `update${type}`;
  const lower = type.toLowerCase();
  return {
    name: field,
    field,
    kind: 'write',
    document: `mutation ($input: Update${type}Input!) { ${field}(input: $input) { ${lower} { id version description } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const current = (await read(`{ ${lookup} { id version } }`))[lower];
      const description = `Neue Beschreibung ${unique()}`;
      return { organisation, variables: { input: { id: current.id, expectedVersion: current.version, patch: { description } } }, current, description };
    },
    check(data, _caller, prepared) {
      const current = prepared.current as Target;
      expect(data[field]).toEqual({ [lower]: { id: current.id, version: current.version + 1, description: prepared.description }, userErrors: [] });
    },
  };
}

/** createApiToken for a role; a PARTNER_EDITOR token for jugendamt. */
function createTokenOperation(role: 'PARTNER_EDITOR' | 'COORDINATOR' | 'ADMIN', expected: Expected): Operation {
  return {
    name: `createApiToken (${role})`,
    field: 'createApiToken',
    kind: 'write',
    document: `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret token { ${TOKEN_FIELDS} } ${USER_ERRORS} } }`,
    expected,
    async prepare() {
      const name = `Jugendamt – ${role} ${unique()}`;
      const organisationIds = role === 'PARTNER_EDITOR' ? [await idOf('jugendamt')] : undefined;
      return { organisation: 'jugendamt', variables: { input: { name, role, organisationIds, expiresInDays: 30 } }, name };
    },
    async check(data, _caller, prepared) {
      const { secret, token, userErrors } = data.createApiToken;
      expect(userErrors).toEqual([]);
      expect(token).toMatchObject({ name: prepared.name, role, revokedAt: null, organisations: role === 'PARTNER_EDITOR' ? [{ slug: 'jugendamt' }] : [] });
      expect(secret).toMatch(/^igt_[A-Za-z0-9_-]{43}$/);
      // The secret works at once, as the token it names.
      expect(ok(await server.gql(`{ viewer { tokenId role } }`, {}, bearer(secret))).viewer).toEqual({ tokenId: token.id, role });
    },
  };
}

const REVOKE = `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { token { id revokedAt } ${USER_ERRORS} } }`;

/** The revoked secret no longer authenticates anything. */
async function expectRevoked(secret: string) {
  const response = await server.gql(`{ fieldsOfAction { code } }`, {}, bearer(secret));
  expect(response.status).toBe(401);
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
}

const OPERATIONS: Operation[] = [
  // --- organisations -------------------------------------------------------------------------
  updateJugendamt('description', EDITORS_OF_THE_ORGANISATION, () => ({ description: `Kinder- und Jugendhilfe, Fassung ${unique()}` }), (org, patch) =>
    expect(org.description).toBe(patch.description),
  ),
  updateJugendamt(
    'contact persons',
    EDITORS_OF_THE_ORGANISATION,
    () => ({ contacts: [{ name: `Max Mustermann ${unique()}`, email: 'max.mustermann@example.org', languages: ['de', 'ar'] }] }),
    (org, patch) => expect(org.contacts).toEqual(patch.contacts),
  ),
  updateJugendamt(
    'fields of action',
    EDITORS_OF_THE_ORGANISATION,
    (current) => ({ fieldsOfAction: current.fieldsOfAction.some((f: any) => f.code === 'II') ? ['I'] : ['I', 'II'] }),
    (org, patch) => expect(org.fieldsOfAction.map((f: any) => f.code)).toEqual(patch.fieldsOfAction),
  ),
  updateJugendamt('name, coordinators only', ONLY_COORDINATORS_MAY_CHANGE, () => ({ name: `Jugendamt der Stadt Wetzlar ${unique()}` }), (org, patch) =>
    expect(org.name).toBe(patch.name),
  ),
  updateJugendamt(
    'kind, coordinators only',
    ONLY_COORDINATORS_MAY_CHANGE,
    (current) => ({ kind: current.kind === 'MUNICIPAL_DEPARTMENT' ? 'OTHER' : 'MUNICIPAL_DEPARTMENT' }),
    (org, patch) => expect(org.kind).toBe(patch.kind),
  ),
  updateJugendamt(
    'level, coordinators only',
    ONLY_COORDINATORS_MAY_CHANGE,
    (current) => ({ level: current.level === 'CITY' ? 'DISTRICT' : 'CITY' }),
    (org, patch) => expect(org.level).toBe(patch.level),
  ),
  updateJugendamt(
    'parentId, coordinators only',
    ONLY_COORDINATORS_MAY_CHANGE,
    async (current) => ({ parentId: await idOf(current.parent?.slug === 'stadt-wetzlar' ? 'staedtische-fachaemter' : 'stadt-wetzlar') }),
    (org, patch) => expect(ids.get(org.parent.slug)).toBe(patch.parentId),
  ),
  updateJugendamt('isCategory, coordinators only', ONLY_COORDINATORS_MAY_CHANGE, (current) => ({ isCategory: !current.isCategory }), (org, patch) =>
    expect(org.isCategory).toBe(patch.isCategory),
  ),
  updateJugendamt(
    'description together with name: nothing of it for partners',
    ONLY_COORDINATORS_MAY_CHANGE,
    () => ({ description: `Beschreibung ${unique()}`, name: `Jugendamt ${unique()}` }),
    (org, patch) => expect(org).toMatchObject({ description: patch.description, name: patch.name }),
  ),
  {
    name: 'createOrganisation',
    field: 'createOrganisation',
    kind: 'write',
    document: `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { slug name parent { slug } } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      // A department below the partner's own organisation: still not the partner's to create.
      const slug = `neues-sachgebiet-${unique()}`;
      return {
        organisation: 'jugendamt',
        variables: { input: { slug, name: `Sachgebiet ${slug}`, kind: 'MUNICIPAL_DEPARTMENT', level: 'CITY', parentId: await idOf('jugendamt') } },
        slug,
      };
    },
    check(data, _caller, prepared) {
      expect(data.createOrganisation).toEqual({
        organisation: { slug: prepared.slug, name: `Sachgebiet ${prepared.slug}`, parent: { slug: 'jugendamt' } },
        userErrors: [],
      });
    },
  },
  {
    name: 'archiveOrganisation',
    field: 'archiveOrganisation',
    kind: 'write',
    document: `mutation ($input: ArchiveInput!) { archiveOrganisation(input: $input) { organisation { id slug } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      // A fresh organisation, whose own partner is "the same organisation".
      const target = await newOrganisation();
      return { organisation: target.key, variables: { input: { id: target.id, expectedVersion: target.version } }, target };
    },
    async check(data, _caller, prepared) {
      const target = prepared.target as Target;
      expect(data.archiveOrganisation).toEqual({ organisation: { id: target.id, slug: target.key }, userErrors: [] });
      expect((await read(`query ($slug: String!) { organisation(slug: $slug) { id } }`, { slug: target.key })).organisation).toBeNull();
    },
  },

  // --- forums, bodies, projects ---------------------------------------------------------------
  {
    name: 'createForum',
    field: 'createForum',
    kind: 'write',
    document: `mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { code name } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const code = nextForumCode();
      return { organisation: 'jugendamt', variables: { input: { code, name: `Fachforum ${code}`, topic: 'Neues Thema' } }, code };
    },
    check(data, _caller, prepared) {
      expect(data.createForum).toEqual({ forum: { code: prepared.code, name: `Fachforum ${prepared.code}` }, userErrors: [] });
    },
  },
  updateOperation('Forum', 'forum(code: "I")', 'jugendamt'),
  archiveOperation('Forum', () => newForum(['jugendamt']), `query ($code: String!) { forum(code: $code) { id } }`, 'code'),
  {
    name: 'createBody',
    field: 'createBody',
    kind: 'write',
    document: `mutation ($input: CreateBodyInput!) { createBody(input: $input) { body { slug kind } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const slug = `ag-${unique()}`;
      return { organisation: 'jugendamt', variables: { input: { slug, name: `Arbeitsgruppe ${slug}`, kind: 'PROJECT_GROUP' } }, slug };
    },
    check(data, _caller, prepared) {
      expect(data.createBody).toEqual({ body: { slug: prepared.slug, kind: 'PROJECT_GROUP' }, userErrors: [] });
    },
  },
  updateOperation('Body', 'body(slug: "programmbeirat")', 'bamf'),
  archiveOperation('Body', () => newBody(['jugendamt']), `query ($slug: String!) { body(slug: $slug) { id } }`, 'slug'),
  {
    name: 'createProject',
    field: 'createProject',
    kind: 'write',
    document: `mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { slug status } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const slug = `sprachcafe-${unique()}`;
      return { organisation: 'jugendamt', variables: { input: { slug, name: `Sprachcafé ${slug}`, status: 'ACTIVE' } }, slug };
    },
    check(data, _caller, prepared) {
      expect(data.createProject).toEqual({ project: { slug: prepared.slug, status: 'ACTIVE' }, userErrors: [] });
    },
  },
  updateOperation('Project', 'project(slug: "soziale-stadt")', 'quartiersmanagement'),
  archiveOperation('Project', () => newProject(['jugendamt']), `query ($slug: String!) { project(slug: $slug) { id } }`, 'slug'),

  // --- memberships ----------------------------------------------------------------------------
  addMemberOperation('addForumMember', 'forumId', () => newForum(), 'COORDINATION', 'Forum'),
  removeMemberOperation('removeForumMember', 'forumId', newForum, 'Forum'),
  addMemberOperation('addBodyMember', 'bodyId', () => newBody(), 'CHAIR', 'Body'),
  removeMemberOperation('removeBodyMember', 'bodyId', newBody, 'Body'),
  addMemberOperation('addProjectParticipant', 'projectId', () => newProject(), 'LEAD', 'Project'),
  removeMemberOperation('removeProjectParticipant', 'projectId', newProject, 'Project'),
  {
    name: 'requestMembership',
    field: 'requestMembership',
    kind: 'write',
    document: REQUEST_MEMBERSHIP,
    expected: EDITORS_OF_THE_ORGANISATION,
    async prepare() {
      const project = await newProject();
      return {
        organisation: 'jugendamt',
        variables: { input: { organisationId: await idOf('jugendamt'), targetId: project.id, message: 'Wir möchten mitmachen.' } },
        project,
      };
    },
    check(data, _caller, prepared) {
      expect(data.requestMembership).toMatchObject({
        request: { status: 'PENDING', role: 'PARTNER', organisation: { slug: 'jugendamt' }, target: { __typename: 'Project', slug: (prepared.project as Target).key } },
        userErrors: [],
      });
    },
  },
  {
    name: 'decideMembershipRequest',
    field: 'decideMembershipRequest',
    kind: 'write',
    document: `mutation ($input: DecideMembershipRequestInput!) {
      decideMembershipRequest(input: $input) { request { id status decisionNote organisation { slug } } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      // jugendamt's own request: its partner still may not approve it.
      const project = await newProject();
      const requested = ok(
        await server.gql(REQUEST_MEMBERSHIP, { input: { organisationId: await idOf('jugendamt'), targetId: project.id } }, bearer(await partnerOf('jugendamt'))),
      );
      expect(requested.requestMembership.userErrors).toEqual([]);
      const id = requested.requestMembership.request.id;
      return { organisation: 'jugendamt', variables: { input: { id, decision: 'APPROVE', note: 'Willkommen!' } }, id, project };
    },
    async check(data, _caller, prepared) {
      expect(data.decideMembershipRequest).toEqual({
        request: { id: prepared.id, status: 'APPROVED', decisionNote: 'Willkommen!', organisation: { slug: 'jugendamt' } },
        userErrors: [],
      });
      const { project } = await read(`query ($slug: String!) { project(slug: $slug) { participants { edges { role node { slug } } } } }`, {
        slug: (prepared.project as Target).key,
      });
      expect(project.participants.edges).toEqual([{ role: 'PARTNER', node: { slug: 'jugendamt' } }]);
    },
  },

  // --- tokens ---------------------------------------------------------------------------------
  createTokenOperation('PARTNER_EDITOR', COORDINATORS_ONLY),
  createTokenOperation('COORDINATOR', COORDINATORS_ONLY),
  createTokenOperation('ADMIN', NOBODY_BUT_ADMINS),
  {
    name: 'revokeApiToken (another token)',
    field: 'revokeApiToken',
    kind: 'write',
    document: REVOKE,
    expected: COORDINATORS_ONLY,
    async prepare() {
      // Another token of the same organisation: a partner still may not revoke it.
      const victim = await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['jugendamt'], name: `Jugendamt – zweiter Zugang ${unique()}` });
      const id = await tokenIdOf(victim);
      return { organisation: 'jugendamt', variables: { input: { id } }, id, victim };
    },
    async check(data, _caller, prepared) {
      expect(data.revokeApiToken.userErrors).toEqual([]);
      expect(data.revokeApiToken.token).toMatchObject({ id: prepared.id, revokedAt: expect.any(String) });
      await expectRevoked(prepared.victim as string);
    },
  },
  {
    name: 'revokeApiToken (itself)',
    field: 'revokeApiToken',
    kind: 'write',
    document: REVOKE,
    expected: ANY_TOKEN,
    async prepare(caller) {
      // A valid caller revokes a token of its own kind, made for this cell; the others try a fresh token.
      const own: Partial<Record<CallerKind, () => Promise<string>>> = {
        same: () => freshPartnerToken('jugendamt'),
        other: () => freshPartnerToken('vhs'),
        coordinator: () => issueTestToken(server.db, Role.COORDINATOR, { name: `coordinator ${unique()}` }),
      };
      const make = own[caller.kind];
      if (make) {
        const secret = await make();
        return { organisation: 'jugendamt', variables: { input: { id: await tokenIdOf(secret) } }, secret };
      }
      const victim = await freshPartnerToken('jugendamt');
      return { organisation: 'jugendamt', variables: { input: { id: await tokenIdOf(victim) } } };
    },
    async check(data, _caller, prepared) {
      expect(data.revokeApiToken.userErrors).toEqual([]);
      expect(data.revokeApiToken.token).toMatchObject({ id: (prepared.variables.input as any).id, revokedAt: expect.any(String) });
      await expectRevoked(prepared.secret!);
    },
  },

  // --- webhooks -------------------------------------------------------------------------------
  {
    name: 'createWebhook',
    field: 'createWebhook',
    kind: 'write',
    document: `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url changeTypes } secret ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const url = `https://93.184.215.14/hooks/${unique()}`;
      return { variables: { input: { url, changeTypes: ['Organisation'] } }, url };
    },
    check(data, _caller, prepared) {
      expect(data.createWebhook).toEqual({ webhook: { id: expect.any(String), url: prepared.url, changeTypes: ['Organisation'] }, secret: expect.stringMatching(/^whsec_/), userErrors: [] });
    },
  },
  {
    name: 'updateWebhook',
    field: 'updateWebhook',
    kind: 'write',
    document: `mutation ($input: UpdateWebhookInput!) { updateWebhook(input: $input) { webhook { id description version } secret ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const { id, version } = await sharedWebhook();
      const description = `Website ${unique()}`;
      return { variables: { input: { id, expectedVersion: version, patch: { description } } }, id, version, description };
    },
    check(data, _caller, prepared) {
      expect(data.updateWebhook).toEqual({ webhook: { id: prepared.id, description: prepared.description, version: (prepared.version as number) + 1 }, secret: null, userErrors: [] });
    },
  },
  {
    name: 'deleteWebhook',
    field: 'deleteWebhook',
    kind: 'write',
    document: `mutation ($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { deletedId ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const { id } = await newWebhook();
      return { variables: { input: { id } }, id };
    },
    async check(data, _caller, prepared) {
      expect(data.deleteWebhook).toEqual({ deletedId: prepared.id, userErrors: [] });
      expect((await asCoordinator(`{ webhooks(first: 100) { nodes { id } } }`)).webhooks.nodes).not.toContainEqual({ id: prepared.id });
    },
  },
  {
    name: 'retryWebhookDelivery',
    field: 'retryWebhookDelivery',
    kind: 'write',
    document: `mutation ($input: RetryWebhookDeliveryInput!) { retryWebhookDelivery(input: $input) { delivery { id status } ${USER_ERRORS} } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      return { variables: { input: { id: await queuedDelivery() } } };
    },
    check(data, _caller, prepared) {
      expect(data.retryWebhookDelivery).toEqual({ delivery: { id: (prepared.variables.input as any).id, status: 'PENDING' }, userErrors: [] });
    },
  },
  {
    name: 'webhooks',
    field: 'webhooks',
    kind: 'read',
    document: `{ webhooks(first: 100) { totalCount nodes { id url deliveries(first: 5) { totalCount nodes { status } } } } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      await sharedWebhook();
      return { variables: {} };
    },
    async check(data) {
      expect(data.webhooks.totalCount).toBe(await sqlCount(`select count(*)::int as n from webhook where archived_at is null`));
      expect(data.webhooks.totalCount).toBeGreaterThan(0);
    },
  },

  {
    name: 'webhook',
    field: 'webhook',
    kind: 'read',
    document: `query ($id: ID!) { webhook(id: $id) { id url } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      const { id } = await sharedWebhook();
      return { variables: { id }, id };
    },
    check(data, _caller, prepared) {
      expect(data.webhook).toEqual({ id: prepared.id, url: expect.stringMatching(/^https:\/\/93\.184\.215\.14\/hooks\//) });
    },
  },

  // --- private reads --------------------------------------------------------------------------
  {
    name: 'Organisation.contacts',
    field: 'organisation',
    kind: 'read',
    document: `query ($slug: String!) { organisation(slug: $slug) { slug contacts { name function email phone languages } } }`,
    expected: ANY_TOKEN,
    async prepare() {
      return { organisation: 'auslaenderbuero', variables: { slug: 'auslaenderbuero' } };
    },
    check(data) {
      expect(data.organisation).toEqual({ slug: 'auslaenderbuero', contacts: CONTACTS });
    },
    // Only the personal data is withheld; the rest of the answer stands.
    refusedAt: ['organisation', 'contacts'],
    checkRefused(data) {
      expect(data).toEqual({ organisation: { slug: 'auslaenderbuero', contacts: null } });
    },
  },
  {
    name: 'Organisation.contacts through node(id:)',
    field: 'node',
    kind: 'read',
    document: `query ($id: ID!) { node(id: $id) { ... on Organisation { slug contacts { name email } } } }`,
    expected: ANY_TOKEN,
    async prepare() {
      return { organisation: 'auslaenderbuero', variables: { id: await idOf('auslaenderbuero') } };
    },
    check(data) {
      expect(data.node).toEqual({ slug: 'auslaenderbuero', contacts: [{ name: CONTACTS[0].name, email: CONTACTS[0].email }] });
    },
    refusedAt: ['node', 'contacts'],
    checkRefused(data) {
      expect(data).toEqual({ node: { slug: 'auslaenderbuero', contacts: null } });
    },
  },
  {
    name: 'viewer',
    field: 'viewer',
    kind: 'read',
    document: `{ viewer { tokenId name role organisations { slug } } }`,
    expected: EVERYONE,
    async prepare() {
      return { organisation: 'jugendamt', variables: {} };
    },
    check(data, caller) {
      if (caller.kind === 'anonymous') return expect(data).toEqual({ viewer: null });
      const expected = {
        same: { role: 'PARTNER_EDITOR', name: 'jugendamt – Redaktion', organisations: [{ slug: 'jugendamt' }] },
        other: { role: 'PARTNER_EDITOR', name: 'vhs – Redaktion', organisations: [{ slug: 'vhs' }] },
        coordinator: { role: 'COORDINATOR', name: 'Projektkoordination (Test)', organisations: [] },
      }[caller.kind as 'same' | 'other' | 'coordinator'];
      expect(data.viewer).toMatchObject(expected);
      expect(Buffer.from(data.viewer.tokenId, 'base64url').toString()).toMatch(/^ApiToken:[0-9a-f-]{36}$/);
    },
  },
  {
    name: 'auditLog',
    field: 'auditLog',
    kind: 'read',
    document: `{ auditLog(first: 100) { totalCount nodes { action entityType organisation { slug } } } }`,
    expected: ANY_TOKEN,
    async prepare() {
      return { organisation: 'jugendamt', variables: {} };
    },
    async check(data, caller) {
      const log = data.auditLog;
      if (caller.kind === 'coordinator') {
        expect(log.totalCount).toBe(await sqlCount(`select count(*)::int as n from audit_entry`));
        expect(log.nodes.some((e: any) => e.organisation === null)).toBe(true);
        return;
      }
      // A partner reads the history of its own organisation, and nothing else.
      const own = caller.kind === 'same' ? 'jugendamt' : 'vhs';
      expect(log.totalCount).toBe(await sqlCount(`select count(*)::int as n from audit_entry where organisation_id = (select id from organisation where slug = ?)`, [own]));
      expect(log.totalCount).toBeGreaterThan(0);
      expect(log.nodes.length).toBeGreaterThan(0);
      expect(log.nodes.every((e: any) => e.organisation?.slug === own)).toBe(true);
    },
  },
  {
    name: 'auditLog of one organisation (jugendamt)',
    field: 'auditLog',
    kind: 'read',
    document: `query ($filter: AuditFilter) { auditLog(first: 100, filter: $filter) { totalCount nodes { organisation { slug } } } }`,
    expected: EDITORS_OF_THE_ORGANISATION,
    async prepare() {
      return { organisation: 'jugendamt', variables: { filter: { organisationId: await idOf('jugendamt') } } };
    },
    async check(data) {
      const log = data.auditLog;
      expect(log.totalCount).toBe(await sqlCount(`select count(*)::int as n from audit_entry where organisation_id = (select id from organisation where slug = 'jugendamt')`));
      expect(log.totalCount).toBeGreaterThan(0);
      expect(log.nodes.every((e: any) => e.organisation?.slug === 'jugendamt')).toBe(true);
    },
  },
  {
    name: 'apiTokens',
    field: 'apiTokens',
    kind: 'read',
    document: `{ apiTokens(first: 100) { totalCount nodes { ${TOKEN_FIELDS} } } }`,
    expected: COORDINATORS_ONLY,
    async prepare() {
      return { organisation: 'jugendamt', variables: {} };
    },
    async check(data) {
      expect(data.apiTokens.totalCount).toBe(await sqlCount(`select count(*)::int as n from api_token`));
      expect(data.apiTokens.nodes.map((t: any) => t.name)).toEqual(expect.arrayContaining(['jugendamt – Redaktion', 'revoked coordinator']));
    },
  },
  {
    name: 'membershipRequests',
    field: 'membershipRequests',
    kind: 'read',
    document: `{ membershipRequests(first: 100) { totalCount nodes { status organisation { slug } } } }`,
    expected: ANY_TOKEN,
    async prepare() {
      return { organisation: 'jugendamt', variables: {} };
    },
    async check(data, caller) {
      const requests = data.membershipRequests;
      if (caller.kind === 'coordinator') {
        expect(requests.totalCount).toBe(await sqlCount(`select count(*)::int as n from membership_request`));
        expect(new Set(requests.nodes.map((r: any) => r.organisation.slug))).toEqual(new Set(['jugendamt', 'vhs']));
        return;
      }
      // A partner sees the requests of its own organisation only.
      const own = caller.kind === 'same' ? 'jugendamt' : 'vhs';
      expect(requests.totalCount).toBe(
        await sqlCount(`select count(*)::int as n from membership_request where organisation_id = (select id from organisation where slug = ?)`, [own]),
      );
      expect(requests.totalCount).toBeGreaterThan(0);
      expect(requests.nodes.every((r: any) => r.organisation.slug === own)).toBe(true);
    },
  },

  // --- a public read: open to all, but not with a token that is not valid --------------------
  {
    name: 'public read (organisation, fieldsOfAction)',
    field: 'organisation',
    kind: 'read',
    document: `{ organisation(slug: "vhs") { slug shortName } fieldsOfAction { code } }`,
    expected: EVERYONE,
    async prepare() {
      return { organisation: 'vhs', variables: {} };
    },
    check(data) {
      expect(data).toEqual({ organisation: { slug: 'vhs', shortName: 'VHS' }, fieldsOfAction: ['I', 'II', 'III', 'IV', 'V'].map((code) => ({ code })) });
    },
  },
];

/** A webhook made by the coordinator (to a public address; this server sends nothing). */
async function newWebhook(): Promise<{ id: string; version: number }> {
  const data = await asCoordinator(`mutation ($url: String!) { createWebhook(input: { url: $url, changeTypes: ["Organisation"] }) { webhook { id version } userErrors { code } } }`, {
    url: `https://93.184.215.14/hooks/${unique()}`,
  });
  expect(data.createWebhook.userErrors).toEqual([]);
  return data.createWebhook.webhook;
}

let shared: Promise<string> | undefined;
/** The webhook the cells that read and change one share, as it is now. */
async function sharedWebhook(): Promise<{ id: string; version: number }> {
  const id = await (shared ??= newWebhook().then((w) => w.id));
  const { webhooks } = await asCoordinator(`{ webhooks(first: 100) { nodes { id version } } }`);
  return webhooks.nodes.find((w: { id: string }) => w.id === id);
}

/** A delivery queued for the shared webhook: a change of an organisation no other cell reads. */
async function queuedDelivery(): Promise<string> {
  const { id } = await sharedWebhook();
  const { organisation } = await read(`{ organisation(slug: "gewerkschaften") { id version } }`);
  const updated = await asCoordinator(`mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { userErrors { code } } }`, {
    input: { id: organisation.id, expectedVersion: organisation.version, patch: { description: `Gewerkschaften, Fassung ${unique()}` } },
  });
  expect(updated.updateOrganisation.userErrors).toEqual([]);
  const { webhooks } = await asCoordinator(`{ webhooks(first: 100) { nodes { id deliveries(first: 1) { nodes { id } } } } }`);
  return webhooks.nodes.find((w: { id: string }) => w.id === id).deliveries.nodes[0].id;
}

/** A PARTNER_EDITOR token of its own (not the shared one), for a cell that uses it up. */
function freshPartnerToken(slug: string) {
  return issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: [slug], name: `${slug} – Einmalzugang ${unique()}` });
}

function outcomeOf(operation: Operation, caller: Caller): Outcome {
  if (caller.kind === 'revoked' || caller.kind === 'expired' || caller.kind === 'garbage') return 'UNAUTHENTICATED';
  return operation.expected[caller.kind];
}

const CELLS = OPERATIONS.flatMap((operation) =>
  CALLERS.map((caller) => {
    const outcome = outcomeOf(operation, caller);
    return [`${operation.name} × ${caller.name} → ${outcome}`, operation, caller, outcome] as const;
  }),
);

describe('the matrix is complete', () => {
  test('every mutation of schema/schema.graphql has a row', () => {
    const schema = buildSchema(readFileSync(path.join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    const rows = [...new Set(OPERATIONS.filter((o) => o.kind === 'write').map((o) => o.field))].sort();
    expect(rows).toEqual(mutations);
    expect(mutations.length).toBeGreaterThanOrEqual(22);
  });

  test('every private query and field has a row, and every row every caller', () => {
    const names = OPERATIONS.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Organisation.contacts', 'viewer', 'auditLog', 'apiTokens', 'membershipRequests']));
    expect(CELLS).toHaveLength(OPERATIONS.length * CALLERS.length);
  });
});

describe('authorization matrix', () => {
  test.each(CELLS)('%s', async (_title, operation, caller, outcome) => {
    const prepared = await operation.prepare(caller);
    const headers = prepared.secret !== undefined ? bearer(prepared.secret) : await headersOf(caller, prepared.organisation ?? 'jugendamt');
    const before = await snapshot();
    const response = await server.gql(operation.document, prepared.variables, headers);
    const after = await snapshot();

    if (outcome === 'allowed') {
      expect(response.errors ?? []).toEqual([]);
      expect(response.status).toBe(200);
      if (operation.kind === 'write') {
        // The write happened, and shows in the audit trail (so the snapshot would see a change).
        expect(after.audit_entries as number).toBeGreaterThan(before.audit_entries as number);
        expect(after).not.toEqual(before);
      } else {
        expect(after).toEqual(before);
      }
      await operation.check(response.data, caller, prepared);
      return;
    }

    expect(response.errors?.map((e) => e.extensions?.code)).toEqual([outcome]);
    const refusal = REFUSAL_MESSAGE[caller.kind];
    if (refusal) {
      // A header naming no valid token fails the whole request, before anything runs.
      expect(response.status).toBe(401);
      expect(response.data ?? null).toBeNull();
      expect(response.errors![0].message).toMatch(refusal);
    } else {
      const refusedAt = operation.refusedAt ?? [operation.field];
      expect(response.errors![0].path).toEqual(refusedAt);
      expect(refusedAt.reduce((value: any, key) => value?.[key], response.data) ?? null).toBeNull();
      operation.checkRefused?.(response.data);
    }
    expect(after).toEqual(before);
  });
});

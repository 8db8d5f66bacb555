import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/**
 * Where: the social areas of Wetzlar (reference data), the areas organisations serve, the
 * directory filter and the write path, asked as a front-end or a partner would ask.
 */
let server: TestServer;
let coordinator: Record<string, string>;
let quartiersmanagement: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = bearer(await issueTestToken(server.db, Role.COORDINATOR, { name: 'Projektkoordination' }));
  quartiersmanagement = bearer(await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['quartiersmanagement'], name: 'QM Redaktion' }));
});
afterAll(() => server.stop());

const STADTBEZIRKE = [
  'altstadt', 'neustadt', 'hauserberg', 'bueblingshausen', 'sturzkopf', 'stoppelberger-hohl', 'nauborner-strasse', 'silhoefer-aue',
  'altenberger-strasse', 'dalheim', 'dillfeld', 'niedergirmes',
];
const STADTTEILE = ['hermannstein', 'blasbach', 'naunheim', 'garbenheim', 'dutenhofen', 'muenchholzhausen', 'nauborn', 'steindorf'];

/** Slugs of the organisations a directory filter by social area returns. */
const filtered = async (socialArea: string) =>
  ok(
    await server.gql(`query ($a: String!) { organisations(first: 100, filter: { socialArea: $a }) { totalCount nodes { slug } } }`, { a: socialArea }),
  ).organisations.nodes.map((o: { slug: string }) => o.slug).sort();

describe('the social areas (reference data)', () => {
  test('the city, the Kernstadt with its 12 Stadtbezirke and the 8 Stadtteile, in order', async () => {
    const { socialAreas } = ok(await server.gql(`{ socialAreas { slug name kind position parent { slug } children { slug } sources } }`));
    expect(socialAreas.map((a: any) => a.slug)).toEqual(['wetzlar', 'kernstadt', ...STADTBEZIRKE, ...STADTTEILE]);
    const finest = socialAreas.filter((a: any) => a.children.length === 0);
    expect(finest).toHaveLength(20);
    expect(socialAreas[0]).toMatchObject({ kind: 'CITY', parent: null });
    expect(socialAreas[0].children.map((c: any) => c.slug)).toEqual(['kernstadt', ...STADTTEILE]);
    expect(socialAreas[1]).toMatchObject({ kind: 'CORE_CITY', parent: { slug: 'wetzlar' } });
    expect(socialAreas[1].children.map((c: any) => c.slug)).toEqual(STADTBEZIRKE);
    for (const a of socialAreas.slice(2, 14)) expect(a).toMatchObject({ kind: 'CITY_DISTRICT', parent: { slug: 'kernstadt' } });
    for (const a of socialAreas.slice(14)) expect(a).toMatchObject({ kind: 'OUTER_DISTRICT', parent: { slug: 'wetzlar' } });
    // Every area names its sources, resolved to citations (not bare keys).
    for (const a of socialAreas) {
      expect(a.sources.length).toBeGreaterThan(0);
      for (const s of a.sources) expect(s).toMatch(/Wetzlar|Hessen|Feuerwache/);
    }
  });

  test('the "Soziale Stadt" quarters carry their programme note; the others none', async () => {
    const { socialAreas } = ok(await server.gql(`{ socialAreas { slug socialCityProgramme } }`));
    const withProgramme = socialAreas.filter((a: any) => a.socialCityProgramme).map((a: any) => a.slug).sort();
    expect(withProgramme).toEqual(['altenberger-strasse', 'dalheim', 'niedergirmes', 'silhoefer-aue']);
    const niedergirmes = ok(await server.gql(`{ socialArea(slug: "niedergirmes") { name description socialCityProgramme } }`)).socialArea;
    expect(niedergirmes.description).toContain('6.000');
    expect(niedergirmes.socialCityProgramme).toContain('Diakonie Lahn Dill');
  });

  test('an area is a node: fetched again by its global id', async () => {
    const { socialArea } = ok(await server.gql(`{ socialArea(slug: "dalheim") { id name } }`));
    const { node } = ok(await server.gql(`query ($id: ID!) { node(id: $id) { __typename ... on SocialArea { slug } } }`, { id: socialArea.id }));
    expect(node).toEqual({ __typename: 'SocialArea', slug: 'dalheim' });
    expect(ok(await server.gql(`{ socialArea(slug: "atlantis") { id } }`)).socialArea).toBeNull();
  });
});

describe('who serves which area (seed)', () => {
  test('the Quartiersmanagement serves the "Soziale Stadt" quarters; authorities the whole city; the rest state nothing', async () => {
    const { organisations } = ok(await server.gql(`{ organisations(first: 100) { nodes { slug kind isCategory serviceAreas { slug } } } }`));
    const byslug = new Map<string, string[]>(organisations.nodes.map((o: any) => [o.slug, o.serviceAreas.map((a: any) => a.slug)]));
    expect(byslug.get('quartiersmanagement')).toEqual(['silhoefer-aue', 'altenberger-strasse', 'dalheim', 'niedergirmes']);
    for (const slug of ['bamf', 'agentur-fuer-arbeit', 'land-hessen', 'lahn-dill-kreis', 'stadt-wetzlar', 'jugendamt', 'auslaenderbuero']) {
      expect([slug, byslug.get(slug)]).toEqual([slug, ['wetzlar']]);
    }
    // Categories and civil society state nothing: unknown, not "nowhere".
    for (const slug of ['migrantenvereine', 'wohlfahrtsverbaende', 'kirchen', 'staedtische-fachaemter', 'ihk']) expect(byslug.get(slug)).toEqual([]);
  });

  test('an area lists the organisations serving it directly or through an area containing it', async () => {
    const area = async (slug: string) =>
      ok(await server.gql(`query ($s: String!) { socialArea(slug: $s) { organisations(first: 100) { totalCount nodes { slug } } } }`, { s: slug })).socialArea
        .organisations;
    const niedergirmes = await area('niedergirmes');
    expect(niedergirmes.nodes.map((o: any) => o.slug)).toContain('quartiersmanagement');
    expect(niedergirmes.nodes.map((o: any) => o.slug)).toContain('jugendamt');
    expect(niedergirmes.totalCount).toBe(niedergirmes.nodes.length);
    const naunheim = (await area('naunheim')).nodes.map((o: any) => o.slug);
    expect(naunheim).toContain('jugendamt');
    expect(naunheim).not.toContain('quartiersmanagement');
    // Stating Niedergirmes does not make the Quartiersmanagement serve the Kernstadt as a whole.
    expect((await area('kernstadt')).nodes.map((o: any) => o.slug)).not.toContain('quartiersmanagement');
  });
});

describe('the directory filter by social area', () => {
  /** Slugs of organisations serving the area with this slug, counted here in SQL by walking up the hierarchy by hand. */
  const servingInSql = async (slug: string) =>
    (
      await server.db.query<{ slug: string }>(
        `select distinct o.slug from organisation o join organisation_service_area x on x.organisation_id = o.id
          where o.archived_at is null and x.social_area_id in (
            select a.id from social_area a where a.slug = ?
            union select a.parent_id from social_area a where a.slug = ?
            union select p.parent_id from social_area a join social_area p on p.id = a.parent_id where a.slug = ?)
          order by 1`,
        [slug, slug, slug],
      )
    ).map((r) => r.slug).sort();

  test.each(['niedergirmes', 'dalheim', 'naunheim', 'kernstadt', 'wetzlar'])('%s: served directly or through an area containing it', async (slug) => {
    const expected = await servingInSql(slug);
    expect(expected.length).toBeGreaterThan(0);
    expect(await filtered(slug)).toEqual(expected);
  });

  test('a city-wide service matches every district; a quarter service only its quarters', async () => {
    expect(await filtered('steindorf')).toContain('stadt-wetzlar');
    expect(await filtered('niedergirmes')).toContain('quartiersmanagement');
    expect(await filtered('steindorf')).not.toContain('quartiersmanagement');
    expect(await filtered('wetzlar')).not.toContain('quartiersmanagement');
  });

  test('combines with the other filters; an unknown slug matches nobody', async () => {
    const data = ok(await server.gql(`{ organisations(first: 100, filter: { socialArea: "niedergirmes", levels: [FEDERAL] }) { nodes { slug level } } }`));
    expect(data.organisations.nodes.length).toBeGreaterThan(0);
    expect(data.organisations.nodes.every((o: any) => o.level === 'FEDERAL')).toBe(true);
    expect(await filtered('atlantis')).toEqual([]);
  });
});

const UPDATE = `mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    organisation { id version serviceAreas { slug } address { street postalCode city country socialArea { slug } } }
    userErrors { field message code }
  }
}`;

const current = async (slug: string) =>
  ok(await server.gql(`query ($s: String!) { organisation(slug: $s) { id version serviceAreas { slug } address { street } } }`, { s: slug })).organisation;

describe('partners state the areas they serve and their address', () => {
  test('a partner sets its service areas and address; the version moves on and the audit trail has both', async () => {
    const before = await current('quartiersmanagement');
    const response = await server.gql(
      UPDATE,
      {
        input: {
          id: before.id,
          expectedVersion: before.version,
          patch: {
            serviceAreas: ['niedergirmes', 'silhoefer-aue', 'niedergirmes'],
            address: { street: 'Musterstraße 1', postalCode: '35576', city: 'Wetzlar', socialArea: 'niedergirmes' },
          },
        },
      },
      quartiersmanagement,
    );
    const { organisation, userErrors } = ok(response).updateOrganisation;
    expect(userErrors).toEqual([]);
    expect(organisation.version).toBe(before.version + 1);
    expect(organisation.serviceAreas.map((a: any) => a.slug)).toEqual(['silhoefer-aue', 'niedergirmes']);
    expect(organisation.address).toEqual({ street: 'Musterstraße 1', postalCode: '35576', city: 'Wetzlar', country: 'DE', socialArea: { slug: 'niedergirmes' } });

    const log = ok(
      await server.gql(
        `query ($id: ID!) { auditLog(first: 1, filter: { organisationId: $id }) { nodes { action changes { field before after } } } }`,
        { id: before.id },
        coordinator,
      ),
    ).auditLog.nodes[0];
    expect(log.action).toBe('UPDATE');
    const changes = Object.fromEntries(log.changes.map((c: any) => [c.field, c]));
    expect(changes.serviceAreas.before).toEqual(['altenberger-strasse', 'dalheim', 'niedergirmes', 'silhoefer-aue']);
    expect(changes.serviceAreas.after).toEqual(['niedergirmes', 'silhoefer-aue']);
    expect(changes.address).toMatchObject({ before: null, after: { street: 'Musterstraße 1', socialArea: 'niedergirmes' } });

    // Null removes the address; [] states no service area.
    const cleared = ok(
      await server.gql(UPDATE, { input: { id: before.id, expectedVersion: organisation.version, patch: { address: null, serviceAreas: [] } } }, quartiersmanagement),
    ).updateOrganisation;
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.organisation).toMatchObject({ serviceAreas: [], address: null });
    // Back as seeded, for the other tests.
    ok(
      await server.gql(
        UPDATE,
        { input: { id: before.id, expectedVersion: cleared.organisation.version, patch: { serviceAreas: ['silhoefer-aue', 'altenberger-strasse', 'dalheim', 'niedergirmes'] } } },
        quartiersmanagement,
      ),
    );
  });

  test('an unknown slug is BAD_USER_INPUT and nothing is written', async () => {
    const before = await current('quartiersmanagement');
    for (const patch of [{ serviceAreas: ['niedergirmes', 'atlantis'] }, { address: { street: 'A 1', postalCode: '35576', city: 'Wetzlar', socialArea: 'atlantis' } }]) {
      const response = await server.gql(UPDATE, { input: { id: before.id, expectedVersion: before.version, patch } }, quartiersmanagement);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_SOCIAL_AREA', unknown: ['atlantis'] });
      expect(response.errors?.[0].message).toContain('atlantis');
    }
    expect(await current('quartiersmanagement')).toEqual(before);
  });

  test('too many areas, a malformed slug or postal code come back as userErrors with a code; nothing is written', async () => {
    const before = await current('quartiersmanagement');
    const cases: [object, string, string][] = [
      [{ serviceAreas: Array.from({ length: 23 }, (_, i) => `area-${i}`) }, 'patch.serviceAreas', 'TOO_MANY'],
      [{ serviceAreas: ['Niedergirmes!'] }, 'patch.serviceAreas', 'INVALID_SLUG'],
      [{ address: { street: 'A 1', postalCode: '355', city: 'Wetzlar' } }, 'patch.address.postalCode', 'INVALID'],
      [{ address: { street: '', postalCode: '35576', city: 'Wetzlar' } }, 'patch.address.street', 'TOO_LONG'],
    ];
    for (const [patch, field, code] of cases) {
      const { updateOrganisation } = ok(await server.gql(UPDATE, { input: { id: before.id, expectedVersion: before.version, patch } }, quartiersmanagement));
      expect(updateOrganisation.organisation).toBeNull();
      expect(updateOrganisation.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    expect(await current('quartiersmanagement')).toEqual(before);
  });

  test("an editor of another organisation may not set this one's areas (FORBIDDEN)", async () => {
    const jugendamt = await current('jugendamt');
    const response = await server.gql(UPDATE, { input: { id: jugendamt.id, expectedVersion: jugendamt.version, patch: { serviceAreas: ['niedergirmes'] } } }, quartiersmanagement);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await current('jugendamt')).toEqual(jugendamt);
  });

  test('a stale version is CONFLICT and nothing is written', async () => {
    const before = await current('quartiersmanagement');
    const response = await server.gql(UPDATE, { input: { id: before.id, expectedVersion: before.version - 1, patch: { serviceAreas: ['dillfeld'] } } }, quartiersmanagement);
    expect(response.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await current('quartiersmanagement')).toEqual(before);
  });

  test('a coordinator creates an organisation with its service areas and address', async () => {
    const { createOrganisation } = ok(
      await server.gql(
        `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { slug serviceAreas { slug } address { city socialArea { slug } } } userErrors { code } } }`,
        {
          input: {
            slug: 'nachbarschaftstreff-test', name: 'Nachbarschaftstreff (Test)', kind: 'OTHER', level: 'CIVIL_SOCIETY',
            serviceAreas: ['naunheim'], address: { street: 'Teststraße 2', postalCode: '35584', city: 'Wetzlar', socialArea: 'naunheim' },
          },
        },
        coordinator,
      ),
    );
    expect(createOrganisation).toEqual({
      organisation: { slug: 'nachbarschaftstreff-test', serviceAreas: [{ slug: 'naunheim' }], address: { city: 'Wetzlar', socialArea: { slug: 'naunheim' } } },
      userErrors: [],
    });
    expect(await filtered('naunheim')).toContain('nachbarschaftstreff-test');
    expect(await filtered('dalheim')).not.toContain('nachbarschaftstreff-test');
  });
});

import { seed, WETZLAR } from '../src/db/seed';
import { ok, startTestServer, TestServer } from './support/server';

/** The facts of the seed presentation, asked the way a front-end would ask them. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const memberSlugs = async (code: string) => {
  const data = ok(
    await server.gql<{ forum: { members: { totalCount: number; edges: { role: string; node: { slug: string } }[] } } }>(
      `query ($code: String!) { forum(code: $code) { members(first: 100) { totalCount edges { role node { slug } } } } }`,
      { code },
    ),
  );
  return data.forum.members;
};

describe('who sits in which Fachforum (slide 7)', () => {
  test.each([
    ['I', ['grundschulen', 'jugendamt', 'kurstraeger', 'quartiersmanagement', 'traeger-von-kitas']],
    ['II', ['integrierte-gesamtschule', 'migrantenvereine']],
    ['III', ['beschaeftigungstraeger', 'integrierte-gesamtschule', 'kommunale-entwicklungsplanung', 'migrantenvereine', 'wohlfahrtsverbaende']],
    ['IV', ['migrantenvereine', 'sportamt', 'sportjugend-hessen', 'sportkreis-13']],
    ['V', ['auslaenderbeirat', 'kirchen', 'quartiersmanagement']],
  ])('Fachforum %s', async (code, expected) => {
    const members = await memberSlugs(code);
    expect(members.edges.map((e) => e.node.slug).sort()).toEqual(expected);
    expect(members.totalCount).toBe(expected.length);
    expect(members.edges.every((e) => e.role === 'MEMBER')).toBe(true);
  });

  test('the forums come in order with topic and focus', async () => {
    const data = ok(await server.gql(`{ forums { totalCount nodes { code name topic focus fieldsOfAction { code } } } }`));
    expect(data.forums.totalCount).toBe(5);
    expect(data.forums.nodes.map((f: any) => f.name)).toEqual(['Fachforum I', 'Fachforum II', 'Fachforum III', 'Fachforum IV', 'Fachforum V']);
    expect(data.forums.nodes[0]).toMatchObject({ topic: 'Bildung und Soziales', focus: 'Familienbildung und Spracherwerb', fieldsOfAction: [{ code: 'I' }] });
    expect(data.forums.nodes[1].focus).toBe('Schule als interkultureller Lernort');
  });

  test('Migrantenvereine is a category that sits in three forums', async () => {
    const data = ok(await server.gql(`{ organisation(slug: "migrantenvereine") { name isCategory forums { totalCount nodes { code } } } }`));
    expect(data.organisation).toMatchObject({ name: 'Migrantenvereine', isCategory: true });
    expect(data.organisation.forums.nodes.map((f: any) => f.code)).toEqual(['II', 'III', 'IV']);
  });
});

describe('the steering structure (slide 6)', () => {
  test('the Programmbeirat has BAMF, BA, LDA and Stiftungen', async () => {
    const data = ok(await server.gql(`{ body(slug: "programmbeirat") { name kind members { totalCount nodes { shortName name } } } }`));
    expect(data.body.kind).toBe('ADVISORY_BOARD');
    expect(data.body.members.nodes.map((o: any) => o.shortName ?? o.name).sort()).toEqual(['BA', 'BAMF', 'LDA', 'Stiftungen']);
  });

  test('the Steuerungs-AG is chaired by the city (Oberbürgermeister)', async () => {
    const data = ok(await server.gql(`{ body(slug: "steuerungs-ag") { kind description chair { slug } members { edges { role node { slug } } } } }`));
    expect(data.body.kind).toBe('STEERING_GROUP');
    expect(data.body.chair.slug).toBe('stadt-wetzlar');
    expect(data.body.description).toContain('Oberbürgermeister');
    expect(data.body.members.edges).toEqual([{ role: 'CHAIR', node: { slug: 'stadt-wetzlar' } }]);
  });

  test('the Projektgruppe has the city departments and the programme coordination', async () => {
    const data = ok(await server.gql(`{ body(slug: "projektgruppe") { kind members { edges { role node { slug } } } } }`));
    expect(data.body.kind).toBe('PROJECT_GROUP');
    expect(data.body.members.edges).toEqual(
      expect.arrayContaining([
        { role: 'COORDINATION', node: { slug: 'projektkoordination-integration' } },
        { role: 'MEMBER', node: { slug: 'staedtische-fachaemter' } },
      ]),
    );
  });

  test('four bodies in order', async () => {
    const data = ok(await server.gql(`{ bodies { totalCount nodes { name } } }`));
    expect(data.bodies.nodes.map((b: any) => b.name)).toEqual(['Steuerungs-AG', 'Programmbeirat', 'Projektgruppe', 'Integrationsworkshop']);
  });
});

describe('fields of action (slide 9)', () => {
  test('five fields, I … V, German and English', async () => {
    const data = ok(await server.gql(`{ fieldsOfAction { code name nameEn } }`));
    expect(data.fieldsOfAction).toEqual([
      { code: 'I', name: 'Bildung und Soziale Beratung', nameEn: 'Education and social counselling' },
      { code: 'II', name: 'Berufliche Integration und Wirtschaft', nameEn: 'Labour-market integration and economy' },
      { code: 'III', name: 'Gesellschaftliche Integration und politische Teilhabe', nameEn: 'Social integration and political participation' },
      { code: 'IV', name: 'Gesundheit', nameEn: 'Health' },
      { code: 'V', name: 'Wohnen', nameEn: 'Housing' },
    ]);
  });

  test('who works on housing (V), counted independently in SQL', async () => {
    const data = ok(await server.gql(`{ fieldOfAction(code: "V") { organisations(first: 100) { totalCount nodes { slug } } } }`));
    const rows = await server.db.query<{ slug: string }>(
      `select o.slug from organisation o join organisation_field_of_action x on x.organisation_id = o.id
       join field_of_action f on f.id = x.field_of_action_id where f.code = 'V' order by o.slug`,
    );
    expect(data.fieldOfAction.organisations.nodes.map((o: any) => o.slug).sort()).toEqual(rows.map((r) => r.slug));
    expect(rows.map((r) => r.slug)).toContain('wohnungswirtschaft');
  });
});

describe('lighthouse projects (slide 10)', () => {
  test('all nine are there', async () => {
    const data = ok(await server.gql(`{ projects(first: 50, filter: { isLighthouse: true }) { totalCount nodes { shortName name } } }`));
    const names = data.projects.nodes.map((p: any) => p.shortName ?? p.name);
    expect(data.projects.totalCount).toBe(9);
    for (const name of ['Frühstart', 'Mama lernt Deutsch', 'Soziale Stadt', 'Neuorganisation Ausländerbüro', 'Migrationsbericht', 'Antragsrecht Ausländerbeirat', 'Neubürgerempfang', 'Internationales Kulturfest', 'Niedrigschwellige Integrations- und Sprachkurse']) {
      expect(names).toContain(name);
    }
  });

  test('"Mama lernt Deutsch" is language support in field I, in Fachforum I', async () => {
    const data = ok(await server.gql(`{ project(slug: "mama-lernt-deutsch") { name fieldsOfAction { code } forums { nodes { code } } } }`));
    expect(data.project).toEqual({ name: 'Sprachförderung „Mama lernt Deutsch“', fieldsOfAction: [{ code: 'I' }], forums: { nodes: [{ code: 'I' }] } });
  });

  test('the Ausländerbüro leads its own reorganisation', async () => {
    const data = ok(await server.gql(`{ organisation(slug: "auslaenderbuero") { projects { edges { role node { slug } } } } }`));
    expect(data.organisation.projects.edges).toEqual([{ role: 'LEAD', node: { slug: 'neuorganisation-auslaenderbuero' } }]);
  });
});

describe('partners and hierarchy (slide 8)', () => {
  test('which federal partners are there?', async () => {
    const data = ok(await server.gql(`{ organisations(filter: { levels: [FEDERAL] }) { totalCount nodes { name shortName } } }`));
    expect(data.organisations.nodes.map((o: any) => o.name)).toEqual([
      'Agentur für Arbeit',
      'Bundesagentur für Arbeit',
      'Bundesamt für Migration und Flüchtlinge',
      'Ministerien des Bundes',
    ]);
  });

  test('the Jugendamt belongs to the Stadt Wetzlar, which lists its departments', async () => {
    const data = ok(await server.gql(`{ organisation(slug: "jugendamt") { kind level parent { name children(first: 50) { totalCount nodes { slug } } } } }`));
    expect(data.organisation).toMatchObject({ kind: 'MUNICIPAL_DEPARTMENT', level: 'CITY', parent: { name: 'Stadt Wetzlar' } });
    const children = data.organisation.parent.children.nodes.map((o: any) => o.slug);
    expect(children).toEqual(expect.arrayContaining(['jugendamt', 'sportamt', 'auslaenderbuero', 'vhs', 'kommunale-entwicklungsplanung']));
    const [{ count }] = await server.db.query<{ count: number }>(
      `select count(*)::int as count from organisation where parent_id = (select id from organisation where slug = 'stadt-wetzlar')`,
    );
    expect(data.organisation.parent.children.totalCount).toBe(count);
  });

  test('every organisation of the data file is served, none invented', async () => {
    const data = ok(await server.gql(`{ organisations(first: 100) { totalCount nodes { slug } } }`));
    expect(data.organisations.totalCount).toBe(WETZLAR.organisations.length);
    expect(data.organisations.nodes.map((o: any) => o.slug).sort()).toEqual(WETZLAR.organisations.map((o) => o.slug).sort());
  });

  test('no invented contact data: no organisation has a website the seed did not name', async () => {
    const rows = await server.db.query(`select slug from organisation where website is not null`);
    expect(rows).toEqual([]);
  });
});

describe('loading the data set', () => {
  test('a second run changes nothing', async () => {
    const snapshot = () =>
      server.db.query(
        `select (select json_agg(o order by slug) from (select slug, version, updated_at, parent_id from organisation) o) as orgs,
                (select count(*) from forum_membership) + (select count(*) from body_membership) + (select count(*) from project_participation)
                + (select count(*) from organisation_field_of_action) + (select count(*) from project_forum) as links`,
      );
    const before = await snapshot();
    const result = await seed(server.db.orm);
    expect(result.inserted).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  test('every link of the data file names an entry of the data file', () => {
    const slugs = new Set(WETZLAR.organisations.map((o) => o.slug));
    const codes = new Set(WETZLAR.fieldsOfAction.map((f) => f.code));
    const forumCodes = new Set(WETZLAR.forums.map((f) => f.code));
    const named = [
      ...WETZLAR.organisations.flatMap((o) => (o.parent ? [o.parent] : [])),
      ...WETZLAR.forums.flatMap((f) => f.members),
      ...WETZLAR.bodies.flatMap((b) => b.members.map((m) => m.organisation)),
      ...WETZLAR.projects.flatMap((p) => p.participants.map((m) => m.organisation)),
    ];
    expect(named.filter((s) => !slugs.has(s))).toEqual([]);
    const fields = [...WETZLAR.organisations, ...WETZLAR.forums, ...WETZLAR.projects].flatMap((x) => x.fieldsOfAction ?? []);
    expect(fields.filter((c) => !codes.has(c))).toEqual([]);
    expect(WETZLAR.projects.flatMap((p) => p.forums).filter((c) => !forumCodes.has(c))).toEqual([]);
  });
});

describe('global ids', () => {
  test('node and nodes fetch what a list returned', async () => {
    const list = ok(await server.gql(`{ forums(first: 2) { nodes { id name } } fieldsOfAction { id code } }`));
    const ids = [list.forums.nodes[0].id, list.fieldsOfAction[4].id];
    const data = ok(
      await server.gql(`query ($id: ID!, $ids: [ID!]!) { node(id: $id) { id ... on Forum { name } } nodes(ids: $ids) { __typename id } }`, {
        id: ids[0],
        ids,
      }),
    );
    expect(data.node).toEqual({ id: ids[0], name: 'Fachforum I' });
    expect(data.nodes).toEqual([
      { __typename: 'Forum', id: ids[0] },
      { __typename: 'FieldOfAction', id: ids[1] },
    ]);
  });

  test('a well-formed id of a missing object is null', async () => {
    const id = Buffer.from('Organisation:00000000-0000-4000-8000-000000000000').toString('base64url');
    expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
  });
});

describe('versioned rows', () => {
  test('every entity says when it changed and which version it is, as ISO-8601 in UTC', async () => {
    const data = ok(await server.gql(`{ organisation(slug: "vhs") { createdAt updatedAt version } forum(code: "I") { updatedAt version } }`));
    const [row] = await server.db.query<{ updated: string }>(
      `select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated from organisation where slug = 'vhs'`,
    );
    expect(data.organisation.version).toBe(1);
    expect(data.organisation.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(data.organisation.updatedAt).toBe(row.updated);
    expect(Date.parse(data.forum.updatedAt)).not.toBeNaN();
  });
});

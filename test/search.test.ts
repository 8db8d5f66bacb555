import { WETZLAR } from '../src/db/seed';
import { GraphQLResponse, ok, startTestServer, TestServer } from './support/server';

/** Search as a visitor of the directory uses it: German words, typed quickly, sometimes oddly. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

interface Org {
  slug: string;
  name: string;
  level: string;
}

interface OrgList {
  totalCount: number;
  nodes: Org[];
}

const ORGANISATIONS = `
  query ($filter: OrganisationFilter, $orderBy: OrganisationOrder) {
    organisations(first: 100, filter: $filter, orderBy: $orderBy) { totalCount nodes { slug name level } }
  }`;

const listOrganisations = (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) =>
  server.gql<{ organisations: OrgList }>(ORGANISATIONS, { filter, orderBy });

/** The organisations a search finds, best match first. */
const findOrganisations = async (search: string, filter: Record<string, unknown> = {}, orderBy?: Record<string, unknown>) =>
  ok(await listOrganisations({ search, ...filter }, orderBy)).organisations;

const slugs = (list: OrgList) => list.nodes.map((o) => o.slug);

interface Hit {
  rank: number;
  cursor: string;
  node: { __typename: string; id: string; name: string; slug?: string; code?: string; shortName?: string | null };
}

interface SearchPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Hit[];
}

const SEARCH = `
  query ($query: String!, $types: [SearchResultType!], $first: Int, $after: String, $last: Int, $before: String) {
    search(query: $query, types: $types, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        rank
        cursor
        node {
          __typename
          ... on Node { id }
          ... on Organisation { slug name }
          ... on Project { slug name shortName }
          ... on Body { slug name }
          ... on FieldOfAction { code name }
          ... on Forum { code name }
        }
      }
    }
  }`;

const searchRaw = (query: string, args: { types?: string[]; first?: number; after?: string; last?: number; before?: string } = {}) =>
  server.gql<{ search: SearchPage }>(SEARCH, { query, first: 100, ...args });

/** One page of `search`; by default all hits (at most 100). */
const searchAll = async (query: string, args: Parameters<typeof searchRaw>[1] = {}) => ok(await searchRaw(query, args)).search;

/** "Organisation:auslaenderbuero", "FieldOfAction:V": a readable key of a hit. */
const key = (hit: Hit) => `${hit.node.__typename}:${hit.node.slug ?? hit.node.code}`;

describe('does the search forgive how I type?', () => {
  test.each([
    ['Ausländerbüro', 'with umlauts'],
    ['Auslanderburo', 'umlauts typed as plain vowels'],
    ['Auslaenderbuero', 'umlauts spelled out as ae, ue'],
    ['AUSLÄNDERBÜRO', 'in capitals'],
  ])('"%s" (%s) finds the Ausländerbüro first', async (search) => {
    const found = await findOrganisations(search);
    expect(found.nodes[0]).toMatchObject({ slug: 'auslaenderbuero', name: 'Ausländerbüro' });
  });

  test('"Jugendammt" (a typo) finds the Jugendamt', async () => {
    const found = await findOrganisations('Jugendammt');
    expect(slugs(found)).toEqual(['jugendamt']);
  });

  test.each(['Flüchtlnge', 'Fluchtlinge', 'Fluechtlinge'])('"%s" finds the Bundesamt für Migration und Flüchtlinge', async (search) => {
    const found = await findOrganisations(search);
    expect(found.nodes[0]).toMatchObject({ slug: 'bamf', name: 'Bundesamt für Migration und Flüchtlinge' });
  });

  test('"Quatiersmanagement" (a letter missing) finds the Quartiersmanagement', async () => {
    expect(slugs(await findOrganisations('Quatiersmanagement'))).toEqual(['quartiersmanagement']);
  });

  test('the beginning of a word is enough: "Jugend" finds the Jugendamt first', async () => {
    const found = await findOrganisations('Jugend');
    expect(found.nodes[0].slug).toBe('jugendamt');
    expect(slugs(found)).toContain('sportjugend-hessen');
  });

  test('"Sport" finds exactly the three sports organisations', async () => {
    expect(slugs(await findOrganisations('Sport')).sort()).toEqual(['sportamt', 'sportjugend-hessen', 'sportkreis-13']);
  });

  test.each([
    ['Kirche', 'kirchen'], // the entry is "Kirchen und Glaubensgemeinschaften"
    ['Glaubensgemeinschaft', 'kirchen'],
    ['Stiftung', 'stiftungen'],
    ['Gewerkschaft', 'gewerkschaften'],
    ['Jugendämter', 'jugendamt'],
    ['Fachämter', 'staedtische-fachaemter'],
  ])('singular and plural are the same word: "%s" finds %s', async (search, slug) => {
    expect((await findOrganisations(search)).nodes[0].slug).toBe(slug);
  });

  test('"Verband" finds both entries that name "Verbände"', async () => {
    expect(slugs(await findOrganisations('Verband')).sort()).toEqual(['vereine-verbaende-initiativen', 'wohlfahrtsverbaende']);
  });

  test.each([
    ['BAMF', 'bamf'],
    ['bamf', 'bamf'],
    ['VHS', 'vhs'],
    ['IHK', 'ihk'],
    ['LDK', 'lahn-dill-kreis'],
  ])('the abbreviation "%s" finds %s', async (search, slug) => {
    expect((await findOrganisations(search)).nodes[0].slug).toBe(slug);
  });

  test('words of the description count: "Oberbürgermeister" finds the Stadt Wetzlar', async () => {
    expect(slugs(await findOrganisations('Oberbürgermeister'))).toEqual(['stadt-wetzlar']);
  });

  test('the order of the words does not matter', async () => {
    expect(slugs(await findOrganisations('Wetzlar Stadt'))).toEqual(['stadt-wetzlar']);
    expect(slugs(await findOrganisations('Stadt Wetzlar'))).toEqual(['stadt-wetzlar']);
  });

  test('every word must match: "Agentur Arbeit" finds the two employment agencies, not every "Arbeit"', async () => {
    expect((await findOrganisations('Arbeit')).totalCount).toBe(5);
    expect(slugs(await findOrganisations('Agentur Arbeit')).sort()).toEqual(['agentur-fuer-arbeit', 'bundesagentur-fuer-arbeit']);
  });

  test('a word nobody uses finds nothing', async () => {
    expect(await findOrganisations('Raumfahrtbehörde')).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('is the best match first?', () => {
  test('"Sportamt" puts the Sportamt on top, in the list and in the search of everything', async () => {
    const found = await findOrganisations('Sportamt');
    expect(found.nodes[0]).toMatchObject({ slug: 'sportamt', name: 'Sportamt' });
    const all = await searchAll('Sportamt');
    expect(key(all.edges[0])).toBe('Organisation:sportamt');
  });

  test.each([
    ['Agentur für Arbeit', 'agentur-fuer-arbeit', 'bundesagentur-fuer-arbeit'],
    ['Schulen', 'schulen', 'grundschulen'],
    ['Integrationsbeirat', 'integrationsbeirat', 'projektkoordination-integration'],
    ['Ausländerbeirat', 'auslaenderbeirat', 'auslaenderbuero'],
  ])('the exact name "%s" ranks above the other hits', async (search, exact, other) => {
    const found = slugs(await findOrganisations(search));
    expect(found[0]).toBe(exact);
    expect(found).toContain(other);
  });

  test('search hits come with ranks, best first', async () => {
    const { edges } = await searchAll('Integration');
    expect(edges.length).toBeGreaterThan(5);
    const ranks = edges.map((e) => e.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks[0]).toBeGreaterThan(ranks[ranks.length - 1]);
  });

  test('searching orders by relevance unless I ask for names', async () => {
    const byDefault = slugs(await findOrganisations('Sport'));
    const byRelevance = slugs(await findOrganisations('Sport', {}, { field: 'RELEVANCE' }));
    const byName = await findOrganisations('Sport', {}, { field: 'NAME' });
    expect(byDefault[0]).toBe('sportamt');
    expect(byRelevance).toEqual(byDefault);
    expect(byName.nodes.map((o) => o.name)).toEqual(['Sportamt', 'Sportjugend Hessen', 'Sportkreis 13']);
  });

  test('relevance is best first even when DESC is asked for', async () => {
    const desc = slugs(await findOrganisations('Sport', {}, { field: 'RELEVANCE', direction: 'DESC' }));
    expect(desc).toEqual(slugs(await findOrganisations('Sport')));
  });
});

describe('searching everything at once', () => {
  test('"Mama" finds the project "Mama lernt Deutsch"', async () => {
    const { totalCount, edges } = await searchAll('Mama');
    expect(totalCount).toBe(1);
    expect(edges[0].node).toMatchObject({
      __typename: 'Project',
      slug: 'mama-lernt-deutsch',
      shortName: 'Mama lernt Deutsch',
      name: 'Sprachförderung „Mama lernt Deutsch“',
    });
  });

  test('"Mütter" finds it through its description ("Deutschkurse für Mütter")', async () => {
    expect((await searchAll('Mütter')).edges.map(key)).toEqual(['Project:mama-lernt-deutsch']);
  });

  test('"Wohnen" finds the field of action Wohnen first, then the Wohnungswirtschaft', async () => {
    const { edges } = await searchAll('Wohnen');
    expect(edges[0].node).toMatchObject({ __typename: 'FieldOfAction', code: 'V', name: 'Wohnen' });
    expect(edges.map(key)).toContain('Organisation:wohnungswirtschaft');
  });

  test('the English name counts: "Housing" finds Wohnen', async () => {
    expect((await searchAll('Housing')).edges.map(key)).toEqual(['FieldOfAction:V']);
  });

  test('"Fachforum" finds the five forums, and "Programmbeirat" the body', async () => {
    const forums = await searchAll('Fachforum');
    expect(forums.edges.map(key).sort()).toEqual(['Forum:I', 'Forum:II', 'Forum:III', 'Forum:IV', 'Forum:V']);
    expect((await searchAll('Programmbeirat')).edges.map(key)).toEqual(['Body:programmbeirat']);
  });

  test('a hit can be fetched again by its id', async () => {
    const [hit] = (await searchAll('Mama')).edges;
    const data = ok(await server.gql(`query ($id: ID!) { node(id: $id) { __typename ... on Project { slug } } }`, { id: hit.node.id }));
    expect(data.node).toEqual({ __typename: 'Project', slug: 'mama-lernt-deutsch' });
  });

  test('`types` restricts the kinds of hits, and counts only those', async () => {
    const everything = await searchAll('Integration');
    const some = await searchAll('Integration', { types: ['PROJECT', 'BODY'] });
    const expected = everything.edges.filter((e) => ['Project', 'Body'].includes(e.node.__typename)).map(key);
    expect(new Set(everything.edges.map((e) => e.node.__typename)).size).toBeGreaterThan(2);
    expect(some.edges.map(key).sort()).toEqual([...expected].sort());
    expect(some.totalCount).toBe(expected.length);
    expect(some.totalCount).toBeLessThan(everything.totalCount);
    expect(new Set(some.edges.map((e) => e.node.__typename))).toEqual(new Set(['Project', 'Body']));
  });

  test('"Wohnen" among fields of action only is just the field', async () => {
    const only = await searchAll('Wohnen', { types: ['FIELD_OF_ACTION'] });
    expect(only.totalCount).toBe(1);
    expect(only.edges.map(key)).toEqual(['FieldOfAction:V']);
  });

  test.each([1, 2, 5])('paging through all hits %i at a time gives each hit once, as many as totalCount', async (first) => {
    const whole = await searchAll('Integration');
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await searchAll('Integration', { first, after });
      expect(page.totalCount).toBe(whole.totalCount);
      expect(page.edges.length).toBeLessThanOrEqual(first);
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
      expect(pages).toBeLessThan(50);
    }
    expect(whole.totalCount).toBeGreaterThan(first);
    expect(seen).toHaveLength(whole.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(whole.edges.map((e) => e.node.id));
  });

  test('paging backwards with last/before gives the same hits', async () => {
    const whole = (await searchAll('Integration')).edges.map((e) => e.node.id);
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await searchAll('Integration', { first: undefined, last: 3, before });
      seen.unshift(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor!;
    }
    expect(seen).toEqual(whole);
  });
});

describe('strange search strings never break the search', () => {
  test.each([
    ['SQL injection', "'; drop table organisation; --"],
    ['SQL comment and quotes', `" or 1=1 /* ' */`],
    ['regex and LIKE characters', '%_.*[](){}|\\^$'],
    ['only punctuation', '!!! ... ,,, ???'],
    ['only spaces', '   '],
    ['empty', ''],
  ])('%s finds nothing, without an error', async (_label, search) => {
    const response = await listOrganisations({ search });
    expect(response.errors).toBeUndefined();
    expect(response.data!.organisations).toEqual({ totalCount: 0, nodes: [] });
    const everything = await searchRaw(search);
    expect(everything.errors).toBeUndefined();
    expect(everything.data!.search.totalCount).toBe(0);
  });

  test('tsquery operators are ignored: "a & | ! <-> :*" searches for the word "a"', async () => {
    const hostile = await listOrganisations({ search: 'a & | ! <-> :*' });
    expect(hostile.errors).toBeUndefined();
    const plain = await findOrganisations('a');
    expect(plain.totalCount).toBeGreaterThan(0);
    expect(slugs(hostile.data!.organisations)).toEqual(slugs(plain));
    const everything = await searchRaw('a & | ! <-> :*');
    expect(everything.errors).toBeUndefined();
    expect(everything.data!.search.totalCount).toBe((await searchAll('a')).totalCount);
  });

  test('operators between real words do no harm: "Jugend | !Sport" is the search "Jugend Sport"', async () => {
    const hostile = ok(await listOrganisations({ search: 'Jugend | !Sport' })).organisations;
    expect(slugs(hostile)).toEqual(slugs(await findOrganisations('Jugend Sport')));
    expect(slugs(hostile)).toContain('sportjugend-hessen');
  });

  test('emoji and control characters only separate words', async () => {
    expect((await findOrganisations('🙂 Jugendamt\t\n')).nodes[0].slug).toBe('jugendamt');
  });

  test('the project search is just as robust', async () => {
    const response = await server.gql(`query ($s: String) { projects(filter: { search: $s }) { totalCount } }`, {
      s: "'; drop table project; --",
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.projects.totalCount).toBe(0);
  });

  test('afterwards every table is still there and complete', async () => {
    const [{ organisations, projects }] = await server.db.query<{ organisations: number; projects: number }>(
      `select (select count(*)::int from organisation) as organisations, (select count(*)::int from project) as projects`,
    );
    expect(organisations).toBe(WETZLAR.organisations.length);
    expect(projects).toBe(WETZLAR.projects.length);
    expect(ok(await server.gql(`{ organisations { totalCount } }`)).organisations.totalCount).toBe(WETZLAR.organisations.length);
  });
});

describe('how long may a search be?', () => {
  const expectTooLong = (response: GraphQLResponse, argument: string) => {
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(response.errors![0].message).toContain('200 characters');
  };

  test('200 characters are fine', async () => {
    const response = await listOrganisations({ search: 'Jugendamt '.repeat(20) });
    expect(response.errors).toBeUndefined();
    expect(slugs(response.data!.organisations)).toEqual(['jugendamt']);
  });

  test('201 characters in filter.search are refused as bad input', async () => {
    expectTooLong(await listOrganisations({ search: 'Jugendamt '.repeat(20) + 'x' }), 'filter.search');
  });

  test('201 characters in search(query:) are refused as bad input', async () => {
    expectTooLong(await searchRaw('a'.repeat(201)), 'query');
  });

  test('201 characters in the project search are refused as bad input', async () => {
    const response = await server.gql(`query ($s: String) { projects(filter: { search: $s }) { totalCount } }`, { s: 'x'.repeat(201) });
    expectTooLong(response, 'filter.search');
  });
});

describe('searching within a filtered list', () => {
  test('"Stadt" among the city organisations', async () => {
    const found = await findOrganisations('Stadt', { levels: ['CITY'] });
    expect(found.nodes.map((o) => o.name).sort()).toEqual(['Stadt Wetzlar', 'Städtische Fachämter', 'Städtische Gremien']);
    expect(found.nodes.every((o) => o.level === 'CITY')).toBe(true);
  });

  test('"Sport" on the city and state level leaves out the Sportkreis (district)', async () => {
    expect((await findOrganisations('Sport')).totalCount).toBe(3);
    const found = await findOrganisations('Sport', { levels: ['CITY', 'STATE'] });
    expect(slugs(found).sort()).toEqual(['sportamt', 'sportjugend-hessen']);
    expect(found.totalCount).toBe(2);
  });

  test('"Migranten" in Fachforum IV is only the Migrantenvereine', async () => {
    expect(slugs(await findOrganisations('Migranten')).sort()).toEqual(['migrantenorganisationen', 'migrantenvereine']);
    expect(slugs(await findOrganisations('Migranten', { forum: 'IV' }))).toEqual(['migrantenvereine']);
  });

  test('"Arbeit" among employment agencies', async () => {
    const found = await findOrganisations('Arbeit', { kinds: ['EMPLOYMENT_AGENCY'] });
    expect(slugs(found).sort()).toEqual(['agentur-fuer-arbeit', 'bundesagentur-fuer-arbeit']);
  });

  test('a search and a filter that exclude each other find nothing', async () => {
    expect(await findOrganisations('Jugendamt', { levels: ['FEDERAL'] })).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('German compounds and spellings without umlauts', () => {
  test('"buero" finds the Ausländerbüro (ue typed for ü, inside a compound)', async () => {
    expect(slugs(await findOrganisations('buero'))).toContain('auslaenderbuero');
  });

  test('"Amt" finds the offices whose names end in -amt', async () => {
    const found = slugs(await findOrganisations('Amt'));
    expect(found).toEqual(expect.arrayContaining(['jugendamt', 'sportamt', 'bamf']));
  });

  test('"Traeger" finds the same providers as "Träger", compounds included', async () => {
    const typed = slugs(await findOrganisations('Traeger')).sort();
    const proper = slugs(await findOrganisations('Träger')).sort();
    expect(typed).toEqual(proper);
    expect(proper).toEqual(expect.arrayContaining(['kurstraeger', 'beschaeftigungstraeger', 'traeger-von-kitas']));
  });

  test('"Schule" finds the Grundschulen', async () => {
    expect(slugs(await findOrganisations('Schule'))).toEqual(expect.arrayContaining(['grundschulen', 'schulen', 'integrierte-gesamtschule']));
  });
});

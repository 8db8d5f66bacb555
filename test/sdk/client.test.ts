import { createClient, GraphGraphQLError, paginate } from '../../client-sdk/src';
import { startTestServer, TestServer } from '../support/server';
import { issueTestToken, Role } from '../support/tokens';

/** Every method of the SDK against the real server, answering with the Wetzlar data. */
let server: TestServer;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ url: server.app.url });
});
afterAll(() => server.stop());

test('organisation(slug): the Jugendamt, a department of the Stadt Wetzlar in Fachforum I', async () => {
  const { organisation } = await client.organisation({ slug: 'jugendamt' });
  expect(organisation).toMatchObject({ name: 'Jugendamt', kind: 'MUNICIPAL_DEPARTMENT', level: 'CITY', parent: { slug: 'stadt-wetzlar' } });
  expect(organisation!.forums.edges).toEqual([{ role: 'MEMBER', since: null, node: expect.objectContaining({ code: 'I', name: 'Fachforum I' }) }]);
  expect(organisation!.fieldsOfAction.map((f) => f.code)).toEqual(['I']);
  expect((await client.organisation({ slug: 'gibt-es-nicht' })).organisation).toBeNull();
});

test('organisations(filter): the federal partners', async () => {
  const { organisations } = await client.organisations({ filter: { levels: ['FEDERAL'] }, first: 10 });
  expect(organisations.totalCount).toBe(4);
  expect(organisations.nodes.map((o) => o.shortName ?? o.name)).toEqual(['Agentur für Arbeit', 'BA', 'BAMF', 'Ministerien des Bundes']);
});

test('forum(code): who sits in Fachforum IV', async () => {
  const { forum } = await client.forum({ code: 'IV' });
  expect(forum!.topic).toBe('Zivilgesellschaftliches Engagement und Sport');
  expect(forum!.members.edges.map((e) => e.node.slug).sort()).toEqual(['migrantenvereine', 'sportamt', 'sportjugend-hessen', 'sportkreis-13']);
});

test('forums: five, with their member counts', async () => {
  const { forums } = await client.forums();
  expect(forums.nodes.map((f) => [f.code, f.members.totalCount])).toEqual([['I', 5], ['II', 2], ['III', 5], ['IV', 4], ['V', 3]]);
});

test('fieldsOfAction and fieldOfAction(code)', async () => {
  const { fieldsOfAction } = await client.fieldsOfAction();
  expect(fieldsOfAction.map((f) => f.nameEn)).toEqual(['Education and social counselling', 'Labour-market integration and economy', 'Social integration and political participation', 'Health', 'Housing']);
  const { fieldOfAction } = await client.fieldOfAction({ code: 'V' });
  expect(fieldOfAction!.name).toBe('Wohnen');
  expect(fieldOfAction!.organisations.nodes.map((o) => o.slug)).toContain('wohnungswirtschaft');
});

test('bodies and body(slug): the Programmbeirat', async () => {
  const { bodies } = await client.bodies();
  expect(bodies.nodes.map((b) => b.kind)).toEqual(['STEERING_GROUP', 'ADVISORY_BOARD', 'PROJECT_GROUP', 'WORKSHOP']);
  expect(bodies.nodes[0].chair?.slug).toBe('stadt-wetzlar');
  const { body } = await client.body({ slug: 'programmbeirat' });
  expect(body!.members.edges.map((e) => e.node.shortName ?? e.node.name).sort()).toEqual(['BA', 'BAMF', 'LDA', 'Stiftungen']);
});

test('projects(filter) and project(slug): the lighthouse projects', async () => {
  const { projects } = await client.projects({ filter: { isLighthouse: true }, first: 20 });
  expect(projects.totalCount).toBe(9);
  const { project } = await client.project({ slug: 'neuorganisation-auslaenderbuero' });
  expect(project!.participants.edges).toEqual([{ role: 'LEAD', since: null, node: expect.objectContaining({ slug: 'auslaenderbuero' }) }]);
});

test('search(query): "Auslanderburo" finds the Ausländerbüro first', async () => {
  const { search } = await client.search({ query: 'Auslanderburo' });
  const first = search.edges[0].node;
  expect(first.__typename).toBe('Organisation');
  if (first.__typename === 'Organisation') expect(first.name).toBe('Ausländerbüro');
});

test('node(id) and nodes(ids) return what a list returned', async () => {
  const { forums } = await client.forums({ first: 2 });
  const { node } = await client.node({ id: forums.nodes[1].id });
  expect(node).toMatchObject({ __typename: 'Forum', code: 'II' });
  const { nodes } = await client.nodes({ ids: forums.nodes.map((f) => f.id) });
  expect(nodes.map((n) => n?.__typename === 'Forum' && n.code)).toEqual(['I', 'II']);
});

test('paginate walks every organisation, page by page', async () => {
  const requests: number[] = [];
  const counting = createClient({ url: server.app.url, fetch: (input, init) => (requests.push(1), fetch(input, init)) });
  const slugs: string[] = [];
  for await (const org of paginate((after) => counting.organisations({ first: 10, after }), (data) => data.organisations)) {
    slugs.push(org.slug);
  }
  const [{ count }] = await server.db.query<{ count: number }>('select count(*)::int as count from organisation');
  expect(slugs).toHaveLength(count);
  expect(new Set(slugs).size).toBe(count);
  expect(requests).toHaveLength(Math.ceil(count / 10));
});

test('paginate stops asking when the consumer stops reading', async () => {
  let requests = 0;
  const counting = createClient({ url: server.app.url, fetch: (input, init) => (requests++, fetch(input, init)) });
  let seen = 0;
  for await (const _ of paginate((after) => counting.organisations({ first: 5, after }), (data) => data.organisations)) {
    if (++seen === 7) break;
  }
  expect(requests).toBe(2);
});

test('errors come back as GraphGraphQLError with the codes of the server', async () => {
  const error = await client.organisations({ first: 1000 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphGraphQLError);
  const e = error as GraphGraphQLError;
  expect(e.codes).toEqual(['BAD_USER_INPUT']);
  expect(e.hasCode('BAD_USER_INPUT')).toBe(true);
  expect(e.message).toContain('between 0 and 100');
  expect(e.errors[0].extensions?.argument).toBe('first');
});

test('an unreachable server is a NETWORK_ERROR', async () => {
  const nowhere = createClient({ url: 'http://127.0.0.1:9/graphql' });
  const error = (await nowhere.fieldsOfAction().catch((e: unknown) => e)) as GraphGraphQLError;
  expect(error).toBeInstanceOf(GraphGraphQLError);
  expect(error.codes).toEqual(['NETWORK_ERROR']);
});

test('a dated membership through the SDK, and the forum as of a day', async () => {
  const coordinator = createClient({ url: server.app.url, token: await issueTestToken(server.db, Role.COORDINATOR) });
  const { forum } = await client.forum({ code: 'IV' });
  const { organisation } = await client.organisation({ slug: 'vhs' });
  const added = (await coordinator.addForumMember({ input: { forumId: forum!.id, organisationId: organisation!.id, since: '2023-09-01' } })).addForumMember;
  expect(added).toMatchObject({ role: 'MEMBER', since: '2023-09-01', until: null, userErrors: [] });
  const ended = (await coordinator.removeForumMember({ input: { forumId: forum!.id, organisationId: organisation!.id, until: '2024-09-01', reason: 'LEFT' } })).removeForumMember;
  expect(ended).toMatchObject({ role: null, until: '2024-09-01', userErrors: [] });
  const slugsOn = async (asOf?: string) => (await client.forum({ code: 'IV', asOf })).forum!.members.edges.map((e) => [e.node.slug, e.since]);
  expect(await slugsOn('2024-01-01')).toContainEqual(['vhs', '2023-09-01']);
  expect((await slugsOn('2024-09-01')).map(([slug]) => slug)).not.toContain('vhs');
  expect((await slugsOn()).map(([slug]) => slug)).not.toContain('vhs');
  expect((await client.network({ asOf: '2024-01-01', filter: { forum: 'IV' } })).network.nodeCount).toBe(5);
});

test('the token and headers are sent', async () => {
  let seen: Headers | undefined;
  const token = await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['vhs'] });
  const spying = createClient({
    url: server.app.url,
    token,
    headers: { 'x-client': 'partner-map' },
    fetch: (input, init) => ((seen = new Headers(init?.headers)), fetch(input, init)),
  });
  await spying.fieldsOfAction();
  expect(seen?.get('authorization')).toBe(`Bearer ${token}`);
  expect(seen?.get('x-client')).toBe('partner-map');
});

test('coverage, gaps and network: the analysts\' methods', async () => {
  const { coverage } = await client.coverage({ by: 'KIND' });
  const health = coverage.rows.find((r) => r.fieldOfAction.code === 'IV')!;
  expect(health.total).toBe(0);
  const housing = coverage.rows.find((r) => r.fieldOfAction.code === 'V')!;
  expect(housing.cells.find((c) => c.kind === 'HOUSING_COMPANY')?.organisations.nodes.map((o) => o.slug)).toEqual(['wohnungswirtschaft']);

  const { gaps } = await client.gaps({ minPartners: 3 });
  expect(gaps.filter((g) => g.type === 'THIN_FIELD').map((g) => g.fieldOfAction?.code)).toEqual(['IV', 'V']);

  const { network } = await client.network({ first: 10, filter: { contexts: ['FORUM'] } });
  expect(network.nodes).toHaveLength(10);
  expect(network.brokers.map((b) => b.organisation.slug)).toContain('migrantenvereine');
});

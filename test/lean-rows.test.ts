import 'reflect-metadata';
import { parse } from 'graphql';
import { selectList, lazy, text, nullable } from '../src/modules/common/columns';
import { selectedFields } from '../src/graph/context';
import { ok, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/*
 * Lazy columns: a node's wide or costly columns (times, contact details, texts, the address)
 * are read only for queries that select their fields. A lazy column read under a field name
 * it is not declared for would be missing; these tests ask for each through a path where
 * nothing else names it.
 */

describe('which columns a query reads', () => {
  test('the fields of every operation and fragment count, under their names, not their aliases', () => {
    const document = parse(`query A { organisations { nodes { n: name ...F } } } fragment F on Organisation { address { street } } query B { forum(code: "I") { createdAt } }`);
    const fields = selectedFields(document);
    expect([...fields].sort()).toEqual(['address', 'createdAt', 'forum', 'name', 'nodes', 'organisations', 'street']);
    expect(selectedFields(document)).toBe(fields);
  });

  test('a lazy column is read when one of its fields is selected, else left out; without a selection, everything', () => {
    const list = selectList('o', { name: text(), website: lazy(nullable(text()), 'website'), street: lazy(nullable(text()), 'address') });
    expect(list.for(new Set(['name']))).toBe('o.id as uuid, o.version, o.name');
    expect(list.for(new Set(['address', 'updatedAt']))).toBe(
      `o.id as uuid, to_char(o.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "updatedAt", o.version, o.name, o.street`,
    );
    expect(list.for(null)).toContain('o.website, o.street');
    expect(list.for(new Set(['name']))).toBe(list.for(new Set(['name', 'slug'])));
  });
});

describe('lazy columns through the API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    const coordinator = bearer(await issueTestToken(server.db, Role.COORDINATOR));
    const { organisation } = ok(await server.gql(`{ organisation(slug: "quartiersmanagement") { id version } }`));
    const patch = {
      website: 'https://quartiersmanagement.example.org',
      email: 'info@quartiersmanagement.example.org',
      languages: ['de', 'tr'],
      offers: ['Beratung'],
      description: 'Quartiersmanagement Soziale Stadt',
      address: { street: 'Karl-Kellner-Ring 1', postalCode: '35576', city: 'Wetzlar' },
    };
    const result = ok(await server.gql(
      `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { userErrors { field message } } }`,
      { input: { id: organisation.id, expectedVersion: organisation.version, patch } },
      coordinator,
    )).updateOrganisation;
    expect(result.userErrors).toEqual([]);
  });
  afterAll(() => server.stop());

  test('each lazy field has its value when only a fragment on a nested list asks for it', async () => {
    const member = async (selection: string) => {
      const data = ok(await server.gql(`{ forum(code: "I") { members(first: 100) { nodes { slug ...F } } } } fragment F on Organisation { ${selection} }`));
      return data.forum.members.nodes.find((o: { slug: string }) => o.slug === 'quartiersmanagement');
    };
    expect(await member('website')).toEqual({ slug: 'quartiersmanagement', website: 'https://quartiersmanagement.example.org' });
    expect(await member('email')).toMatchObject({ email: 'info@quartiersmanagement.example.org' });
    expect(await member('languages offers')).toMatchObject({ languages: ['de', 'tr'], offers: ['Beratung'] });
    expect(await member('description')).toMatchObject({ description: 'Quartiersmanagement Soziale Stadt' });
    expect(await member('address { street postalCode city }')).toMatchObject({ address: { street: 'Karl-Kellner-Ring 1', postalCode: '35576', city: 'Wetzlar' } });
    const times = await member('createdAt updatedAt');
    expect(times.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,6}Z$/);
    expect(Date.parse(times.updatedAt)).toBeGreaterThanOrEqual(Date.parse(times.createdAt));
  });

  test('ordering by a time reads it even when the query does not select it', async () => {
    const data = ok(await server.gql(`{ organisations(first: 3, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { slug } pageInfo { endCursor } } }`));
    expect(data.organisations.nodes[0].slug).toBe('quartiersmanagement');
    const next = ok(await server.gql(`query ($after: String) { organisations(first: 3, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { slug } } }`, { after: data.organisations.pageInfo.endCursor }));
    expect(next.organisations.nodes).toHaveLength(3);
    expect(next.organisations.nodes.map((o: { slug: string }) => o.slug)).not.toContain('quartiersmanagement');
  });
});

/*
 * A consumer of the published package, compiled with `tsc --noEmit` by test/sdk/types.test.ts.
 * Every `@ts-expect-error` line must be a compile error: tsc fails on one that is not.
 */
import {
  createClient,
  GraphGraphQLError,
  paginate,
  OrganisationDocument,
  type OrganisationKind,
  type OrganisationQuery,
  type Schema,
} from 'integration-graph-client';

const client = createClient({ url: 'http://localhost:4000/graphql', token: 'secret', headers: { 'x-client': 'consumer' } });

export async function consumer(): Promise<void> {
  const { organisation } = await client.organisation({ slug: 'jugendamt' });
  const name: string | undefined = organisation?.name;
  const kind: OrganisationKind | undefined = organisation?.kind;
  const parentName: string | undefined = organisation?.parent?.name;
  const roles: string[] = organisation?.forums.edges.map((e) => `${e.role} ${e.node.name}`) ?? [];
  console.log(name, kind, parentName, roles);

  // @ts-expect-error a misspelt field does not exist on the result
  console.log(organisation?.nmae);

  // @ts-expect-error a field the operation did not select is not on the result either
  console.log(organisation?.createdAt);

  // @ts-expect-error a variable of the wrong type
  await client.organisation({ slug: 42 });

  // @ts-expect-error a missing required variable
  await client.organisation({});

  // @ts-expect-error no variables at all for an operation with a required one
  await client.forum();

  // @ts-expect-error an enum value the schema does not have
  await client.organisations({ filter: { kinds: ['SPACESHIP'] } });

  // @ts-expect-error an operation that does not exist
  await client.organisationz({ slug: 'jugendamt' });

  // Operations without required variables take none.
  const fields = await client.fieldsOfAction();
  const codes: string[] = fields.fieldsOfAction.map((f) => f.code);
  console.log(codes);

  // Walk a connection; the nodes are typed.
  for await (const org of paginate((after) => client.organisations({ first: 50, after }), (data) => data.organisations)) {
    const slug: string = org.slug;
    // @ts-expect-error nodes of the page have no such field
    console.log(slug, org.website);
  }

  // Errors carry the codes of the server.
  try {
    await client.organisations({ first: 1000 });
  } catch (error) {
    if (error instanceof GraphGraphQLError && error.hasCode('BAD_USER_INPUT')) console.log(error.codes, error.errors[0].extensions?.code);
  }

  // Any typed document, and the schema's types.
  const result: OrganisationQuery = await client.request(OrganisationDocument, { slug: 'vhs' });
  const level: Schema.GovernanceLevel | undefined = result.organisation?.level;
  console.log(level);
}

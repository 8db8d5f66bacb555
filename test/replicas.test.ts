import { App, startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';
import { createTestDatabase } from './support/database';
import { ok, postGraphQL } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/**
 * With DATABASE_REPLICA_URLS, reads go to the replicas and writes (and what must not lag)
 * to the primary. The "replica" here is the same database reached as another role, so
 * PostgreSQL itself tells which connections the server opened where.
 */
const replicaName = `ig_replica_${process.pid}`;

test('reads open connections to the replica; a write goes to the primary and its answer shows it', async () => {
  const db = await createTestDatabase();
  await db.query(`drop role if exists ${replicaName}`);
  await db.query(`create role ${replicaName} login superuser password 'replica'`);
  const replica = new URL(db.url);
  replica.username = replicaName;
  replica.password = 'replica';
  const replicaUrl = replica.toString();
  const app: App = await startApp(
    loadConfig({ DATABASE_URL: db.url, DATABASE_REPLICA_URLS: replicaUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED: 'false', RATE_LIMIT_ANONYMOUS_POINTS: '100000', RESPONSE_CACHE_SECONDS: '0' }),
    createLogger('silent'),
  );
  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => postGraphQL(app.url, { query, variables }, headers);
  const replicaStatements = async () =>
    (await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where usename = ?`, [replicaName]))[0].n;
  try {
    expect(await replicaStatements()).toBe(0);
    expect(ok(await gql(`{ forum(code: "III") { members { totalCount } } }`)).forum.members.totalCount).toBe(5);
    // The pool keeps the replica's connection open: PostgreSQL lists it under the replica's name.
    expect(await replicaStatements()).toBeGreaterThan(0);

    const token = await issueTestToken(db, Role.COORDINATOR);
    const vhs = ok(await gql(`{ organisation(slug: "vhs") { id version } }`)).organisation;
    const updated = ok(
      await gql(
        `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { description version } } }`,
        { input: { id: vhs.id, expectedVersion: vhs.version, patch: { description: 'über den Primärserver' } } },
        bearer(token),
      ),
    ).updateOrganisation;
    // The payload is read after the write, from the primary: it shows the write.
    expect(updated.organisation).toEqual({ description: 'über den Primärserver', version: vhs.version + 1 });
  } finally {
    await app.stop();
    await db.drop();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: process.env.IG_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop role if exists ${replicaName}`);
    await admin.end();
  }
});

import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, TestDatabase } from './support/database';
import { freePort } from './support/ports';
import { startReceiver } from './support/receiver';
import { ok, postGraphQL } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';
import { sleep, until } from './support/wait';

/**
 * Nothing is lost when the server dies between the commit of a write and the delivery of
 * its changes: the built server (dist/src/main.js) as a child process, killed with SIGKILL
 * (no shutdown of any kind) while its deliveries are queued and one is being sent, then
 * started again on the same database.
 */
const MAIN = path.resolve(__dirname, '..', 'dist', 'src', 'main.js');

let db: TestDatabase;
const children: ChildProcess[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await db.drop();
});

async function startServer(port: number): Promise<ChildProcess> {
  // No REDIS_URL: its rate-limit counters are shared with every other server of the run.
  const { REDIS_URL: _shared, ...inherited } = process.env;
  const env = {
    ...inherited, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED: 'false',
    WEBHOOK_ALLOW_NETWORKS: '127.0.0.0/8', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '200', WEBHOOK_POLL_MS: '50',
    // Longer than the test may take: a write that waited for the hanging delivery would fail it.
    WEBHOOK_TIMEOUT_MS: '60000',
  };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  for (let i = 0; i < 300 && !output.includes('integration-graph ready at'); i++) await sleep(100);
  expect(output).toContain('integration-graph ready at');
  return child;
}

test('changes committed but not yet delivered when the server is SIGKILLed are delivered after a restart', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const coordinator = bearer(await issueTestToken(db, Role.COORDINATOR, { name: 'Koordination' }));
  // The receiver takes the first delivery and never answers it: the rest queue up behind it.
  const receiver = await startReceiver(() => null);
  try {
    let server = await startServer(port);
    const created = ok(
      await postGraphQL(url, { query: `mutation ($url: String!) { createWebhook(input: { url: $url }) { secret userErrors { code } } }`, variables: { url: receiver.url } }, coordinator),
    ).createWebhook;
    expect(created.userErrors).toEqual([]);

    const { nodes } = ok(await postGraphQL(url, { query: `{ organisations(first: 4, filter: { isCategory: false }) { nodes { id version } } }` })).organisations;
    const UPDATE = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { version } userErrors { code } } }`;
    await Promise.all(
      nodes.map(async (org: { id: string; version: number }, w: number) => {
        for (let i = 0, version = org.version; i < 5; i++) {
          const result = ok(await postGraphQL(url, { query: UPDATE, variables: { input: { id: org.id, expectedVersion: version, patch: { description: `vor dem Absturz ${w}.${i}` } } } }, coordinator));
          expect(result.updateOrganisation.userErrors).toEqual([]);
          version = result.updateOrganisation.organisation.version;
        }
      }),
    );
    const committed = ok(await postGraphQL(url, { query: `{ changes(first: 100) { nodes { id } } }` })).changes.nodes.map((n: { id: string }) => n.id);
    expect(committed).toHaveLength(20);
    expect(await until(() => receiver.received.length >= 1, 10_000)).toBe(true);

    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    expect(receiver.accepted()).toHaveLength(0);
    receiver.dropHanging();
    receiver.answerWith(() => 200);

    server = await startServer(port);
    expect(await until(() => receiver.accepted().length >= 20, 30_000)).toBe(true);
    await sleep(300);
    const accepted = receiver.accepted().map((r) => JSON.parse(r.body).change.id as string);
    expect(accepted).toEqual(committed);
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  } finally {
    await receiver.close();
  }
}, 90_000);

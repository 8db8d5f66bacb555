import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { App, startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';

/**
 * PostgreSQL restarts under load: the requests in that window fail with a clear error, the
 * server recovers by itself once the database is back, and no committed write is lost.
 */
let controller: ChildProcess;
let app: App;
let pending: ((line: string) => void)[] = [];
let databaseUrl: string;

function command(cmd: string): Promise<string> {
  return new Promise((resolve) => {
    pending.push(resolve);
    controller.stdin!.write(`${cmd}\n`);
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}

beforeAll(async () => {
  const port = await freePort();
  controller = spawn(process.execPath, [path.join(__dirname, 'support/pg-controller.mjs'), String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  const ready = new Promise<string>((resolve) => pending.push(resolve));
  controller.stdout!.on('data', (chunk) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      pending.shift()?.(line);
    }
  });
  const adminUrl = (await ready).replace(/^ready /, '');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('create database resilience');
  await admin.end();
  databaseUrl = adminUrl.replace(/\/postgres$/, '/resilience');
  app = await startApp(
    loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_ANONYMOUS_POINTS: '1000000', RESPONSE_CACHE_SECONDS: '0' }),
    createLogger('silent'),
  );
}, 120_000);

afterAll(async () => {
  await app?.stop();
  if (controller && controller.exitCode === null) await command('quit');
}, 60_000);

test('a database restart under load: clear errors while it is down, recovery without a restart, no lost write', async () => {
  // A committed write before the restart.
  const token = await import('../src/modules/auth/tokens');
  const { Role } = await import('../src/modules/auth/auth.enums');
  const em = app.orm.em.fork();
  const { secret } = token.issueToken(em as never, { name: 'Koordination', role: Role.COORDINATOR, organisations: [] });
  await em.flush();
  const auth = { authorization: `Bearer ${secret}` };
  const vhs = (await gql(`{ organisation(slug: "vhs") { id version } }`)).data.organisation;
  const written = await gql(
    `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { description } } }`,
    { input: { id: vhs.id, expectedVersion: vhs.version, patch: { description: 'Vor dem Neustart gespeichert' } } },
    auth,
  );
  expect(written.data.updateOrganisation.organisation.description).toBe('Vor dem Neustart gespeichert');

  // Load: a request every few milliseconds, all through the restart.
  const outcomes: { at: number; status: number; code?: string; message?: string }[] = [];
  let loading = true;
  const load = (async () => {
    while (loading) {
      const r = await gql(`{ forums { totalCount } }`).catch(() => ({ status: 0 }) as any);
      outcomes.push({ at: Date.now(), status: r.status, code: r.errors?.[0]?.extensions?.code, message: r.errors?.[0]?.message });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await command('stop')).toBe('stopped');
  const downAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const ready = await fetch(app.url.replace(/graphql$/, 'health/ready'));
  expect(ready.status).toBe(503);
  expect(await command('start')).toBe('started');
  const upAt = Date.now();

  // The server recovers by itself.
  let recovered = false;
  for (let i = 0; i < 100 && !recovered; i++) {
    const r = await gql(`{ forums { totalCount } }`);
    recovered = r.data?.forums?.totalCount === 5;
    if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  loading = false;
  await load;
  expect(recovered).toBe(true);

  // While it was down, requests failed with a clear code and message; the server never fell over.
  const duringOutage = outcomes.filter((o) => o.at > downAt + 100 && o.at < upAt);
  expect(duringOutage.length).toBeGreaterThan(5);
  for (const o of duringOutage) {
    expect(o.status).toBe(503);
    expect(o.code).toBe('SERVICE_UNAVAILABLE');
    expect(o.message).toMatch(/database/i);
  }
  expect(outcomes.every((o) => o.status !== 0)).toBe(true);

  // The write committed before the restart is there.
  const after = await gql(`{ organisation(slug: "vhs") { description version } }`);
  expect(after.data.organisation).toEqual({ description: 'Vor dem Neustart gespeichert', version: vhs.version + 1 });
  expect((await fetch(app.url.replace(/graphql$/, 'health/ready'))).status).toBe(200);
}, 120_000);

import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { Client } from 'pg';
import { App, isDatabaseUnavailable, startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { fromGlobalId } from '../src/graph/node';
import { createLogger } from '../src/log';
import { freePort } from './support/ports';
import { bearer, issueTestToken, Role } from './support/tokens';
import { sleep } from './support/wait';

/**
 * PostgreSQL restarts under load, with the server in production mode as real clients meet
 * it: the requests in that window fail with SERVICE_UNAVAILABLE (never an internal error),
 * the server recovers by itself once the database is back, no acknowledged write is lost or
 * half-written, and everything the process prints is a JSON log line.
 */
let controller: ChildProcess;
/** The server in production mode, without the response cache. */
let app: App;
/** The same with the production defaults, the response cache on. */
let cached: App;
let pending: ((line: string) => void)[] = [];
let databaseUrl: string;
let auth: Record<string, string>;

/** What the app's logger wrote, line by line. */
const logLines: string[] = [];
/** Anything else written to stdout/stderr or the console while the app ran. */
const otherOutput: { via: string; text: string }[] = [];
const restoreOutput: (() => void)[] = [];

function captureOutput() {
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const original = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      otherOutput.push({ via: `process.${name}.write`, text: String(chunk) });
      (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
      return true;
    }) as typeof stream.write;
    restoreOutput.push(() => (stream.write = original));
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => otherOutput.push({ via: `console.${method}`, text: format(...args) });
    restoreOutput.push(() => (console[method] = original));
  }
}

function command(cmd: string): Promise<string> {
  return new Promise((resolve) => {
    pending.push(resolve);
    controller.stdin!.write(`${cmd}\n`);
  });
}

interface Answer {
  status: number;
  retryAfter?: string | null;
  data?: any;
  errors?: any[];
}

/** A GraphQL request; status 0 when no HTTP answer came at all. */
async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, url = app.url): Promise<Answer> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ...((await res.json()) as { data?: any; errors?: any[] }) };
  } catch (error) {
    return { status: 0, errors: [{ message: String(error) }] };
  }
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
  captureOutput();
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    RATE_LIMIT_ANONYMOUS_POINTS: '1000000',
    RATE_LIMIT_TOKEN_POINTS: '1000000',
  };
  const logger = createLogger('info', { write: (line) => void logLines.push(line) });
  app = await startApp(loadConfig({ ...env, RESPONSE_CACHE_SECONDS: '0' }), logger);
  cached = await startApp(loadConfig(env), logger);
  auth = bearer(await issueTestToken(app, Role.COORDINATOR, { name: 'Koordination' }));
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await cached?.stop();
  for (const restore of restoreOutput.splice(0)) restore();
  if (controller && controller.exitCode === null) await command('quit');
}, 60_000);

/** Stops PostgreSQL (fast shutdown: open connections are terminated) for `ms`, then starts it. */
async function restartDatabase(ms: number) {
  expect(await command('stop')).toBe('stopped');
  const downAt = Date.now();
  await sleep(Math.min(1000, ms));
  expect((await fetch(app.url.replace(/graphql$/, 'health/ready'))).status).toBe(503);
  // A download says so too: 503 with Retry-After, not an unexplained 500.
  const download = await fetch(app.url.replace(/graphql$/, 'export/organisations.csv'));
  expect({ status: download.status, retryAfter: download.headers.get('retry-after'), code: ((await download.json()) as any).errors[0].extensions.code }).toEqual({
    status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE',
  });
  await sleep(ms - Math.min(1000, ms));
  expect(await command('start')).toBe('started');
  return { downAt, upAt: Date.now() };
}

type ReadOutcome = { at: number; status: number; code?: string; message?: string };
/** What the server with the response cache answered during the read-load restart. */
const cachedOutcomes: ReadOutcome[] = [];
let cachedOutage = { downAt: 0, upAt: 0 };

test('a database restart under a read load: clear errors while it is down, recovery without a restart, no lost write', async () => {
  // A committed write before the restart.
  const vhs = (await gql(`{ organisation(slug: "vhs") { id version } }`)).data.organisation;
  const written = await gql(
    `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { description } } }`,
    { input: { id: vhs.id, expectedVersion: vhs.version, patch: { description: 'Vor dem Neustart gespeichert' } } },
    auth,
  );
  expect(written.data.updateOrganisation.organisation.description).toBe('Vor dem Neustart gespeichert');

  // Load: a request every few milliseconds, all through the restart, to both servers.
  const outcomes: ReadOutcome[] = [];
  let loading = true;
  const reader = async (url: string, into: ReadOutcome[]) => {
    while (loading) {
      const r = await gql(`{ forums { totalCount } }`, {}, {}, url);
      into.push({ at: Date.now(), status: r.status, code: r.errors?.[0]?.extensions?.code, message: r.errors?.[0]?.message });
      await sleep(10);
    }
  };
  const load = Promise.all([reader(app.url, outcomes), reader(cached.url, cachedOutcomes)]);

  await sleep(200);
  const { downAt, upAt } = await restartDatabase(1000);
  cachedOutage = { downAt, upAt };

  // The server recovers by itself.
  let recovered = false;
  for (let i = 0; i < 100 && !recovered; i++) {
    const r = await gql(`{ forums { totalCount } }`);
    recovered = r.data?.forums?.totalCount === 5;
    if (!recovered) await sleep(100);
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
  expect(outcomes.filter((o) => o.status === 0 || o.code === 'INTERNAL_SERVER_ERROR')).toEqual([]);
  // With the response cache the server stays up and recovers too (what it answers while the
  // database is down: the known gap below).
  expect(cachedOutcomes.filter((o) => o.status === 0)).toEqual([]);
  expect((await gql(`{ forums { totalCount } }`, {}, {}, cached.url)).data?.forums?.totalCount).toBe(5);

  // The write committed before the restart is there.
  const after = await gql(`{ organisation(slug: "vhs") { description version } }`);
  expect(after.data.organisation).toEqual({ description: 'Vor dem Neustart gespeichert', version: vhs.version + 1 });
  expect((await fetch(app.url.replace(/graphql$/, 'health/ready'))).status).toBe(200);
}, 60_000);

const UPDATE = `mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { version description } userErrors { code } }
}`;

test('a 5-second database restart under a write load: only SERVICE_UNAVAILABLE or CONFLICT, every acknowledged write stored, nothing half-written', async () => {
  const firstLogLine = logLines.length;
  // Four organisations, two writers each: they also run into each other (CONFLICT).
  const slugs = ['land-hessen', 'agentur-fuer-arbeit', 'jugendamt', 'auslaenderbuero'];
  const start = new Map<string, { id: string; version: number; description: string | null }>();
  for (const slug of slugs) start.set(slug, (await gql(`{ organisation(slug: "${slug}") { id version description } }`)).data.organisation);

  type Outcome = { at: number; kind: 'read' | 'write'; status: number; code?: string; retryAfter?: string | null; message?: string };
  const outcomes: Outcome[] = [];
  const record = (kind: Outcome['kind'], r: Answer) => {
    const code = r.errors?.[0]?.extensions?.code;
    outcomes.push({ at: Date.now(), kind, status: r.status, code, retryAfter: r.retryAfter, message: r.errors?.[0]?.message });
    return code as string | undefined;
  };
  /** Writes acknowledged with data: the organisation had `version` with `description` then. */
  const acknowledged: { slug: string; version: number; description: string; at: number }[] = [];
  /** Writes answered SERVICE_UNAVAILABLE: they may have landed (a COMMIT cut off, or the read after it). */
  const unanswered: { slug: string; version: number; description: string }[] = [];
  const userErrors: unknown[] = [];
  let loading = true;

  const writer = async (slug: string, n: number) => {
    const { id } = start.get(slug)!;
    let version = start.get(slug)!.version;
    for (let attempt = 0; loading; attempt++) {
      const description = `Schreibtest ${slug} ${n}.${attempt}`;
      const r = await gql(UPDATE, { input: { id, expectedVersion: version, patch: { description } } }, auth);
      const code = record('write', r);
      const organisation = r.data?.updateOrganisation?.organisation;
      if (organisation) {
        userErrors.push(...r.data.updateOrganisation.userErrors);
        // Optimistic locking: the write made exactly the version after the one it named.
        acknowledged.push({ slug, version: version + 1, description, at: Date.now() });
        version += 1;
      } else if (code === 'SERVICE_UNAVAILABLE') {
        unanswered.push({ slug, version: version + 1, description });
      } else if (code === 'CONFLICT') {
        const current = r.errors![0].extensions.currentVersion;
        if (typeof current === 'number') version = current;
        else {
          const read = await gql(`{ organisation(slug: "${slug}") { version } }`);
          if (read.data?.organisation) version = read.data.organisation.version;
        }
      }
      // Clients told to come back later do not hammer.
      await sleep(code === 'SERVICE_UNAVAILABLE' ? 25 : 5);
    }
  };
  const reader = async () => {
    while (loading) {
      record('read', await gql(`{ organisations(first: 5) { nodes { name version } } }`));
      await sleep(10);
    }
  };
  const load = Promise.all([reader(), ...slugs.flatMap((slug) => [1, 2].map((n) => writer(slug, n)))]);

  await sleep(1000);
  const { downAt, upAt } = await restartDatabase(5000);

  // Reads and writes come back by themselves: every organisation takes writes again.
  const deadline = Date.now() + 20_000;
  const recovered = () =>
    slugs.every((slug) => acknowledged.some((a) => a.slug === slug && a.at > upAt)) &&
    outcomes.some((o) => o.kind === 'read' && o.at > upAt && o.status === 200 && !o.code);
  while (!recovered() && Date.now() < deadline) await sleep(100);
  await sleep(1000);
  loading = false;
  await load;
  expect(recovered()).toBe(true);

  // Every failure was SERVICE_UNAVAILABLE (HTTP 503, Retry-After) or CONFLICT; no internal error.
  const unexpectedLogged = logLines.slice(firstLogLine).map((l) => JSON.parse(l)).filter((l) => l.level === 'error');
  const failures = outcomes.filter((o) => o.code || o.status !== 200);
  const wrong = failures.filter(
    (o) => !(o.code === 'SERVICE_UNAVAILABLE' && o.status === 503 && o.retryAfter === '5') && !(o.code === 'CONFLICT' && o.kind === 'write'),
  );
  expect({ wrong, unexpectedLogged, userErrors }).toEqual({ wrong: [], unexpectedLogged: [], userErrors: [] });
  const duringOutage = outcomes.filter((o) => o.at > downAt + 100 && o.at < upAt);
  expect(duringOutage.filter((o) => o.kind === 'write').length).toBeGreaterThan(5);
  expect(duringOutage.every((o) => o.code === 'SERVICE_UNAVAILABLE' && /database/i.test(o.message ?? ''))).toBe(true);

  // What is stored: per organisation, the chain of audited description changes from the start
  // to the stored row. One audit entry per version (nothing half-written), and each
  // acknowledged write at the version it was acknowledged with (nothing lost).
  let landedThough503 = 0;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const slug of slugs) {
      const first = start.get(slug)!;
      const {
        rows: [row],
      } = await db.query('select version, description from organisation where id = $1', [fromGlobal(first.id)]);
      const { rows: entries } = await db.query(
        `select changes from audit_entry where entity_id = $1 and action = 'UPDATE'`,
        [fromGlobal(first.id)],
      );
      const relevant = entries.map((e) => e.changes.description as { before: string | null; after: string }).filter((c) => c?.after?.startsWith('Schreibtest'));
      expect(relevant.length).toBe(row.version - first.version);
      const byBefore = new Map(relevant.map((c) => [c.before, c.after]));
      expect(byBefore.size).toBe(relevant.length);
      const atVersion = new Map<number, string | null>([[first.version, first.description]]);
      let current = first.description;
      for (let v = first.version + 1; v <= row.version; v++) {
        expect(byBefore.has(current)).toBe(true);
        current = byBefore.get(current)!;
        atVersion.set(v, current);
      }
      expect(row.description).toBe(current);
      const lost = acknowledged.filter((a) => a.slug === slug && atVersion.get(a.version) !== a.description);
      expect(lost).toEqual([]);
      // A write answered SERVICE_UNAVAILABLE is there whole (at the version it named) or not at all.
      const stored = new Set(atVersion.values());
      for (const u of unanswered.filter((w) => w.slug === slug)) {
        if (stored.has(u.description)) {
          expect(atVersion.get(u.version)).toBe(u.description);
          landedThough503 += 1;
        }
      }
    }
  } finally {
    await db.end();
  }
  expect((await fetch(app.url.replace(/graphql$/, 'health/ready'))).status).toBe(200);

  // RESILIENCE_REPORT=<file>: the run's figures, one JSON line appended per run.
  if (process.env.RESILIENCE_REPORT) {
    const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
    fs.appendFileSync(process.env.RESILIENCE_REPORT, `${JSON.stringify({
      writes: count((o) => o.kind === 'write'),
      acknowledged: acknowledged.length,
      unavailable: count((o) => o.kind === 'write' && o.code === 'SERVICE_UNAVAILABLE'),
      landedThough503,
      conflicts: count((o) => o.code === 'CONFLICT'),
      reads: count((o) => o.kind === 'read'),
      readsUnavailable: count((o) => o.kind === 'read' && o.code === 'SERVICE_UNAVAILABLE'),
      outageMs: upAt - downAt,
      // What the log said, by message and reason (request lines left out).
      log: logLines
        .map((l) => JSON.parse(l))
        .filter((l) => l.message !== 'request')
        .reduce((counts: Record<string, number>, l) => {
          const key = [l.level, l.message, l.reason ?? l.detail ?? l.errorMessage ?? ''].join(' | ');
          counts[key] = (counts[key] ?? 0) + 1;
          return counts;
        }, {}),
    })}\n`);
  }
}, 60_000);

test('a connection that dies between the pool and BEGIN: the transaction fails with why, as SERVICE_UNAVAILABLE', async () => {
  // The race of a restart, made certain: the pool hands out a connection whose socket is gone.
  const knexClient = app.orm.em.getConnection('write').getKnex().client as { acquireConnection(): Promise<any> };
  const acquire = knexClient.acquireConnection;
  knexClient.acquireConnection = async function (this: unknown) {
    knexClient.acquireConnection = acquire;
    const connection = await acquire.call(this);
    connection.connection.stream.destroy();
    return connection;
  };
  const failure = await app.orm.em
    .fork()
    .transactional((em) => em.execute('select 1'))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  knexClient.acquireConnection = acquire;
  expect(failure).toBeDefined();
  // Not knex's "Transaction query already complete" (an internal error): the connection's own.
  expect(String((failure as Error).message)).not.toMatch(/already complete/);
  expect(isDatabaseUnavailable(failure)).toBe(true);
  // The next transaction gets a sound connection.
  expect(await app.orm.em.fork().transactional((em) => em.execute('select 1 as one'))).toEqual([{ one: 1 }]);
});

// With the response cache on (the production default), an anonymous read needs the data
// version for its cache key; when it cannot be read, the request skips the cache and its
// resolvers answer SERVICE_UNAVAILABLE (an error in the cache's hook would be HTTP 500).
test('with the response cache on, anonymous reads while the database is down are SERVICE_UNAVAILABLE too', () => {
  const duringOutage = cachedOutcomes.filter((o) => o.at > cachedOutage.downAt + 100 && o.at < cachedOutage.upAt);
  expect(duringOutage.length).toBeGreaterThan(5);
  expect(duringOutage.filter((o) => o.status !== 503 || o.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
});

test('while the database was away, the process wrote nothing but JSON log lines', () => {
  const notJson = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.trim())
      .filter((line) => {
        try {
          const parsed = JSON.parse(line);
          return !(parsed && typeof parsed.level === 'string' && typeof parsed.message === 'string' && typeof parsed.time === 'string');
        } catch {
          return true;
        }
      });
  expect(logLines.flatMap(notJson)).toEqual([]);
  expect(otherOutput.filter((o) => notJson(o.text).length)).toEqual([]);
  // The restart was logged, as warnings, without the data written.
  const lines = logLines.map((l) => JSON.parse(l));
  expect(lines.some((l) => l.level === 'warn' && l.message === 'database unavailable')).toBe(true);
  expect(logLines.filter((l) => l.includes('Schreibtest'))).toEqual([]);
});

/** The uuid inside a global id. */
const fromGlobal = (id: string) => fromGlobalId(id).uuid;

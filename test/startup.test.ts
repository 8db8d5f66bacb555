import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from './support/ports';
import { sleep } from './support/wait';

/**
 * `npm start` the way a newcomer meets it: the built server (dist/src/main.js) as a child
 * process, no DATABASE_URL, so it starts the embedded PostgreSQL in a DATA_DIR of its own,
 * migrates, loads the Wetzlar data and serves HTTP. Then it is stopped with SIGINT, SIGTERM,
 * Ctrl-C (SIGINT to the process group) and kill -9, and started again on the same DATA_DIR.
 *
 * Needs a build: `npm run build` (the test script builds first).
 */
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
const READY_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 20_000;

const WETZLAR = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'data', 'wetzlar.json'), 'utf8')) as { organisations: unknown[] };
const FORUM_III = ['beschaeftigungstraeger', 'integrierte-gesamtschule', 'kommunale-entwicklungsplanung', 'migrantenvereine', 'wohlfahrtsverbaende'];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Run {
  label: string;
  child: ChildProcess;
  base: string;
  exited: Promise<Exit>;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
}

/** Pids of PostgreSQL processes whose command line names the cluster under `dataDir`. */
function postgresPidsFor(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone in the meantime
    }
    const args = cmdline.split('\0');
    if (/postgres/.test(args[0] ?? '') && args.some((a) => a.startsWith(dataDir))) pids.push(Number(entry));
  }
  return pids;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const runs: Run[] = [];

/** `node dist/src/main.js` with a newcomer's environment: nothing set but where and which ports. */
function startServer(label: string, dataDir: string, port: number, pgPort: number): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // What the surrounding shell or jest might have set, and a newcomer would not.
  for (const name of ['DATABASE_URL', 'NODE_ENV', 'HOST', 'SEED', 'INTROSPECTION', 'MAX_PAGE_SIZE', 'DEFAULT_PAGE_SIZE', 'TEST_DATABASE_URL', 'IG_TEST_ADMIN_URL']) {
    delete env[name];
  }
  Object.assign(env, { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'info' });

  // A process group of its own: lets a test send what Ctrl-C in a terminal sends, and cleanup kill it all.
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const run: Run = { label, child, base: `http://127.0.0.1:${port}`, exited, output: () => out };
  runs.push(run);
  return run;
}

function alive(run: Run): boolean {
  return run.child.exitCode === null && run.child.signalCode === null;
}

/** Polls /health/ready until the child says it is ready and it answers 200; fails early, with the server's output, if the process dies. */
async function waitReady(run: Run): Promise<number> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (!alive(run)) {
      const { code, signal } = await run.exited;
      throw new Error(`${run.label}: the server exited (code ${code}, signal ${signal}) before it was ready`);
    }
    try {
      const res = await fetch(`${run.base}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      // Only our child's own "ready" line tells its answer from that of another server on the port.
      if (res.status === 200 && run.output().includes('integration-graph ready at')) return Date.now() - started;
      last = `HTTP ${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`${run.label}: /health/ready did not answer 200 within ${READY_TIMEOUT_MS} ms (last: ${last})`);
}

/** Sends `signal` (to the process, or to its whole group as Ctrl-C does) and waits for the exit. */
async function stopWith(run: Run, signal: NodeJS.Signals, target: 'process' | 'group' = 'process'): Promise<Exit> {
  if (target === 'group') process.kill(-run.child.pid!, signal);
  else run.child.kill(signal);
  return withTimeout(run.exited, EXIT_TIMEOUT_MS, `${run.label}: exit after ${signal}`);
}

/** A test body that, when it fails, shows what the server printed. */
function showingLogs(run: () => Run | undefined, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (error) {
      const r = run();
      if (r && error instanceof Error) {
        const logs = `\n\n--- output of the server (${r.label}) ---\n${r.output() || '(nothing)'}--- end of output ---`;
        error.message += logs;
      }
      throw error;
    }
  };
}

interface GraphQLResult {
  status: number;
  data?: any;
  errors?: { message: string }[];
}

async function gql(run: Run, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult> {
  const res = await fetch(`${run.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResult, 'status'>) };
}

function data(result: GraphQLResult): any {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  expect(result.status).toBe(200);
  return result.data;
}

const ORGANISATIONS = `{ organisations(first: 100) { totalCount nodes { id slug } } }`;

/** Asserts a clean stop: exit 0 through our own shutdown path, and no PostgreSQL of the DATA_DIR left. */
function expectCleanStop(run: Run, exit: Exit, dataDir: string, signal: string) {
  expect(exit).toEqual({ code: 0, signal: null });
  expect(run.output()).toContain(`${signal}: shutting down`);
  expect(run.output()).toContain('stopped cleanly');
  expect(postgresPidsFor(dataDir)).toEqual([]);
  // PostgreSQL removes its lock file only on a clean shutdown.
  expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
}

let dataDir: string;
let ports: number[];

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) {
    throw new Error(`${path.relative(ROOT, MAIN)} is missing: build first with \`npm run build\` (the test script does).`);
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-startup-'));
  // As root the embedded cluster runs as the unprivileged "postgres" user: it must reach the folder.
  fs.chmodSync(dataDir, 0o755);
  ports = await freePorts(2);
});

afterAll(async () => {
  for (const run of runs) {
    if (!alive(run)) continue;
    try {
      process.kill(-run.child.pid!, 'SIGKILL');
    } catch {
      run.child.kill('SIGKILL');
    }
    await withTimeout(run.exited, 5_000, `${run.label}: exit after SIGKILL`).catch(() => undefined);
  }
  if (!dataDir) return;
  // A PostgreSQL orphaned by a killed server keeps running: end it before removing its files.
  for (let attempt = 0; attempt < 50; attempt++) {
    const pids = postgresPidsFor(dataDir);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await sleep(100);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Organisations (global ids and slugs) as the first start served them. */
let firstOrganisations: { id: string; slug: string }[] = [];

describe('first start on an empty DATA_DIR', () => {
  let run: Run | undefined;
  let scripts: string[] = [];
  let styles: string[] = [];

  test('comes up with an embedded PostgreSQL, migrated and loaded with the Wetzlar data', showingLogs(() => run, async () => {
    run = startServer('first start', dataDir, ports[0], ports[1]);
    await waitReady(run);
    const out = run.output();
    expect(out).toContain(`initialising embedded PostgreSQL in ${path.join(dataDir, 'pg')}`);
    expect(out).toContain('"message":"migrations applied"');
    expect(out).toContain('"message":"loaded the Wetzlar data set"');
    expect(out).toContain(`integration-graph ready at http://localhost:${ports[0]}/ (the API at http://localhost:${ports[0]}/graphql)`);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(postgresPidsFor(dataDir).length).toBeGreaterThan(0);

    const orgs = data(await gql(run, ORGANISATIONS)).organisations;
    expect(orgs.totalCount).toBe(WETZLAR.organisations.length);
    expect(orgs.nodes).toHaveLength(orgs.totalCount);
    firstOrganisations = orgs.nodes;
  }));

  test('health checks: live and ready', showingLogs(() => run, async () => {
    const live = await fetch(`${run!.base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${run!.base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'up' });
  }));

  test('GraphQL over HTTP POST: the five fields of action and who sits in Fachforum III', showingLogs(() => run, async () => {
    const result = data(
      await gql(run!, `query ($code: String!) {
        fieldsOfAction { code name }
        forum(code: $code) { name members(first: 50) { totalCount nodes { slug } } }
      }`, { code: 'III' }),
    );
    expect(result.fieldsOfAction.map((f: any) => f.code)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(result.fieldsOfAction.every((f: any) => typeof f.name === 'string' && f.name.length > 0)).toBe(true);
    expect(result.forum.name).toBe('Fachforum III');
    expect(result.forum.members.totalCount).toBe(FORUM_III.length);
    expect(result.forum.members.nodes.map((o: any) => o.slug).sort()).toEqual(FORUM_III);
  }));

  test('GET /graphql for a browser gives the explorer, with its assets under /graphql/explorer/ and nothing from a CDN', showingLogs(() => run, async () => {
    const res = await fetch(`${run!.base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<!DOCTYPE html>/i);
    expect(html).toContain('/graphql/explorer/');

    // What the page loads: <script src>, <link href> (stylesheet, modulepreload), `import … from "…"`
    // in its inline modules, and the editor's web workers ("/graphql/explorer/" + file).
    const attr = (tag: string, name: string) =>
      [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\s${name}\\s*=\\s*["']([^"']+)["']`, 'gi'))].map((m) => m[1]);
    const scriptSrc = attr('script', 'src');
    const linkTags = [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]);
    const linkHref = (rel: RegExp) =>
      linkTags.filter((t) => rel.test(/\srel\s*=\s*["']([^"']+)["']/i.exec(t)?.[1] ?? '')).map((t) => /\shref\s*=\s*["']([^"']+)["']/i.exec(t)?.[1] ?? '');
    const imports = [...html.matchAll(/\bimport\s*(?:[^'"();]*?\sfrom\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
    const workers = [...html.matchAll(/\bworker\(\s*["']([^"']+\.js)["']\s*\)/g)].map((m) => `/graphql/explorer/${m[1]}`);
    scripts = [...new Set([...scriptSrc, ...linkHref(/modulepreload/i), ...imports, ...workers])];
    styles = [...new Set(linkHref(/stylesheet/i))];

    expect(scripts).toContain('/graphql/explorer/ruru.js');
    expect(styles.length).toBeGreaterThan(0);
    const origin = new URL(run!.base).origin;
    for (const ref of [...scripts, ...styles, ...attr('link', 'href')]) {
      expect({ ref, protocolRelative: ref.startsWith('//') }).toEqual({ ref, protocolRelative: false });
      expect({ ref, origin: new URL(ref, `${origin}/graphql`).origin }).toEqual({ ref, origin });
    }
    // No absolute URL inside any <script> or <link> tag's attributes, and no CDN anywhere on the page.
    for (const tag of [...html.matchAll(/<(?:script|link)\b[^>]*>/gi)].map((m) => m[0])) {
      expect(tag).not.toMatch(/=\s*["']?(?:https?:)?\/\//i);
    }
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs|esm\.sh|skypack|esm\.run|googleapis|gstatic|cloudflare/i);
  }));

  test('every script and stylesheet the page references is served, as JavaScript and CSS', showingLogs(() => run, async () => {
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const res = await fetch(new URL(src, `${run!.base}/graphql`));
      const body = await res.text();
      expect({ src, status: res.status }).toEqual({ src, status: 200 });
      expect({ src, type: res.headers.get('content-type') }).toEqual({ src, type: expect.stringMatching(/javascript/) });
      expect(body.length).toBeGreaterThan(0);
      // The bundle loads its lazy chunks relative to itself, never from another host.
      expect(body).not.toMatch(/\bimport\(\s*["'](?:https?:)?\/\//);
      expect(body).not.toMatch(/\bfrom\s*["'](?:https?:)?\/\//);
    }
    for (const href of styles) {
      const res = await fetch(new URL(href, `${run!.base}/graphql`));
      await res.arrayBuffer();
      expect({ href, status: res.status, type: res.headers.get('content-type') }).toEqual({ href, status: 200, type: expect.stringMatching(/^text\/css/) });
    }
  }));

  test('SIGINT stops it cleanly: exit code 0, no PostgreSQL of the DATA_DIR left running', showingLogs(() => run, async () => {
    const exit = await stopWith(run!, 'SIGINT');
    expectCleanStop(run!, exit, dataDir, 'SIGINT');
    await expect(fetch(`${run!.base}/health/live`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }));
});

/** A start on the DATA_DIR the first start made: its data, not migrated or loaded a second time. */
async function startAgain(label: string): Promise<Run> {
  expect(firstOrganisations.length).toBe(WETZLAR.organisations.length);
  const run = startServer(label, dataDir, ports[0], ports[1]);
  await waitReady(run);
  const out = run.output();
  expect(out).toContain(`starting embedded PostgreSQL from ${path.join(dataDir, 'pg')}`);
  expect(out).not.toContain('initialising embedded PostgreSQL');
  expect(out).not.toContain('"message":"migrations applied"');
  expect(out).not.toContain('"message":"loaded the Wetzlar data set"');

  const orgs = data(await gql(run, ORGANISATIONS)).organisations;
  expect(orgs.totalCount).toBe(firstOrganisations.length);
  expect(orgs.nodes).toEqual(firstOrganisations);
  const forum = data(await gql(run, `{ forum(code: "III") { members(first: 50) { totalCount nodes { slug } } } }`)).forum;
  expect(forum.members.totalCount).toBe(FORUM_III.length);
  expect(forum.members.nodes.map((o: any) => o.slug).sort()).toEqual(FORUM_III);
  return run;
}

describe.each([
  ['second', 'SIGINT', 'process', 'SIGINT'],
  ['third', 'SIGTERM', 'process', 'SIGTERM'],
  ['fourth', 'SIGINT', 'group', 'Ctrl-C in a terminal (SIGINT to the whole process group, PostgreSQL included)'],
] as const)('%s start on the same DATA_DIR', (ordinal, signal, target, how) => {
  let again: Run | undefined;

  test('comes up from the existing cluster with the same data: no migration, no second load', showingLogs(() => again, async () => {
    again = await startAgain(`${ordinal} start`);
  }));

  test(`${how} stops it cleanly`, showingLogs(() => again, async () => {
    expect(again).toBeDefined();
    const exit = await stopWith(again!, signal, target);
    expectCleanStop(again!, exit, dataDir, signal);
  }));
});

describe('after the server was killed hard (kill -9)', () => {
  let killed: Run | undefined;
  let after: Run | undefined;
  let orphans: number[] = [];

  test('a server killed with SIGKILL may leave its PostgreSQL running', showingLogs(() => killed, async () => {
    killed = await startAgain('fifth start (to be killed)');
    killed.child.kill('SIGKILL'); // the node process only, as `kill -9 <pid>` does
    expect(await withTimeout(killed.exited, EXIT_TIMEOUT_MS, 'exit after SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    orphans = postgresPidsFor(dataDir);
  }));

  test('the next start stops the orphaned PostgreSQL and comes up with the same data', showingLogs(() => after, async () => {
    after = await startAgain('sixth start (after kill -9)');
    if (orphans.length > 0) {
      expect(after.output()).toContain(`stopping a PostgreSQL left running on ${path.join(dataDir, 'pg')}`);
      const running = postgresPidsFor(dataDir);
      expect(orphans.filter((pid) => running.includes(pid))).toEqual([]);
    }
  }));

  test('a second server on the same DATA_DIR refuses to start and leaves the running one alone', showingLogs(() => after, async () => {
    expect(after).toBeDefined();
    const [otherPort] = await freePorts(1);
    const second = startServer('second server on the same DATA_DIR', dataDir, otherPort, ports[1]);
    const exit = await withTimeout(second.exited, READY_TIMEOUT_MS, 'the second server to give up');
    expect(exit.code).toBe(1);
    expect(second.output()).toContain('is in use by another running server');
    const orgs = data(await gql(after!, ORGANISATIONS)).organisations;
    expect(orgs.nodes).toEqual(firstOrganisations);
  }));

  test('and stops cleanly on SIGINT', showingLogs(() => after, async () => {
    expect(after).toBeDefined();
    const exit = await stopWith(after!, 'SIGINT');
    expectCleanStop(after!, exit, dataDir, 'SIGINT');
  }));
});

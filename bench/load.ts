import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { openOrm } from '../src/api';
import { migrate } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { seed } from '../src/db/seed';
import { generateSynthetic } from '../src/db/synthetic';

/*
 * `npm run bench:load`: throughput, latency and CPU per request under load of four typical
 * operations, side by side for
 *   - floor:          the same answers, each built by ONE hand-written SQL statement, served by
 *                     plain node:http (bench/floor.ts): what the database alone costs;
 *   - ours uncached:  this server in production mode with RESPONSE_CACHE_SECONDS=0;
 *   - ours cached:    this server in production mode with the default response cache.
 * All three run at once as child processes on the Wetzlar data plus BENCH_SIZES (default
 * 10000 and 100000) synthetic organisations in a database of its own (BENCH_DATABASE_URL, a
 * server where it may create databases, else a temporary embedded PostgreSQL), and are
 * measured in turn, round after round (BENCH_ROUNDS), at each of BENCH_CONNECTIONS (default 8
 * and 16): on a small machine the runs of one minute differ from those of the next by more
 * than the servers differ, and interleaving gives each the same share of that. CPU per
 * request is read from /proc: the server's process, and every PostgreSQL process on this
 * machine (– when the database runs elsewhere). SQL statements per request are read from
 * `extensions.sqlStatements` of one more instance of the server outside production. Not a
 * test: it prints Markdown tables and writes bench/results/load.json.
 */

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '8,16').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);

const ROOT = path.join(__dirname, '../..');

interface Workload {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const WORKLOADS: Workload[] = [
  {
    name: 'DirectoryPage',
    query: `query DirectoryPage { organisations(first: 20) { totalCount nodes { id slug name kind level parent { name } fieldsOfAction { code } forums(first: 5) { nodes { code name } } } } }`,
  },
  {
    name: 'OrganisationDetail',
    query: `query OrganisationDetail($slug: String!) { organisation(slug: $slug) { id name description parent { name parent { name } } children(first: 10) { nodes { name } } forums(first: 10) { edges { role node { name members(first: 10) { totalCount nodes { name } } } } } projects(first: 10) { edges { role node { name } } } } }`,
    variables: { slug: 'migrantenvereine' },
  },
  {
    name: 'CoverageMatrix',
    query: `query CoverageMatrix { coverage { columns total rows { fieldOfAction { code } total cells { kind count } } } }`,
  },
  {
    name: 'FuzzySearch',
    query: `query FuzzySearch { organisations(first: 10, filter: { search: "Jugendammt" }) { totalCount nodes { slug name } } }`,
  },
];

const bodyOf = (w: Workload) => JSON.stringify({ operationName: w.name, query: w.query, variables: w.variables ?? {} });

type TargetName = 'floor' | 'ours uncached' | 'ours cached';
const TARGETS: TargetName[] = ['floor', 'ours uncached', 'ours cached'];

interface Measurement {
  /** Requests per second over all rounds. */
  rps: number;
  /** Median over the rounds of each round's p50 and p99, in ms. */
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU time per request of the server's process and of the database's processes, in ms. */
  serverCpuMs: number;
  databaseCpuMs: number;
  rssMiB: number;
  /** HTTP status → responses seen during the runs. */
  statuses: Record<string, number>;
}

// ---- child processes ----------------------------------------------------------------------

const children = new Set<ChildProcess>();

function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startChild(label: string, args: string[], env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode} before it was ready:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${label} did not get ready within 60 s:\n${stderr}`);
    }
    try {
      // Any HTTP answer means the server listens (the floor answers 400 to an empty body).
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await res.arrayBuffer();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  return { url, child, stop };
}

async function startTarget(target: TargetName | 'ours dev', databaseUrl: string): Promise<Running> {
  const port = await freePort();
  if (target === 'floor') {
    return startChild(target, [path.join(ROOT, 'dist/bench/floor.js'), databaseUrl, String(port)], { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, port);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
  };
  delete env.NODE_ENV;
  delete env.RESPONSE_CACHE_SECONDS;
  delete env.REDIS_URL;
  delete env.DATABASE_REPLICA_URLS;
  if (target !== 'ours dev') env.NODE_ENV = 'production';
  // The statement counts are taken without the cache: a cached answer sends no SQL.
  if (target === 'ours uncached' || target === 'ours dev') env.RESPONSE_CACHE_SECONDS = '0';
  return startChild(target, [...SERVER_NODE_FLAGS, path.join(ROOT, 'dist/src/main.js')], env, port);
}

/** Node's flags as `npm start` gives them (package.json): the server is measured as it runs. */
const SERVER_NODE_FLAGS: string[] = (() => {
  const start: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const match = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(start);
  if (!match) throw new Error(`package.json's start script is not "node [flags] dist/src/main.js": ${start}`);
  return match[1].split(/\s+/).filter(Boolean);
})();

function rssMiB(pid: number | undefined): number {
  try {
    const kb = Number(/^VmRSS:\s*(\d+)\s*kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return NaN;
  }
}

interface Answer {
  data?: unknown;
  errors?: unknown;
  extensions?: { sqlStatements?: number; sqlRoundTrips?: number };
}

async function post(url: string, w: Workload): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(w) });
  const body = (await res.json()) as Answer;
  if (!res.ok || body.errors) throw new Error(`${w.name} answered ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body;
}

/** Runs autocannon; also counts the HTTP statuses it saw. */
async function hammer(url: string, w: Workload, seconds: number, connections: number): Promise<{ result: autocannon.Result; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(w), connections, duration: seconds },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  return { result, statuses };
}

// ---- CPU time from /proc ---------------------------------------------------------------------

const CLOCK_TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

/** CPU time (user + system) of a process in ms; undefined when it is gone or unreadable. */
function cpuMs(pid: number | string | undefined): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_MS;
  } catch {
    return undefined;
  }
}

/**
 * The CPU time the PostgreSQL processes of this machine spend between start() and stop().
 * Backends come and go (pools close idle connections), so they are sampled every 100 ms and
 * one that ends counts with what it had spent when last seen. NaN when none is visible.
 */
class DatabaseCpu {
  private readonly first = new Map<string, number>();
  private readonly last = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  private sample(initial: boolean) {
    let pids: string[];
    try {
      pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    } catch {
      return;
    }
    for (const pid of pids) {
      let comm: string;
      try {
        comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8');
      } catch {
        continue;
      }
      if (!comm.startsWith('postgres')) continue;
      const cpu = cpuMs(pid);
      if (cpu === undefined) continue;
      if (!this.first.has(pid)) this.first.set(pid, initial ? cpu : 0);
      this.last.set(pid, cpu);
    }
  }

  start() {
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), 100);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample(false);
    if (!this.first.size) return NaN;
    let total = 0;
    for (const [pid, first] of this.first) total += this.last.get(pid)! - first;
    return total;
  }
}

// ---- the run --------------------------------------------------------------------------------

async function prepareDatabase(adminUrl: string, size: number): Promise<string> {
  const name = `ig_bench_load_${size}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    await seed(orm);
    await generateSynthetic(orm, size);
  } finally {
    await orm.close();
  }
  return url;
}

async function dropDatabase(adminUrl: string, size: number) {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ig_bench_load_${size} with (force)`);
  } finally {
    await admin.end();
  }
}

type Results = Record<string, Record<TargetName, Measurement>>;

interface SizeResult {
  organisations: number;
  workloads: Record<string, { statements: number; roundTrips: number; answersMatch: { uncached: boolean; cached: boolean } }>;
  /** Connections → workload → target → measurement. */
  byConnections: Record<number, Results>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `rounds` of `seconds` against one target, CPU counted; returns the pooled measurement. */
/** One measured run against one server; CPU times in ms. */
interface Run {
  seconds: number;
  result: autocannon.Result;
  statuses: Record<string, number>;
  serverCpu: number;
  databaseCpu: number;
}

/**
 * Waits until no statement runs in the benchmark's database: when autocannon stops, the
 * requests it leaves in flight go on in PostgreSQL (a coverage matrix at 100,000
 * organisations takes seconds), and would be charged to whichever server is measured next.
 */
async function settle(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await client.query<{ active: number }>(
        `select count(*)::int as active from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
      );
      if (rows[0].active === 0 || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}

async function measure(
  running: Running,
  w: Workload,
  connections: number,
  seconds: number,
  runs: Run[],
  databaseUrl: string,
): Promise<void> {
  await settle(databaseUrl);
  const database = new DatabaseCpu();
  database.start();
  const before = cpuMs(running.child.pid) ?? NaN;
  const { result, statuses } = await hammer(running.url, w, seconds, connections);
  const serverCpu = (cpuMs(running.child.pid) ?? NaN) - before;
  runs.push({ seconds, result, statuses, serverCpu, databaseCpu: database.stop() });
}

function pooled(runs: Run[], pid: number | undefined): Measurement {
  const requests = runs.reduce((n, r) => n + r.result.requests.total, 0);
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    rps: requests / runs.reduce((n, r) => n + r.seconds, 0),
    p50: median(runs.map((r) => r.result.latency.p50)),
    p99: median(runs.map((r) => r.result.latency.p99)),
    requests,
    non2xx: runs.reduce((n, r) => n + r.result.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.result.errors + r.result.timeouts, 0),
    serverCpuMs: runs.reduce((n, r) => n + r.serverCpu, 0) / requests,
    databaseCpuMs: runs.reduce((n, r) => n + r.databaseCpu, 0) / requests,
    rssMiB: rssMiB(pid),
    statuses,
  };
}

async function measureSize(adminUrl: string, size: number): Promise<SizeResult> {
  const url = await prepareDatabase(adminUrl, size);
  console.error(`size ${size}: database ready`);
  const out: SizeResult = { organisations: size + 43, workloads: {}, byConnections: {} };
  for (const w of WORKLOADS) out.workloads[w.name] = { statements: NaN, roundTrips: NaN, answersMatch: { uncached: false, cached: false } };

  // Statements per request, outside production (and without the cache).
  {
    const dev = await startTarget('ours dev', url);
    try {
      for (const w of WORKLOADS) {
        await post(dev.url, w); // the first request counts the directory (then cached per data version)
        const { extensions } = await post(dev.url, w);
        out.workloads[w.name].statements = extensions?.sqlStatements ?? NaN;
        out.workloads[w.name].roundTrips = extensions?.sqlRoundTrips ?? NaN;
      }
    } finally {
      await dev.stop();
    }
  }

  const running = {} as Record<TargetName, Running>;
  try {
    for (const target of TARGETS) running[target] = await startTarget(target, url);
    const answers = {} as Record<TargetName, Record<string, unknown>>;
    for (const target of TARGETS) {
      answers[target] = {};
      for (const w of WORKLOADS) answers[target][w.name] = (await post(running[target].url, w)).data;
    }
    for (const w of WORKLOADS) {
      for (const [target, key] of [['ours uncached', 'uncached'], ['ours cached', 'cached']] as const) {
        const same = isDeepStrictEqual(answers[target][w.name], answers.floor[w.name]);
        out.workloads[w.name].answersMatch[key] = same;
        if (!same) {
          console.error(`WARNING: size ${size} ${w.name}: the answer of ${target} differs from the floor's`);
          console.error(`  ours:  ${JSON.stringify(answers[target][w.name]).slice(0, 600)}`);
          console.error(`  floor: ${JSON.stringify(answers.floor[w.name]).slice(0, 600)}`);
        }
      }
    }

    for (const connections of CONNECTIONS) {
      const results: Results = {};
      for (const w of WORKLOADS) {
        const runs = Object.fromEntries(TARGETS.map((t) => [t, [] as Run[]])) as Record<TargetName, Run[]>;
        let floorP50 = 0;
        for (const target of TARGETS) {
          const { result } = await hammer(running[target].url, w, WARMUP, connections);
          if (target === 'floor') floorP50 = result.latency.p50;
        }
        // Long enough for each connection to see some eight answers, however slow the workload:
        // answers still in flight when a run stops are work done and not counted.
        const seconds = Math.max(DURATION, Math.ceil((8 * floorP50) / 1000));
        for (let round = 0; round < ROUNDS; round++) {
          for (const target of TARGETS) await measure(running[target], w, connections, seconds, runs[target], url);
        }
        results[w.name] = {} as Record<TargetName, Measurement>;
        for (const target of TARGETS) {
          const m = pooled(runs[target], running[target].child.pid);
          if (m.non2xx || m.errors) {
            const res = await fetch(running[target].url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(w) });
            console.error(`WARNING: ${target} ${w.name}: ${m.non2xx} non-2xx, ${m.errors} errors (${JSON.stringify(m.statuses)}); now: ${res.status} ${(await res.text()).slice(0, 300)}`);
          }
          results[w.name][target] = m;
          console.error(
            `size ${size}, ${connections} connections, ${target} ${w.name}: ${m.rps.toFixed(1)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ` +
              `CPU/request ${m.serverCpuMs.toFixed(2)} ms server + ${m.databaseCpuMs.toFixed(2)} ms database, non-2xx ${m.non2xx}`,
          );
        }
      }
      out.byConnections[connections] = results;
    }
  } finally {
    for (const target of TARGETS) await running[target]?.stop();
  }
  await dropDatabase(adminUrl, size);
  return out;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ratio = (ours: number, floor: number) => (floor > 0 && Number.isFinite(ours) ? `${(ours / floor).toFixed(2)}×` : '–');

function table(size: number, connections: number, r: SizeResult): string {
  const lines = [
    `### ${r.organisations} organisations (${size} synthetic), ${connections} connections`,
    '',
    `| workload | server | req/s | p50 ms | p99 ms | CPU ms/request: server | database | SQL statements (round trips)/request | non-2xx | RSS MiB | req/s ours/floor | p99 ours/floor |`,
    `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const w of WORKLOADS) {
    const wr = r.workloads[w.name];
    const results = r.byConnections[connections][w.name];
    const floor = results.floor;
    for (const target of TARGETS) {
      const m = results[target];
      const sent = `${fmt(wr.statements)} (${fmt(wr.roundTrips)})`;
      const statements = target === 'floor' ? '1 (1)' : target === 'ours cached' ? `${sent}; at most 1 from cache (the data version, one read per event-loop turn)` : sent;
      lines.push(
        `| ${target === 'floor' ? w.name : ''} | ${target} | ${fmt(m.rps, m.rps < 100 ? 1 : 0)} | ${fmt(m.p50, 1)} | ${fmt(m.p99, 1)} | ${fmt(m.serverCpuMs, 2)} | ${fmt(m.databaseCpuMs, 2)} | ${statements} | ${m.non2xx + m.errors} | ${fmt(m.rssMiB, 1)} | ` +
          `${target === 'floor' ? '1.00×' : ratio(m.rps, floor.rps)} | ${target === 'floor' ? '1.00×' : ratio(m.p99, floor.p99)} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/bench/floor.js')) || !fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) {
    throw new Error('run `npm run build` first (npm run bench:load does)');
  }
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-bench-load-'));
    fs.chmodSync(dir, 0o755);
    const embedded = await startEmbeddedPostgres(dir, 54998, () => undefined);
    adminUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const results: Record<number, SizeResult> = {};
  try {
    for (const size of SIZES) results[size] = await measureSize(adminUrl, size);
  } finally {
    killAll();
    await stopEmbedded?.();
  }

  console.log(
    `Load on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}: autocannon; the three servers measured in turn, ` +
      `${ROUNDS} rounds of ${DURATION} s (longer where eight answers per connection take longer) after ${WARMUP} s of warm-up each, the database idle before each run; PostgreSQL and the load generator on the same machine. ` +
      `Latencies in ms (median of the rounds); CPU per request of the server's process and of all PostgreSQL processes; RSS of the server process after the runs.\n`,
  );
  for (const size of SIZES) for (const connections of CONNECTIONS) console.log(`${table(size, connections, results[size])}\n`);
  const mismatches = SIZES.flatMap((s) =>
    Object.entries(results[s].workloads).flatMap(([w, r]) => (r.answersMatch.uncached && r.answersMatch.cached ? [] : [`${s}/${w}`])),
  );
  console.log(mismatches.length ? `Answers DIFFER from the floor's for: ${mismatches.join(', ')}` : 'Answers: ours (uncached and cached) deep-equal the floor\'s for every workload.');
  for (const connections of CONNECTIONS) {
    const ratios = SIZES.flatMap((s) =>
      WORKLOADS.map((w) => {
        const r = results[s].byConnections[connections][w.name];
        return `${w.name}@${s}: ${(r['ours uncached'].rps / r.floor.rps).toFixed(2)}× (p99 ${(r['ours uncached'].p99 / r.floor.p99).toFixed(2)}×, cached ${(r['ours cached'].rps / r.floor.rps).toFixed(1)}×)`;
      }),
    );
    console.log(`${connections} connections, ours uncached/floor: ${ratios.join('; ')}`);
  }

  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'bench/results/load.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: os.cpus().length,
        connections: CONNECTIONS,
        rounds: ROUNDS,
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
        workloads: Object.fromEntries(WORKLOADS.map((w) => [w.name, { query: w.query, variables: w.variables ?? {} }])),
        results,
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  killAll();
  process.exit(1);
});

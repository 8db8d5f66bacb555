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
 * `npm run bench:load`: throughput and latency under load of four typical operations, side by
 * side for
 *   - floor:          the same answers, each built by ONE hand-written SQL statement, served by
 *                     plain node:http (bench/floor.ts): what the database alone costs;
 *   - ours uncached:  this server in production mode with RESPONSE_CACHE_SECONDS=0;
 *   - ours cached:    this server in production mode with the default response cache.
 * Each runs as a child process, one at a time, on the Wetzlar data plus BENCH_SIZES (default
 * 10000) synthetic organisations in a database of its own (BENCH_DATABASE_URL, a server where
 * it may create databases, else a temporary embedded PostgreSQL). SQL statements per request
 * are read from `extensions.sqlStatements` of one more instance of the server outside
 * production. Not a test: it prints a Markdown table and writes bench/results/load.json.
 */

const SIZES = (process.env.BENCH_SIZES ?? '10000').split(',').map(Number);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
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
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  rssMiB: number;
  /** HTTP status → responses seen during the run. */
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
  return startChild(target, [path.join(ROOT, 'dist/src/main.js')], env, port);
}

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
async function hammer(url: string, w: Workload, seconds: number): Promise<{ result: autocannon.Result; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(w), connections: CONNECTIONS, duration: seconds },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  return { result, statuses };
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

interface SizeResult {
  organisations: number;
  workloads: Record<
    string,
    { statements: number; roundTrips: number; answersMatch: { uncached: boolean; cached: boolean }; results: Record<TargetName, Measurement> }
  >;
}

async function measureSize(adminUrl: string, size: number): Promise<SizeResult> {
  const url = await prepareDatabase(adminUrl, size);
  console.error(`size ${size}: database ready`);
  const out: SizeResult = { organisations: size + 43, workloads: {} };
  for (const w of WORKLOADS) {
    out.workloads[w.name] = { statements: NaN, roundTrips: NaN, answersMatch: { uncached: false, cached: false }, results: {} as Record<TargetName, Measurement> };
  }

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

  const answers: Partial<Record<TargetName, Record<string, unknown>>> = {};
  for (const target of TARGETS) {
    const running = await startTarget(target, url);
    try {
      answers[target] = {};
      for (const w of WORKLOADS) answers[target]![w.name] = (await post(running.url, w)).data;
      for (const w of WORKLOADS) {
        await hammer(running.url, w, WARMUP);
        const { result: r, statuses } = await hammer(running.url, w, DURATION);
        const m: Measurement = {
          rps: Math.round(r.requests.average),
          p50: r.latency.p50,
          p99: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          rssMiB: rssMiB(running.child.pid),
          statuses,
        };
        if (m.non2xx || m.errors) {
          const res = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(w) });
          console.error(`WARNING: ${target} ${w.name}: ${m.non2xx} non-2xx, ${m.errors} errors (${JSON.stringify(statuses)}); now: ${res.status} ${(await res.text()).slice(0, 300)}`);
        }
        out.workloads[w.name].results[target] = m;
        console.error(`size ${size} ${target} ${w.name}: ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, non-2xx ${m.non2xx}, RSS ${m.rssMiB} MiB`);
      }
    } finally {
      await running.stop();
    }
  }

  for (const w of WORKLOADS) {
    const floor = answers.floor?.[w.name];
    for (const [target, key] of [['ours uncached', 'uncached'], ['ours cached', 'cached']] as const) {
      const ours = answers[target]?.[w.name];
      const same = isDeepStrictEqual(ours, floor);
      out.workloads[w.name].answersMatch[key] = same;
      if (!same) {
        console.error(`WARNING: size ${size} ${w.name}: the answer of ${target} differs from the floor's`);
        console.error(`  ours:  ${JSON.stringify(ours).slice(0, 600)}`);
        console.error(`  floor: ${JSON.stringify(floor).slice(0, 600)}`);
      }
    }
  }
  await dropDatabase(adminUrl, size);
  return out;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ratio = (ours: number, floor: number) => (floor > 0 && Number.isFinite(ours) ? `${(ours / floor).toFixed(2)}×` : '–');

function table(size: number, r: SizeResult): string {
  const lines = [
    `### ${r.organisations} organisations (${size} synthetic)`,
    '',
    `| workload | server | req/s | p50 ms | p99 ms | SQL statements (round trips)/request | non-2xx | RSS MiB | req/s ours/floor | p50 ours/floor |`,
    `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const w of WORKLOADS) {
    const wr = r.workloads[w.name];
    const floor = wr.results.floor;
    for (const target of TARGETS) {
      const m = wr.results[target];
      const sent = `${fmt(wr.statements)} (${fmt(wr.roundTrips)})`;
      const statements = target === 'floor' ? '1 (1)' : target === 'ours cached' ? `${sent}; 0 when served from cache` : sent;
      lines.push(
        `| ${target === 'floor' ? w.name : ''} | ${target} | ${fmt(m.rps)} | ${fmt(m.p50, 1)} | ${fmt(m.p99, 1)} | ${statements} | ${m.non2xx + m.errors} | ${fmt(m.rssMiB, 1)} | ` +
          `${target === 'floor' ? '1.00×' : ratio(m.rps, floor.rps)} | ${target === 'floor' ? '1.00×' : ratio(m.p50, floor.p50)} |`,
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
    `Load on ${os.cpus().length} cores, Node ${process.version}: autocannon, ${CONNECTIONS} connections, ${DURATION} s per run after ${WARMUP} s of warm-up; ` +
      `one server at a time, PostgreSQL on the same machine. Latencies in ms; RSS of the server process after the run.\n`,
  );
  for (const size of SIZES) console.log(`${table(size, results[size])}\n`);
  const mismatches = SIZES.flatMap((s) =>
    Object.entries(results[s].workloads).flatMap(([w, r]) => (r.answersMatch.uncached && r.answersMatch.cached ? [] : [`${s}/${w}`])),
  );
  console.log(mismatches.length ? `Answers DIFFER from the floor's for: ${mismatches.join(', ')}` : 'Answers: ours (uncached and cached) deep-equal the floor\'s for every workload.');

  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'bench/results/load.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: os.cpus().length,
        connections: CONNECTIONS,
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

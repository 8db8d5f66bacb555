// The server under test for the end-to-end suite: the built server (dist/src/main.js) on an
// embedded PostgreSQL of its own, in a fresh folder, with the Wetzlar data. Playwright starts
// it and stops it. The folder is written to web/e2e/.server-<port>.json so tests can issue
// access keys with `npm run token` against the same database. WEB_DIR, when set, names the
// web app build to serve (default web/dist).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-e2e-'));
fs.chmodSync(dataDir, 0o755);
const port = process.env.E2E_PORT ?? '4317';
const pgPort = process.env.E2E_PG_PORT ?? String(Number(port) + 50000 - 4000);
const env = { ...process.env, DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1', EMBEDDED_PG_PORT: pgPort, LOG_LEVEL: 'silent', NODE_ENV: 'production',
  // One browser clicking through every page in seconds is not what the budgets are for.
  RATE_LIMIT_ANONYMOUS_POINTS: '1000000', RATE_LIMIT_TOKEN_POINTS: '1000000',
  // Webhooks: one loopback address is allowed, where webhooks.spec.ts listens (127.0.0.1 and
  // the other private targets stay refused), and a delivery gives up after seconds, not a day.
  WEBHOOK_ALLOW_NETWORKS: '127.0.0.2/32', WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_MAX_MS: '1000', WEBHOOK_RETRY_WINDOW_SECONDS: '3' };
for (const name of ['DATABASE_URL', 'REDIS_URL', 'TEST_DATABASE_URL']) delete env[name];
fs.writeFileSync(path.join(root, 'web', 'e2e', `.server-${port}.json`), JSON.stringify({ dataDir, pgPort }));

const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], { cwd: root, env, stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});

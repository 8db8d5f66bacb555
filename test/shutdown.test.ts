import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createTestDatabase, TestDatabase } from './support/database';
import { freePort } from './support/ports';
import { sleep } from './support/wait';

/**
 * SIGTERM stops a busy server within 10 s: requests streaming in, hostile documents, a
 * client that sends half a request and stalls, a download nobody reads. The built server
 * (dist/src/main.js) as a child process, in production mode, on a database of its own.
 */
const MAIN = path.resolve(__dirname, '..', 'dist', 'src', 'main.js');

let db: TestDatabase;
let child: ChildProcess | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await db.drop();
});

test('SIGTERM stops a busy server within 10 s, with exit code 0', async () => {
  const port = await freePort();
  // No REDIS_URL: its rate-limit counters are shared with every other server of the run.
  const { REDIS_URL: _shared, ...inherited } = process.env;
  const env = { ...inherited, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info', SEED: 'false' };
  child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child!.on('exit', (code) => resolve({ code, at: Date.now() })));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300 && !output.includes('integration-graph ready at'); i++) await sleep(100);
  expect(output).toContain('integration-graph ready at');

  // Busy: a steady stream of queries, hostile ones among them.
  let loading = true;
  const hostile = `query { ...F1 } ${Array.from({ length: 30 }, (_, i) => (i === 29 ? 'fragment F30 on Query { __typename }' : `fragment F${i + 1} on Query { ...F${i + 2} ...F${i + 2} }`)).join(' ')}`;
  const load = Promise.all(
    Array.from({ length: 4 }, async (_, k) => {
      while (loading) {
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: k % 2 ? hostile : '{ organisations(first: 50) { nodes { name forums { nodes { name } } } } }' }),
        }).then((r) => r.text(), () => undefined);
      }
    }),
  );
  // Half a request, then silence; and a download whose reader never reads.
  const stalled = net.connect(port, '127.0.0.1', () => stalled.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":'));
  const unread = net.connect(port, '127.0.0.1', () => unread.write('GET /export/hsds.json HTTP/1.1\r\nHost: x\r\n\r\n'));
  unread.pause();
  for (const s of [stalled, unread]) s.on('error', () => undefined);
  await sleep(1000);

  const signalled = Date.now();
  child.kill('SIGTERM');
  const { code, at } = await exited;
  loading = false;
  await load;
  stalled.destroy();
  unread.destroy();
  expect({ code, seconds: Math.round((at - signalled) / 100) / 10 }).toEqual({ code: 0, seconds: expect.any(Number) });
  expect(at - signalled).toBeLessThan(10_000);
  expect(output).toContain('stopped cleanly');
}, 60_000);

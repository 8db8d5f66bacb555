import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';

/** The longest a stop may take, from the signal to the exit. */
const STOP_DEADLINE_MS = 9_500;

/** `npm start`: configuration → database (embedded unless DATABASE_URL) → server; clean shutdown on signals. */
async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log);
  log('info', `integration-graph ready at ${app.url.replace(/graphql$/, '')} (the API at ${app.url})`, { database: config.databaseUrl ? 'DATABASE_URL' : `embedded (${config.dataDir})` });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', `${signal}: shutting down`);
    // Draining ends after DRAIN_MS; should closing the pool then hang, the process still ends
    // within the 10 s an orchestrator waits before it sends SIGKILL.
    setTimeout(() => {
      log('error', 'shutdown took too long; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    try {
      await app.stop();
      log('info', 'stopped cleanly');
      process.exit(0);
    } catch (error) {
      log('error', 'shutdown failed', { error: String(error) });
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(`integration-graph could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

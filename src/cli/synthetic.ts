import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { openDatabase } from '../db/open';
import { generateSynthetic } from '../db/synthetic';
import { entities } from '../modules';

/**
 * `npm run synthetic -- --organisations 10000`: adds SYNTHETIC demo data to the database at
 * DATABASE_URL (never to the default embedded one, to keep it out of the real directory).
 */
async function main() {
  const { values } = parseArgs({ options: { organisations: { type: 'string', default: '10000' } } });
  const count = Number(values.organisations);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error('--organisations must be a whole number from 1 to 1000000');
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('Set DATABASE_URL to a database for demo data: synthetic data never goes into the default database.');
  const database = await openDatabase(config, createLogger('info'), { entities });
  try {
    const started = Date.now();
    const made = await generateSynthetic(database.orm, count);
    console.log(`Added ${made.organisations} synthetic organisations, ${made.forums} forums, ${made.bodies} bodies, ${made.projects} projects in ${Date.now() - started} ms.`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

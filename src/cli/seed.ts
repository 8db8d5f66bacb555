import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { openDatabase } from '../db/open';
import { seed } from '../db/seed';
import { entities } from '../modules';

/** `npm run seed`: migrates the configured database and loads the Wetzlar data (idempotent). */
async function main() {
  const database = await openDatabase({ ...loadConfig(), seed: false }, createLogger('info'), { entities, reuseRunning: true });
  try {
    const { inserted } = await seed(database.orm);
    console.log(inserted ? `Inserted ${inserted} rows.` : 'Nothing to do: the data set is loaded.');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

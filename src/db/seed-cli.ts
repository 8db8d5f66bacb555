import 'reflect-metadata';
import { loadConfig } from '../config';
import { migrate, openOrm } from './database';
import { seed } from './seed';

/** `npm run seed`: migrates the database at DATABASE_URL and loads the Wetzlar data (idempotent). */
async function main() {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) throw new Error('Set DATABASE_URL (npm start loads the data into the embedded database by itself).');
  const orm = await openOrm(databaseUrl);
  try {
    await migrate(orm);
    const { inserted } = await seed(orm);
    console.log(inserted ? `Inserted ${inserted} rows.` : 'Nothing to do: the data set is loaded.');
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

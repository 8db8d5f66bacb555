import 'reflect-metadata';
import { openOrm } from '../api';
import { loadConfig } from '../config';

/**
 * `npm run migration:create -- <url>`: writes a new migration with the difference between
 * the entities and the database at <url> (migrated to the current state first), and tells
 * which line to add to migrations/index.ts.
 */
async function main() {
  const url = process.argv[2] ?? loadConfig().databaseUrl;
  if (!url) throw new Error('usage: npm run migration:create -- postgres://… (a scratch database)');
  const orm = await openOrm(url);
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, process.argv.includes('--initial'));
    if (!result.fileName) {
      console.log('No changes: entities and migrations agree.');
      return;
    }
    console.log(`Wrote migrations/${result.fileName}; add it to migrations/index.ts.`);
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

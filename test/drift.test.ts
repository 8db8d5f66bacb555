import fs from 'node:fs';
import path from 'node:path';
import { migrationsList } from '../migrations';
import { printApiSchema } from '../src/api';
import { createTestDatabase } from './support/database';

describe('the committed SDL', () => {
  test('schema/schema.graphql is what the code builds (run `npm run schema` after changing the API)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '../schema/schema.graphql'), 'utf8');
    expect(committed).toBe(printApiSchema());
  });
});

describe('the migrations', () => {
  test('every migration file is listed in migrations/index.ts, in order', () => {
    const files = fs
      .readdirSync(path.join(__dirname, '../migrations'))
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(migrationsList.map((m) => m.name)).toEqual(files);
  });

  test('a fresh database migrated to the end matches the entities (no pending schema diff)', async () => {
    const db = await createTestDatabase({ seed: false });
    try {
      const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      // Run `npm run migration:create -- <scratch database url>` when this fails.
      expect(diff.trim()).toBe('');
    } finally {
      await db.drop();
    }
  });

  test('the migrations roll back and apply again', async () => {
    const db = await createTestDatabase({ seed: false });
    try {
      await db.orm.getMigrator().down({ to: 0 });
      const [{ count }] = await db.query<{ count: number }>(`select count(*)::int as count from information_schema.tables where table_schema = 'public' and table_name = 'organisation'`);
      expect(count).toBe(0);
      await db.orm.getMigrator().up();
      const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
    } finally {
      await db.drop();
    }
  });
});

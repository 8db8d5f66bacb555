import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/api';
import { migrate } from '../../src/db/database';
import { seed } from '../../src/db/seed';

export interface TestDatabase {
  url: string;
  name: string;
  orm: MikroORM;
  /** Runs SQL directly (independent counts, fixtures). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.IG_TEST_ADMIN_URL;
  if (!url) throw new Error('IG_TEST_ADMIN_URL is unset: run the tests through jest (globalSetup starts PostgreSQL)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file, migrated to the current model and, unless
 * `seed: false`, loaded with the Wetzlar data set.
 */
export async function createTestDatabase(options: { seed?: boolean; migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `ig_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = withDatabase(adminUrl(), name);
  const orm = await openOrm(url, { poolMax: 5 });
  if (options.migrate !== false) await migrate(orm);
  if (options.seed !== false && options.migrate !== false) await seed(orm);
  return {
    url,
    name,
    orm,
    query: async (sql, params = []) => (await orm.em.getKnex().raw(sql, params as never[])).rows,
    drop: async () => {
      await orm.close(true);
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * Moves the data version on, as every write through the API does: the server caches what it
 * computed (the network, answers, totals) per data version, so a write made here in SQL shows
 * only after this.
 */
export async function bumpDataVersion(db: TestDatabase): Promise<void> {
  await db.query(`update data_version set version = version + 1 where id = 1`);
}

import { MikroORM } from '@mikro-orm/postgresql';
import { badInput } from '../graph/errors';
import { ormConfig } from './mikro-orm.config';

/**
 * Opens the ORM on a URL. Reads go through `SqlRunner` below; MikroORM owns the schema,
 * the migrations and (later) the unit-of-work writes.
 */
export async function openOrm(url: string, options: { poolMax?: number; replicaUrls?: string[] } = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(url, options));
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Counts the SQL statements one request sends, so tests and benchmarks can read them exactly. */
export class StatementCounter {
  count = 0;
}

/**
 * Runs hand-written SQL on the ORM's connection pool. Placeholders are `?`. Arrays are sent
 * as one PostgreSQL array literal (write `= any(?::uuid[])`), not expanded into a list,
 * so an empty array is an empty match rather than a syntax error.
 */
export class SqlRunner {
  /** After a write, this request reads from the primary: a replica may not have the write yet. */
  private primary = false;

  constructor(
    private readonly orm: MikroORM,
    readonly counter: StatementCounter = new StatementCounter(),
  ) {}

  usePrimary(): void {
    this.primary = true;
  }

  /**
   * `primary`: read from the primary even when replicas serve reads, for what must never lag
   * (the data version that keys the caches, a token's revocation).
   */
  async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = [], options: { primary?: boolean } = {}): Promise<T[]> {
    const bindings = params.map((p) => (Array.isArray(p) ? toPgArrayLiteral(p) : p));
    // PostgreSQL text cannot hold NUL; such a value can only come from a client's input.
    if (bindings.some((b) => typeof b === 'string' && b.includes('\u0000'))) {
      throw badInput('Text arguments must not contain NUL characters (\\u0000)');
    }
    this.counter.count += 1;
    // 'read' is a replica when DATABASE_REPLICA_URLS names any, else the primary itself.
    const result = await this.orm.em.getConnection(this.primary || options.primary ? 'write' : 'read').getKnex().raw(sql, bindings as never[]);
    return result.rows as T[];
  }
}

export function toPgArrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { escapeLiteral } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { badInput } from '../graph/errors';
import { asUnavailable } from './unavailable';

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Counts the SQL statements one request sends, so tests and benchmarks can read them exactly. */
export class StatementCounter {
  count = 0;
  /** Trips to the database: statements of one wave travel together (see SqlRunner). */
  roundTrips = 0;
}

type Target = 'read' | 'write';

/**
 * Runs hand-written SQL on the ORM's connection pool. Placeholders are `?`. Arrays are sent
 * as one PostgreSQL array literal (write `= any(?::uuid[])`), not expanded into a list,
 * so an empty array is an empty match rather than a syntax error.
 *
 * Two things keep the database's share of a request small:
 * - Statements asked for in the same turn of the event loop (the loaders of one level of a
 *   query: the parents, fields of action and forums of a page of organisations) travel
 *   together, as one multi-statement message with one result per statement: one round trip
 *   and one pooled connection instead of one each.
 * - Each statement text is prepared once per connection (PREPARE) and then only executed
 *   (EXECUTE with its values): PostgreSQL parses it once and, after a few runs, reuses its
 *   plan, where planning cost as much as running these index lookups.
 * Values travel as quoted literals, which PostgreSQL reads exactly as the untyped parameters
 * of a single statement. If a message fails, each of its statements runs again on its own
 * (a multi-statement message is one transaction: none of it took effect), so that every
 * caller gets its own answer or its own error.
 */
export class SqlRunner {
  /** After a write, this request reads from the primary: a replica may not have the write yet. */
  private primary = false;
  private readonly waves = new Map<Target, Pending[]>();
  /**
   * The one replica this runner reads from, picked at its first read: replicas lag by
   * different amounts, and one request's answer must not mix their states (a replica only
   * moves forwards, so what one showed at the start it shows later too).
   */
  private replica?: ReturnType<MikroORM['em']['getConnection']>;

  constructor(
    private readonly orm: MikroORM,
    readonly counter: StatementCounter = new StatementCounter(),
  ) {}

  usePrimary(): void {
    this.primary = true;
  }

  /** True while reads go to a read replica (DATABASE_REPLICA_URLS), not to the primary. */
  get readsFromReplica(): boolean {
    return !this.primary && (this.orm.config.get('replicas')?.length ?? 0) > 0;
  }

  /**
   * `primary`: read from the primary even when replicas serve reads, for what must never lag
   * (the data version that keys the caches, a token's revocation).
   */
  async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = [], options: { primary?: boolean; plan?: Plan } = {}): Promise<T[]> {
    const bindings = params.map((p) => (Array.isArray(p) ? toPgArrayLiteral(p) : p));
    // PostgreSQL text cannot hold NUL; such a value can only come from a client's input.
    if (bindings.some((b) => typeof b === 'string' && b.includes('\u0000'))) {
      throw badInput('Text arguments must not contain NUL characters (\\u0000)');
    }
    const statement = preparedStatement(sql);
    if (statement.params !== bindings.length) throw new Error(`The statement has ${statement.params} placeholders but ${bindings.length} values`);
    this.counter.count += 1;
    // 'read' is a replica when DATABASE_REPLICA_URLS names any, else the primary itself.
    const target: Target = this.primary || options.primary ? 'write' : 'read';
    return new Promise<T[]>((resolve, reject) => {
      let wave = this.waves.get(target);
      if (!wave) {
        this.waves.set(target, (wave = []));
        // After the current turn: every loader of this level has asked by then.
        setImmediate(() => this.flush(target));
      }
      // A driver error that means the database is unavailable leaves as SERVICE_UNAVAILABLE
      // (HTTP 503), also from where no resolver runs (the token check of the request's context).
      const fail = (error: unknown) => reject(asUnavailable(error));
      wave.push({ statement, bindings, plan: options.plan, resolve: resolve as (rows: unknown[]) => void, reject: fail });
    });
  }

  private flush(target: Target): void {
    const wave = this.waves.get(target) ?? [];
    this.waves.delete(target);
    this.send(target, wave).catch((error) => {
      if (wave.length === 1) return wave[0].reject(error);
      for (const pending of wave) this.send(target, [pending]).catch(pending.reject);
    });
  }

  /** Sends statements in one message on one pooled connection; resolves each with its rows. */
  private async send(target: Target, batch: Pending[]): Promise<void> {
    this.counter.roundTrips += 1;
    const database = target === 'write' ? this.orm.em.getConnection('write') : (this.replica ??= this.orm.em.getConnection('read'));
    const client = database.getKnex().client as PoolClient;
    const connection = await client.acquireConnection();
    try {
      let known = preparedOn.get(connection);
      const parts: string[] = [];
      if (!known || known.size >= MAX_PREPARED_PER_CONNECTION) {
        // A new connection (undefined), or one whose last message failed half-way (null) or
        // that holds many: only the latter two may hold statements to forget.
        if (known !== undefined) parts.push('deallocate all');
        preparedOn.set(connection, (known = new Set()));
      }
      const preparing = new Set<string>();
      for (const { statement } of batch) {
        if (!known.has(statement.name) && !preparing.has(statement.name)) {
          parts.push(`prepare ${statement.name} as ${statement.text}`);
          preparing.add(statement.name);
        }
      }
      // Where each statement's result stands among the message's results.
      const resultOf = new Map<Pending, number>();
      const execute = (pending: Pending) => {
        resultOf.set(pending, parts.length);
        const { statement, bindings } = pending;
        parts.push(bindings.length ? `execute ${statement.name}(${bindings.map(literal).join(', ')})` : `execute ${statement.name}`);
      };
      batch.filter((p) => !p.plan).forEach(execute);
      for (const plan of PLAN_ORDER) {
        const planned = batch.filter((p) => p.plan === plan);
        if (!planned.length) continue;
        parts.push(PLAN_SETTINGS[plan]);
        planned.forEach(execute);
      }
      const response = await connection.query(parts.join(';\n'));
      const results = Array.isArray(response) ? response : [response];
      if (results.length !== parts.length) throw new Error('one result per statement expected');
      for (const name of preparing) known.add(name);
      for (const pending of batch) pending.resolve(results[resultOf.get(pending)!].rows);
    } catch (error) {
      // What the failed message left prepared is unknown: start afresh on this connection.
      preparedOn.set(connection, null);
      throw error;
    } finally {
      await client.releaseConnection(connection);
    }
  }
}

interface PreparedStatement {
  /** Name derived from the text, the same on every connection. */
  name: string;
  /** The statement with $1, $2, … placeholders. */
  text: string;
  params: number;
}

/**
 * How a statement is to be planned, where PostgreSQL's defaults do badly (see PLAN_SETTINGS);
 * unset: the defaults.
 */
export type Plan = 'generic' | 'without-jit';

interface Pending {
  statement: PreparedStatement;
  bindings: unknown[];
  plan?: Plan;
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
}

/** The part of knex's client used here: its connection pool, handing out node-postgres clients. */
interface PoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

interface PgConnection {
  query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
}

/**
 * Lookups by keys (rows by id, the forums of these organisations) are planned once per
 * connection and the plan kept (a generic plan), rather than planned again for every set of
 * keys, which costs more than running them. PostgreSQL would not choose that by itself: it
 * estimates an array of keys at ten elements and a page of related rows at dozens, and keeps
 * planning. The page cost of 1.1 (not 4) tells the planner that rows are read from memory or
 * SSD, so that these plans use the indexes on the keys whatever the number of keys. Both
 * settings hold for those statements only; lists filtered and searched by a client's values
 * keep PostgreSQL's per-value plans.
 */
const GENERIC_PLANS = [
  ['plan_cache_mode', 'force_generic_plan'],
  ['random_page_cost', '1.1'],
] as const;

/**
 * The settings each plan runs under, as one statement put before its statements. They are
 * SET LOCAL: a message of several statements is one transaction, at whose end they lapse by
 * themselves, with no statements to reset them. Those of a plan hold for the plans after it
 * in the message too (PLAN_ORDER): JIT is off for the key lookups as well, where it is never
 * worth it anyway.
 */
const PLAN_SETTINGS: Record<Plan, string> = {
  /**
   * Statements over many rows whose planner estimates run high (CTEs over date ranges):
   * PostgreSQL would compile them with JIT, which takes seconds where running them takes a
   * fraction of one (monitoring: 6 s of JIT for 1 s of work at 10,000 organisations).
   */
  'without-jit': 'set local jit = off',
  /** Lookups by keys whose best plan does not depend on the values (see GENERIC_PLANS). */
  generic: `select ${GENERIC_PLANS.map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}`,
};
/** The order of the plans in a message: none has settings of the plans before it that it must not have. */
const PLAN_ORDER: Plan[] = ['without-jit', 'generic'];

/** Statement names prepared on each pooled connection; null after a failed message. */
const preparedOn = new WeakMap<PgConnection, Set<string> | null>();

/** The API's statement texts number in the tens; a bound keeps a connection's session small all the same. */
const MAX_PREPARED_PER_CONNECTION = 500;

const preparedStatements = new Map<string, PreparedStatement>();

/** The statement of a `?` text (`\?` stays a `?`, as in knex), made once per text. */
function preparedStatement(sql: string): PreparedStatement {
  let statement = preparedStatements.get(sql);
  if (!statement) {
    let params = 0;
    const text = sql.replace(/[\s;]+$/, '').replace(/\\?\?/g, (match) => (match === '\\?' ? '?' : `$${++params}`));
    statement = { name: `ig_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text, params };
    if (preparedStatements.size >= 5000) preparedStatements.clear();
    preparedStatements.set(sql, statement);
  }
  return statement;
}

/** A value as the quoted literal PostgreSQL reads as it would the untyped parameter node-postgres sends. */
function literal(value: unknown): string {
  if (Buffer.isBuffer(value)) return escapeLiteral(`\\x${value.toString('hex')}`);
  const text = prepareValue(value);
  return text === null || text === undefined ? 'NULL' : escapeLiteral(String(text));
}

export function toPgArrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

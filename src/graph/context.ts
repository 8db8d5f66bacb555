import type { ApolloServerPlugin } from '@apollo/server';
import DataLoader from 'dataloader';
import { type DocumentNode, visit } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SqlRunner, StatementCounter } from '../db/database';
import type { RequestInfo } from '../http/observability';
import { Connection, CountCache, PageLimits, PageQuery, PageRequest, paginate } from './connection';
import type { SharedVersionRead } from './cache';
import type { RequestCost } from './limits';

/**
 * What every resolver gets: who asks, the per-request SQL runner (counting statements) and
 * loaders for reads, and the ORM for writes.
 */
export interface Context {
  viewer: Viewer | null;
  /** What lives as long as the server: caches keyed by the data version. */
  shared: SharedState;
  sql: SqlRunner;
  loaders: Loaders;
  limits: PageLimits;
  orm: MikroORM;
  /** What the operation costs, once the query limits have measured it. */
  cost?: RequestCost;
  /** The client's address, for rate limits of anonymous clients. */
  clientAddress: string;
  /** The request's id and what GraphQL learned about it, for its log line and metrics. */
  request: RequestInfo;
  /**
   * The names of the fields the operation selects (any type, fragments included): the node
   * loaders leave out lazy columns whose fields are not among them (see SelectList). Null,
   * every column, until the operation is known.
   */
  fields: ReadonlySet<string> | null;
  /** The data version an anonymous answer is cached under; unset: the answer is not cached. */
  answerVersion?: string;
  /** The rate-limit budget after this request, reported in the answer. */
  rateLimit?: { limit: number; cost: number; remaining: number; resetAt: string };
}

/** Who is asking: the token of the request, or null for an anonymous client. */
export interface Viewer {
  tokenId: string;
  name: string;
  /** What the token may do: one of the auth module's roles (modules/auth/auth.enums.ts). */
  role: string;
  /** Database ids of the organisations a PARTNER_EDITOR may edit. */
  organisationIds: string[];
  expiresAt: Date | null;
}

/**
 * What lives as long as the server. A feature module that keeps something of its own here
 * declares it where it is defined (TypeScript's declaration merging, as the analysis module
 * does for its network cache); the wiring (src/app.ts) makes the whole.
 */
export interface SharedState {
  /** totalCount of root lists per data version. */
  counts: CountCache;
  /** The data version for cached answers, one read per turn of the event loop. */
  versions: SharedVersionRead;
}

/** Who asks, from a request's headers; the auth module answers (modules/auth/viewer.ts). */
export type Identify = (sql: SqlRunner, request: { authorization?: string; cookie?: string }) => Promise<Viewer | null>;

/** The context of one request; `identify` tells its viewer. */
export async function createContext(
  orm: MikroORM,
  limits: PageLimits,
  shared: SharedState,
  identify: Identify,
  request: { authorization?: string; cookie?: string; clientAddress: string; info: RequestInfo },
): Promise<Context> {
  const sql = new SqlRunner(orm, new StatementCounter());
  const viewer = await identify(sql, request);
  return { viewer, shared, sql, loaders: new Loaders(sql, limits), limits, orm, clientAddress: request.clientAddress, request: request.info, fields: null };
}

/**
 * The one loader factory. Loaders live for one request (no data leaks between users, no
 * stale reads) and are made on first use, keyed by name and, for connections, by the page
 * arguments: all parents asking for the same page of the same relation share one statement.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    private readonly sql: SqlRunner,
    private readonly limits: PageLimits,
  ) {}

  /** A loader of one value per key; `batch` returns rows that `keyOf` maps back to keys. */
  one<K extends string, V>(name: string, batch: (keys: readonly K[], sql: SqlRunner) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
    return this.get(name, async (keys: readonly K[]) => {
      const rows = await batch(keys, this.sql);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
  }

  /** A loader of a short, bounded list per key (e.g. the five fields of action). */
  many<K extends string, V>(name: string, batch: (keys: readonly K[], sql: SqlRunner) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
    return this.get(name, async (keys: readonly K[]) => {
      const rows = await batch(keys, this.sql);
      const byKey = new Map<K, V[]>();
      for (const row of rows) {
        const key = keyOf(row);
        const list = byKey.get(key);
        if (list) list.push(row);
        else byKey.set(key, [row]);
      }
      return keys.map((key) => byKey.get(key) ?? []);
    });
  }

  /** A loader of one connection page per parent key, for the given page arguments. */
  connection<Row extends Record<string, unknown>>(
    name: string,
    args: PageRequest,
    query: () => PageQuery<Row>,
  ): DataLoader<string, Connection<Row>> {
    const key = `${name}:${JSON.stringify([args.first, args.after, args.last, args.before, args.withTotal !== false])}`;
    return this.get(key, async (parents: readonly string[]) => {
      const pages = await paginate(this.sql, query(), args, this.limits, parents);
      return parents.map((p) => pages.get(p)!);
    });
  }

  /** Forgets everything read so far: after a write, the rest of the request reads afresh. */
  clear(): void {
    this.loaders.clear();
  }

  private get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

const fieldsOf = new WeakMap<DocumentNode, ReadonlySet<string>>();

/**
 * The names of all fields a document selects, in any operation or fragment (a superset of
 * what runs, so never too few columns). One walk per parsed document: Apollo hands the same
 * object back for the same query text.
 */
export function selectedFields(document: DocumentNode): ReadonlySet<string> {
  let fields = fieldsOf.get(document);
  if (!fields) {
    const names = new Set<string>();
    visit(document, {
      Field(node) {
        names.add(node.name.value);
      },
    });
    fieldsOf.set(document, (fields = names));
  }
  return fields;
}

/** Tells the node loaders which fields the operation selects, so that they read only the columns it shows. */
export const leanRows: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, contextValue }) {
        contextValue.fields = selectedFields(document);
      },
    };
  },
};

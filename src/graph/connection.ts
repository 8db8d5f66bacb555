import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';
import type { SqlRunner } from '../db/database';

/*
 * Relay connections: the GraphQL types and the one pagination mechanism every list uses.
 *
 * Pages are cut with keyset pagination over a unique ordering (the last sort key is always
 * the row's uuid), so a cursor stays valid while rows are added or removed before it. Nested
 * connections (the members of many forums at once) are read for all parents in one
 * statement, which keeps the number of statements per request bounded by its depth: per
 * parent through LATERAL subqueries (index lookups, an ordered LIMIT), or, where no index
 * serves the parent key, in one scan cut per parent with a window function.
 */

@ObjectType({ description: 'Where a page stands in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow the last item of this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when items precede the first item of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Return the first n items (default 20, at most 100); with `after` to page forwards.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Return the last n items (at most 100); with `before` to page backwards.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items before this cursor.' })
  before?: string | null;
}

/** Page arguments and whether the client asked for `totalCount`. */
export interface PageRequest extends PageArgs {
  /** False when `totalCount` is not selected: the count (often the dearest part) is skipped. */
  withTotal?: boolean;
}

/** The page arguments of a connection field, with `withTotal` read off the query. */
export function pageRequest(args: PageArgs, info: GraphQLResolveInfo): PageRequest {
  return { first: args.first, after: args.after, last: args.last, before: args.before, withTotal: selects(info, 'totalCount') };
}

/**
 * True when the field's selection (through fragments) holds a field of this name. Each
 * fragment is looked into once: a fragment spread many times, or chains of fragments that
 * spread the next one twice, cost no more than the document's length.
 */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return visit(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T, E extends Edge<T> = Edge<T>> {
  edges: E[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** An edge type with `cursor` and `node`; extend it to add fields such as `role`. */
export function EdgeType<T extends object>(nodeType: ClassType<T> | object, nodeName: string) {
  @ObjectType()
  abstract class EdgeClass {
    @Field(() => String, { description: 'Opaque cursor of this item, for `after` and `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${nodeName}.` })
    node!: T;
  }
  return EdgeClass;
}

/** A connection type over an edge type. */
export function ConnectionType<T extends object>(edgeType: ClassType<object>, nodeType: ClassType<T> | object, nodeName: string) {
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [edgeType], { description: 'The items of this page with their cursors.' })
    edges!: unknown[];

    @Field(() => [nodeType], { description: `The ${nodeName} items of this page, without edges.` })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list (all pages), with the filters applied.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

export interface SortKey {
  /** Column of the source query (an alias). Must never be NULL. */
  column: string;
  direction: 'asc' | 'desc';
  /**
   * PostgreSQL type, for comparing cursor values. Timestamps page as ISO text with
   * microseconds (see isoTime): a JS Date in a cursor would lose them and repeat rows.
   */
  type: 'text' | 'uuid' | 'int' | 'int8' | 'float8';
}

/** An order by one column, made unique (as keyset pagination needs) by the uuid, in the same direction. */
export function orderedBy(column: string, type: SortKey['type'], direction: 'asc' | 'desc' = 'asc'): SortKey[] {
  return [
    { column, direction, type },
    { column: 'uuid', direction, type: 'uuid' },
  ];
}

export interface PageQuery<Row> {
  /**
   * A SELECT yielding the rows. It selects every sort column and, for a nested connection,
   * the parent key as `__parent` (the pagination filters on the parents).
   */
  source: string;
  params: readonly unknown[];
  /** The ordering; the last key must be unique (the uuid). */
  orderBy: SortKey[];
  /** Extra edge fields taken from a row (e.g. the membership role). */
  edge?: (row: Row) => Record<string, unknown>;
  /**
   * The source is costly to evaluate (a search): compute it once for both the count and the
   * page, rather than letting each read it (which pays off when the page comes off an index).
   */
  costly?: boolean;
  /** For a nested connection: the type of the parent keys. */
  parentType?: 'uuid' | 'text';
  /**
   * False when no index serves the parent key (a computed key): then the rows of all parents
   * are read in one scan and cut per parent with a window function, instead of one index
   * lookup per parent.
   */
  parentIndexed?: boolean;
}

interface Window {
  size: number;
  backward: boolean;
  cursor?: unknown[];
}

// Parent keys are uuids or codes, so this one cannot collide with them.
const ROOT = '*root*';

/** Checks page arguments and turns them into a window; bad values are BAD_USER_INPUT. */
function windowOf(args: PageArgs, limits: PageLimits, orderBy: SortKey[]): Window {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badInput('Pass either "first" or "last", not both', 'first');
  if (last != null && after != null) throw badInput('"last" pages backwards: combine it with "before", not "after"', 'after');
  if (first != null && before != null) throw badInput('"first" pages forwards: combine it with "after", not "before"', 'before');
  const backward = last != null || before != null;
  const size = (backward ? last : first) ?? limits.defaultPageSize;
  const argument = backward ? 'last' : 'first';
  if (!Number.isInteger(size) || size < 0 || size > limits.maxPageSize) {
    throw badInput(`"${argument}" must be between 0 and ${limits.maxPageSize}, got ${size}`, argument);
  }
  const cursor = backward ? before : after;
  return { size, backward, cursor: cursor == null ? undefined : decodeCursor(cursor, orderBy, backward ? 'before' : 'after') };
}

const signature = (orderBy: SortKey[]) => orderBy.map((k) => `${k.column}:${k.direction}`).join(',');

function encodeCursor(row: Record<string, unknown>, orderBy: SortKey[]): string {
  const values = orderBy.map((k) => row[k.column]);
  return Buffer.from(JSON.stringify([signature(orderBy), ...values]), 'utf8').toString('base64url');
}

const INT8 = /^-?\d{1,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string, orderBy: SortKey[], argument: string): unknown[] {
  const invalid = () =>
    badInput(`"${cursor.slice(0, 100)}" is not a valid cursor for this list; use a cursor the same list returned`, argument);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== orderBy.length + 1 || parsed[0] !== signature(orderBy)) throw invalid();
  const values = parsed.slice(1);
  orderBy.forEach((k, i) => {
    const v = values[i];
    const ok =
      k.type === 'int' ? Number.isInteger(v) && Math.abs(v as number) <= 2_147_483_647
      // A bigint travels as text (the driver's form of it), which keeps every digit.
      : k.type === 'int8' ? typeof v === 'string' && INT8.test(v)
      : k.type === 'float8' ? typeof v === 'number' && Number.isFinite(v)
      : k.type === 'uuid' ? typeof v === 'string' && UUID.test(v)
      : typeof v === 'string';
    if (!ok) throw invalid();
  });
  return values;
}

/**
 * The totalCount of root lists, kept per process with the data version it was counted at
 * (the number every write moves on in its own transaction). The page statement reads the
 * version alongside the page, in the same snapshot, and leaves the count out while the cached
 * one is still of that version: counting every organisation on every request would be the
 * dearest part of a directory page. After a write, the next request counts again.
 */
type CountSource = Pick<PageQuery<never>, 'source' | 'params'>;

interface CountEntry {
  key: string;
  cached?: { version: string; total: number };
}

export class CountCache {
  private readonly entries = new Map<string, { version: string; total: number }>();

  constructor(
    /** A statement reading the current data version as one text value. */
    readonly versionSql: string,
    private readonly capacity = 1000,
  ) {}

  /** What the page statement needs to know: the entry's key, and whether it must count. */
  lookup(query: CountSource): CountEntry {
    const key = `${query.source}\u0000${JSON.stringify(query.params)}`;
    return { key, cached: this.entries.get(key) };
  }

  /**
   * The total for a page read with `__version` (and with `__total` when it counted): its own
   * count, the cached one of the same version, or, written to since, a fresh count with the
   * version of that count's own snapshot.
   */
  async total(sql: SqlRunner, query: CountSource, { key, cached }: CountEntry, row: { __version?: string; __total: number | null }): Promise<number> {
    if (!cached) return this.set(key, row.__version!, row.__total!);
    if (cached.version === row.__version) return cached.total;
    const [fresh] = await sql.query<{ total: number; version: string }>(
      `with base as not materialized (${query.source}) select count(*)::int as total, (${this.versionSql}) as version from base`,
      query.params,
    );
    return this.set(key, fresh.version, fresh.total);
  }

  private set(key: string, version: string, total: number): number {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { version, total });
    return total;
  }
}

/** An edge whose cursor is encoded when a client asks for it: most queries read `nodes` only. */
class PageEdge<Row extends Record<string, unknown>> implements Edge<Row> {
  constructor(
    readonly node: Row,
    private readonly orderBy: SortKey[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.node, this.orderBy);
  }
}

/**
 * Reads one page per parent (or the one page of a root list) in a single statement.
 * Returns the connections keyed by parent; `parents` lists the keys to answer for,
 * so that a parent with no rows gets an empty connection.
 */
export async function paginate<Row extends Record<string, unknown>>(
  sql: SqlRunner,
  query: PageQuery<Row>,
  args: PageRequest,
  limits: PageLimits,
  parents?: readonly string[],
  counts?: CountCache,
): Promise<Map<string, Connection<Row>>> {
  const window = windowOf(args, limits, query.orderBy);
  const keys = query.orderBy.map((k) => ({
    ...k,
    // Paging backwards reads the list in reverse and turns the page round afterwards.
    direction: window.backward ? (k.direction === 'asc' ? 'desc' : 'asc') : k.direction,
  }));
  // The keyset condition's values; the statements below place them after the source's own.
  const params: unknown[] = [];
  let keyset = 'true';
  if (window.cursor) {
    const ors = keys.map((k, i) => {
      const ands = keys.slice(0, i).map((p, j) => {
        params.push(window.cursor![j]);
        return `b."${p.column}" = ?::${p.type}`;
      });
      params.push(window.cursor![i]);
      ands.push(`b."${k.column}" ${k.direction === 'asc' ? '>' : '<'} ?::${k.type}`);
      return `(${ands.join(' and ')})`;
    });
    // The first key's bound again, alone: implied by the ors, but only in this form can an
    // index on the sort columns start the page at the cursor instead of at the list's start.
    params.unshift(window.cursor[0]);
    keyset = `b."${keys[0].column}" ${keys[0].direction === 'asc' ? '>=' : '<='} ?::${keys[0].type} and (${ors.join(' or ')})`;
  }
  const order = keys.map((k) => `b."${k.column}" ${k.direction}`).join(', ');
  const pageOrder = keys.map((k) => `page."${k.column}" ${k.direction}`).join(', ');
  const withTotal = args.withTotal !== false;
  const type = query.parentType ?? 'uuid';
  let statement: string;
  let ordered: unknown[];
  // A root list's count may come from the cache (see CountCache).
  const cache = !parents && withTotal ? counts : undefined;
  const entry = cache?.lookup(query);
  const counting = withTotal && !entry?.cached;
  if (!parents) {
    // A root list: the count and the page as two plans over the same source, so that the
    // page can be read off an index in its order (LIMIT) instead of numbering every row.
    ordered = [...query.params, ...params, window.size + 1];
    statement = `
    with base as ${query.costly ? '' : 'not '}materialized (${query.source})
    select '${ROOT}' as __key, t.__total, ${cache ? `(${cache.versionSql}) as __version, ` : ''}page.*
    from (select ${counting ? 'count(*)::int' : 'null::int'} as __total${counting ? ' from base' : ''}) t
    left join lateral (select b.*, 1 as __rn from base b where ${keyset} order by ${order} limit ?) page on true
    order by ${pageOrder}`;
  } else if (query.parentIndexed !== false) {
    // Per parent: its count and its page off the index on the parent key (an ordered LIMIT
    // over its few rows), as a hand-written correlated subquery would. The parent's rows are
    // read first (OFFSET 0 keeps PostgreSQL from merging that subquery into the one around it)
    // and then sorted: left to itself, the plan kept for every set of parents walks the whole
    // node table in the list's order and looks up each node's link to the parent, to spare a
    // sort of a few rows: 3,129 lookups for the members of three forums at 1,043 organisations.
    ordered = [parents, ...(withTotal ? query.params : []), ...query.params, ...params, window.size + 1];
    statement = `
    select __p.key::text as __key, ${withTotal ? 't.__total' : 'null::int as __total'}, page.*
    from unnest(?::${type}[]) with ordinality as __p(key, ord)
    ${withTotal ? `cross join lateral (select count(*)::int as __total from (${query.source}) c where c.__parent = __p.key) t` : ''}
    left join lateral (
      select b.*, 1 as __rn from (select * from (${query.source}) s where s.__parent = __p.key offset 0) b where (${keyset}) order by ${order} limit ?
    ) page on true
    order by __p.ord, ${pageOrder}`;
  } else {
    ordered = [...query.params, parents, ...params, window.size + 1];
    statement = `
    with base as (select s.*, s.__parent::text as __part from (${query.source}) s where s.__parent = any(?::${type}[])),
    totals as (select __part, count(*)::int as __total from base group by __part),
    page as (
      select b.*, row_number() over (partition by b.__part order by ${order}) as __rn
      from base b where ${keyset}
    )
    select t.__part as __key, t.__total, page.*
    from totals t left join page on page.__part = t.__part and page.__rn <= ?
    order by t.__part, page.__rn`;
  }
  // The pages of related rows per parent are key lookups: one plan for every set of parents.
  const rows = await sql.query<Row & { __key: string; __total: number | null; __rn: number | null; __version?: string }>(statement, ordered, {
    plan: parents && query.parentIndexed !== false ? 'generic' : undefined,
  });
  if (cache) rows[0].__total = await cache.total(sql, query, entry!, rows[0]);

  const grouped = new Map<string, { total: number; rows: Row[] }>();
  for (const row of rows) {
    let group = grouped.get(row.__key);
    // Without a count (not asked for), totalCount is -1; it is never sent to a client.
    if (!group) grouped.set(row.__key, (group = { total: row.__total ?? -1, rows: [] }));
    if (row.__rn != null) group.rows.push(row);
  }
  const result = new Map<string, Connection<Row>>();
  for (const key of parents ?? [ROOT]) {
    const group = grouped.get(key) ?? { total: withTotal ? 0 : -1, rows: [] };
    const more = group.rows.length > window.size;
    const pageRows = group.rows.slice(0, window.size);
    if (window.backward) pageRows.reverse();
    const edges = pageRows.map((row) => Object.assign(new PageEdge(row, query.orderBy), query.edge?.(row)));
    result.set(key, {
      edges,
      nodes: pageRows,
      totalCount: group.total,
      pageInfo: {
        hasNextPage: window.backward ? window.cursor !== undefined : more,
        hasPreviousPage: window.backward ? more : window.cursor !== undefined,
        get startCursor() {
          return edges[0]?.cursor ?? null;
        },
        get endCursor() {
          return edges[edges.length - 1]?.cursor ?? null;
        },
      },
    });
  }
  return result;
}

/** `paginate` for a root list. */
export async function paginateRoot<Row extends Record<string, unknown>>(
  sql: SqlRunner,
  query: PageQuery<Row>,
  args: PageRequest,
  limits: PageLimits,
  counts?: CountCache,
): Promise<Connection<Row>> {
  return (await paginate(sql, query, args, limits, undefined, counts)).get(ROOT)!;
}

/** The same page with each row turned into what the GraphQL type expects (cursors stay). */
export function mapNodes<Row, Node>(page: Connection<Row>, map: (row: Row) => Node): Connection<Node> {
  const nodes = page.nodes.map(map);
  return { ...page, nodes, edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i] })) };
}

import { Connection, PageRequest, paginateRoot, SortKey } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { asNodes, NodeRow, NodeTypeName } from '../../graph/node';
import type { SelectList } from './columns';

export interface Relation<Row> {
  /** Name of the relation, unique per source (it names the loader). */
  name: string;
  /**
   * FROM clause with joins, the node table under the source's alias, e.g.
   * `${liveLinks(day, kind)} m join organisation o on o.id = m.organisation_id` (the source
   * leaves out archived nodes itself; which links count is the relation's to say).
   */
  from: string;
  /** The parent key column in `from`, e.g. `m.target_id`. */
  parent: string;
  /** Parent key type; uuid unless keyed otherwise. */
  parentType?: 'uuid' | 'text';
  /** False when the parent key is computed and no index serves it (see PageQuery). */
  parentIndexed?: boolean;
  /** Extra columns from the link, e.g. `m.role`. */
  columns?: string;
  /** Edge fields taken from a row (e.g. the role). */
  edge?: (row: Row & { role?: unknown }) => Record<string, unknown>;
}

/**
 * How one node type is read: its table, the columns of its rows, its default order. All
 * loaders of the type (by id, by key, related lists and pages) are derived from it, so a
 * relation is declared once and batched the same way everywhere.
 */
export class NodeSource<Row extends NodeRow & Record<string, unknown>> {
  constructor(
    readonly type: NodeTypeName,
    readonly table: string,
    readonly alias: string,
    /** Column lists under `alias`, including every column of `orderBy`. */
    readonly columns: SelectList,
    readonly orderBy: SortKey[],
  ) {}

  /** The columns for this request: lazy ones only when it selects their fields (see Context.fields); `all` for every one. */
  private select(ctx: Context, all = false): string {
    return this.columns.for(all ? null : ctx.fields);
  }

  /** Archived rows are left out of every read. */
  private get live(): string {
    return `${this.alias}.archived_at is null`;
  }

  private rows(rows: Row[]): Row[] {
    return asNodes(this.type, rows as (Row & { uuid: string })[]) as unknown as Row[];
  }

  /** One node by a unique column (uuid `id`, `slug`, `code`), batched per request. */
  byKey(ctx: Context, column: 'id' | 'slug' | 'code', key: string): Promise<Row | null> {
    const type = column === 'id' ? 'uuid' : 'text';
    return ctx.loaders
      .one<string, Row>(
        `${this.type}:${column}`,
        async (keys, sql) =>
          this.rows(
            await sql.query(`select ${this.select(ctx)} from ${this.table} ${this.alias} where ${this.alias}.${column} = any(?::${type}[]) and ${this.live}`, [keys], {
              plan: 'generic',
            }),
          ),
        (row) => String(column === 'id' ? row.uuid : row[column]),
      )
      .load(key);
  }

  byId(ctx: Context, uuid: string): Promise<Row | null> {
    return this.byKey(ctx, 'id', uuid);
  }

  /** The root list of this type, optionally filtered, as a page. */
  async page(
    ctx: Context,
    args: PageRequest,
    /** `allColumns`: read the lazy columns too, whatever the request selects, e.g. to order by one. */
    filter: { where?: string; params?: unknown[]; orderBy?: SortKey[]; extra?: string; costly?: boolean; allColumns?: boolean } = {},
  ): Promise<Connection<Row>> {
    const page = await paginateRoot<Row>(
      ctx.sql,
      {
        source: `select ${this.select(ctx, filter.allColumns)}${filter.extra ?? ''} from ${this.table} ${this.alias} where ${this.live}${filter.where ? ` and ${filter.where}` : ''}`,
        params: filter.params ?? [],
        orderBy: filter.orderBy ?? this.orderBy,
        costly: filter.costly,
      },
      args,
      ctx.limits,
      ctx.shared.counts,
    );
    this.rows(page.nodes);
    return page;
  }

  /** All rows, in order, for short fixed lists (the five fields of action). */
  async all(ctx: Context): Promise<Row[]> {
    const order = this.orderBy.map((k) => `"${k.column}" ${k.direction}`).join(', ');
    return this.rows(await ctx.sql.query(`select ${this.select(ctx)} from ${this.table} ${this.alias} where ${this.live} order by ${order}`));
  }

  /** A page of related nodes per parent, e.g. the members of a forum. */
  async related(ctx: Context, relation: Relation<Row>, parentKey: string, args: PageRequest): Promise<Connection<Row>> {
    const page = await ctx.loaders
      .connection<Row>(`${this.type}:${relation.name}`, args, () => ({
        source: `select ${this.select(ctx)}${relation.columns ? `, ${relation.columns}` : ''}, ${relation.parent} as __parent
                 from ${relation.from} where ${this.live}`,
        params: [],
        orderBy: this.orderBy,
        edge: relation.edge,
        parentType: relation.parentType,
        parentIndexed: relation.parentIndexed,
      }))
      .load(parentKey);
    this.rows(page.nodes);
    return page;
  }

  /** All related nodes per parent, for short bounded lists (fields of action of a forum). */
  async relatedList(ctx: Context, relation: Relation<Row>, parentKey: string): Promise<Row[]> {
    const order = this.orderBy.map((k) => `"${k.column}" ${k.direction}`).join(', ');
    return ctx.loaders
      .many<string, Row & { __parent: string }>(
        `${this.type}:${relation.name}`,
        async (parents, sql) =>
          this.rows(
            await sql.query(
              `select * from (select ${this.select(ctx)}, ${relation.parent}::text as __parent from ${relation.from}
               where ${relation.parent} = any(?::${relation.parentType ?? 'uuid'}[]) and ${this.live}) s order by ${order}`,
              [parents],
              { plan: 'generic' },
            ),
          ) as (Row & { __parent: string })[],
        (row) => row.__parent,
      )
      .load(parentKey);
  }

  /**
   * Whether a row holds this key, archived rows included: the unique index covers them, so
   * an archived entry's key stays taken.
   */
  async keyTaken(ctx: Context, column: 'slug' | 'code', key: string): Promise<boolean> {
    return (await ctx.sql.query(`select 1 from ${this.table} where ${column} = ?`, [key])).length > 0;
  }

  /**
   * One node by uuid even when it is archived: what an archive mutation returns. Not
   * batched; it follows the write that archived it.
   */
  async byIdWithArchived(ctx: Context, uuid: string): Promise<Row | null> {
    const rows = await ctx.sql.query<Row>(`select ${this.select(ctx)} from ${this.table} ${this.alias} where ${this.alias}.id = ?`, [uuid]);
    return this.rows(rows)[0] ?? null;
  }
}

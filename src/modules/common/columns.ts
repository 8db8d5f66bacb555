import type { Day } from '../../graph/day';

/**
 * Timestamps are read as ISO-8601 text in UTC with microseconds, e.g. 2026-11-25T08:43:02.879235Z:
 * what the DateTime scalar sends, and, being of fixed width, it sorts and pages as text without
 * losing the microseconds a JS Date would drop from a cursor.
 */
export const isoTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The columns every node row carries (see BaseEntity), under table alias `a`; the times only for the fields that show them. */
const baseParts = (a: string): Part[] => [
  { sql: `${a}.id as uuid` },
  { sql: `${isoTime(`${a}.created_at`)} as "createdAt"`, when: ['createdAt'] },
  { sql: `${isoTime(`${a}.updated_at`)} as "updatedAt"`, when: ['updatedAt'] },
  { sql: `${a}.version` },
];

/**
 * One column of the rows a loader reads: its SQL (by default the snake_case column of the
 * same name under the table's alias) and, as a type only, its TypeScript type. A map of
 * them gives both the select list (selectList) and the row type (RowOf), so the two cannot
 * drift apart.
 */
export interface Column<T> {
  /** The expression, for a column that is computed or named otherwise; gets the table alias. */
  readonly sql?: (alias: string) => string;
  /** Never set: carries T for RowOf. */
  readonly type?: T;
  /** The fields that show this column; it is read only when the query selects one of them (see SelectList). Unset: always read. */
  readonly when?: readonly string[];
}

/**
 * A column read only for queries that select one of `fields` (on any type): wide or costly
 * columns that lists rarely show. A resolver may read a lazy column only for a field named
 * here; for any other it might find nothing.
 */
export const lazy = <T>(c: Column<T>, ...fields: [string, ...string[]]): Column<T> => ({ ...c, when: fields });

export type ColumnMap = Record<string, Column<unknown>>;

/** The row a column map reads. */
export type RowOf<M extends ColumnMap> = { [K in keyof M]: M[K] extends Column<infer T> ? T : never };

const column =
  <T>() =>
  (sql?: (alias: string) => string): Column<T> => ({ sql });

export const text = column<string>();
export const int = column<number>();
export const bool = column<boolean>();
export const texts = column<string[]>();
export const uuid = column<string>();
/** A date column: node-postgres hands dates over as "YYYY-MM-DD" text (MikroORM's setting), the Date scalar's form. */
export const day = column<Day>();
/** A text column holding one value of a GraphQL enum. */
export const oneOf = <E extends string>(_values: Record<string, E>, sql?: (alias: string) => string): Column<E> => ({ sql });
export const nullable = <T>(c: Column<T>): Column<T | null> => c;

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

interface Part {
  sql: string;
  when?: readonly string[];
}

/**
 * A node's select list for a query: every column, less the lazy ones (formatted times,
 * contact details, long texts) whose fields the query does not select. Formatting and
 * reading back columns nobody shows was a tenth and more of a nested page's cost. One text
 * per set of lazy columns read, kept: the statements stay the same for the same query.
 */
export class SelectList {
  private readonly texts = new Map<string, string>();
  private readonly lazyParts: Part[];

  constructor(private readonly parts: Part[]) {
    this.lazyParts = parts.filter((p) => p.when);
  }

  /** The list for a query selecting `fields` (any type); null: every column. */
  for(fields: ReadonlySet<string> | null): string {
    let mask = '';
    for (const part of this.lazyParts) mask += !fields || part.when!.some((f) => fields.has(f)) ? '1' : '0';
    let text = this.texts.get(mask);
    if (text === undefined) {
      let i = 0;
      // Left out altogether, not read as null: every column costs its description and a
      // value per row to decode, null or not.
      text = this.parts.filter((p) => !p.when || mask[i++] === '1').map((p) => p.sql).join(', ');
      this.texts.set(mask, text);
    }
    return text;
  }
}

/** The select list of a node's rows under table alias `a`: the columns every node has, then the map's. */
export function selectList(a: string, columns: ColumnMap): SelectList {
  const parts: Part[] = Object.entries(columns).map(([key, c]) => {
    const expression = c.sql ? c.sql(a) : `${a}.${snakeCase(key)}`;
    const sql = expression === `${a}.${key}` ? expression : `${expression} as "${key}"`;
    return c.when ? { sql, when: c.when } : { sql };
  });
  return new SelectList([...baseParts(a), ...parts]);
}

/**
 * What a GraphQL object type implements: the row's columns minus those it does not show
 * (`Hidden`), checked both ways. `implements` alone lets a field be narrower than its column;
 * this also fails to compile when the row does not fit the type, e.g. when a column that may
 * be null backs a non-null field.
 */
export type FieldsOf<M extends ColumnMap, T, Hidden extends keyof M = never> =
  Omit<RowOf<M>, Hidden> extends Pick<T, Exclude<keyof M, Hidden> & keyof T>
    ? Omit<RowOf<M>, Hidden>
    : { 'a column does not fit its GraphQL field (is a nullable column a non-null field?)': never };

/**
 * The search indexes of a table. `ig_search_document(a, b, c)` (German stemming, umlauts
 * folded, `a` weighted highest) and `ig_fold(text)` (lower case, accents removed) are SQL
 * functions created by the search migration. Queries must repeat these expressions exactly
 * for PostgreSQL to use the indexes: they take them from `searchDocument()` below.
 */
export interface SearchColumns {
  table: string;
  /** Three text columns: the name, a second name (short name, English name, focus), a longer text. */
  columns: [string, string, string];
}

export function searchIndexes({ table, columns }: SearchColumns) {
  return [
    {
      name: `${table}_search_idx`,
      expression: `create index "${table}_search_idx" on "${table}" using gin (${searchDocument(columns)})`,
    },
    {
      name: `${table}_name_trgm_idx`,
      expression: `create index "${table}_name_trgm_idx" on "${table}" using gin (ig_fold("${columns[0]}") gin_trgm_ops)`,
    },
  ];
}

/** The indexed document expression, optionally with a table alias. */
export function searchDocument(columns: readonly string[], alias?: string): string {
  const col = (c: string) => (alias ? `${alias}."${c}"` : `"${c}"`);
  return `ig_search_document(${columns.map(col).join(', ')})`;
}

/** Timestamps sort (and page) as text with microseconds: a JS Date would drop them from cursors. */
export const sortableTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** The columns every node row carries (see BaseEntity), under table alias `a`. */
export const baseColumns = (a: string) =>
  `${a}.id as uuid, ${a}.created_at as "createdAt", ${a}.updated_at as "updatedAt", ${a}.version, ` +
  `${sortableTime(`${a}.created_at`)} as "createdSort", ${sortableTime(`${a}.updated_at`)} as "updatedSort"`;

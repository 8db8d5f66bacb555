/**
 * Timestamps are read as ISO-8601 text in UTC with microseconds, e.g. 2026-11-25T08:43:02.879235Z:
 * what the DateTime scalar sends, and, being of fixed width, it sorts and pages as text without
 * losing the microseconds a JS Date would drop from a cursor.
 */
export const isoTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The columns every node row carries (see BaseEntity), under table alias `a`. */
export const baseColumns = (a: string) =>
  `${a}.id as uuid, ${isoTime(`${a}.created_at`)} as "createdAt", ${isoTime(`${a}.updated_at`)} as "updatedAt", ${a}.version`;

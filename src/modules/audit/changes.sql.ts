/**
 * Organisations (alias `o`) changed after a time (two placeholders, both the time in ISO-8601): their own row,
 * or anything the audit trail files under them (contact persons, fields, areas, links).
 * For copies that sync by time (`modifiedAfter`, HSDS's `modified_after`); the change feed
 * is the exact way, and the one that also tells of archived organisations.
 */
export const modifiedAfter = (o: string) =>
  `(${o}.updated_at > ?::timestamptz or exists (select 1 from audit_entry a where a.organisation_id = ${o}.id and a.at > ?::timestamptz))`;

import { type Day, PROGRAMME_TIME_ZONE, sqlDay, today } from '../../graph/day';

/*
 * Which nodes stood on a day, for the reads that look back (as-of analyses, monitoring).
 * Nodes have no start date of their own but organisations (`since`); an archived node stood
 * until the day it was archived, in Wetzlar's time zone.
 */

/**
 * Whether the node under `alias` still stood on `day` (not archived by then). Archiving
 * stamps the present, so today this is "not archived": the condition every other read uses.
 */
export function standsOn(alias: string, day: Day): string {
  if (day === today()) return `${alias}.archived_at is null`;
  return `(${alias}.archived_at is null or (${alias}.archived_at at time zone '${PROGRAMME_TIME_ZONE}')::date > ${sqlDay(day)})`;
}

/** Whether the organisation under `alias` was in the network on `day`: joined by then (or when is unknown) and not archived. */
export function organisationStandsOn(alias: string, day: Day): string {
  if (day === today()) return standsOn(alias, day);
  return `(${alias}.since is null or ${alias}.since <= ${sqlDay(day)}) and ${standsOn(alias, day)}`;
}

/** The day the node under `alias` was archived, in Wetzlar: the first day it no longer stood (null: it stands). */
const archivedDay = (alias: string) => `(${alias}.archived_at at time zone '${PROGRAMME_TIME_ZONE}')::date`;

/**
 * The days the node under `alias` stood, as an SQL daterange (unbounded before; until the day
 * it was archived): `day <@ stoodDays('t')` is standsOn for a day the statement gives.
 */
export function stoodDays(alias: string): string {
  return `daterange(null, ${archivedDay(alias)}, '[)')`;
}

/**
 * The days the organisation under `alias` was in the network, as an SQL daterange [since,
 * archived): `day <@ organisationStoodDays('o')` is organisationStandsOn for a day the
 * statement gives. Archived before it joined: no day.
 */
export function organisationStoodDays(alias: string): string {
  return `daterange(${alias}.since, case when ${alias}.archived_at is not null then greatest(${archivedDay(alias)}, coalesce(${alias}.since, ${archivedDay(alias)})) end, '[)')`;
}

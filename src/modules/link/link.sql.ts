import { type Day, sqlDay, today } from '../../graph/day';
import { MembershipTarget } from './link.enums';

/** Where each kind of link is stored. */
export const LINK_TABLES = {
  [MembershipTarget.FORUM]: { table: 'forum_membership', targetColumn: 'forum_id', targetTable: 'forum' },
  [MembershipTarget.BODY]: { table: 'body_membership', targetColumn: 'body_id', targetTable: 'body' },
  [MembershipTarget.PROJECT]: { table: 'project_participation', targetColumn: 'project_id', targetTable: 'project' },
} as const satisfies Record<MembershipTarget, { table: string; targetColumn: string; targetTable: string }>;

export const LINK_KINDS_IN_ORDER = Object.keys(LINK_TABLES) as MembershipTarget[];

/**
 * Whether the link under `alias` holds on `day`: it started by then (or when is unknown) and
 * had not ended. Writes never date a link after today (link.mutations.ts), so today a link
 * holds exactly when it has not ended: today's reads, the most frequent, keep the simple
 * condition and the statement text of every day.
 */
export function holdsOn(alias: string, day: Day): string {
  if (day === today()) return `${alias}.until is null`;
  const d = sqlDay(day);
  return `(${alias}.since is null or ${alias}.since <= ${d}) and (${alias}.until is null or ${alias}.until > ${d})`;
}

/**
 * The days the link under `alias` holds, as an SQL daterange [since, until): unbounded where
 * either is unknown. `day <@ heldDays('l')` is holdsOn for a day the statement gives (a
 * column), for reads that look at many days in one statement (monitoring's periods).
 */
export function heldDays(alias: string): string {
  return `daterange(${alias}.since, ${alias}.until, '[)')`;
}

/**
 * The links that hold on `day`, of one kind or of all, as a FROM item with the columns
 * `(type, target_id, organisation_id, role, since, until)`. Every read of links as they stand
 * on a day goes through here: it is the one place that says which links count. Whether the
 * organisation and the target are live is for their own readers to say, as for any node.
 * PostgreSQL pulls this subquery up into the query around it (a UNION ALL of simple
 * branches too), so it costs what reading the link table directly would.
 */
export function liveLinks(day: Day, kind?: MembershipTarget): string {
  const select = (k: MembershipTarget) =>
    `select '${k}'::text as type, l.${LINK_TABLES[k].targetColumn} as target_id, l.organisation_id, l.role, l.since, l.until
     from ${LINK_TABLES[k].table} l where ${holdsOn('l', day)}`;
  return `(${(kind ? [kind] : LINK_KINDS_IN_ORDER).map(select).join(' union all ')})`;
}

/**
 * Every link of one kind or of all, ended ones too, as a FROM item with the columns
 * `(type, id, target_id, organisation_id, role, since, until, end_reason)`: the history.
 */
export function allLinks(kind?: MembershipTarget): string {
  const select = (k: MembershipTarget) =>
    `select '${k}'::text as type, l.id, l.${LINK_TABLES[k].targetColumn} as target_id, l.organisation_id, l.role, l.since, l.until, l.end_reason
     from ${LINK_TABLES[k].table} l`;
  return `(${(kind ? [kind] : LINK_KINDS_IN_ORDER).map(select).join(' union all ')})`;
}

import { MembershipTarget } from './link.enums';

/** Where each kind of link is stored. */
export const LINK_TABLES = {
  [MembershipTarget.FORUM]: { table: 'forum_membership', targetColumn: 'forum_id', targetTable: 'forum' },
  [MembershipTarget.BODY]: { table: 'body_membership', targetColumn: 'body_id', targetTable: 'body' },
  [MembershipTarget.PROJECT]: { table: 'project_participation', targetColumn: 'project_id', targetTable: 'project' },
} as const satisfies Record<MembershipTarget, { table: string; targetColumn: string; targetTable: string }>;

export const LINK_KINDS_IN_ORDER = Object.keys(LINK_TABLES) as MembershipTarget[];

/**
 * The links in force, of one kind or of all, as a FROM item with the columns
 * `(type, target_id, organisation_id, role)`. Every read of links goes through here: it is
 * the one place that says which links count (today: those not archived). Whether the
 * organisation and the target are live is for their own readers to say, as for any node.
 * PostgreSQL pulls this subquery up into the query around it (a UNION ALL of simple
 * branches too), so it costs what reading the link table directly would.
 */
export function liveLinks(kind?: MembershipTarget): string {
  const select = (k: MembershipTarget) =>
    `select '${k}'::text as type, l.${LINK_TABLES[k].targetColumn} as target_id, l.organisation_id, l.role
     from ${LINK_TABLES[k].table} l where l.archived_at is null`;
  return `(${(kind ? [kind] : LINK_KINDS_IN_ORDER).map(select).join(' union all ')})`;
}

import type { Connection, PageRequest, SortKey } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { type Day, today } from '../../graph/day';
import type { NodeRow } from '../../graph/node';
import { BODIES } from '../body/body.loaders';
import type { NodeSource, Relation } from '../common/node-source';
import { FORUMS } from '../forum/forum.loaders';
import { ORGANISATIONS, type OrganisationRow } from '../organisation/organisation.loaders';
import { PROJECTS } from '../project/project.loaders';
import { type LinkEndReason, MembershipTarget } from './link.enums';
import { allLinks, liveLinks } from './link.sql';

/** The reads of one kind of link, from either end. */
export interface LinkReads {
  /** The forum, body or project by its uuid. */
  target(ctx: Context, uuid: string): Promise<NodeRow | null>;
  /** A page of the organisations linked to a target on `day`, with their role (members, participants). */
  organisations(ctx: Context, targetUuid: string, page: PageRequest, day: Day): Promise<Connection<OrganisationRow>>;
  /** A page of the targets an organisation is linked to on `day`, with its role there. */
  targets(ctx: Context, organisationUuid: string, page: PageRequest, day: Day): Promise<Connection<NodeRow>>;
}

/** What an edge of a link carries besides its node. */
const edge = (row: { role?: unknown; since?: unknown; until?: unknown }) => ({ role: row.role, since: row.since ?? null, until: row.until ?? null });
/** The link's columns an edge reads (dates as text: "YYYY-MM-DD", whatever the driver makes of dates). */
const EDGE_COLUMNS = 'm.role, m.since::text as since, m.until::text as until';

/**
 * `relation` for one day, made again only when the day (or today: holdsOn reads today's
 * links apart) differs from the last one asked for: the lists of links of a page (twenty
 * organisations' forums) all ask for the same day, mostly today, and their statement text
 * need not be built twenty times.
 */
function lastDay<T>(relation: (day: Day) => T): (day: Day) => T {
  let last: { day: Day; today: Day; value: T } | undefined;
  return (day) => {
    const now = today();
    if (last?.day !== day || last.today !== now) last = { day, today: now, value: relation(day) };
    return last.value;
  };
}

function linkReads<Row extends NodeRow & Record<string, unknown>>(kind: MembershipTarget, source: NodeSource<Row>): LinkReads {
  const o = ORGANISATIONS.alias;
  // Named by the day: the lists of different days are loaded apart.
  const organisations = lastDay((day: Day): Relation<OrganisationRow> => ({
    name: `linkedTo${kind}@${day}`,
    from: `${liveLinks(day, kind)} m join organisation ${o} on ${o}.id = m.organisation_id`,
    parent: 'm.target_id',
    columns: EDGE_COLUMNS,
    edge,
  }));
  const targets = lastDay((day: Day): Relation<Row> => ({
    name: `linkedFromOrganisation@${day}`,
    from: `${liveLinks(day, kind)} m join ${source.table} ${source.alias} on ${source.alias}.id = m.target_id`,
    parent: 'm.organisation_id',
    columns: EDGE_COLUMNS,
    edge,
  }));
  return {
    target: (ctx, uuid) => source.byId(ctx, uuid),
    organisations: (ctx, targetUuid, page, day) => ORGANISATIONS.related(ctx, organisations(day), targetUuid, page),
    targets: (ctx, organisationUuid, page, day) => source.related(ctx, targets(day), organisationUuid, page),
  };
}

export const LINKS: Record<MembershipTarget, LinkReads> = {
  [MembershipTarget.FORUM]: linkReads(MembershipTarget.FORUM, FORUMS),
  [MembershipTarget.BODY]: linkReads(MembershipTarget.BODY, BODIES),
  [MembershipTarget.PROJECT]: linkReads(MembershipTarget.PROJECT, PROJECTS),
};

const bodyChairs = (day: Day): Relation<OrganisationRow> => ({
  name: `chairOfBody@${day}`,
  from: `${liveLinks(day, MembershipTarget.BODY)} m join organisation ${ORGANISATIONS.alias} on ${ORGANISATIONS.alias}.id = m.organisation_id and m.role = 'CHAIR'`,
  parent: 'm.target_id',
});

/** The organisation that chairs a body on `day`, if any. */
export async function chairOfBody(ctx: Context, bodyUuid: string, day: Day): Promise<OrganisationRow | null> {
  const chairs = await ORGANISATIONS.relatedList(ctx, bodyChairs(day), bodyUuid);
  return chairs[0] ?? null;
}

/** One period of a link, as the history lists read it. */
export interface LinkPeriodRow extends Record<string, unknown> {
  uuid: string;
  kind: MembershipTarget;
  targetUuid: string;
  organisationUuid: string;
  role: string;
  since: Day | null;
  until: Day | null;
  endReason: LinkEndReason | null;
}

/** Latest start first (unknown starts last), then by id: the days since 1900 as a number, for the cursor. */
const HISTORY_ORDER: SortKey[] = [
  { column: 'startKey', direction: 'desc', type: 'int' },
  { column: 'uuid', direction: 'desc', type: 'uuid' },
];

/**
 * A page of the periods of links, ended ones too, of one target (`by: 'target_id'`, one kind)
 * or of one organisation (`by: 'organisation_id'`, every kind): the history. Links of
 * archived organisations are left out, as everywhere.
 */
export function linkHistory(ctx: Context, by: 'target_id' | 'organisation_id', parentUuid: string, page: PageRequest, kind?: MembershipTarget): Promise<Connection<LinkPeriodRow>> {
  return ctx.loaders
    .connection<LinkPeriodRow>(`linkHistory:${kind ?? 'ALL'}:${by}`, page, () => ({
      source: `select h.id as uuid, h.type as kind, h.target_id::text as "targetUuid", h.organisation_id::text as "organisationUuid", h.role,
                      h.since::text as since, h.until::text as until, h.end_reason as "endReason",
                      coalesce(h.since - date '1900-01-01', -1) as "startKey", h.${by} as __parent
               from ${allLinks(kind)} h join organisation o on o.id = h.organisation_id and o.archived_at is null`,
      params: [],
      orderBy: HISTORY_ORDER,
    }))
    .load(parentUuid);
}

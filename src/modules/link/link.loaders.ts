import type { Connection, PageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import type { NodeRow } from '../../graph/node';
import { BODIES } from '../body/body.loaders';
import type { NodeSource, Relation } from '../common/node-source';
import { FORUMS } from '../forum/forum.loaders';
import { ORGANISATIONS, type OrganisationRow } from '../organisation/organisation.loaders';
import { PROJECTS } from '../project/project.loaders';
import { MembershipTarget } from './link.enums';
import { liveLinks } from './link.sql';

/** The reads of one kind of link, from either end. */
export interface LinkReads {
  /** The forum, body or project by its uuid. */
  target(ctx: Context, uuid: string): Promise<NodeRow | null>;
  /** A page of the organisations linked to a target, with their role (members, participants). */
  organisations(ctx: Context, targetUuid: string, page: PageRequest): Promise<Connection<OrganisationRow>>;
  /** A page of the targets an organisation is linked to, with its role there. */
  targets(ctx: Context, organisationUuid: string, page: PageRequest): Promise<Connection<NodeRow>>;
}

const role = (row: { role?: unknown }) => ({ role: row.role });

function linkReads<Row extends NodeRow & Record<string, unknown>>(kind: MembershipTarget, source: NodeSource<Row>): LinkReads {
  const o = ORGANISATIONS.alias;
  const organisations: Relation<OrganisationRow> = {
    name: `linkedTo${kind}`,
    from: `${liveLinks(kind)} m join organisation ${o} on ${o}.id = m.organisation_id`,
    parent: 'm.target_id',
    columns: 'm.role',
    edge: role,
  };
  const targets: Relation<Row> = {
    name: 'linkedFromOrganisation',
    from: `${liveLinks(kind)} m join ${source.table} ${source.alias} on ${source.alias}.id = m.target_id`,
    parent: 'm.organisation_id',
    columns: 'm.role',
    edge: role,
  };
  return {
    target: (ctx, uuid) => source.byId(ctx, uuid),
    organisations: (ctx, targetUuid, page) => ORGANISATIONS.related(ctx, organisations, targetUuid, page),
    targets: (ctx, organisationUuid, page) => source.related(ctx, targets, organisationUuid, page),
  };
}

export const LINKS: Record<MembershipTarget, LinkReads> = {
  [MembershipTarget.FORUM]: linkReads(MembershipTarget.FORUM, FORUMS),
  [MembershipTarget.BODY]: linkReads(MembershipTarget.BODY, BODIES),
  [MembershipTarget.PROJECT]: linkReads(MembershipTarget.PROJECT, PROJECTS),
};

const BODY_CHAIRS: Relation<OrganisationRow> = {
  name: 'chairOfBody',
  from: `${liveLinks(MembershipTarget.BODY)} m join organisation ${ORGANISATIONS.alias} on ${ORGANISATIONS.alias}.id = m.organisation_id and m.role = 'CHAIR'`,
  parent: 'm.target_id',
};

/** The organisation that chairs a body, if any. */
export async function chairOfBody(ctx: Context, bodyUuid: string): Promise<OrganisationRow | null> {
  const chairs = await ORGANISATIONS.relatedList(ctx, BODY_CHAIRS, bodyUuid);
  return chairs[0] ?? null;
}

import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { type Day, writtenDay } from '../../graph/day';
import { badInput } from '../../graph/errors';
import { fromGlobalId, NodeTypeName, toGlobalId } from '../../graph/node';
import { CoordinatorOnly } from '../auth/policy';
import { Body } from '../body/body.entity';
import type { BaseEntity } from '../common/base.entity';
import { write, type WriteTx } from '../common/write';
import { Forum } from '../forum/forum.entity';
import { Organisation as OrganisationEntity } from '../organisation/organisation.entity';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Project } from '../project/project.entity';
import { BodyMembership, ForumMembership, ProjectParticipation } from './link.entity';
import { LINK_KIND, LinkEndReason, MembershipTarget, memberName, targetIdField } from './link.enums';
import { type AddLinkInput, LINK_INPUTS, type RemoveLinkInput } from './link.inputs';
import { LINKS } from './link.loaders';
import { MembershipPayload } from './link.type';

/*
 * Writes of links, for the link mutations and for approved membership requests. A link holds
 * for a period of days; ending one sets its `until`, and a new period starts a new row, so
 * the history stays. No day after today is written: as-of reads rely on it (link.sql.ts).
 */

type Link = BaseEntity & { organisation: OrganisationEntity; role: string; since?: string | null; until?: string | null; endReason?: LinkEndReason | null };

/** The entities of each kind of link, and the type name its audit entries carry. */
const LINK_ENTITIES = {
  [MembershipTarget.FORUM]: { entity: Forum, link: ForumMembership, linkType: 'ForumMembership' },
  [MembershipTarget.BODY]: { entity: Body, link: BodyMembership, linkType: 'BodyMembership' },
  [MembershipTarget.PROJECT]: { entity: Project, link: ProjectParticipation, linkType: 'ProjectParticipation' },
} satisfies Record<MembershipTarget, { entity: new () => BaseEntity; link: new () => BaseEntity; linkType: string }>;

const linkWrites = (kind: MembershipTarget) => ({
  ...LINK_ENTITIES[kind],
  /** The target's type, e.g. "Forum". */
  type: LINK_KIND[kind].target,
  /** The property of the link (and of a request) that holds the target, e.g. "forum". */
  prop: LINK_KIND[kind].noun,
  roles: Object.values(LINK_KIND[kind].role) as string[],
  defaultRole: LINK_KIND[kind].defaultRole as string,
});

/** How each kind of link is written: its entities, and the names and roles of its description (LINK_KIND). */
export const LINK_WRITES = {
  [MembershipTarget.FORUM]: linkWrites(MembershipTarget.FORUM),
  [MembershipTarget.BODY]: linkWrites(MembershipTarget.BODY),
  [MembershipTarget.PROJECT]: linkWrites(MembershipTarget.PROJECT),
};

const KIND_OF_TYPE = Object.fromEntries(Object.values(MembershipTarget).map((kind) => [LINK_KIND[kind].target, kind])) as Partial<Record<NodeTypeName, MembershipTarget>>;

/** The kind of link a global id of a forum, body or project leads to; BAD_USER_INPUT for any other id. */
export function targetOf(id: string, argument: string): { kind: MembershipTarget; uuid: string } {
  const { type, uuid } = fromGlobalId(id, argument);
  const kind = KIND_OF_TYPE[type];
  if (!kind) throw badInput(`${argument} must be the id of a forum, body or project`, argument);
  return { kind, uuid };
}

/** Loads the forum, body or project of a link for a write (NOT_FOUND when there is none). */
export function loadTarget(tx: WriteTx, kind: MembershipTarget, id: string, argument: string): Promise<BaseEntity> {
  const cfg = LINK_WRITES[kind];
  return tx.load(cfg.entity as new () => BaseEntity, cfg.type, id, argument);
}

/** The link of an organisation to a target that holds now (has not ended), if any. */
export async function liveLink(tx: WriteTx, kind: MembershipTarget, target: BaseEntity, org: OrganisationEntity): Promise<Link | null> {
  const cfg = LINK_WRITES[kind];
  return (await tx.em.findOne(cfg.link as new () => Link, { [cfg.prop]: target, organisation: org, until: null } as never)) as Link | null;
}

/** Why a link cannot start on a day; null when it can. */
export type LinkRefusal = { field: string; message: string; code: 'ALREADY_MEMBER' | 'OVERLAPS' | 'BEFORE_START' };

/**
 * Links `org` to the target with `role` from `since`, recorded in the audit log. When it is
 * linked already with another role, that period ends on `since` (ROLE_CHANGED) and the new
 * role holds from then on. Returns why it did nothing, if it did nothing.
 */
export async function addLink(tx: WriteTx, kind: MembershipTarget, target: BaseEntity, org: OrganisationEntity, role: string, since: Day): Promise<LinkRefusal | null> {
  const cfg = LINK_WRITES[kind];
  const open = await liveLink(tx, kind, target, org);
  if (open && open.role === role) return { field: 'organisationId', message: `is a ${LINK_KIND[kind].member} with role ${role} already`, code: 'ALREADY_MEMBER' };
  if (open && open.since && open.since > since) {
    return { field: 'since', message: `is before the current role's start (${open.since}): a role can change from that day on`, code: 'BEFORE_START' };
  }
  if (!open) {
    // An earlier period that ends after this one would start: the two would overlap.
    const later = (await tx.em.findOne(cfg.link as new () => Link, { [cfg.prop]: target, organisation: org, until: { $gt: since } } as never, { orderBy: { until: 'desc' } as never })) as Link | null;
    if (later) return { field: 'since', message: `overlaps an earlier ${LINK_KIND[kind].link} that ended on ${later.until}`, code: 'OVERLAPS' };
  }
  if (open) {
    open.until = since;
    open.endReason = LinkEndReason.ROLE_CHANGED;
    // Written before the new period is: the database checks that periods do not overlap at each statement.
    await tx.em.flush();
  }
  const link = Object.assign(new (cfg.link as new () => Link)(), { [cfg.prop]: target, organisation: org, role, since, until: null }) as Link;
  tx.em.persist(link);
  const targetId = toGlobalId(cfg.type, target.id);
  tx.audit({
    action: open ? 'UPDATE' : 'ADD_MEMBER', entityType: cfg.linkType, entityId: link.id, organisationId: org.id,
    changes: {
      [cfg.prop]: { before: open ? targetId : null, after: targetId },
      role: { before: open?.role ?? null, after: role },
      since: { before: open?.since ?? null, after: since },
    },
  });
  return null;
}

/** Why a link cannot end; null when it ended. */
export type EndRefusal = { field: string; message: string; code: 'NOT_MEMBER' | 'BEFORE_START' };

/** Ends the link of `org` to the target that holds now on `until`, for `reason`, recorded in the audit log. */
export async function endLink(tx: WriteTx, kind: MembershipTarget, target: BaseEntity, org: OrganisationEntity, until: Day, reason: LinkEndReason): Promise<EndRefusal | null> {
  const cfg = LINK_WRITES[kind];
  const link = await liveLink(tx, kind, target, org);
  if (!link) return { field: 'organisationId', message: `is not a ${LINK_KIND[kind].member}`, code: 'NOT_MEMBER' };
  if (link.since && link.since > until) return { field: 'until', message: `is before the ${LINK_KIND[kind].link} started (${link.since})`, code: 'BEFORE_START' };
  link.until = until;
  link.endReason = reason;
  tx.audit({
    action: 'REMOVE_MEMBER', entityType: cfg.linkType, entityId: link.id, organisationId: org.id,
    changes: {
      [cfg.prop]: { before: toGlobalId(cfg.type, target.id), after: null },
      role: { before: link.role, after: null },
      until: { before: null, after: until },
      endReason: { before: null, after: reason },
    },
  });
  return null;
}

async function payload(ctx: Context, kind: MembershipTarget, targetUuid: string, orgUuid: string, link: { role: string | null; since: Day | null; until: Day | null }, refusal: LinkRefusal | EndRefusal | null) {
  return {
    organisation: await ORGANISATIONS.byId(ctx, orgUuid),
    target: await LINKS[kind].target(ctx, targetUuid),
    ...(refusal ? { role: null, since: null, until: null } : link),
    userErrors: refusal ? [refusal] : [],
  };
}

/** Links an organisation to a target from a day, or changes its role there from that day. */
async function add(ctx: Context, kind: MembershipTarget, input: AddLinkInput) {
  const since = writtenDay(input.since, 'input.since');
  const result = await write(ctx, async (tx) => {
    const target = await loadTarget(tx, kind, input[targetIdField(LINK_KIND[kind])], `input.${targetIdField(LINK_KIND[kind])}`);
    const org = await tx.load(OrganisationEntity, 'Organisation', input.organisationId, 'input.organisationId');
    const refusal = await addLink(tx, kind, target, org, input.role, since);
    return { target: target.id, org: org.id, refusal };
  });
  return payload(ctx, kind, result.target, result.org, { role: input.role, since, until: null }, result.refusal);
}

/** Ends a link on a day (nothing is deleted); a userError NOT_MEMBER when there is none. */
async function remove(ctx: Context, kind: MembershipTarget, input: RemoveLinkInput) {
  const until = writtenDay(input.until, 'input.until');
  const result = await write(ctx, async (tx) => {
    const target = await loadTarget(tx, kind, input[targetIdField(LINK_KIND[kind])], `input.${targetIdField(LINK_KIND[kind])}`);
    const org = await tx.load(OrganisationEntity, 'Organisation', input.organisationId, 'input.organisationId');
    return { target: target.id, org: org.id, refusal: await endLink(tx, kind, target, org, until, input.reason ?? LinkEndReason.LEFT) };
  });
  return payload(ctx, kind, result.target, result.org, { role: null, since: null, until }, result.refusal);
}

/** The mutations of one kind of link: `addForumMember` and `removeForumMember`, … */
function linkMutations(target: MembershipTarget) {
  const kind = LINK_KIND[target];
  const inputs = LINK_INPUTS[target];
  const name = `${kind.target}${memberName(kind)}`;

  @Resolver()
  class LinkMutations {
    @Mutation(() => MembershipPayload, {
      name: `add${name}`,
      description: `Adds an organisation to a ${kind.noun} from a day (default today), or changes its role there from that day (coordinators).`,
    })
    @CoordinatorOnly()
    add(@Arg('input', () => inputs.add) input: AddLinkInput, @Ctx() ctx: Context) {
      return add(ctx, target, input);
    }

    @Mutation(() => MembershipPayload, {
      name: `remove${name}`,
      description: `Ends an organisation's ${kind.link} in a ${kind.noun} on a day (default today), with a reason (coordinators); its history stays.`,
    })
    @CoordinatorOnly()
    remove(@Arg('input', () => inputs.remove) input: RemoveLinkInput, @Ctx() ctx: Context) {
      return remove(ctx, target, input);
    }
  }
  return LinkMutations;
}

export const ForumLinkMutations = linkMutations(MembershipTarget.FORUM);
export const BodyLinkMutations = linkMutations(MembershipTarget.BODY);
export const ProjectLinkMutations = linkMutations(MembershipTarget.PROJECT);

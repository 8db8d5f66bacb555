import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
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
import { LINK_KIND, MembershipTarget, memberName, targetIdField } from './link.enums';
import { type AddLinkInput, LINK_INPUTS, type RemoveLinkInput } from './link.inputs';
import { LINKS } from './link.loaders';
import { MembershipPayload } from './link.type';

/*
 * Writes of links, for the link mutations and for approved membership requests. A link that
 * ends is archived, not deleted; one that starts again is the same row made live again.
 */

type Link = BaseEntity & { organisation: OrganisationEntity; role: string };

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

/** The live link of an organisation to a target, if any. */
export async function liveLink(tx: WriteTx, kind: MembershipTarget, target: BaseEntity, org: OrganisationEntity): Promise<Link | null> {
  const cfg = LINK_WRITES[kind];
  return (await tx.em.findOne(cfg.link as new () => Link, { [cfg.prop]: target, organisation: org, archivedAt: null } as never)) as Link | null;
}

/**
 * Links `org` to the target with `role` (making an archived link live again), recorded in
 * the audit log. Returns false when it is linked with that role already.
 */
export async function addLink(tx: WriteTx, kind: MembershipTarget, target: BaseEntity, org: OrganisationEntity, role: string): Promise<boolean> {
  const cfg = LINK_WRITES[kind];
  const existing = (await tx.em.findOne(cfg.link as new () => Link, { [cfg.prop]: target, organisation: org } as never)) as Link | null;
  const active = existing && !existing.archivedAt;
  if (active && existing.role === role) return false;
  const link: Link = existing ?? (Object.assign(new (cfg.link as new () => Link)(), { [cfg.prop]: target, organisation: org }) as Link);
  if (!existing) tx.em.persist(link);
  link.archivedAt = null;
  link.role = role;
  tx.audit({
    action: active ? 'UPDATE' : 'ADD_MEMBER', entityType: cfg.linkType, entityId: link.id, organisationId: org.id,
    changes: { [cfg.prop]: { before: active ? toGlobalId(cfg.type, target.id) : null, after: toGlobalId(cfg.type, target.id) }, role: { before: active ? existing.role : null, after: role } },
  });
  return true;
}

/** Ends the live link of `org` to the target (archives it), recorded in the audit log. Returns false when there is none. */
export async function endLink(tx: WriteTx, kind: MembershipTarget, target: BaseEntity, org: OrganisationEntity): Promise<boolean> {
  const cfg = LINK_WRITES[kind];
  const link = await liveLink(tx, kind, target, org);
  if (!link) return false;
  link.archivedAt = new Date();
  tx.audit({
    action: 'REMOVE_MEMBER', entityType: cfg.linkType, entityId: link.id, organisationId: org.id,
    changes: { [cfg.prop]: { before: toGlobalId(cfg.type, target.id), after: null }, role: { before: link.role, after: null } },
  });
  return true;
}

async function payload(ctx: Context, kind: MembershipTarget, targetUuid: string, orgUuid: string, role: string | null, userErrors: MembershipPayload['userErrors']) {
  return {
    organisation: await ORGANISATIONS.byId(ctx, orgUuid),
    target: await LINKS[kind].target(ctx, targetUuid),
    role,
    userErrors,
  };
}

/** Links an organisation to a target, or changes its role there. */
async function add(ctx: Context, kind: MembershipTarget, targetId: string, organisationId: string, role: string) {
  const ids = await write(ctx, async (tx) => {
    const target = await loadTarget(tx, kind, targetId, `input.${targetIdField(LINK_KIND[kind])}`);
    const org = await tx.load(OrganisationEntity, 'Organisation', organisationId, 'input.organisationId');
    const changed = await addLink(tx, kind, target, org, role);
    return { target: target.id, org: org.id, changed };
  });
  return payload(ctx, kind, ids.target, ids.org, role, ids.changed ? [] : [{ field: 'organisationId', message: `is a member with role ${role} already`, code: 'ALREADY_MEMBER' }]);
}

/** Ends a link (nothing is deleted); a userError NOT_MEMBER when there is none. */
async function remove(ctx: Context, kind: MembershipTarget, targetId: string, organisationId: string) {
  const result = await write(ctx, async (tx) => {
    const target = await loadTarget(tx, kind, targetId, `input.${targetIdField(LINK_KIND[kind])}`);
    const org = await tx.load(OrganisationEntity, 'Organisation', organisationId, 'input.organisationId');
    return { target: target.id, org: org.id, removed: await endLink(tx, kind, target, org) };
  });
  return payload(ctx, kind, result.target, result.org, null, result.removed ? [] : [{ field: 'organisationId', message: 'is not a member', code: 'NOT_MEMBER' }]);
}

/** The mutations of one kind of link: `addForumMember` and `removeForumMember`, … */
function linkMutations(target: MembershipTarget) {
  const kind = LINK_KIND[target];
  const inputs = LINK_INPUTS[target];
  const name = `${kind.target}${memberName(kind)}`;
  const targetId = targetIdField(kind);

  @Resolver()
  class LinkMutations {
    @Mutation(() => MembershipPayload, { name: `add${name}`, description: `Adds an organisation to a ${kind.noun}, or changes its role there (coordinators).` })
    @CoordinatorOnly()
    add(@Arg('input', () => inputs.add) input: AddLinkInput, @Ctx() ctx: Context) {
      return add(ctx, target, input[targetId], input.organisationId, input.role);
    }

    @Mutation(() => MembershipPayload, {
      name: `remove${name}`,
      description: `Removes an organisation from a ${kind.noun} (coordinators); the ${kind.link} is archived, its history stays.`,
    })
    @CoordinatorOnly()
    remove(@Arg('input', () => inputs.remove) input: RemoveLinkInput, @Ctx() ctx: Context) {
      return remove(ctx, target, input[targetId], input.organisationId);
    }
  }
  return LinkMutations;
}

export const ForumLinkMutations = linkMutations(MembershipTarget.FORUM);
export const BodyLinkMutations = linkMutations(MembershipTarget.BODY);
export const ProjectLinkMutations = linkMutations(MembershipTarget.PROJECT);

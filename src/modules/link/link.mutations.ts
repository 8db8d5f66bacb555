import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { CoordinatorOnly } from '../auth/policy';
import { write } from '../common/write';
import { Organisation as OrganisationEntity } from '../organisation/organisation.entity';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { MembershipTarget } from './link.enums';
import { type AddLinkInput, LINK_INPUTS, type RemoveLinkInput } from './link.inputs';
import { LINK_KIND, memberName, targetIdField } from './link.kinds';
import { LINKS } from './link.loaders';
import { MembershipPayload } from './link.type';
import { addLink, endLink, LINK_WRITES, loadTarget } from './link.writes';

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
    const target = await loadTarget(tx, kind, targetId, `input.${LINK_WRITES[kind].prop}Id`);
    const org = await tx.load(OrganisationEntity, 'Organisation', organisationId, 'input.organisationId');
    const changed = await addLink(tx, kind, target, org, role);
    return { target: target.id, org: org.id, changed };
  });
  return payload(ctx, kind, ids.target, ids.org, role, ids.changed ? [] : [{ field: 'organisationId', message: `is a member with role ${role} already`, code: 'ALREADY_MEMBER' }]);
}

/** Ends a link (nothing is deleted); a userError NOT_MEMBER when there is none. */
async function remove(ctx: Context, kind: MembershipTarget, targetId: string, organisationId: string) {
  const result = await write(ctx, async (tx) => {
    const target = await loadTarget(tx, kind, targetId, `input.${LINK_WRITES[kind].prop}Id`);
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

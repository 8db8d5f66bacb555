import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { CoordinatorOnly } from '../auth/policy';
import { write } from '../common/write';
import { Organisation as OrganisationEntity } from '../organisation/organisation.entity';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { MembershipTarget } from './link.enums';
import {
  BodyMemberInput, ForumMemberInput, ProjectParticipantInput, RemoveBodyMemberInput, RemoveForumMemberInput, RemoveProjectParticipantInput,
} from './link.inputs';
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

@Resolver()
export class LinkMutations {
  @Mutation(() => MembershipPayload, { description: 'Adds an organisation to a forum, or changes its role there (coordinators).' })
  @CoordinatorOnly()
  addForumMember(@Arg('input', () => ForumMemberInput) input: ForumMemberInput, @Ctx() ctx: Context) {
    return add(ctx, MembershipTarget.FORUM, input.forumId, input.organisationId, input.role);
  }

  @Mutation(() => MembershipPayload, { description: 'Adds an organisation to a body, or changes its role there (coordinators).' })
  @CoordinatorOnly()
  addBodyMember(@Arg('input', () => BodyMemberInput) input: BodyMemberInput, @Ctx() ctx: Context) {
    return add(ctx, MembershipTarget.BODY, input.bodyId, input.organisationId, input.role);
  }

  @Mutation(() => MembershipPayload, { description: 'Adds an organisation to a project, or changes its role there (coordinators).' })
  @CoordinatorOnly()
  addProjectParticipant(@Arg('input', () => ProjectParticipantInput) input: ProjectParticipantInput, @Ctx() ctx: Context) {
    return add(ctx, MembershipTarget.PROJECT, input.projectId, input.organisationId, input.role);
  }

  @Mutation(() => MembershipPayload, { description: 'Removes an organisation from a forum (coordinators); the membership is archived, its history stays.' })
  @CoordinatorOnly()
  removeForumMember(@Arg('input', () => RemoveForumMemberInput) input: RemoveForumMemberInput, @Ctx() ctx: Context) {
    return remove(ctx, MembershipTarget.FORUM, input.forumId, input.organisationId);
  }

  @Mutation(() => MembershipPayload, { description: 'Removes an organisation from a body (coordinators); the membership is archived, its history stays.' })
  @CoordinatorOnly()
  removeBodyMember(@Arg('input', () => RemoveBodyMemberInput) input: RemoveBodyMemberInput, @Ctx() ctx: Context) {
    return remove(ctx, MembershipTarget.BODY, input.bodyId, input.organisationId);
  }

  @Mutation(() => MembershipPayload, { description: 'Removes an organisation from a project (coordinators); the participation is archived, its history stays.' })
  @CoordinatorOnly()
  removeProjectParticipant(@Arg('input', () => RemoveProjectParticipantInput) input: RemoveProjectParticipantInput, @Ctx() ctx: Context) {
    return remove(ctx, MembershipTarget.PROJECT, input.projectId, input.organisationId);
  }
}

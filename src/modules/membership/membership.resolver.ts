import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { dayOf } from '../../graph/day';
import { ApiError } from '../../graph/errors';
import { toGlobalId } from '../../graph/node';
import { ApiToken as ApiTokenEntity } from '../auth/api-token.entity';
import { Authenticated, CoordinatorOnly, EditorOf, isCoordinator } from '../auth/policy';
import { userErrorsOf, write } from '../common/write';
import { LINKS } from '../link/link.loaders';
import { MembershipTargetUnion } from '../link/link.type';
import { addLink, LINK_WRITES, liveLink, loadTarget, targetOf } from '../link/link.mutations';
import { Organisation as OrganisationEntity } from '../organisation/organisation.entity';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation } from '../organisation/organisation.type';
import { MembershipRequest as MembershipRequestEntity } from './membership-request.entity';
import { Decision, RequestStatus } from './membership.enums';
import { DecideMembershipRequestInput, RequestMembershipInput } from './membership.inputs';
import { membershipRequest, membershipRequests } from './membership.loaders';
import { MembershipRequestConnection, MembershipRequestPayload, MembershipRequest } from './membership.type';

/** Partners ask to join a forum, body or project; coordinators decide, and an approval makes the link. */
@Resolver(() => MembershipRequest)
export class MembershipResolver {
  @Mutation(() => MembershipRequestPayload, { description: 'A partner asks to join a forum, body or project for its organisation; a coordinator decides.' })
  @EditorOf('input.organisationId', (args) => args.input?.organisationId)
  async requestMembership(@Arg('input', () => RequestMembershipInput) input: RequestMembershipInput, @Ctx() ctx: Context): Promise<MembershipRequestPayload> {
    const userErrors = await userErrorsOf(input);
    const { kind, uuid: targetUuid } = targetOf(input.targetId, 'input.targetId');
    const cfg = LINK_WRITES[kind];
    const role = input.role ?? cfg.defaultRole;
    if (!cfg.roles.includes(role)) userErrors.push({ field: 'role', message: `must be one of ${cfg.roles.join(', ')}`, code: 'INVALID' });
    if (userErrors.length) return { request: null, userErrors };
    const result = await write(ctx, async (tx) => {
      const target = await loadTarget(tx, kind, input.targetId, 'input.targetId');
      const org = await tx.load(OrganisationEntity, 'Organisation', input.organisationId, 'input.organisationId');
      if (await liveLink(tx, kind, target, org)) return { error: { field: 'targetId', message: 'the organisation is a member already', code: 'ALREADY_MEMBER' } };
      const pending = await tx.em.findOne(MembershipRequestEntity, { [cfg.prop]: target, organisation: org, status: RequestStatus.PENDING } as never);
      if (pending) return { error: { field: 'targetId', message: 'a request is pending already', code: 'DUPLICATE' } };
      const request = Object.assign(new MembershipRequestEntity(), {
        organisation: org, targetType: kind, [cfg.prop]: target, role, message: input.message ?? undefined,
        requestedBy: tx.em.getReference(ApiTokenEntity, ctx.viewer!.tokenId),
      });
      tx.em.persist(request);
      tx.audit({
        action: 'REQUEST', entityType: 'MembershipRequest', entityId: request.id, organisationId: org.id,
        changes: { target: { before: null, after: toGlobalId(cfg.type, targetUuid) }, role: { before: null, after: role }, status: { before: null, after: RequestStatus.PENDING } },
      });
      return { uuid: request.id };
    });
    if ('error' in result) return { request: null, userErrors: [result.error as never] };
    return { request: await membershipRequest(ctx, result.uuid!), userErrors: [] };
  }

  @Mutation(() => MembershipRequestPayload, { description: 'Approves (the membership is made at once) or rejects a pending request (coordinators).' })
  @CoordinatorOnly()
  async decideMembershipRequest(@Arg('input', () => DecideMembershipRequestInput) input: DecideMembershipRequestInput, @Ctx() ctx: Context): Promise<MembershipRequestPayload> {
    const userErrors = await userErrorsOf(input);
    if (userErrors.length) return { request: null, userErrors };
    const uuid = await write(ctx, async (tx) => {
      const request = await tx.load(MembershipRequestEntity, 'MembershipRequest', input.id, 'input.id', { populate: ['organisation', 'forum', 'body', 'project'] });
      if (request.status !== RequestStatus.PENDING) throw new ApiError('CONFLICT', `The request was ${request.status.toLowerCase()} already`);
      request.status = input.decision === Decision.APPROVE ? RequestStatus.APPROVED : RequestStatus.REJECTED;
      request.decidedAt = new Date();
      request.decidedBy = tx.em.getReference(ApiTokenEntity, ctx.viewer!.tokenId);
      request.decisionNote = input.note ?? undefined;
      tx.audit({
        action: 'DECIDE', entityType: 'MembershipRequest', entityId: request.id, organisationId: request.organisation.id,
        changes: { status: { before: RequestStatus.PENDING, after: request.status }, ...(input.note ? { decisionNote: { before: null, after: input.note } } : {}) },
      });
      if (request.status === RequestStatus.APPROVED) {
        // The link starts on the day of approval. Should the organisation have been linked
        // meanwhile with this role, there is nothing to add: the request is approved all the same.
        const target = (request.forum ?? request.body ?? request.project)!;
        await addLink(tx, request.targetType, target, request.organisation, request.role, dayOf(request.decidedAt));
      }
      return request.id;
    });
    return { request: await membershipRequest(ctx, uuid), userErrors: [] };
  }

  @Query(() => MembershipRequestConnection, {
    description: 'Membership requests, oldest first: coordinators see all, partner editors those of their own organisations.',
  })
  @Authenticated()
  membershipRequests(
    @Args() page: PageArgs,
    @Arg('status', () => RequestStatus, { nullable: true, description: 'Only requests in this state, e.g. PENDING.' }) status: RequestStatus | null,
    @Ctx() ctx: Context,
  ) {
    return membershipRequests(ctx, page, { organisationUuids: isCoordinator(ctx.viewer) ? null : ctx.viewer!.organisationIds, status });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that asks.' })
  organisation(@Root() request: MembershipRequest, @Ctx() ctx: Context) {
    return ORGANISATIONS.byId(ctx, request.organisationUuid);
  }

  @FieldResolver(() => MembershipTargetUnion, { nullable: true, description: 'The forum, body or project it asks to join.' })
  target(@Root() request: MembershipRequest, @Ctx() ctx: Context) {
    return LINKS[request.targetType].target(ctx, request.targetUuid);
  }
}

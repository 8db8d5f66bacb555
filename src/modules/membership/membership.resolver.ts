import { Arg, Args, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, EdgeType, mapNodes, orderedBy, PageArgs, paginateRoot } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ApiError, badInput } from '../../graph/errors';
import { fromGlobalId, NodeTypeName, toGlobalId } from '../../graph/node';
import { ApiToken } from '../auth/api-token.entity';
import { Authenticated, CoordinatorOnly, EditorOf, isCoordinator } from '../auth/policy';
import { Body, BodyMembership } from '../body/body.entity';
import { BODIES } from '../body/body.loaders';
import { isoTime } from '../common/columns';
import type { BaseEntity } from '../common/base.entity';
import { userErrorsOf, write, WriteTx } from '../common/write';
import { MembershipRole } from '../forum/forum.enums';
import { Forum, ForumMembership } from '../forum/forum.entity';
import { FORUMS } from '../forum/forum.loaders';
import { Organisation } from '../organisation/organisation.entity';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation as OrganisationType } from '../organisation/organisation.type';
import { ParticipationRole } from '../project/project.enums';
import { Project, ProjectParticipation } from '../project/project.entity';
import { PROJECTS } from '../project/project.loaders';
import { MembershipRequest } from './membership-request.entity';
import { Decision, MembershipTarget, RequestStatus } from './membership.enums';
import {
  BodyMemberInput, DecideMembershipRequestInput, ForumMemberInput, MembershipPayload, MembershipRequestPayload, MembershipRequestType,
  MembershipTargetUnion, ProjectParticipantInput, RemoveBodyMemberInput, RemoveForumMemberInput, RemoveProjectParticipantInput,
  RequestMembershipInput,
} from './membership.types';

type Link = BaseEntity & { organisation: Organisation; role: string };

/** How each kind of membership is stored; one mechanism for forums, bodies and projects. */
const TARGETS = {
  FORUM: { type: 'Forum', entity: Forum, link: ForumMembership, prop: 'forum', linkType: 'ForumMembership', roles: Object.values(MembershipRole) as string[], defaultRole: 'MEMBER', source: FORUMS },
  BODY: { type: 'Body', entity: Body, link: BodyMembership, prop: 'body', linkType: 'BodyMembership', roles: Object.values(MembershipRole) as string[], defaultRole: 'MEMBER', source: BODIES },
  PROJECT: { type: 'Project', entity: Project, link: ProjectParticipation, prop: 'project', linkType: 'ProjectParticipation', roles: Object.values(ParticipationRole) as string[], defaultRole: 'PARTNER', source: PROJECTS },
} as const;

const TARGET_OF_TYPE: Record<string, MembershipTarget> = { Forum: MembershipTarget.FORUM, Body: MembershipTarget.BODY, Project: MembershipTarget.PROJECT };

function targetOf(id: string, argument: string): { kind: MembershipTarget; uuid: string } {
  const { type, uuid } = fromGlobalId(id, argument);
  const kind = TARGET_OF_TYPE[type];
  if (!kind) throw badInput(`${argument} must be the id of a forum, body or project`, argument);
  return { kind, uuid };
}

/**
 * Makes `org` a member of the target with `role` (re-activating an archived membership).
 * Returns false when it is a member with that role already.
 */
async function addMember(tx: WriteTx, kind: MembershipTarget, target: BaseEntity, org: Organisation, role: string): Promise<boolean> {
  const cfg = TARGETS[kind];
  const existing = (await tx.em.findOne(cfg.link as never, { [cfg.prop]: target, organisation: org } as never)) as Link | null;
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

async function loadTarget(tx: WriteTx, kind: MembershipTarget, id: string, argument: string) {
  const cfg = TARGETS[kind];
  return tx.load(cfg.entity as unknown as new () => BaseEntity, cfg.type as NodeTypeName, id, argument);
}

async function payload(ctx: Context, kind: MembershipTarget, targetUuid: string, orgUuid: string, role: string | null, userErrors = []) {
  return {
    organisation: await ORGANISATIONS.byId(ctx, orgUuid),
    target: await TARGETS[kind].source.byId(ctx, targetUuid),
    role,
    userErrors,
  };
}

const REQUEST_COLUMNS = `r.id as uuid, r.target_type as "targetType", r.role, r.message, r.status, ${isoTime('r.created_at')} as "createdAt",
  case when r.decided_at is null then null else ${isoTime('r.decided_at')} end as "decidedAt", r.decision_note as "decisionNote", r.version,
  r.organisation_id as "organisationUuid", coalesce(r.forum_id, r.body_id, r.project_id) as "targetUuid"`;

const asRequest = (row: Record<string, any>): MembershipRequestType => ({ ...(row as MembershipRequestType), id: toGlobalId('MembershipRequest', row.uuid) });

async function readRequest(ctx: Context, uuid: string) {
  const [row] = await ctx.sql.query(`select ${REQUEST_COLUMNS} from membership_request r where r.id = ?`, [uuid]);
  return asRequest(row);
}

@ObjectType({ description: 'A membership request in a list.' })
class MembershipRequestEdge extends EdgeType(MembershipRequestType, 'membership request') {}

@ObjectType({ description: 'A page of membership requests, oldest first.' })
class MembershipRequestConnection extends ConnectionType(MembershipRequestEdge, MembershipRequestType, 'membership request') {}

@Resolver(() => MembershipRequestType)
export class MembershipResolver {
  private async add(ctx: Context, kind: MembershipTarget, targetId: string, organisationId: string, role: string) {
    const ids = await write(ctx, async (tx) => {
      const target = await loadTarget(tx, kind, targetId, `input.${TARGETS[kind].prop}Id`);
      const org = await tx.load(Organisation, 'Organisation', organisationId, 'input.organisationId');
      const changed = await addMember(tx, kind, target, org, role);
      return { target: target.id, org: org.id, changed };
    });
    return payload(ctx, kind, ids.target, ids.org, role, ids.changed ? [] : ([{ field: 'organisationId', message: `is a member with role ${role} already`, code: 'ALREADY_MEMBER' }] as never));
  }

  @Mutation(() => MembershipPayload, { description: 'Adds an organisation to a forum, or changes its role there (coordinators).' })
  @CoordinatorOnly()
  addForumMember(@Arg('input', () => ForumMemberInput) input: ForumMemberInput, @Ctx() ctx: Context) {
    return this.add(ctx, MembershipTarget.FORUM, input.forumId, input.organisationId, input.role);
  }

  @Mutation(() => MembershipPayload, { description: 'Adds an organisation to a body, or changes its role there (coordinators).' })
  @CoordinatorOnly()
  addBodyMember(@Arg('input', () => BodyMemberInput) input: BodyMemberInput, @Ctx() ctx: Context) {
    return this.add(ctx, MembershipTarget.BODY, input.bodyId, input.organisationId, input.role);
  }

  @Mutation(() => MembershipPayload, { description: 'Adds an organisation to a project, or changes its role there (coordinators).' })
  @CoordinatorOnly()
  addProjectParticipant(@Arg('input', () => ProjectParticipantInput) input: ProjectParticipantInput, @Ctx() ctx: Context) {
    return this.add(ctx, MembershipTarget.PROJECT, input.projectId, input.organisationId, input.role);
  }

  /** Archives the membership (nothing is deleted); a userError NOT_MEMBER when there is none. */
  private async remove(ctx: Context, kind: MembershipTarget, targetId: string, organisationId: string) {
    const cfg = TARGETS[kind];
    const result = await write(ctx, async (tx) => {
      const target = await loadTarget(tx, kind, targetId, `input.${cfg.prop}Id`);
      const org = await tx.load(Organisation, 'Organisation', organisationId, 'input.organisationId');
      const link = (await tx.em.findOne(cfg.link as never, { [cfg.prop]: target, organisation: org, archivedAt: null } as never)) as Link | null;
      if (link) {
        link.archivedAt = new Date();
        tx.audit({
          action: 'REMOVE_MEMBER', entityType: cfg.linkType, entityId: link.id, organisationId: org.id,
          changes: { [cfg.prop]: { before: toGlobalId(cfg.type, target.id), after: null }, role: { before: link.role, after: null } },
        });
      }
      return { target: target.id, org: org.id, removed: !!link };
    });
    return payload(ctx, kind, result.target, result.org, null, result.removed ? [] : ([{ field: 'organisationId', message: 'is not a member', code: 'NOT_MEMBER' }] as never));
  }

  @Mutation(() => MembershipPayload, { description: 'Removes an organisation from a forum (coordinators); the membership is archived, its history stays.' })
  @CoordinatorOnly()
  removeForumMember(@Arg('input', () => RemoveForumMemberInput) input: RemoveForumMemberInput, @Ctx() ctx: Context) {
    return this.remove(ctx, MembershipTarget.FORUM, input.forumId, input.organisationId);
  }

  @Mutation(() => MembershipPayload, { description: 'Removes an organisation from a body (coordinators); the membership is archived, its history stays.' })
  @CoordinatorOnly()
  removeBodyMember(@Arg('input', () => RemoveBodyMemberInput) input: RemoveBodyMemberInput, @Ctx() ctx: Context) {
    return this.remove(ctx, MembershipTarget.BODY, input.bodyId, input.organisationId);
  }

  @Mutation(() => MembershipPayload, { description: 'Removes an organisation from a project (coordinators); the participation is archived, its history stays.' })
  @CoordinatorOnly()
  removeProjectParticipant(@Arg('input', () => RemoveProjectParticipantInput) input: RemoveProjectParticipantInput, @Ctx() ctx: Context) {
    return this.remove(ctx, MembershipTarget.PROJECT, input.projectId, input.organisationId);
  }

  @Mutation(() => MembershipRequestPayload, { description: 'A partner asks to join a forum, body or project for its organisation; a coordinator decides.' })
  @EditorOf('input.organisationId', (args) => args.input?.organisationId)
  async requestMembership(@Arg('input', () => RequestMembershipInput) input: RequestMembershipInput, @Ctx() ctx: Context): Promise<MembershipRequestPayload> {
    const userErrors = await userErrorsOf(input);
    const { kind, uuid: targetUuid } = targetOf(input.targetId, 'input.targetId');
    const cfg = TARGETS[kind];
    const role = input.role ?? cfg.defaultRole;
    if (!cfg.roles.includes(role)) userErrors.push({ field: 'role', message: `must be one of ${cfg.roles.join(', ')}`, code: 'INVALID' });
    if (userErrors.length) return { request: null, userErrors };
    const result = await write(ctx, async (tx) => {
      const target = await loadTarget(tx, kind, input.targetId, 'input.targetId');
      const org = await tx.load(Organisation, 'Organisation', input.organisationId, 'input.organisationId');
      const member = await tx.em.findOne(cfg.link as never, { [cfg.prop]: target, organisation: org, archivedAt: null } as never);
      if (member) return { error: { field: 'targetId', message: 'the organisation is a member already', code: 'ALREADY_MEMBER' } };
      const pending = await tx.em.findOne(MembershipRequest, { [cfg.prop]: target, organisation: org, status: RequestStatus.PENDING } as never);
      if (pending) return { error: { field: 'targetId', message: 'a request is pending already', code: 'DUPLICATE' } };
      const request = Object.assign(new MembershipRequest(), {
        organisation: org, targetType: kind, [cfg.prop]: target, role, message: input.message ?? undefined,
        requestedBy: tx.em.getReference(ApiToken, ctx.viewer!.tokenId),
      });
      tx.em.persist(request);
      tx.audit({
        action: 'REQUEST', entityType: 'MembershipRequest', entityId: request.id, organisationId: org.id,
        changes: { target: { before: null, after: toGlobalId(cfg.type, targetUuid) }, role: { before: null, after: role }, status: { before: null, after: RequestStatus.PENDING } },
      });
      return { uuid: request.id };
    });
    if ('error' in result) return { request: null, userErrors: [result.error as never] };
    return { request: await readRequest(ctx, result.uuid!), userErrors: [] };
  }

  @Mutation(() => MembershipRequestPayload, { description: 'Approves (the membership is made at once) or rejects a pending request (coordinators).' })
  @CoordinatorOnly()
  async decideMembershipRequest(@Arg('input', () => DecideMembershipRequestInput) input: DecideMembershipRequestInput, @Ctx() ctx: Context): Promise<MembershipRequestPayload> {
    const userErrors = await userErrorsOf(input);
    if (userErrors.length) return { request: null, userErrors };
    const uuid = await write(ctx, async (tx) => {
      const request = await tx.load(MembershipRequest, 'MembershipRequest', input.id, 'input.id', { populate: ['organisation', 'forum', 'body', 'project'] });
      if (request.status !== RequestStatus.PENDING) throw new ApiError('CONFLICT', `The request was ${request.status.toLowerCase()} already`);
      request.status = input.decision === Decision.APPROVE ? RequestStatus.APPROVED : RequestStatus.REJECTED;
      request.decidedAt = new Date();
      request.decidedBy = tx.em.getReference(ApiToken, ctx.viewer!.tokenId);
      request.decisionNote = input.note ?? undefined;
      tx.audit({
        action: 'DECIDE', entityType: 'MembershipRequest', entityId: request.id, organisationId: request.organisation.id,
        changes: { status: { before: RequestStatus.PENDING, after: request.status }, ...(input.note ? { decisionNote: { before: null, after: input.note } } : {}) },
      });
      if (request.status === RequestStatus.APPROVED) {
        const target = (request.forum ?? request.body ?? request.project)!;
        await addMember(tx, request.targetType, target, request.organisation, request.role);
      }
      return request.id;
    });
    return { request: await readRequest(ctx, uuid), userErrors: [] };
  }

  @Query(() => MembershipRequestConnection, {
    description: 'Membership requests, oldest first: coordinators see all, partner editors those of their own organisations.',
  })
  @Authenticated()
  async membershipRequests(
    @Args() page: PageArgs,
    @Arg('status', () => RequestStatus, { nullable: true, description: 'Only requests in this state, e.g. PENDING.' }) status: RequestStatus | null,
    @Ctx() ctx: Context,
  ) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!isCoordinator(ctx.viewer)) {
      where.push('r.organisation_id = any(?::uuid[])');
      params.push(ctx.viewer!.organisationIds);
    }
    if (status) {
      where.push('r.status = ?');
      params.push(status);
    }
    const result = await paginateRoot(
      ctx.sql,
      {
        source: `select ${REQUEST_COLUMNS} from membership_request r ${where.length ? `where ${where.join(' and ')}` : ''}`,
        params,
        orderBy: orderedBy('createdAt', 'text'),
      },
      page,
      ctx.limits,
    );
    return mapNodes(result, asRequest);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The organisation that asks.' })
  organisation(@Root() request: MembershipRequestType, @Ctx() ctx: Context) {
    return ORGANISATIONS.byId(ctx, request.organisationUuid);
  }

  @FieldResolver(() => MembershipTargetUnion, { nullable: true, description: 'The forum, body or project it asks to join.' })
  target(@Root() request: MembershipRequestType, @Ctx() ctx: Context) {
    return TARGETS[request.targetType].source.byId(ctx, request.targetUuid);
  }
}

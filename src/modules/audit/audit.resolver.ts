import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, EdgeType, mapNodes, PageArgs } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ApiError } from '../../graph/errors';
import { NodeTypeName, toGlobalId, uuidOf } from '../../graph/node';
import { Authenticated, isCoordinator } from '../auth/policy';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation } from '../organisation/organisation.type';
import { AuditConditions, AuditRow, auditTrail } from './audit.loaders';

@ObjectType({ description: 'One field of a change: its value before and after.' })
class FieldChange {
  @Field(() => String)
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after!: unknown;
}

@ObjectType({ description: 'Who made a change: the token, its role and name at the time.' })
class AuditActor {
  @Field(() => ID, { nullable: true, description: 'The token; null for changes made by the system (npm run token, the seed).' })
  tokenId!: string | null;

  @Field(() => String, { description: 'PARTNER_EDITOR, COORDINATOR, ADMIN or SYSTEM.' })
  role!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('AuditEntry', { description: 'A change to the directory: who, when, which entry, and each changed field before and after.' })
class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Date, { description: 'When the change was committed.' })
  at!: string;

  @Field(() => String, { description: 'CREATE, UPDATE, ARCHIVE, ADD_MEMBER, REMOVE_MEMBER, REQUEST, DECIDE, REVOKE.' })
  action!: string;

  @Field(() => String, { description: 'The type of the changed entry, e.g. "Organisation", "ForumMembership".' })
  entityType!: string;

  @Field(() => ID, { description: 'The changed entry.' })
  entityId!: string;

  @Field(() => AuditActor)
  actor!: AuditActor;

  @Field(() => [FieldChange], { description: 'The changed fields, with their values before and after.' })
  changes!: FieldChange[];

  organisationUuid!: string | null;
}

@ObjectType({ description: 'An entry of the audit trail in a list.' })
class AuditEntryEdge extends EdgeType(AuditEntry, 'audit entry') {}

@ObjectType({ description: 'A page of the audit trail, newest first.' })
class AuditEntryConnection extends ConnectionType(AuditEntryEdge, AuditEntry, 'audit entry') {}

@InputType({ description: 'Narrows the audit trail; all given conditions must hold.' })
class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Changes of this entry (any id the API returned).' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Changes of entries of this type, e.g. "Organisation".' })
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Changes concerning this organisation (its entry, contacts, memberships).' })
  organisationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Changes made with this token.' })
  actorTokenId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action, e.g. "UPDATE".' })
  action?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time on (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time (exclusive).' })
  to?: Date | null;
}

const asEntry = (row: AuditRow): AuditEntry => ({
  id: toGlobalId('AuditEntry', row.uuid),
  at: row.at,
  action: row.action,
  entityType: row.entityType,
  // Also for entries of types without ids of their own (a membership): the same encoding.
  entityId: toGlobalId(row.entityType as NodeTypeName, row.entityUuid),
  actor: { tokenId: row.actorTokenId && toGlobalId('ApiToken', row.actorTokenId), role: row.actorRole, name: row.actorName },
  changes: Object.entries(row.changes).map(([field, c]) => ({ field, before: c.before, after: c.after })),
  organisationUuid: row.organisationUuid,
});

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description: 'The audit trail, newest first. Coordinators read all of it; partner editors the history of their own organisations.',
  })
  @Authenticated()
  async auditLog(
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Ctx() ctx: Context,
  ) {
    const f = filter ?? {};
    const conditions: AuditConditions = {};
    if (f.organisationId != null) {
      const uuid = uuidOf(f.organisationId, 'filter.organisationId', 'Organisation');
      if (!isCoordinator(ctx.viewer) && !ctx.viewer!.organisationIds.includes(uuid)) {
        throw new ApiError('FORBIDDEN', 'This token may read the history of its own organisations only');
      }
      conditions.organisation = uuid;
    } else if (!isCoordinator(ctx.viewer)) {
      conditions.organisations = ctx.viewer!.organisationIds;
    }
    if (f.entityId != null) conditions.entity = uuidOf(f.entityId, 'filter.entityId');
    if (f.entityType != null) conditions.entityType = f.entityType;
    if (f.actorTokenId != null) conditions.actorToken = uuidOf(f.actorTokenId, 'filter.actorTokenId', 'ApiToken');
    if (f.action != null) conditions.action = f.action;
    if (f.from != null) conditions.from = new Date(f.from).toISOString();
    if (f.to != null) conditions.to = new Date(f.to).toISOString();
    const result = await auditTrail(ctx, conditions, page);
    return mapNodes(result, asEntry);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation the change concerns, if any.' })
  organisation(@Root() entry: AuditEntry, @Ctx() ctx: Context) {
    return entry.organisationUuid ? ORGANISATIONS.byId(ctx, entry.organisationUuid) : null;
  }
}

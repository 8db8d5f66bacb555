import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, InputType, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { ConnectionType, EdgeType, mapNodes, PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { badInput } from '../../graph/errors';
import { NodeTypeName, toGlobalId, uuidOf } from '../../graph/node';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation } from '../organisation/organisation.type';
import { ChangeRow, changeFeed } from './changes.loaders';
import { FEED_TYPES } from './changes.sql';

/*
 * The change feed: what copies of the directory (the city's website, a district directory,
 * an HSDS consumer) read to stay in sync without reading everything again. It is the audit
 * trail in the order the writes committed, limited to the directory's own entries (not
 * tokens or membership requests) and, without a token, to public fields.
 */

export enum ChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ARCHIVED = 'ARCHIVED',
  LINKED = 'LINKED',
  UNLINKED = 'UNLINKED',
}
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What a change did to its entry.',
  valuesConfig: {
    CREATED: { description: 'The entry was created.' },
    UPDATED: { description: 'Fields of the entry changed (for a link: its role).' },
    ARCHIVED: { description: 'The entry was archived: it no longer appears in the directory.' },
    LINKED: { description: 'An organisation joined a forum, body or project (the entry is the link).' },
    UNLINKED: { description: 'An organisation left a forum, body or project (the entry is the link).' },
  },
});

const KIND_OF_ACTION: Record<string, ChangeKind> = {
  CREATE: ChangeKind.CREATED,
  UPDATE: ChangeKind.UPDATED,
  ARCHIVE: ChangeKind.ARCHIVED,
  ADD_MEMBER: ChangeKind.LINKED,
  REMOVE_MEMBER: ChangeKind.UNLINKED,
};

/** Fields whose changes need a token to be seen: the contact persons are personal data. */
const PERSONAL_FIELDS = ['contacts'];

@ObjectType('Change', { description: 'One committed change of an entry of the directory, in the change feed.' })
export class Change {
  @Field(() => ID, { description: 'The change; the same id as its entry in the audit log.' })
  id!: string;

  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => String, { description: `The type of the changed entry: ${FEED_TYPES.join(', ')}.` })
  entityType!: string;

  @Field(() => ID, { description: 'The changed entry (for a link: the membership or participation).' })
  entityId!: string;

  @Field(() => [String], {
    description: 'The fields the change set, in alphabetical order. Without a token, changes of contact persons (personal data) are left out.',
  })
  fields!: string[];

  @Field(() => String, {
    description: 'The data version the write committed as. Writes commit in the order of this number; all changes of one write share it.',
  })
  dataVersion!: string;

  @Field(() => Date, { description: 'When the change was made.' })
  at!: string;

  organisationUuid!: string | null;
}

@ObjectType({ description: 'A change in the feed, with its cursor.' })
class ChangeEdge extends EdgeType(Change, 'change') {}

@ObjectType({ description: 'A page of the change feed, oldest first (commit order).' })
class ChangeConnection extends ConnectionType(ChangeEdge, Change, 'change') {}

@InputType({ description: 'Narrows the change feed; all given conditions must hold.' })
class ChangeFilter {
  @Field(() => [String], { nullable: true, description: `Only changes of entries of these types (${FEED_TYPES.join(', ')}).` })
  types?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only changes concerning this organisation: its entry and its links.' })
  organisationId?: string | null;
}

export const asChange = (row: ChangeRow): Change => ({
  id: toGlobalId('AuditEntry', row.uuid),
  kind: KIND_OF_ACTION[row.action] ?? ChangeKind.UPDATED,
  entityType: row.entityType,
  entityId: toGlobalId(row.entityType as NodeTypeName, row.entityUuid),
  fields: row.fields,
  dataVersion: String(row.dataVersion),
  at: row.at,
  organisationUuid: row.organisationUuid,
});

function feedTypes(types: readonly string[] | null | undefined): readonly string[] {
  if (types == null) return FEED_TYPES;
  // Bounded before it is walked: there are only so many types to name.
  if (types.length > FEED_TYPES.length) throw badInput(`filter.types names at most ${FEED_TYPES.length} types`, 'filter.types');
  const unknown = types.filter((t) => !(FEED_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw badInput(`filter.types: ${unknown.map((t) => `"${t.slice(0, 40)}"`).join(', ')} is not a type of the feed; use ${FEED_TYPES.join(', ')}`, 'filter.types');
  }
  return types;
}

@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description:
      'The change feed: every committed change of the directory, oldest first, in the order the writes committed, so a client that ' +
      'keeps the last `endCursor` and asks again with `after` sees every change exactly once, also while several writers commit at once. ' +
      '`changes(last: 1)` gives the newest cursor, to start from now. Without a token, changes of contact persons are left out.',
  })
  async changes(
    @Args() page: PageArgs,
    @Arg('filter', () => ChangeFilter, { nullable: true }) filter: ChangeFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const organisation = filter?.organisationId != null ? uuidOf(filter.organisationId, 'filter.organisationId', 'Organisation') : undefined;
    const result = await changeFeed(
      ctx,
      { types: feedTypes(filter?.types), hiddenFields: ctx.viewer ? [] : PERSONAL_FIELDS, organisation },
      pageRequest(page, info),
    );
    return mapNodes(result, asChange);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation the change concerns: the changed one, or the one a link belongs to; null for forums, bodies and projects, and once the organisation is archived.' })
  organisation(@Root() change: Change, @Ctx() ctx: Context) {
    return change.organisationUuid ? ORGANISATIONS.byId(ctx, change.organisationUuid) : null;
  }
}

import { ClassType, createUnionType, Field, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import { DateScalar, type Day } from '../../graph/day';
import type { NodeRow } from '../../graph/node';
import { Body } from '../body/body.type';
import { UserError } from '../common/write';
import { Forum } from '../forum/forum.type';
import { Organisation } from '../organisation/organisation.type';
import { Project } from '../project/project.type';
import { LINK_KIND, LinkEndReason, type LinkKind, MembershipTarget, memberName } from './link.enums';

/** A page of linked nodes whose edges carry the organisation's role. */
function RoleConnection(name: string, node: ClassType, nodeName: string, role: object, noun: string, descriptions: { edge: string; connection: string }) {
  @ObjectType(`${name}Edge`, { description: descriptions.edge })
  class RoleEdge extends EdgeType(node, nodeName) {
    @Field(() => role, { description: `The role of the organisation in the ${noun}.` })
    role!: string;

    @Field(() => DateScalar, { nullable: true, description: `The day the ${noun} link with this role started; null when unknown (the source slides).` })
    since!: Day | null;

    @Field(() => DateScalar, { nullable: true, description: 'The first day it no longer held, for a list read as of an earlier day; null while it holds.' })
    until!: Day | null;
  }

  @ObjectType(`${name}Connection`, { description: descriptions.connection })
  class RoleConnectionType extends ConnectionType(RoleEdge, node, nodeName) {}
  return RoleConnectionType;
}

/**
 * The two lists of one kind of link, one from each end: the members of a forum and the
 * forums of an organisation, say, worded from the kind's description.
 */
function linkConnections(kind: LinkKind, target: ClassType) {
  const { noun, nouns, member, verb, role } = kind;
  const nodeName = member === 'member' ? 'member organisation' : 'participating organisation';
  return {
    members: RoleConnection(`${kind.target}${memberName(kind)}`, Organisation, nodeName, role, noun, {
      edge: `A ${member} of a ${noun}, with its role.`,
      connection: `A page of the ${member}s of a ${noun}.`,
    }),
    ofOrganisation: RoleConnection(`Organisation${kind.target}`, target, noun, role, noun, {
      edge: `A ${noun} an organisation ${verb}, with its role.`,
      connection: `A page of the ${nouns} an organisation ${verb}.`,
    }),
  };
}

export const FORUM_LINKS = linkConnections(LINK_KIND.FORUM, Forum);
export const BODY_LINKS = linkConnections(LINK_KIND.BODY, Body);
export const PROJECT_LINKS = linkConnections(LINK_KIND.PROJECT, Project);

export const MembershipTargetUnion = createUnionType({
  name: 'MembershipTargetEntity',
  description: 'What an organisation can be a member of: a forum, a body or a project.',
  types: () => [Forum, Body, Project] as const,
  resolveType: (value) => (value as unknown as NodeRow).__typename,
});

@ObjectType({ description: 'The result of adding or removing a member.' })
export class MembershipPayload {
  @Field(() => Organisation, { nullable: true }) organisation!: unknown;
  @Field(() => MembershipTargetUnion, { nullable: true, description: 'The forum, body or project.' }) target!: unknown;
  @Field(() => String, { nullable: true, description: 'The role now; null after a removal.' }) role!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day the link (or its new role) started, after an addition.' }) since!: Day | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day the link ended, after a removal.' }) until!: Day | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({
  description:
    'One period of a membership or participation: who, where, with which role, from when until when, and why it ended. ' +
    'An organisation that left and came back, or changed its role, has one period for each.',
})
export class LinkPeriod {
  @Field(() => MembershipTarget, { description: 'A forum, body or project.' }) kind!: MembershipTarget;
  @Field(() => String, { description: 'The role in this period (MembershipRole or ParticipationRole).' }) role!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The first day it held; null when unknown (the source slides).' }) since!: Day | null;
  @Field(() => DateScalar, { nullable: true, description: 'The first day it no longer held; null while it holds.' }) until!: Day | null;
  @Field(() => LinkEndReason, { nullable: true, description: 'Why it ended; null while it holds, or when not recorded.' }) endReason!: LinkEndReason | null;
  targetUuid!: string;
  organisationUuid!: string;
}

@ObjectType('LinkPeriodEdge', { description: 'A period of a link.' })
class LinkPeriodEdge extends EdgeType(LinkPeriod, 'period') {}

@ObjectType({ description: 'A page of periods of links, the latest start first (unknown starts last).' })
export class LinkPeriodConnection extends ConnectionType(LinkPeriodEdge, LinkPeriod, 'period') {}

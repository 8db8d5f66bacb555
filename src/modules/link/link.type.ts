import { ClassType, createUnionType, Field, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import type { NodeRow } from '../../graph/node';
import { Body } from '../body/body.type';
import { UserError } from '../common/write';
import { Forum } from '../forum/forum.type';
import { Organisation } from '../organisation/organisation.type';
import { Project } from '../project/project.type';
import { MembershipRole, ParticipationRole } from './link.enums';

/** A page of linked nodes whose edges carry the organisation's role. */
function RoleConnection(name: string, node: ClassType, nodeName: string, role: object, noun: string, descriptions: { edge: string; connection: string }) {
  @ObjectType(`${name}Edge`, { description: descriptions.edge })
  class RoleEdge extends EdgeType(node, nodeName) {
    @Field(() => role, { description: `The role of the organisation in the ${noun}.` })
    role!: string;
  }

  @ObjectType(`${name}Connection`, { description: descriptions.connection })
  class RoleConnectionType extends ConnectionType(RoleEdge, node, nodeName) {}
  return RoleConnectionType;
}

/**
 * The two lists of one kind of link, one from each end: the members of a forum and the
 * forums of an organisation, say. One description per kind, worded for both lists.
 */
function linkConnections(kind: {
  target: ClassType & { name: string };
  /** What the target is called, e.g. "forum", and its plural. */
  noun: string;
  nouns: string;
  /** What a linked organisation is, e.g. "member" or "participant". */
  member: 'member' | 'participant';
  /** What the organisation does there, e.g. "belongs to". */
  verb: string;
  role: object;
}) {
  const { target, noun, nouns, member, verb, role } = kind;
  const Member = member === 'member' ? 'Member' : 'Participant';
  const nodeName = member === 'member' ? 'member organisation' : 'participating organisation';
  return {
    members: RoleConnection(`${target.name}${Member}`, Organisation, nodeName, role, noun, {
      edge: `A ${member} of a ${noun}, with its role.`,
      connection: `A page of the ${member}s of a ${noun}.`,
    }),
    ofOrganisation: RoleConnection(`Organisation${target.name}`, target, noun, role, noun, {
      edge: `A ${noun} an organisation ${verb}, with its role.`,
      connection: `A page of the ${nouns} an organisation ${verb}.`,
    }),
  };
}

export const FORUM_LINKS = linkConnections({ target: Forum, noun: 'forum', nouns: 'forums', member: 'member', verb: 'belongs to', role: MembershipRole });
export const BODY_LINKS = linkConnections({ target: Body, noun: 'body', nouns: 'bodies', member: 'member', verb: 'belongs to', role: MembershipRole });
export const PROJECT_LINKS = linkConnections({ target: Project, noun: 'project', nouns: 'projects', member: 'participant', verb: 'takes part in', role: ParticipationRole });

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
  @Field(() => [UserError]) userErrors!: UserError[];
}

import { ClassType, createUnionType, Field, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import type { NodeRow } from '../../graph/node';
import { Body } from '../body/body.type';
import { UserError } from '../common/write';
import { Forum } from '../forum/forum.type';
import { Organisation } from '../organisation/organisation.type';
import { Project } from '../project/project.type';
import { MembershipRole, ParticipationRole } from './link.enums';

/**
 * A page of linked nodes whose edges carry the organisation's role: one factory for the six
 * lists of links (the members of a forum, the forums of an organisation, …).
 */
function RoleConnection(spec: {
  /** The GraphQL names of the edge and the connection. */
  name: { edge: string; connection: string };
  node: ClassType;
  /** What the nodes are, in the generated descriptions, e.g. "member organisation". */
  nodeName: string;
  role: object;
  roleDescription: string;
  edgeDescription: string;
  connectionDescription: string;
}) {
  @ObjectType(spec.name.edge, { description: spec.edgeDescription })
  class RoleEdge extends EdgeType(spec.node, spec.nodeName) {
    @Field(() => spec.role, { description: spec.roleDescription })
    role!: string;
  }

  @ObjectType(spec.name.connection, { description: spec.connectionDescription })
  class RoleConnectionType extends ConnectionType(RoleEdge, spec.node, spec.nodeName) {}
  return RoleConnectionType;
}

export const ForumMemberConnection = RoleConnection({
  name: { edge: 'ForumMemberEdge', connection: 'ForumMemberConnection' },
  node: Organisation,
  nodeName: 'member organisation',
  role: MembershipRole,
  roleDescription: 'The role of the organisation in the forum.',
  edgeDescription: 'A member of a forum, with its role.',
  connectionDescription: 'A page of the members of a forum.',
});

export const OrganisationForumConnection = RoleConnection({
  name: { edge: 'OrganisationForumEdge', connection: 'OrganisationForumConnection' },
  node: Forum,
  nodeName: 'forum',
  role: MembershipRole,
  roleDescription: 'The role of the organisation in the forum.',
  edgeDescription: 'A forum an organisation belongs to, with its role.',
  connectionDescription: 'A page of the forums an organisation belongs to.',
});

export const BodyMemberConnection = RoleConnection({
  name: { edge: 'BodyMemberEdge', connection: 'BodyMemberConnection' },
  node: Organisation,
  nodeName: 'member organisation',
  role: MembershipRole,
  roleDescription: 'The role of the organisation in the body.',
  edgeDescription: 'A member of a body, with its role.',
  connectionDescription: 'A page of the members of a body.',
});

export const OrganisationBodyConnection = RoleConnection({
  name: { edge: 'OrganisationBodyEdge', connection: 'OrganisationBodyConnection' },
  node: Body,
  nodeName: 'body',
  role: MembershipRole,
  roleDescription: 'The role of the organisation in the body.',
  edgeDescription: 'A body an organisation belongs to, with its role.',
  connectionDescription: 'A page of the bodies an organisation belongs to.',
});

export const ProjectParticipantConnection = RoleConnection({
  name: { edge: 'ProjectParticipantEdge', connection: 'ProjectParticipantConnection' },
  node: Organisation,
  nodeName: 'participating organisation',
  role: ParticipationRole,
  roleDescription: 'The role of the organisation in the project.',
  edgeDescription: 'A participant of a project, with its role.',
  connectionDescription: 'A page of the participants of a project.',
});

export const OrganisationProjectConnection = RoleConnection({
  name: { edge: 'OrganisationProjectEdge', connection: 'OrganisationProjectConnection' },
  node: Project,
  nodeName: 'project',
  role: ParticipationRole,
  roleDescription: 'The role of the organisation in the project.',
  edgeDescription: 'A project an organisation takes part in, with its role.',
  connectionDescription: 'A page of the projects an organisation takes part in.',
});

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

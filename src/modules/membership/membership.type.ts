import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import { UserError } from '../common/write';
import { MembershipTarget } from '../link/link.enums';
import { RequestStatus } from './membership.enums';

@ObjectType('MembershipRequest', { description: 'A partner\'s request to join a forum, body or project.' })
export class MembershipRequest {
  @Field(() => ID) id!: string;
  @Field(() => MembershipTarget) targetType!: MembershipTarget;
  @Field(() => String) role!: string;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => RequestStatus) status!: RequestStatus;
  @Field(() => Date) createdAt!: string;
  @Field(() => Date, { nullable: true }) decidedAt!: string | null;
  @Field(() => String, { nullable: true }) decisionNote!: string | null;
  @Field(() => Int) version!: number;
  organisationUuid!: string;
  targetUuid!: string;
}

@ObjectType({ description: 'The result of requestMembership or decideMembershipRequest.' })
export class MembershipRequestPayload {
  @Field(() => MembershipRequest, { nullable: true }) request!: MembershipRequest | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ description: 'A membership request in a list.' })
export class MembershipRequestEdge extends EdgeType(MembershipRequest, 'membership request') {}

@ObjectType({ description: 'A page of membership requests, oldest first.' })
export class MembershipRequestConnection extends ConnectionType(MembershipRequestEdge, MembershipRequest, 'membership request') {}

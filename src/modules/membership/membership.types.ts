import { IsOptional } from 'class-validator';
import { createUnionType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { NodeRow } from '../../graph/node';
import { Body } from '../body/body.type';
import { UserError } from '../common/write';
import { LongText } from '../common/write.inputs';
import { MembershipRole } from '../forum/forum.enums';
import { Forum } from '../forum/forum.type';
import { Organisation } from '../organisation/organisation.type';
import { ParticipationRole } from '../project/project.enums';
import { Project } from '../project/project.type';
import { Decision, MembershipTarget, RequestStatus } from './membership.enums';

export const MembershipTargetUnion = createUnionType({
  name: 'MembershipTargetEntity',
  description: 'What an organisation can be a member of: a forum, a body or a project.',
  types: () => [Forum, Body, Project] as const,
  resolveType: (value) => (value as unknown as NodeRow).__typename,
});

@InputType({ description: 'Adds an organisation to a forum, or changes its role there (coordinators).' })
export class ForumMemberInput {
  @Field(() => ID) forumId!: string;
  @Field(() => ID) organisationId!: string;
  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER }) role: MembershipRole = MembershipRole.MEMBER;
}

@InputType({ description: 'Adds an organisation to a body, or changes its role there (coordinators).' })
export class BodyMemberInput {
  @Field(() => ID) bodyId!: string;
  @Field(() => ID) organisationId!: string;
  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER }) role: MembershipRole = MembershipRole.MEMBER;
}

@InputType({ description: 'Adds an organisation to a project, or changes its role there (coordinators).' })
export class ProjectParticipantInput {
  @Field(() => ID) projectId!: string;
  @Field(() => ID) organisationId!: string;
  @Field(() => ParticipationRole, { defaultValue: ParticipationRole.PARTNER }) role: ParticipationRole = ParticipationRole.PARTNER;
}

@InputType({ description: 'Removes an organisation from a forum (coordinators). The membership is archived, not deleted.' })
export class RemoveForumMemberInput {
  @Field(() => ID) forumId!: string;
  @Field(() => ID) organisationId!: string;
}

@InputType({ description: 'Removes an organisation from a body (coordinators). The membership is archived, not deleted.' })
export class RemoveBodyMemberInput {
  @Field(() => ID) bodyId!: string;
  @Field(() => ID) organisationId!: string;
}

@InputType({ description: 'Removes an organisation from a project (coordinators). The participation is archived, not deleted.' })
export class RemoveProjectParticipantInput {
  @Field(() => ID) projectId!: string;
  @Field(() => ID) organisationId!: string;
}

@ObjectType({ description: 'The result of adding or removing a member.' })
export class MembershipPayload {
  @Field(() => Organisation, { nullable: true }) organisation!: unknown;
  @Field(() => MembershipTargetUnion, { nullable: true, description: 'The forum, body or project.' }) target!: unknown;
  @Field(() => String, { nullable: true, description: 'The role now; null after a removal.' }) role!: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType({ description: 'A partner asks to join a forum, body or project; a coordinator decides.' })
export class RequestMembershipInput {
  @Field(() => ID, { description: 'Your organisation.' }) organisationId!: string;
  @Field(() => ID, { description: 'The forum, body or project to join.' }) targetId!: string;
  @Field(() => String, { nullable: true, description: 'The role asked for: MEMBER (forums, bodies) or PARTNER (projects) unless given.' })
  role?: string | null;
  @Field(() => String, { nullable: true, description: 'A note for the coordinators.' })
  @IsOptional()
  @LongText()
  message?: string | null;
}

@InputType({ description: 'A coordinator\'s decision on a membership request.' })
export class DecideMembershipRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => Decision) decision!: Decision;
  @Field(() => String, { nullable: true, description: 'A note for the partner.' })
  @IsOptional()
  @LongText()
  note?: string | null;
}

@ObjectType('MembershipRequest', { description: 'A partner\'s request to join a forum, body or project.' })
export class MembershipRequestType {
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
  @Field(() => MembershipRequestType, { nullable: true }) request!: MembershipRequestType | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

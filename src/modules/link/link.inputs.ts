import { Field, ID, InputType } from 'type-graphql';
import { MembershipRole, ParticipationRole } from './link.enums';

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

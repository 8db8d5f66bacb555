import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LongText } from '../common/write.inputs';
import { Decision } from './membership.enums';

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

import { ArrayMaxSize, IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { LongText, Name, ShortText, UpdateInputType } from '../common/write.inputs';

@InputType({ description: 'Changes to a forum. Omitted fields stay; null clears; lists replace the whole list.' })
export class ForumPatch {
  @Field(() => String, { nullable: true }) @IsOptional() @Name() name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @ShortText() topic?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @ShortText() focus?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @LongText() description?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(1000) position?: number | null;

  @Field(() => [String], { nullable: true, description: 'Codes "I" … "V".' })
  @IsOptional()
  @Matches(/^(I|II|III|IV|V)$/, { each: true, message: 'each field of action is a code "I" … "V"', context: { code: 'UNKNOWN' } })
  @ArrayMaxSize(5)
  fieldsOfAction?: string[] | null;
}

@InputType({ description: 'A new forum (coordinators).' })
export class CreateForumInput extends ForumPatch {
  @Field(() => String, { description: 'Roman numeral, e.g. "VI"; cannot change later.' })
  @Matches(/^[IVXLC]{1,8}$/, { message: 'must be a Roman numeral such as "VI"', context: { code: 'INVALID' } })
  code!: string;

  @Field(() => String) @Name() declare name: string;
  @Field(() => String) @ShortText() declare topic: string;
  @Field(() => Int, { defaultValue: 100 }) @Min(0) @Max(1000) declare position: number;
}

export const UpdateForumInput = UpdateInputType('UpdateForumInput', ForumPatch, 'Updates a forum (coordinators).');

import { ArrayMaxSize, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, Resolver } from 'type-graphql';
import { entityMutations, setFieldsOfAction } from '../common/entity-writes';
import { LongText, Name, ShortText } from '../common/write.inputs';
import { Forum as ForumEntity } from './forum.entity';
import { FORUMS } from './forum.loaders';
import { Forum } from './forum.type';

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

@InputType({ description: 'Updates a forum (coordinators).' })
export class UpdateForumInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile.' }) expectedVersion!: number;
  @Field(() => ForumPatch) @ValidateNested() patch!: ForumPatch;
}

@Resolver(() => Forum)
export class ForumMutations extends entityMutations({
  type: 'Forum',
  graphqlType: Forum,
  entity: ForumEntity,
  source: FORUMS,
  key: 'code',
  scalars: ['name', 'topic', 'focus', 'description', 'position'],
  inputs: { create: CreateForumInput, update: UpdateForumInput },
  descriptions: {
    create: 'Creates a forum (coordinators).',
    update: 'Updates a forum (coordinators); CONFLICT when `expectedVersion` is stale.',
    archive: 'Archives a forum (coordinators): it leaves the public directory; nothing is deleted.',
  },
  populate: ['fieldsOfAction'],
  applyRelations: (tx, forum, patch, changes) => setFieldsOfAction(tx, forum.fieldsOfAction, patch.fieldsOfAction, changes),
}) {}

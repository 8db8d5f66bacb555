import { ArrayMaxSize, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { CoordinatorOnly } from '../auth/policy';
import { archiveEntity, createEntity, EntityWriteConfig, updateEntity } from '../common/entity-writes';
import type { NodeSource } from '../common/node-source';
import { PayloadType } from '../common/write';
import { ArchiveInput, LongText, Name, ShortText } from '../common/write.inputs';
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

const CONFIG: EntityWriteConfig = {
  field: 'forum', entity: ForumEntity, type: 'Forum', table: 'forum', key: 'code',
  scalars: ['name', 'topic', 'focus', 'description', 'position'], source: FORUMS as unknown as NodeSource<never>,
};

const CreateForumPayload = PayloadType('CreateForum', 'forum', Forum, 'The result of createForum.');
const UpdateForumPayload = PayloadType('UpdateForum', 'forum', Forum, 'The result of updateForum.');
const ArchiveForumPayload = PayloadType('ArchiveForum', 'forum', Forum, 'The result of archiveForum.');

@Resolver(() => Forum)
export class ForumMutations {
  @Mutation(() => CreateForumPayload, { description: 'Creates a forum (coordinators).' })
  @CoordinatorOnly()
  createForum(@Arg('input', () => CreateForumInput) input: CreateForumInput, @Ctx() ctx: Context) {
    return createEntity(ctx, CONFIG, input as never);
  }

  @Mutation(() => UpdateForumPayload, { description: 'Updates a forum (coordinators); CONFLICT when `expectedVersion` is stale.' })
  @CoordinatorOnly()
  updateForum(@Arg('input', () => UpdateForumInput) input: UpdateForumInput, @Ctx() ctx: Context) {
    return updateEntity(ctx, CONFIG, input as never);
  }

  @Mutation(() => ArchiveForumPayload, { description: 'Archives a forum (coordinators): it leaves the public directory; nothing is deleted.' })
  @CoordinatorOnly()
  archiveForum(@Arg('input', () => ArchiveInput) input: ArchiveInput, @Ctx() ctx: Context) {
    return archiveEntity(ctx, CONFIG, input);
  }
}

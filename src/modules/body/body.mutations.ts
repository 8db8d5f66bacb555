import { IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { CoordinatorOnly } from '../auth/policy';
import { archiveEntity, createEntity, EntityWriteConfig, updateEntity } from '../common/entity-writes';
import type { NodeSource } from '../common/node-source';
import { PayloadType } from '../common/write';
import { ArchiveInput, LongText, Name, ShortText, ValidSlug } from '../common/write.inputs';
import { Body as BodyEntity } from './body.entity';
import { BodyKind } from './body.enums';
import { BODIES } from './body.loaders';
import { Body } from './body.type';

@InputType({ description: 'Changes to a body. Omitted fields stay; null clears.' })
export class BodyPatch {
  @Field(() => String, { nullable: true }) @IsOptional() @Name() name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @ShortText(50) shortName?: string | null;
  @Field(() => BodyKind, { nullable: true }) kind?: BodyKind | null;
  @Field(() => String, { nullable: true }) @IsOptional() @LongText() description?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(1000) position?: number | null;
}

@InputType({ description: 'A new body (coordinators).' })
export class CreateBodyInput extends BodyPatch {
  @Field(() => String, { description: 'Readable key, e.g. "ag-wohnen"; cannot change later.' }) @ValidSlug() @ShortText(100) slug!: string;
  @Field(() => String) @Name() declare name: string;
  @Field(() => BodyKind) declare kind: BodyKind;
  @Field(() => Int, { defaultValue: 100 }) @Min(0) @Max(1000) declare position: number;
}

@InputType({ description: 'Updates a body (coordinators).' })
export class UpdateBodyInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile.' }) expectedVersion!: number;
  @Field(() => BodyPatch) @ValidateNested() patch!: BodyPatch;
}

const CONFIG: EntityWriteConfig = {
  field: 'body', entity: BodyEntity, type: 'Body', table: 'body', key: 'slug',
  scalars: ['name', 'shortName', 'kind', 'description', 'position'], source: BODIES as unknown as NodeSource<never>,
};

const CreateBodyPayload = PayloadType('CreateBody', 'body', Body, 'The result of createBody.');
const UpdateBodyPayload = PayloadType('UpdateBody', 'body', Body, 'The result of updateBody.');
const ArchiveBodyPayload = PayloadType('ArchiveBody', 'body', Body, 'The result of archiveBody.');

@Resolver(() => Body)
export class BodyMutations {
  @Mutation(() => CreateBodyPayload, { description: 'Creates a body (coordinators).' })
  @CoordinatorOnly()
  createBody(@Arg('input', () => CreateBodyInput) input: CreateBodyInput, @Ctx() ctx: Context) {
    return createEntity(ctx, CONFIG, input as never);
  }

  @Mutation(() => UpdateBodyPayload, { description: 'Updates a body (coordinators); CONFLICT when `expectedVersion` is stale.' })
  @CoordinatorOnly()
  updateBody(@Arg('input', () => UpdateBodyInput) input: UpdateBodyInput, @Ctx() ctx: Context) {
    return updateEntity(ctx, CONFIG, input as never);
  }

  @Mutation(() => ArchiveBodyPayload, { description: 'Archives a body (coordinators): it leaves the public directory; nothing is deleted.' })
  @CoordinatorOnly()
  archiveBody(@Arg('input', () => ArchiveInput) input: ArchiveInput, @Ctx() ctx: Context) {
    return archiveEntity(ctx, CONFIG, input);
  }
}

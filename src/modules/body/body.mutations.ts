import { IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, Resolver } from 'type-graphql';
import { entityMutations } from '../common/entity-writes';
import { LongText, Name, ShortText, ValidSlug } from '../common/write.inputs';
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

@Resolver(() => Body)
export class BodyMutations extends entityMutations({
  type: 'Body',
  graphqlType: Body,
  entity: BodyEntity,
  source: BODIES,
  key: 'slug',
  scalars: ['name', 'shortName', 'kind', 'description', 'position'],
  inputs: { create: CreateBodyInput, update: UpdateBodyInput },
  descriptions: {
    create: 'Creates a body (coordinators).',
    update: 'Updates a body (coordinators); CONFLICT when `expectedVersion` is stale.',
    archive: 'Archives a body (coordinators): it leaves the public directory; nothing is deleted.',
  },
}) {}

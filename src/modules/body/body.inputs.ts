import { IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { LongText, Name, ShortText, UpdateInputType, ValidSlug } from '../common/write.inputs';
import { BodyKind } from './body.enums';

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

export const UpdateBodyInput = UpdateInputType('UpdateBodyInput', BodyPatch, 'Updates a body (coordinators).');

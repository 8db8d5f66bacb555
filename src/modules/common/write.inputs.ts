import { ArrayMaxSize, IsEmail, IsOptional, IsUrl, Length, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import isISO6391 from 'validator/lib/isISO6391';
import { Field, ID, InputType, Int } from 'type-graphql';

/*
 * Validation rules shared by the write inputs, each with the userError code it yields.
 */
export const ValidUrl = () =>
  IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be a URL starting with http:// or https://', context: { code: 'INVALID_URL' } });
export const ValidEmail = () => IsEmail({}, { message: 'must be an e-mail address like name@example.org', context: { code: 'INVALID_EMAIL' } });
export const ValidPhone = () =>
  Matches(/^\+?[0-9][0-9 ()/.-]{2,38}$/, { message: 'must be a telephone number of digits, spaces and + ( ) / . -', context: { code: 'INVALID_PHONE' } });
export const ValidLanguages = () => [
  ValidateBy(
    { name: 'isISO6391', validator: { validate: (value: unknown) => typeof value === 'string' && isISO6391(value) } },
    { each: true, message: 'each language must be an ISO 639-1 code such as "de", "tr" or "ar"', context: { code: 'INVALID_LANGUAGE' } },
  ),
  ArrayMaxSize(50, { message: 'at most 50 languages' }),
];
export const ValidSlug = () =>
  Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case letters, digits and single hyphens, e.g. "verein-xy"', context: { code: 'INVALID_SLUG' } });
export const Name = () => Length(1, 200, { message: 'must be 1 to 200 characters', context: { code: 'TOO_LONG' } });
export const ShortText = (max = 200) => MaxLength(max, { message: `must be at most ${max} characters` });
export const LongText = () => MaxLength(5000, { message: 'must be at most 5000 characters' });

/** Applies several property decorators as one. */
export const all = (...decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

@InputType({ description: 'Archives an entry: it disappears from public reads, but nothing is deleted.' })
export class ArchiveInput {
  @Field(() => ID, { description: 'The id of the entry.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile.' })
  expectedVersion!: number;
}

/**
 * The input of an `update<Type>` mutation: the entry, the version read (optimistic
 * locking), and the patch, validated with it.
 */
export function UpdateInputType<Patch extends object>(name: string, patch: new () => Patch, description: string) {
  @InputType(name, { description })
  class UpdateInput {
    @Field(() => ID) id!: string;
    @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile.' }) expectedVersion!: number;
    @Field(() => patch) @ValidateNested() patch!: Patch;
  }
  return UpdateInput;
}

export { IsOptional };

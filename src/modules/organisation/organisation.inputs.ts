import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DateScalar, type Day } from '../../graph/day';
import { OrderDirection } from '../../graph/order';
import { all, LongText, Name, ShortText, ValidEmail, ValidLanguages, ValidPhone, ValidSlug, ValidUrl } from '../common/write.inputs';
import { GovernanceLevel, OrganisationKind } from './organisation.enums';

/* The input types of organisations: reading (filter, order), then writing (patch, create, update). */

@InputType({ description: 'Narrows a list of organisations; all given conditions must hold.' })
export class OrganisationFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Words to look for in name, short name and description. German-aware: stemming, umlauts folded ' +
      '("Auslanderburo" finds "Ausländerbüro"), prefixes ("Jugend") and typos ("Jugendammt"). At most 200 characters.',
  })
  search?: string | null;

  @Field(() => [OrganisationKind], { nullable: true, description: 'Only organisations of one of these kinds.' })
  kinds?: OrganisationKind[] | null;

  @Field(() => [GovernanceLevel], { nullable: true, description: 'Only organisations on one of these levels.' })
  levels?: GovernanceLevel[] | null;

  @Field(() => String, { nullable: true, description: 'Only organisations covering this field of action (code "I" … "V").' })
  fieldOfAction?: string | null;

  @Field(() => String, { nullable: true, description: 'Only members of this forum (code "I" … "V").' })
  forum?: string | null;

  @Field(() => String, { nullable: true, description: 'Only participants of this project (slug).' })
  project?: string | null;

  @Field(() => String, { nullable: true, description: 'Only organisations directly below this one (slug), e.g. "stadt-wetzlar".' })
  parent?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only categories (true) or only single organisations (false).' })
  isCategory?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only organisations serving this social area (slug, e.g. "niedergirmes"): those stating it or an area containing it as a service area, ' +
      'so a city-wide service ("wetzlar") matches every Stadtbezirk and Stadtteil; stating a smaller area does not match the larger one. ' +
      'An unknown slug matches nobody.',
  })
  socialArea?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Only organisations changed after this time: their entry, contact persons, fields, areas or links. For copies that sync by time; ' +
      'archived organisations leave the list, so a copy learns of them from `changes` (the change feed), which is also exact where clocks are not.',
  })
  modifiedAfter?: Date | null;
}

export enum OrganisationOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(OrganisationOrderField, {
  name: 'OrganisationOrderField',
  description: 'What to sort organisations by.',
  valuesConfig: {
    NAME: { description: 'Name, alphabetically, umlauts sorted as their base letter.' },
    RELEVANCE: { description: 'Best match first; only with `filter.search`.' },
  },
});

@InputType({ description: 'Order of a list of organisations. Default: by relevance when searching, else by name.' })
export class OrganisationOrder {
  @Field(() => OrganisationOrderField)
  field!: OrganisationOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Relevance is always best first.' })
  direction: OrderDirection = OrderDirection.ASC;
}

const FieldCodes = () =>
  all(
    Matches(/^(I|II|III|IV|V)$/, { each: true, message: 'each field of action is a code "I" … "V"', context: { code: 'UNKNOWN' } }),
    ArrayMaxSize(5, { message: 'at most the five fields of action' }),
  );

@InputType({ description: 'A contact person, new (no id) or kept and changed (its id).' })
export class ContactPersonInput {
  @Field(() => ID, { nullable: true, description: 'Id of an existing contact person of this organisation; omit for a new one.' })
  id?: string | null;

  @Field(() => String, { description: 'Name.' })
  @Name()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Function, e.g. "Integrationsbeauftragte".' })
  @IsOptional()
  @ShortText()
  function?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @ValidEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @ValidPhone()
  phone?: string | null;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes.' })
  @IsOptional()
  @all(...ValidLanguages())
  languages?: string[] | null;
}

/** At most this many service areas (there are 22 areas; a partner states the few it serves). */
export const MAX_SERVICE_AREAS = 22;

@InputType({ description: 'Where the organisation is: a street address in Germany (HSDS: a physical location with one address).' })
export class PhysicalAddressInput {
  @Field(() => String, { description: 'Street and house number, e.g. "Hauptstraße 1".' })
  @Length(1, 200, { message: 'street must be 1 to 200 characters', context: { code: 'TOO_LONG' } })
  street!: string;

  @Field(() => String, { description: 'German postal code, five digits, e.g. "35578".' })
  @Matches(/^\d{5}$/, { message: 'postalCode must be five digits, e.g. "35578"', context: { code: 'INVALID' } })
  postalCode!: string;

  @Field(() => String, { description: 'City, e.g. "Wetzlar".' })
  @Length(1, 100, { message: 'city must be 1 to 100 characters', context: { code: 'TOO_LONG' } })
  city!: string;

  @Field(() => String, { nullable: true, description: 'Slug of the social area the address lies in, e.g. "niedergirmes"; unknown slugs are refused.' })
  @IsOptional()
  @ValidSlug()
  @MaxLength(100)
  socialArea?: string | null;
}

/**
 * What a partner may change of its organisation's entry. Omitted fields stay as they are;
 * null clears a field. Lists (languages, offers, fieldsOfAction, contacts) replace the list.
 */
@InputType({ description: 'Changes to an organisation. Omitted fields stay; null clears; lists replace the whole list.' })
export class OrganisationPatch {
  @Field(() => String, { nullable: true, description: 'Coordinators only.' })
  @IsOptional()
  @Name()
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @ShortText(50)
  shortName?: string | null;

  @Field(() => OrganisationKind, { nullable: true, description: 'Coordinators only.' })
  kind?: OrganisationKind | null;

  @Field(() => GovernanceLevel, { nullable: true, description: 'Coordinators only.' })
  level?: GovernanceLevel | null;

  @Field(() => ID, { nullable: true, description: 'The organisation this one belongs to. Coordinators only.' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Coordinators only.' })
  isCategory?: boolean | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day it joined the network, never after today; on creation default today. Coordinators only.',
  })
  since?: Day | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @LongText()
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) URL.' })
  @IsOptional()
  @ValidUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Public e-mail address of the organisation.' })
  @IsOptional()
  @ValidEmail()
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Public telephone number of the organisation.' })
  @IsOptional()
  @ValidPhone()
  phone?: string | null;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes, e.g. ["de", "tr"].' })
  @IsOptional()
  @all(...ValidLanguages())
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Short German phrases, at most 50.' })
  @IsOptional()
  @MaxLength(200, { each: true, message: 'each offer must be at most 200 characters' })
  @ArrayMaxSize(50, { message: 'at most 50 offers' })
  offers?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Codes "I" … "V" of the fields of action covered.' })
  @IsOptional()
  @FieldCodes()
  fieldsOfAction?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      `Slugs of the social areas the organisation serves (HSDS service areas), e.g. ["niedergirmes"], or ["wetzlar"] for the whole city; ` +
      `at most ${MAX_SERVICE_AREAS}; [] for none stated. Unknown slugs are refused (BAD_USER_INPUT).`,
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { each: true, message: 'each service area is the slug of a social area, e.g. "niedergirmes"', context: { code: 'INVALID_SLUG' } })
  @ArrayMaxSize(MAX_SERVICE_AREAS, { message: `at most ${MAX_SERVICE_AREAS} service areas` })
  serviceAreas?: string[] | null;

  @Field(() => PhysicalAddressInput, { nullable: true, description: 'Where the organisation is; null removes the address.' })
  @IsOptional()
  @ValidateNested()
  address?: PhysicalAddressInput | null;

  @Field(() => [ContactPersonInput], { nullable: true, description: 'The contact persons; people left out are archived.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50, { message: 'at most 50 contact persons' })
  contacts?: ContactPersonInput[] | null;
}

@InputType({ description: 'Updates an organisation.' })
export class UpdateOrganisationInput {
  @Field(() => ID, { description: 'The organisation.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile, and nothing is written.' })
  expectedVersion!: number;

  @Field(() => OrganisationPatch)
  @ValidateNested()
  patch!: OrganisationPatch;
}

@InputType({ description: 'A new organisation (coordinators).' })
export class CreateOrganisationInput extends OrganisationPatch {
  @Field(() => String, { description: 'Readable key, e.g. "verein-xy"; cannot change later.' })
  @ValidSlug()
  @ShortText(100)
  slug!: string;

  @Field(() => String)
  @Name()
  declare name: string;

  @Field(() => OrganisationKind)
  declare kind: OrganisationKind;

  @Field(() => GovernanceLevel)
  declare level: GovernanceLevel;
}

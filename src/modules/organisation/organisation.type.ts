import { DateScalar, type Day } from '../../graph/day';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import { Node, VersionedNode } from '../../graph/node';
import { GovernanceLevel, OrganisationKind } from './organisation.enums';
import type { FieldsOf } from '../common/columns';
import type { ORGANISATION_COLUMNS } from './organisation.loaders';

@ObjectType('Organisation', {
  implements: Node,
  description:
    'A partner of the programme: an authority, a department, an association, a school, … ' +
    'or a category standing for many of them ("Migrantenvereine", `isCategory`).',
})
export class Organisation extends VersionedNode implements FieldsOf<
  typeof ORGANISATION_COLUMNS,
  Organisation,
  'parentId' | 'sortName' | 'addressStreet' | 'addressPostalCode' | 'addressCity' | 'addressSocialAreaId'
> {
  @Field(() => String, { description: 'Stable, readable key, e.g. "jugendamt"; use it with `organisation(slug:)`.' })
  slug!: string;

  @Field(() => String, { description: 'Name as the organisation uses it (German), e.g. "Ausländerbüro".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Abbreviation, e.g. "BAMF".' })
  shortName!: string | null;

  @Field(() => OrganisationKind, { description: 'What sort of organisation this is.' })
  kind!: OrganisationKind;

  @Field(() => GovernanceLevel, { description: 'The level of governance it acts on.' })
  level!: GovernanceLevel;

  @Field(() => String, { nullable: true, description: 'What the organisation does, in German.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Public website.' })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Public e-mail address of the organisation (not of a person).' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Public telephone number of the organisation.' })
  phone!: string | null;

  @Field(() => [String], { description: 'Languages the organisation works in (ISO 639-1 codes, e.g. "de", "tr", "ar").' })
  languages!: string[];

  @Field(() => [String], { description: 'What the organisation offers, in short German phrases.' })
  offers!: string[];

  @Field(() => Boolean, { description: 'True for an entry that stands for a group of organisations, e.g. "Migrantenvereine" or "Kirchen".' })
  isCategory!: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'The day it joined the network; null when unknown (the organisations of the source slides).' })
  since!: Day | null;
}

@ObjectType('PhysicalAddress', {
  description: 'Where an organisation is: a street address (HSDS: the address of a physical location). Its social area says where it lies, not whom it serves.',
})
export class PhysicalAddress {
  @Field(() => String, { description: 'Street and house number (HSDS address_1).' })
  street!: string;

  @Field(() => String, { description: 'Postal code, e.g. "35578".' })
  postalCode!: string;

  @Field(() => String, { description: 'City, e.g. "Wetzlar".' })
  city!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code: always "DE".' })
  country!: string;

  /** The uuid of the address's social area, resolved by `socialArea`. */
  socialAreaId!: string | null;
}

@ObjectType({ description: 'An organisation in a list.' })
export class OrganisationEdge extends EdgeType(Organisation, 'organisation') {}

@ObjectType({ description: 'A page of organisations.' })
export class OrganisationConnection extends ConnectionType(OrganisationEdge, Organisation, 'organisation') {}

@ObjectType('ContactPerson', { description: 'A contact person of an organisation. Personal data: visible to authenticated users only.' })
export class ContactPerson {
  @Field(() => ID, { description: 'Id of the contact person; send it back in `contacts` to keep or change this person.' })
  id!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Function, e.g. "Integrationsbeauftragte".' })
  function!: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone number.' })
  phone!: string | null;

  @Field(() => [String], { description: 'Languages the person speaks (ISO 639-1 codes).' })
  languages!: string[];
}

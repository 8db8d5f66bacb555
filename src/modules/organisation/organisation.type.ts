import { Field, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import { Node, VersionedNode, VersionedRow } from '../../graph/node';
import { GovernanceLevel, OrganisationKind } from './organisation.enums';

/** An organisation row as the loaders read it. */
export interface OrganisationRow extends VersionedRow {
  slug: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  level: GovernanceLevel;
  description: string | null;
  website: string | null;
  isCategory: boolean;
  parentId: string | null;
}

@ObjectType('Organisation', {
  implements: Node,
  description:
    'A partner of the programme: an authority, a department, an association, a school, … ' +
    'or a category standing for many of them ("Migrantenvereine", `isCategory`).',
})
export class Organisation extends VersionedNode {
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

  @Field(() => Boolean, { description: 'True for an entry that stands for a group of organisations, e.g. "Migrantenvereine" or "Kirchen".' })
  isCategory!: boolean;

}

@ObjectType({ description: 'An organisation in a list.' })
export class OrganisationEdge extends EdgeType(Organisation, 'organisation') {}

@ObjectType({ description: 'A page of organisations.' })
export class OrganisationConnection extends ConnectionType(OrganisationEdge, Organisation, 'organisation') {}

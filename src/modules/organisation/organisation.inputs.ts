import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../graph/order';
import { GovernanceLevel, OrganisationKind } from './organisation.enums';

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

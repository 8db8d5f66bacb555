import { Field, Int, ObjectType } from 'type-graphql';
import { Node, VersionedNode } from '../../graph/node';
import type { FieldsOf } from '../common/columns';
import { SocialAreaKind } from './social-area.enums';
import type { SOCIAL_AREA_COLUMNS } from './social-area.loaders';

@ObjectType('SocialArea', {
  implements: Node,
  description:
    'A social area (Sozialraum) of Wetzlar: the city, the Kernstadt, one of its twelve Stadtbezirke or one of the eight Stadtteile. ' +
    'Reference data with its sources; organisations state the areas they serve (`Organisation.serviceAreas`).',
})
export class SocialArea extends VersionedNode implements FieldsOf<typeof SOCIAL_AREA_COLUMNS, SocialArea, 'parentId'> {
  @Field(() => String, { description: 'Stable, readable key, e.g. "niedergirmes"; use it with `socialArea(slug:)` and the filters.' })
  slug!: string;

  @Field(() => String, { description: 'German name, e.g. "Silhöfer Aue".' })
  name!: string;

  @Field(() => SocialAreaKind, { description: 'City, Kernstadt, Stadtbezirk or Stadtteil.' })
  kind!: SocialAreaKind;

  @Field(() => Int, { description: 'Position in the list of areas: the city, the Kernstadt, its Stadtbezirke, then the Stadtteile.' })
  position!: number;

  @Field(() => String, { nullable: true, description: 'What the area is, in German, as the sources say.' })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The federal–state programme "Soziale Stadt" (neighbourhoods with special needs) in this area, in German; null where the sources name none.',
  })
  socialCityProgramme!: string | null;

  @Field(() => [String], { description: 'Where the facts about this area stand: public web pages, cited.' })
  sources!: string[];
}

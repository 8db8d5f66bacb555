import { Field, Int, ObjectType } from 'type-graphql';
import { Node, VersionedNode, VersionedRow } from '../../graph/node';

export interface FieldOfActionRow extends VersionedRow {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  position: number;
}

@ObjectType('FieldOfAction', {
  implements: Node,
  description: 'A field of action (Handlungsfeld) of the integration concept: I Bildung … V Wohnen.',
})
export class FieldOfAction extends VersionedNode {
  @Field(() => String, { description: 'Roman numeral "I" … "V"; use it with `fieldOfAction(code:)`.' })
  code!: string;

  @Field(() => String, { description: 'German name, e.g. "Bildung und Soziale Beratung".' })
  name!: string;

  @Field(() => String, { description: 'English name, e.g. "Education and social counselling".' })
  nameEn!: string;

  @Field(() => String, { nullable: true, description: 'What the field covers.' })
  description!: string | null;

  @Field(() => Int, { description: 'Position in the list of fields (I = 1).' })
  position!: number;
}

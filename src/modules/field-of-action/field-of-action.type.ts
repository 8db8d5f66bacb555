import { Field, Int, ObjectType } from 'type-graphql';
import { Node, VersionedNode } from '../../graph/node';
import type { FieldsOf } from '../common/columns';
import type { FIELD_OF_ACTION_COLUMNS } from './field-of-action.loaders';

@ObjectType('FieldOfAction', {
  implements: Node,
  description: 'A field of action (Handlungsfeld) of the integration concept: I Bildung … V Wohnen.',
})
export class FieldOfAction extends VersionedNode implements FieldsOf<typeof FIELD_OF_ACTION_COLUMNS, FieldOfAction> {
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

import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import { Node, VersionedNode } from '../../graph/node';
import type { FieldsOf } from '../common/columns';
import type { FORUM_COLUMNS } from './forum.loaders';

@ObjectType('Forum', {
  implements: Node,
  description: 'A thematic forum (Fachforum I … V) where partners work on a field of action.',
})
export class Forum extends VersionedNode implements FieldsOf<typeof FORUM_COLUMNS, Forum> {
  @Field(() => String, { description: 'Roman numeral "I" … "V"; use it with `forum(code:)`.' })
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "Fachforum I".' })
  name!: string;

  @Field(() => String, { description: 'Topic, e.g. "Bildung und Soziales".' })
  topic!: string;

  @Field(() => String, { nullable: true, description: 'Focus within the topic, e.g. "Familienbildung und Spracherwerb".' })
  focus!: string | null;

  @Field(() => String, { nullable: true, description: 'Longer description.' })
  description!: string | null;

  @Field(() => Int, { description: 'Position in the list of forums (I = 1).' })
  position!: number;
}

@ObjectType({ description: 'A forum in a list.' })
export class ForumEdge extends EdgeType(Forum, 'forum') {}

@ObjectType({ description: 'A page of forums.' })
export class ForumConnection extends ConnectionType(ForumEdge, Forum, 'forum') {}

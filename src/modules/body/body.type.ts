import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import { Node, VersionedNode } from '../../graph/node';
import { BodyKind } from './body.enums';
import type { FieldsOf } from '../common/columns';
import type { BODY_COLUMNS } from './body.loaders';

@ObjectType('Body', {
  implements: Node,
  description: 'A steering, advisory or working body of the programme: Steuerungs-AG, Programmbeirat, Projektgruppe, Integrationsworkshop.',
})
export class Body extends VersionedNode implements FieldsOf<typeof BODY_COLUMNS, Body> {
  @Field(() => String, { description: 'Stable, readable key, e.g. "programmbeirat"; use it with `body(slug:)`.' })
  slug!: string;

  @Field(() => String, { description: 'Name, e.g. "Programmbeirat".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Abbreviation.' })
  shortName!: string | null;

  @Field(() => BodyKind, { description: 'What the body is for.' })
  kind!: BodyKind;

  @Field(() => String, { nullable: true, description: 'Its task and composition, in German.' })
  description!: string | null;

  @Field(() => Int, { description: 'Position in the list of bodies.' })
  position!: number;
}

@ObjectType({ description: 'A body in a list.' })
export class BodyEdge extends EdgeType(Body, 'body') {}

@ObjectType({ description: 'A page of bodies.' })
export class BodyConnection extends ConnectionType(BodyEdge, Body, 'body') {}

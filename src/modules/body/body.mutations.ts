import { Resolver } from 'type-graphql';
import { entityMutations } from '../common/entity-writes';
import { Body as BodyEntity } from './body.entity';
import { CreateBodyInput, UpdateBodyInput } from './body.inputs';
import { BODIES } from './body.loaders';
import { Body } from './body.type';

@Resolver(() => Body)
export class BodyMutations extends entityMutations({
  type: 'Body',
  graphqlType: Body,
  entity: BodyEntity,
  source: BODIES,
  key: 'slug',
  scalars: ['name', 'shortName', 'kind', 'description', 'position'],
  inputs: { create: CreateBodyInput, update: UpdateBodyInput },
  noun: 'a body',
}) {}

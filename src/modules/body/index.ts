import type { FeatureModule } from '../common/feature-module';
import { Body as BodyEntity, BODY_SEARCH } from './body.entity';
import { BODIES } from './body.loaders';
import { BodyMutations } from './body.mutations';
import { BodyResolver } from './body.resolver';
import { Body } from './body.type';

export const bodyModule: FeatureModule = {
  entities: [BodyEntity],
  resolvers: [BodyResolver, BodyMutations],
  nodes: [{ source: BODIES, search: BODY_SEARCH, graphqlType: Body }],
};

declare module '../../graph/node' {
  interface IdTypes {
    Body: true;
  }
}

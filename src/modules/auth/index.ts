import type { FeatureModule } from '../common/feature-module';
import { ApiToken } from './api-token.entity';
import { ApiTokenResolver, ViewerResolver } from './auth.resolver';
import { Session } from './session.entity';

export const authModule: FeatureModule = {
  entities: [ApiToken, Session],
  resolvers: [ViewerResolver, ApiTokenResolver],
  ids: ['ApiToken'],
};

declare module '../../graph/node' {
  interface IdTypes {
    ApiToken: true;
  }
}

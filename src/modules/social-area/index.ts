import type { FeatureModule } from '../common/feature-module';
import { SocialArea as SocialAreaEntity, SOCIAL_AREA_SEARCH } from './social-area.entity';
import { SOCIAL_AREAS } from './social-area.loaders';
import { SocialAreaResolver } from './social-area.resolver';
import { SocialArea } from './social-area.type';

/** The social areas of Wetzlar: reference data, read by everyone, written only by the seed. */
export const socialAreaModule: FeatureModule = {
  entities: [SocialAreaEntity],
  resolvers: [SocialAreaResolver],
  nodes: [{ source: SOCIAL_AREAS, search: SOCIAL_AREA_SEARCH, graphqlType: SocialArea }],
};

declare module '../../graph/node' {
  interface IdTypes {
    SocialArea: true;
  }
}

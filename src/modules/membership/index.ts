import type { FeatureModule } from '../common/feature-module';
import { MembershipRequest } from './membership-request.entity';
import { MembershipResolver } from './membership.resolver';

export const membershipModule: FeatureModule = {
  entities: [MembershipRequest],
  resolvers: [MembershipResolver],
  ids: ['MembershipRequest'],
};

declare module '../../graph/node' {
  interface IdTypes {
    MembershipRequest: true;
  }
}

import type { FeatureModule } from '../common/feature-module';
import { ContactPerson } from './contact-person.entity';
import { Organisation as OrganisationEntity, ORGANISATION_SEARCH } from './organisation.entity';
import { ORGANISATIONS } from './organisation.loaders';
import { OrganisationMutations } from './organisation.mutations';
import { OrganisationResolver, PhysicalAddressResolver } from './organisation.resolver';
import { Organisation } from './organisation.type';

export const organisationModule: FeatureModule = {
  entities: [OrganisationEntity, ContactPerson],
  resolvers: [OrganisationResolver, PhysicalAddressResolver, OrganisationMutations],
  nodes: [{ source: ORGANISATIONS, search: ORGANISATION_SEARCH, graphqlType: Organisation }],
  ids: ['ContactPerson'],
};

declare module '../../graph/node' {
  interface IdTypes {
    Organisation: true;
    ContactPerson: true;
  }
}

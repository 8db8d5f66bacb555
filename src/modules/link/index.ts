import type { FeatureModule } from '../common/feature-module';
import { BodyMembership, ForumMembership, ProjectParticipation } from './link.entity';
import { LinkMutations } from './link.mutations';
import { BodyLinkResolver, ForumLinkResolver, OrganisationLinkResolver, ProjectLinkResolver } from './link.resolver';

/** The links between organisations and the forums, bodies and projects they take part in. */
export const linkModule: FeatureModule = {
  entities: [ForumMembership, BodyMembership, ProjectParticipation],
  resolvers: [ForumLinkResolver, BodyLinkResolver, ProjectLinkResolver, OrganisationLinkResolver, LinkMutations],
};

import type { FeatureModule } from '../common/feature-module';
import { BodyMembership, ForumMembership, ProjectParticipation } from './link.entity';
import { BodyLinkMutations, ForumLinkMutations, ProjectLinkMutations } from './link.mutations';
import { BodyLinkResolver, ForumLinkResolver, LinkPeriodResolver, OrganisationLinkResolver, ProjectLinkResolver } from './link.resolver';

/** The links between organisations and the forums, bodies and projects they take part in. */
export const linkModule: FeatureModule = {
  entities: [ForumMembership, BodyMembership, ProjectParticipation],
  resolvers: [ForumLinkResolver, BodyLinkResolver, ProjectLinkResolver, OrganisationLinkResolver, LinkPeriodResolver, ForumLinkMutations, BodyLinkMutations, ProjectLinkMutations],
};

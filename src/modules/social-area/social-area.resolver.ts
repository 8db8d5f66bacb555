import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { OrganisationConnection } from '../organisation/organisation.type';
import { ORGANISATIONS_SERVING, SOCIAL_AREAS, SOCIAL_AREAS_MAX, TO_SOCIAL_AREAS, type SocialAreaRow } from './social-area.loaders';
import { SocialArea } from './social-area.type';

@Resolver(() => SocialArea)
export class SocialAreaResolver {
  @Query(() => [SocialArea], {
    description: 'The social areas of Wetzlar (reference data), in order: the city, the Kernstadt, its twelve Stadtbezirke, then the eight Stadtteile.',
  })
  @ListSize({ fixed: SOCIAL_AREAS_MAX })
  socialAreas(@Ctx() ctx: Context) {
    return SOCIAL_AREAS.all(ctx);
  }

  @Query(() => SocialArea, { nullable: true, description: 'One social area by its slug, e.g. "niedergirmes"; null when there is none.' })
  socialArea(@Arg('slug', () => String, { description: 'The slug, e.g. "niedergirmes".' }) slug: string, @Ctx() ctx: Context) {
    return SOCIAL_AREAS.byKey(ctx, 'slug', slug);
  }

  @FieldResolver(() => SocialArea, { nullable: true, description: 'The area containing this one (the Kernstadt for a Stadtbezirk); null for the city.' })
  parent(@Root() area: SocialAreaRow, @Ctx() ctx: Context) {
    return area.parentId ? SOCIAL_AREAS.byId(ctx, area.parentId) : null;
  }

  @FieldResolver(() => [SocialArea], { description: 'The areas directly inside this one, in order.' })
  @ListSize({ fixed: SOCIAL_AREAS_MAX })
  children(@Root() area: SocialAreaRow, @Ctx() ctx: Context) {
    return SOCIAL_AREAS.relatedList(ctx, TO_SOCIAL_AREAS.children, area.uuid);
  }

  @FieldResolver(() => OrganisationConnection, {
    description:
      'The organisations serving this area, alphabetically: those stating it or an area containing it as a service area ' +
      '(a city-wide service serves every district). Organisations that state no service area are not listed.',
  })
  organisations(@Root() area: SocialAreaRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ORGANISATIONS.related(ctx, ORGANISATIONS_SERVING, area.uuid, pageRequest(page, info));
  }
}

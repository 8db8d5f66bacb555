import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Query, Resolver, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { BODIES } from './body.loaders';
import { Body, BodyConnection } from './body.type';

@Resolver(() => Body)
export class BodyResolver {
  @Query(() => BodyConnection, { description: 'The steering structure: Steuerungs-AG, Programmbeirat, Projektgruppe, Integrationsworkshop.' })
  bodies(@Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return BODIES.page(ctx, pageRequest(page, info));
  }

  @Query(() => Body, { nullable: true, description: 'One body by its slug, e.g. "programmbeirat"; null when there is none.' })
  body(@Arg('slug', () => String, { description: 'The slug, e.g. "programmbeirat".' }) slug: string, @Ctx() ctx: Context) {
    return BODIES.byKey(ctx, 'slug', slug);
  }
}

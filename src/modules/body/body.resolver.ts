import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ORGANISATIONS, TO_ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation } from '../organisation/organisation.type';
import { BODIES } from './body.loaders';
import { Body, BodyConnection, BodyMemberConnection, BodyRow } from './body.type';

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

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that leads the body (member with role CHAIR), if any.' })
  async chair(@Root() body: BodyRow, @Ctx() ctx: Context) {
    const chairs = await ORGANISATIONS.relatedList(ctx, TO_ORGANISATIONS.bodyChairs, body.uuid);
    return chairs[0] ?? null;
  }

  @FieldResolver(() => BodyMemberConnection, { description: 'Who sits in the body, with their role, alphabetically.' })
  members(@Root() body: BodyRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ORGANISATIONS.related(ctx, TO_ORGANISATIONS.bodyMembers, body.uuid, pageRequest(page, info));
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { Authenticated } from '../auth/policy';
import { FIELDS_OF_ACTION, FIELDS_OF_ACTION_COUNT, TO_FIELDS_OF_ACTION } from '../field-of-action/field-of-action.loaders';
import { FieldOfAction } from '../field-of-action/field-of-action.type';
import { OrganisationFilter, OrganisationOrder } from './organisation.inputs';
import { contactsOf, organisations, ORGANISATIONS, TO_ORGANISATIONS, type OrganisationRow } from './organisation.loaders';
import { SOCIAL_AREAS, SOCIAL_AREAS_MAX, TO_SOCIAL_AREAS } from '../social-area/social-area.loaders';
import { SocialArea } from '../social-area/social-area.type';
import { ContactPerson, Organisation, OrganisationConnection, PhysicalAddress } from './organisation.type';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'One organisation by its slug, e.g. "jugendamt"; null when there is none.' })
  organisation(@Arg('slug', () => String, { description: 'The slug, e.g. "jugendamt".' }) slug: string, @Ctx() ctx: Context) {
    return ORGANISATIONS.byKey(ctx, 'slug', slug);
  }

  @Query(() => OrganisationConnection, {
    description: 'The partner organisations, filtered and ordered; alphabetical by default, best match first when searching.',
  })
  organisations(
    @Args() page: PageArgs,
    @Arg('filter', () => OrganisationFilter, { nullable: true, description: 'Conditions the organisations must meet.' }) filter: OrganisationFilter | null,
    @Arg('orderBy', () => OrganisationOrder, { nullable: true, description: 'Sort order; by name unless searching.' }) orderBy: OrganisationOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return organisations(ctx, pageRequest(page, info), filter ?? {}, orderBy);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation this one belongs to, e.g. Stadt Wetzlar for the Jugendamt.' })
  parent(@Root() org: OrganisationRow, @Ctx() ctx: Context) {
    return org.parentId ? ORGANISATIONS.byId(ctx, org.parentId) : null;
  }

  @FieldResolver(() => OrganisationConnection, { description: 'The organisations that belong to this one (departments, member groups).' })
  children(@Root() org: OrganisationRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ORGANISATIONS.related(ctx, TO_ORGANISATIONS.children, org.uuid, pageRequest(page, info));
  }

  @FieldResolver(() => [FieldOfAction], { description: 'The fields of action the organisation works in, ordered by code.' })
  @ListSize({ fixed: FIELDS_OF_ACTION_COUNT })
  fieldsOfAction(@Root() org: OrganisationRow, @Ctx() ctx: Context) {
    return FIELDS_OF_ACTION.relatedList(ctx, TO_FIELDS_OF_ACTION.ofOrganisation, org.uuid);
  }

  @FieldResolver(() => [SocialArea], {
    description:
      'The social areas the organisation states it serves (HSDS service areas), in order; "wetzlar" for the whole city. ' +
      'Empty when it states none: not stated, which is not the same as serving nowhere.',
  })
  @ListSize({ fixed: SOCIAL_AREAS_MAX })
  serviceAreas(@Root() org: OrganisationRow, @Ctx() ctx: Context) {
    return SOCIAL_AREAS.relatedList(ctx, TO_SOCIAL_AREAS.servedBy, org.uuid);
  }

  @FieldResolver(() => PhysicalAddress, { nullable: true, description: 'Where the organisation is (HSDS: a physical location); null when not given.' })
  address(@Root() org: OrganisationRow): PhysicalAddress | null {
    if (!org.addressStreet || !org.addressPostalCode || !org.addressCity) return null;
    return { street: org.addressStreet, postalCode: org.addressPostalCode, city: org.addressCity, country: 'DE', socialAreaId: org.addressSocialAreaId };
  }

  @FieldResolver(() => [ContactPerson], {
    nullable: true,
    description: 'The contact persons. Personal data: needs an API token (any role); without one this field is null with an UNAUTHENTICATED error, and the rest of the answer stands.',
  })
  @Authenticated()
  contacts(@Root() org: OrganisationRow, @Ctx() ctx: Context) {
    return contactsOf(ctx, org.uuid);
  }
}

@Resolver(() => PhysicalAddress)
export class PhysicalAddressResolver {
  @FieldResolver(() => SocialArea, { nullable: true, description: 'The social area the address lies in; null when not given.' })
  socialArea(@Root() address: PhysicalAddress, @Ctx() ctx: Context) {
    return address.socialAreaId ? SOCIAL_AREAS.byId(ctx, address.socialAreaId) : null;
  }
}

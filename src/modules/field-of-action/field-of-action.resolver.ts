import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { FORUMS, TO_FORUMS } from '../forum/forum.loaders';
import { Forum } from '../forum/forum.type';
import { ORGANISATIONS, TO_ORGANISATIONS } from '../organisation/organisation.loaders';
import { OrganisationConnection } from '../organisation/organisation.type';
import { PROJECTS, TO_PROJECTS } from '../project/project.loaders';
import { ProjectConnection } from '../project/project.type';
import { FIELDS_OF_ACTION, FIELDS_OF_ACTION_COUNT, type FieldOfActionRow } from './field-of-action.loaders';
import { FieldOfAction } from './field-of-action.type';

@Resolver(() => FieldOfAction)
export class FieldOfActionResolver {
  @Query(() => [FieldOfAction], { description: 'The five fields of action (Handlungsfelder), ordered by code I … V.' })
  @ListSize({ fixed: FIELDS_OF_ACTION_COUNT })
  fieldsOfAction(@Ctx() ctx: Context) {
    return FIELDS_OF_ACTION.all(ctx);
  }

  @Query(() => FieldOfAction, { nullable: true, description: 'One field of action by its code "I" … "V"; null when there is none.' })
  fieldOfAction(@Arg('code', () => String, { description: 'The code, a Roman numeral "I" … "V".' }) code: string, @Ctx() ctx: Context) {
    return FIELDS_OF_ACTION.byKey(ctx, 'code', code);
  }

  @FieldResolver(() => OrganisationConnection, { description: 'The organisations working in this field, alphabetically.' })
  organisations(@Root() field: FieldOfActionRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ORGANISATIONS.related(ctx, TO_ORGANISATIONS.ofField, field.uuid, pageRequest(page, info));
  }

  @FieldResolver(() => [Forum], { description: 'The forums working on this field.' })
  // Not a page: a field has a handful of forums. Costed as a full page, which no directory reaches.
  @ListSize({ fixed: 100 })
  forums(@Root() field: FieldOfActionRow, @Ctx() ctx: Context) {
    return FORUMS.relatedList(ctx, TO_FORUMS.ofField, field.uuid);
  }

  @FieldResolver(() => ProjectConnection, { description: 'The projects in this field.' })
  projects(@Root() field: FieldOfActionRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return PROJECTS.related(ctx, TO_PROJECTS.ofField, field.uuid, pageRequest(page, info));
  }
}

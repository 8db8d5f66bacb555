import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { FIELDS_OF_ACTION, FIELDS_OF_ACTION_COUNT, TO_FIELDS_OF_ACTION } from '../field-of-action/field-of-action.loaders';
import { FieldOfAction } from '../field-of-action/field-of-action.type';
import { PROJECTS, TO_PROJECTS } from '../project/project.loaders';
import { ProjectConnection } from '../project/project.type';
import { FORUMS, type ForumRow } from './forum.loaders';
import { Forum, ForumConnection } from './forum.type';

@Resolver(() => Forum)
export class ForumResolver {
  @Query(() => ForumConnection, { description: 'The thematic forums (Fachforen), ordered I … V.' })
  forums(@Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return FORUMS.page(ctx, pageRequest(page, info));
  }

  @Query(() => Forum, { nullable: true, description: 'One forum by its code: "III" for Fachforum III; null when there is none.' })
  forum(@Arg('code', () => String, { description: 'The code, a Roman numeral "I" … "V".' }) code: string, @Ctx() ctx: Context) {
    return FORUMS.byKey(ctx, 'code', code);
  }

  @FieldResolver(() => [FieldOfAction], { description: 'The fields of action the forum works on.' })
  @ListSize({ fixed: FIELDS_OF_ACTION_COUNT })
  fieldsOfAction(@Root() forum: ForumRow, @Ctx() ctx: Context) {
    return FIELDS_OF_ACTION.relatedList(ctx, TO_FIELDS_OF_ACTION.ofForum, forum.uuid);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects connected with the forum.' })
  projects(@Root() forum: ForumRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return PROJECTS.related(ctx, TO_PROJECTS.ofForum, forum.uuid, pageRequest(page, info));
  }
}

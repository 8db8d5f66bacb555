import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { FIELDS_OF_ACTION, FIELDS_OF_ACTION_COUNT, TO_FIELDS_OF_ACTION } from '../field-of-action/field-of-action.loaders';
import { FieldOfAction } from '../field-of-action/field-of-action.type';
import { FORUMS, TO_FORUMS } from '../forum/forum.loaders';
import { ForumConnection } from '../forum/forum.type';
import { ProjectFilter } from './project.inputs';
import { projects, PROJECTS, type ProjectRow } from './project.loaders';
import { Project, ProjectConnection } from './project.type';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => ProjectConnection, { description: 'The projects of the programme, alphabetically.' })
  projects(
    @Args() page: PageArgs,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Conditions the projects must meet.' }) filter: ProjectFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projects(ctx, pageRequest(page, info), filter ?? {});
  }

  @Query(() => Project, { nullable: true, description: 'One project by its slug, e.g. "mama-lernt-deutsch"; null when there is none.' })
  project(@Arg('slug', () => String, { description: 'The slug, e.g. "mama-lernt-deutsch".' }) slug: string, @Ctx() ctx: Context) {
    return PROJECTS.byKey(ctx, 'slug', slug);
  }

  @FieldResolver(() => [FieldOfAction], { description: 'The fields of action of the project.' })
  @ListSize({ fixed: FIELDS_OF_ACTION_COUNT })
  fieldsOfAction(@Root() project: ProjectRow, @Ctx() ctx: Context) {
    return FIELDS_OF_ACTION.relatedList(ctx, TO_FIELDS_OF_ACTION.ofProject, project.uuid);
  }

  @FieldResolver(() => ForumConnection, { description: 'The forums the project is connected with.' })
  forums(@Root() project: ProjectRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return FORUMS.related(ctx, TO_FORUMS.ofProject, project.uuid, pageRequest(page, info));
  }
}

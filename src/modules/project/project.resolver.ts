import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { FIELDS_OF_ACTION, FIELDS_OF_ACTION_COUNT, TO_FIELDS_OF_ACTION } from '../field-of-action/field-of-action.loaders';
import { FieldOfAction } from '../field-of-action/field-of-action.type';
import { FORUMS, TO_FORUMS } from '../forum/forum.loaders';
import { ForumConnection } from '../forum/forum.type';
import { ORGANISATIONS, TO_ORGANISATIONS } from '../organisation/organisation.loaders';
import { searchSql, searchTerms } from '../search/search.sql';
import { PROJECT_SEARCH } from './project.entity';
import { ProjectFilter } from './project.inputs';
import { PROJECTS } from './project.loaders';
import { Project, ProjectConnection, ProjectParticipantConnection, ProjectRow } from './project.type';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => ProjectConnection, { description: 'The projects of the programme, alphabetically.' })
  projects(
    @Args() page: PageArgs,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Conditions the projects must meet.' }) filter: ProjectFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.search != null) {
      const terms = searchTerms(filter.search, 'filter.search');
      if (terms) {
        const s = searchSql(PROJECT_SEARCH, 'p', terms);
        where.push(s.where);
        params.push(...s.whereParams);
      } else {
        where.push('false');
      }
    }
    if (filter?.statuses?.length) {
      where.push('p.status = any(?::text[])');
      params.push(filter.statuses);
    }
    if (filter?.isLighthouse != null) {
      where.push('p.is_lighthouse = ?');
      params.push(filter.isLighthouse);
    }
    if (filter?.fieldOfAction != null) {
      where.push(`exists (select 1 from project_field_of_action x join field_of_action f on f.id = x.field_of_action_id where x.project_id = p.id and f.code = ?)`);
      params.push(filter.fieldOfAction);
    }
    if (filter?.forum != null) {
      where.push(`exists (select 1 from project_forum x join forum f on f.id = x.forum_id where x.project_id = p.id and f.archived_at is null and f.code = ?)`);
      params.push(filter.forum);
    }
    if (filter?.participant != null) {
      where.push(`exists (select 1 from project_participation x join organisation o on o.id = x.organisation_id
                        where x.project_id = p.id and x.archived_at is null and o.archived_at is null and o.slug = ?)`);
      params.push(filter.participant);
    }
    return PROJECTS.page(ctx, pageRequest(page, info), { where: where.join(' and ') || undefined, params, costly: filter?.search != null });
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

  @FieldResolver(() => ProjectParticipantConnection, { description: 'Who takes part in the project, with their role (LEAD, PARTNER, FUNDER).' })
  participants(@Root() project: ProjectRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ORGANISATIONS.related(ctx, TO_ORGANISATIONS.projectParticipants, project.uuid, pageRequest(page, info));
  }

  @FieldResolver(() => ForumConnection, { description: 'The forums the project is connected with.' })
  forums(@Root() project: ProjectRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return FORUMS.related(ctx, TO_FORUMS.ofProject, project.uuid, pageRequest(page, info));
  }
}

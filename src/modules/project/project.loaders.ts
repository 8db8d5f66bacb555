import { Connection, orderedBy, PageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import type { VersionedRow } from '../../graph/node';
import { bool, lazy, nullable, oneOf, RowOf, selectList, text } from '../common/columns';
import { Conditions } from '../common/conditions';
import { NodeSource, Relation } from '../common/node-source';
import { MembershipTarget } from '../link/link.enums';
import { liveLinks } from '../link/link.sql';
import { today } from '../../graph/day';
import { searchFilter } from '../search/search.sql';
import { PROJECT_SEARCH } from './project.entity';
import type { ProjectFilter } from './project.inputs';
import { ProjectStatus } from './project.enums';

export const PROJECT_COLUMNS = {
  slug: text(), name: text(), shortName: nullable(text()), description: lazy(nullable(text()), 'description'), status: oneOf(ProjectStatus), isLighthouse: bool(),
  sortName: text((p) => `ig_fold(coalesce(${p}.short_name, ${p}.name))`),
};

export type ProjectRow = VersionedRow & RowOf<typeof PROJECT_COLUMNS>;

export const PROJECTS = new NodeSource<ProjectRow>('Project', 'project', 'p', selectList('p', PROJECT_COLUMNS), orderedBy('sortName', 'text'));

/** The relations that lead to projects. */
export const TO_PROJECTS = {
  ofField: { name: 'ofField', from: 'project_field_of_action x join project p on p.id = x.project_id', parent: 'x.field_of_action_id' },
  ofForum: { name: 'ofForum', from: 'project_forum x join project p on p.id = x.project_id', parent: 'x.forum_id' },
} satisfies Record<string, Relation<ProjectRow>>;

/** The root list, filtered and searched in one statement. */
export function projects(ctx: Context, page: PageRequest, filter: ProjectFilter): Promise<Connection<ProjectRow>> {
  const conditions = new Conditions();
  const search = searchFilter(conditions, filter.search, PROJECT_SEARCH, 'p', 'filter.search');
  conditions
    .whenAny(filter.statuses, 'p.status = any(?::text[])')
    .when(filter.isLighthouse, 'p.is_lighthouse = ?')
    .when(
      filter.fieldOfAction,
      `exists (select 1 from project_field_of_action x join field_of_action f on f.id = x.field_of_action_id where x.project_id = p.id and f.code = ?)`,
    )
    .when(
      filter.forum,
      `exists (select 1 from project_forum x join forum f on f.id = x.forum_id where x.project_id = p.id and f.archived_at is null and f.code = ?)`,
    )
    .when(
      filter.participant,
      `exists (select 1 from ${liveLinks(today(), MembershipTarget.PROJECT)} x join organisation o on o.id = x.organisation_id
               where x.target_id = p.id and o.archived_at is null and o.slug = ?)`,
    );
  return PROJECTS.page(ctx, page, { where: conditions.where, params: conditions.params, costly: search !== null });
}

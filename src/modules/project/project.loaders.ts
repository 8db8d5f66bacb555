import { Connection, orderedBy, PageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import type { VersionedRow } from '../../graph/node';
import { bool, nullable, oneOf, RowOf, selectList, text } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';
import { MembershipTarget } from '../link/link.enums';
import { liveLinks } from '../link/link.sql';
import { searchSql, searchTerms } from '../search/search.sql';
import { PROJECT_SEARCH } from './project.entity';
import type { ProjectFilter } from './project.inputs';
import { ProjectStatus } from './project.enums';

export const PROJECT_COLUMNS = {
  slug: text(), name: text(), shortName: nullable(text()), description: nullable(text()), status: oneOf(ProjectStatus), isLighthouse: bool(),
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
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.search != null) {
    const terms = searchTerms(filter.search, 'filter.search');
    if (terms) {
      const s = searchSql(PROJECT_SEARCH, 'p', terms);
      where.push(s.where);
      params.push(...s.whereParams);
    } else {
      where.push('false');
    }
  }
  if (filter.statuses?.length) {
    where.push('p.status = any(?::text[])');
    params.push(filter.statuses);
  }
  if (filter.isLighthouse != null) {
    where.push('p.is_lighthouse = ?');
    params.push(filter.isLighthouse);
  }
  if (filter.fieldOfAction != null) {
    where.push(`exists (select 1 from project_field_of_action x join field_of_action f on f.id = x.field_of_action_id where x.project_id = p.id and f.code = ?)`);
    params.push(filter.fieldOfAction);
  }
  if (filter.forum != null) {
    where.push(`exists (select 1 from project_forum x join forum f on f.id = x.forum_id where x.project_id = p.id and f.archived_at is null and f.code = ?)`);
    params.push(filter.forum);
  }
  if (filter.participant != null) {
    where.push(`exists (select 1 from ${liveLinks(MembershipTarget.PROJECT)} x join organisation o on o.id = x.organisation_id
                        where x.target_id = p.id and o.archived_at is null and o.slug = ?)`);
    params.push(filter.participant);
  }
  return PROJECTS.page(ctx, page, { where: where.join(' and ') || undefined, params, costly: filter.search != null });
}

import type { SqlRunner } from '../../db/database';
import type { PageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { MembershipTarget } from '../link/link.enums';
import type { Day } from '../../graph/day';
import { organisationStandsOn, standsOn } from '../common/as-of.sql';
import { liveLinks } from '../link/link.sql';
import type { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { servesArea } from '../social-area/social-area.sql';
import type { CoverageColumn } from './analysis.sql';
import type { GapType } from './gaps';

/*
 * The SQL of the analyses the resolvers read per request: counted and grouped in
 * PostgreSQL, one statement each.
 */

/** The organisations of one cell of the matrix on `day`, as a page; cells of many rows are read together. */
export function coverageCellOrganisations(ctx: Context, column: CoverageColumn, fieldUuid: string, value: string, page: PageRequest, day: Day) {
  return ORGANISATIONS.related(
    ctx,
    column === 'social_area' ? socialAreaCell(day) : {
      name: `coverageCell:${column}@${day}`,
      from: `organisation_field_of_action x join organisation o on o.id = x.organisation_id and ${organisationStandsOn('o', day)}`,
      parent: `(x.field_of_action_id::text || '|' || o.${column})`,
      parentType: 'text',
      parentIndexed: false,
    },
    `${fieldUuid}|${value}`,
    page,
  );
}

/** The organisations of one cell by social area on `day`: each (field, organisation, area it serves) once. */
const socialAreaCell = (day: Day) => ({
  name: `coverageCell:social_area@${day}`,
  from: `organisation_field_of_action x join organisation o on o.id = x.organisation_id and ${organisationStandsOn('o', day)}
         join social_area a on a.archived_at is null and ${servesArea('o', 'a.id')}`,
  parent: `(x.field_of_action_id::text || '|' || a.slug)`,
  parentType: 'text' as const,
  parentIndexed: false,
});

export interface GapRow {
  type: GapType;
  field_id: string | null;
  forum_id: string | null;
  label: string;
  kind: OrganisationKind | null;
  level: GovernanceLevel | null;
  count: number;
}

/** The gaps on `day`, ordered by type and position; kinds and levels default to those present in the directory. */
export function gapRows(sql: SqlRunner, day: Day, minPartners: number, kinds: string[] | null, levels: string[] | null): Promise<GapRow[]> {
  const kindList = kinds?.length ? `select unnest(?::text[]) as kind` : `select distinct kind from live`;
  const levelList = levels?.length ? `select unnest(?::text[]) as level` : `select distinct level from live`;
  const params: unknown[] = [minPartners, minPartners];
  if (kinds?.length) params.push(kinds);
  if (levels?.length) params.push(levels);
  return sql.query<GapRow>(
    `with live as (select o.id, o.kind, o.level from organisation o where ${organisationStandsOn('o', day)}),
     coverage as (select x.field_of_action_id as field_id, l.id, l.kind from organisation_field_of_action x join live l on l.id = x.organisation_id),
     members as (select m.target_id as forum_id, l.id, l.level from ${liveLinks(day, MembershipTarget.FORUM)} m join live l on l.id = m.organisation_id),
     fields as (select f.id, f.code, f.name, f.position from field_of_action f where ${standsOn('f', day)}),
     forums as (select f.id, f.name, f.position from forum f where ${standsOn('f', day)})
     select * from (
       select 'THIN_FIELD' as type, f.id as field_id, null::uuid as forum_id, 'Handlungsfeld ' || f.code || ' ' || f.name as label,
              null as kind, null as level, count(c.id)::int as count, f.position as p1, 0 as p2
       from fields f left join coverage c on c.field_id = f.id group by f.id, f.code, f.name, f.position having count(c.id) < ?
       union all
       select 'THIN_FORUM', null, fo.id, fo.name, null, null, count(m.id)::int, fo.position, 0
       from forums fo left join members m on m.forum_id = fo.id group by fo.id, fo.name, fo.position having count(m.id) < ?
       union all
       select 'KIND_MISSING_IN_FIELD', f.id, null, 'Handlungsfeld ' || f.code || ' ' || f.name, k.kind, null, 0, f.position, 0
       from fields f cross join (${kindList}) k
       where not exists (select 1 from coverage c where c.field_id = f.id and c.kind = k.kind)
       union all
       select 'LEVEL_MISSING_IN_FORUM', null, fo.id, fo.name, null, v.level, 0, fo.position, 0
       from forums fo cross join (${levelList}) v
       where not exists (select 1 from members m where m.forum_id = fo.id and m.level = v.level)
     ) g
     order by type, p1, kind, level`,
    params,
  );
}

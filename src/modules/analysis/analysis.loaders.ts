import type { SqlRunner } from '../../db/database';
import type { PageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { MembershipTarget } from '../link/link.enums';
import { LINK_KINDS_IN_ORDER, LINK_TABLES, liveLinks } from '../link/link.sql';
import type { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { READ_DATA_VERSION } from '../../db/data-version';
import type { GapType } from './gaps';

/*
 * The SQL of the analyses: counted and grouped in PostgreSQL, read in one statement each.
 */

/** The columns the coverage matrix can be cut by. */
export type CoverageColumn = 'kind' | 'level';

/** Organisations per field of action and kind (or level), with the row totals and the grand total. */
export function coverageCounts(sql: SqlRunner, column: CoverageColumn) {
  // One GROUP BY with grouping sets: the cells, the row totals and the grand total at once.
  return sql.query<{ field: string | null; value: string | null; count: number }>(
    `select x.field_of_action_id::text as field, o.${column} as value, count(distinct o.id)::int as count
     from organisation_field_of_action x
     join organisation o on o.id = x.organisation_id and o.archived_at is null
     join field_of_action f on f.id = x.field_of_action_id and f.archived_at is null
     group by grouping sets ((x.field_of_action_id, o.${column}), (x.field_of_action_id), ())`,
  );
}

/** The kinds (or levels) present in the directory, alphabetically. */
export function coverageColumns(sql: SqlRunner, column: CoverageColumn) {
  return sql.query<{ value: string }>(`select distinct ${column} as value from organisation where archived_at is null order by 1`);
}

/** The organisations of one cell of the matrix, as a page; cells of many rows are read together. */
export function coverageCellOrganisations(ctx: Context, column: CoverageColumn, fieldUuid: string, value: string, page: PageRequest) {
  return ORGANISATIONS.related(
    ctx,
    {
      name: `coverageCell:${column}`,
      from: 'organisation_field_of_action x join organisation o on o.id = x.organisation_id',
      parent: `(x.field_of_action_id::text || '|' || o.${column})`,
      parentType: 'text',
      parentIndexed: false,
    },
    `${fieldUuid}|${value}`,
    page,
  );
}

export interface GapRow {
  type: GapType;
  field_id: string | null;
  forum_id: string | null;
  label: string;
  kind: OrganisationKind | null;
  level: GovernanceLevel | null;
  count: number;
}

/** The gaps, ordered by type and position; kinds and levels default to those present in the directory. */
export function gapRows(sql: SqlRunner, minPartners: number, kinds: string[] | null, levels: string[] | null): Promise<GapRow[]> {
  const kindList = kinds?.length ? `select unnest(?::text[]) as kind` : `select distinct kind from live`;
  const levelList = levels?.length ? `select unnest(?::text[]) as level` : `select distinct level from live`;
  const params: unknown[] = [minPartners, minPartners];
  if (kinds?.length) params.push(kinds);
  if (levels?.length) params.push(levels);
  return sql.query<GapRow>(
    `with live as (select id, kind, level from organisation where archived_at is null),
     coverage as (select x.field_of_action_id as field_id, l.id, l.kind from organisation_field_of_action x join live l on l.id = x.organisation_id),
     members as (select m.target_id as forum_id, l.id, l.level from ${liveLinks(MembershipTarget.FORUM)} m join live l on l.id = m.organisation_id),
     fields as (select id, code, name, position from field_of_action where archived_at is null),
     forums as (select id, name, position from forum where archived_at is null)
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

export interface NetworkRow {
  version: string;
  /** Live forum id → code. */
  forums: Record<string, string>;
  /** Null in an empty directory. */
  organisations: string | null;
}

/**
 * Every live organisation with what filters select by and its live memberships, the live
 * forums' codes and the data version, in one statement: one snapshot, so the version names
 * exactly this data. Read from the primary, like every read of the data version.
 *
 * The organisations come as one text, a JSON array per line ([id, kind, level, field codes,
 * contexts as "TYPE:uuid"]), ordered by id: the driver then decodes one string instead of
 * parsing 10,000 rows of arrays in one go (some 80 ms during which nothing else runs), and
 * encode() parses the lines in slices. In uuid order, organisations are numbered in the order
 * of their ids, which orders links and breaks ties without comparing strings.
 */
export const READ_NETWORK = `
  select v.version,
         (select coalesce(json_object_agg(f.id, f.code), '{}') from forum f where f.archived_at is null) as forums,
         (select string_agg(json_build_array(o.id, o.kind, o.level,
                   array(select f.code from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id
                          where x.organisation_id = o.id),
                   array(${LINK_KINDS_IN_ORDER.map(
                     (kind) => `select m.type || ':' || m.target_id from ${liveLinks(kind)} m
                                join ${LINK_TABLES[kind].targetTable} t on t.id = m.target_id and t.archived_at is null
                                where m.organisation_id = o.id`,
                   ).join(' union all ')}))::text, E'\\n' order by o.id)
            from organisation o where o.archived_at is null) as organisations
    from (${READ_DATA_VERSION}) v`;

export interface ExportRow {
  id: string; slug: string; name: string; short_name: string | null; kind: string; level: string; parent: string | null;
  parent_id: string | null; is_category: boolean; description: string | null; website: string | null; email: string | null;
  phone: string | null; languages: string[]; offers: string[]; fields: string | null; forums: string | null; bodies: string | null;
  projects: string | null; updated_at: string; sort_name: string;
}

/** Every live organisation, alphabetically, in batches. */
export async function* organisationBatches(sql: SqlRunner, size: number): AsyncGenerator<ExportRow[]> {
  let after: [string, string] | null = null;
  for (;;) {
    const rows: ExportRow[] = await sql.query<ExportRow>(
      `select o.id, o.slug, o.name, o.short_name, o.kind, o.level, p.slug as parent, o.parent_id, o.is_category, o.description,
              o.website, o.email, o.phone, o.languages, o.offers,
              (select string_agg(f.code, ';' order by f.position) from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id
                where x.organisation_id = o.id) as fields,
              (select string_agg(t.name, ';' order by t.position) from ${liveLinks(MembershipTarget.FORUM)} m join forum t on t.id = m.target_id
                where m.organisation_id = o.id and t.archived_at is null) as forums,
              (select string_agg(t.name, ';' order by t.position) from ${liveLinks(MembershipTarget.BODY)} m join body t on t.id = m.target_id
                where m.organisation_id = o.id and t.archived_at is null) as bodies,
              (select string_agg(t.name, ';' order by t.name) from ${liveLinks(MembershipTarget.PROJECT)} m join project t on t.id = m.target_id
                where m.organisation_id = o.id and t.archived_at is null) as projects,
              to_char(o.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at, ig_fold(o.name) as sort_name
       from organisation o left join organisation p on p.id = o.parent_id
       where o.archived_at is null ${after ? 'and (ig_fold(o.name), o.id) > (?::text, ?::uuid)' : ''}
       order by ig_fold(o.name), o.id limit ${size}`,
      after ?? [],
    );
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = [last.sort_name, last.id];
  }
}

/** How many organisations are live. */
export async function liveOrganisationCount(sql: SqlRunner): Promise<number> {
  const [{ n }] = await sql.query<{ n: number }>('select count(*)::int as n from organisation where archived_at is null');
  return n;
}

/** What the network download labels its nodes with, for the given organisations. */
export function organisationLabels(sql: SqlRunner, uuids: string[]) {
  return sql.query<{ id: string; name: string; slug: string; kind: string; level: string }>(
    'select id::text as id, name, slug, kind, level from organisation where id = any(?::uuid[])',
    [uuids],
  );
}

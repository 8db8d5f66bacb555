import type { SqlRunner } from '../../db/database';
import { READ_DATA_VERSION } from '../../db/data-version';
import { modifiedAfter } from '../audit/changes.sql';
import type { Day } from '../../graph/day';
import { organisationStandsOn, standsOn } from '../common/as-of.sql';
import { MembershipTarget } from '../link/link.enums';
import { LINK_KINDS_IN_ORDER, LINK_TABLES, liveLinks } from '../link/link.sql';
import { AREA_ANCESTRY, FINEST_AREAS, servesArea } from '../social-area/social-area.sql';

/*
 * The SQL of the whole-directory reads that run outside a GraphQL request's loaders: the
 * network's one-snapshot read and the downloads' batches. Kept apart from the loaders so
 * that the downloads depend on no GraphQL type.
 */

export interface NetworkRow {
  version: string;
  /** Live forum id → code. */
  forums: Record<string, string>;
  /** Null in an empty directory. */
  organisations: string | null;
}

/**
 * Every organisation in the network on `day` with what filters select by and its links on
 * that day, the forums' codes and the data version, in one statement: one snapshot, so the version names
 * exactly this data. Read from the primary, like every read of the data version.
 *
 * The organisations come as one text, a JSON array per line ([id, kind, level, field codes,
 * contexts as "TYPE:uuid"]), ordered by id: the driver then decodes one string instead of
 * parsing 10,000 rows of arrays in one go (some 80 ms during which nothing else runs), and
 * encode() parses the lines in slices. In uuid order, organisations are numbered in the order
 * of their ids, which orders links and breaks ties without comparing strings.
 */
export const readNetwork = (day: Day) => `
  select v.version,
         (select coalesce(json_object_agg(f.id, f.code), '{}') from forum f where ${standsOn('f', day)}) as forums,
         (select string_agg(json_build_array(o.id, o.kind, o.level,
                   array(select f.code from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id
                          where x.organisation_id = o.id),
                   array(${LINK_KINDS_IN_ORDER.map(
                     (kind) => `select m.type || ':' || m.target_id from ${liveLinks(day, kind)} m
                                join ${LINK_TABLES[kind].targetTable} t on t.id = m.target_id and ${standsOn('t', day)}
                                where m.organisation_id = o.id`,
                   ).join(' union all ')}))::text, E'\\n' order by o.id)
            from organisation o where ${organisationStandsOn('o', day)}) as organisations
    from (${READ_DATA_VERSION}) v`;

export interface ExportRow {
  id: string; slug: string; name: string; short_name: string | null; kind: string; level: string; parent: string | null;
  parent_id: string | null; is_category: boolean; description: string | null; website: string | null; email: string | null;
  phone: string | null; languages: string[]; offers: string[]; fields: string | null; forums: string | null; bodies: string | null;
  projects: string | null; updated_at: string; sort_name: string;
  /** The areas the organisation states it serves, in order, each with its place in the hierarchy ("Niedergirmes, Kernstadt, Wetzlar"). */
  service_areas: { id: string; slug: string; name: string; kind: string; description: string | null; extent: string }[];
  address_street: string | null; address_postal_code: string | null; address_city: string | null;
  address_social_area: string | null; address_social_area_name: string | null;
}

/** Every organisation in the directory on `day`, alphabetically, in batches, with its links on that day. */
export async function* organisationBatches(sql: SqlRunner, size: number, day: Day, changedAfter?: string): AsyncGenerator<ExportRow[]> {
  let after: [string, string] | null = null;
  for (;;) {
    const rows: ExportRow[] = await sql.query<ExportRow>(
      `select o.id, o.slug, o.name, o.short_name, o.kind, o.level, p.slug as parent, o.parent_id, o.is_category, o.description,
              o.website, o.email, o.phone, o.languages, o.offers,
              (select string_agg(f.code, ';' order by f.position) from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id
                where x.organisation_id = o.id) as fields,
              (select string_agg(t.name, ';' order by t.position) from ${liveLinks(day, MembershipTarget.FORUM)} m join forum t on t.id = m.target_id
                where m.organisation_id = o.id and ${standsOn('t', day)}) as forums,
              (select string_agg(t.name, ';' order by t.position) from ${liveLinks(day, MembershipTarget.BODY)} m join body t on t.id = m.target_id
                where m.organisation_id = o.id and ${standsOn('t', day)}) as bodies,
              (select string_agg(t.name, ';' order by t.name) from ${liveLinks(day, MembershipTarget.PROJECT)} m join project t on t.id = m.target_id
                where m.organisation_id = o.id and ${standsOn('t', day)}) as projects,
              to_char(o.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at, ig_fold(o.name) as sort_name,
              (select coalesce(json_agg(json_build_object('id', a.id, 'slug', a.slug, 'name', a.name, 'kind', a.kind, 'description', a.description,
                        'extent', (select string_agg(an.name, ', ' order by an.position desc) from ${AREA_ANCESTRY} c
                                   join social_area an on an.id = c.ancestor_id where c.area_id = a.id)) order by a.position), '[]')
                 from organisation_service_area x join social_area a on a.id = x.social_area_id
                where x.organisation_id = o.id and a.archived_at is null) as service_areas,
              o.address_street, o.address_postal_code, o.address_city, sa.slug as address_social_area, sa.name as address_social_area_name
       from organisation o left join organisation p on p.id = o.parent_id left join social_area sa on sa.id = o.address_social_area_id
       where ${organisationStandsOn('o', day)} ${changedAfter ? `and ${modifiedAfter('o')}` : ''}
         ${after ? 'and (ig_fold(o.name), o.id) > (?::text, ?::uuid)' : ''}
       order by ig_fold(o.name), o.id limit ${size}`,
      [...(changedAfter ? [changedAfter, changedAfter] : []), ...(after ?? [])],
    );
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = [last.sort_name, last.id];
  }
}

/** How many organisations are in the directory on `day`. */
export async function liveOrganisationCount(sql: SqlRunner, day: Day, changedAfter?: string): Promise<number> {
  const [{ n }] = await sql.query<{ n: number }>(
    `select count(*)::int as n from organisation o where ${organisationStandsOn('o', day)} ${changedAfter ? `and ${modifiedAfter('o')}` : ''}`,
    changedAfter ? [changedAfter, changedAfter] : [],
  );
  return n;
}

/** What the network download labels its nodes with, for the given organisations. */
export function organisationLabels(sql: SqlRunner, uuids: string[]) {
  return sql.query<{ id: string; name: string; slug: string; kind: string; level: string }>(
    'select id::text as id, name, slug, kind, level from organisation where id = any(?::uuid[])',
    [uuids],
  );
}

/** The columns the coverage matrix can be cut by, as `coverage(by:)` and the download name them. */
export const COVERAGE_DIMENSIONS = ['KIND', 'LEVEL', 'SOCIAL_AREA'] as const;
export type CoverageBy = (typeof COVERAGE_DIMENSIONS)[number];
export type CoverageColumn = 'kind' | 'level' | 'social_area';
export const COVERAGE_COLUMN: Record<CoverageBy, CoverageColumn> = { KIND: 'kind', LEVEL: 'level', SOCIAL_AREA: 'social_area' };

/*
 * The coverage matrix, counted once for the query and the download. By social area a cell
 * counts the organisations serving the area directly or through an area containing it
 * (servesArea); the row totals and the grand total stay those of every organisation covering
 * a field, as by kind, so that "not stated" shows as the difference.
 */

/** Organisations per field of action and kind (or level, or social area) on `day`, with the row totals and the grand total. */
export function coverageCounts(sql: SqlRunner, column: CoverageColumn, day: Day) {
  const covering = `select x.field_of_action_id as field, o.id, o.kind, o.level
                    from organisation_field_of_action x
                    join organisation o on o.id = x.organisation_id and ${organisationStandsOn('o', day)}
                    join field_of_action f on f.id = x.field_of_action_id and ${standsOn('f', day)}`;
  if (column === 'social_area') {
    return sql.query<{ field: string | null; value: string | null; count: number }>(
      `with cov as (${covering})
       select field::text as field, null::text as value, count(distinct id)::int as count from cov group by grouping sets ((field), ())
       union all
       select cov.field::text, a.slug, count(*)::int from cov join (${FINEST_AREAS}) a on ${servesArea('cov', 'a.id')} group by cov.field, a.slug`,
    );
  }
  // One GROUP BY with grouping sets: the cells, the row totals and the grand total at once.
  return sql.query<{ field: string | null; value: string | null; count: number }>(
    `select c.field::text as field, c.${column} as value, count(distinct c.id)::int as count from (${covering}) c
     group by grouping sets ((c.field, c.${column}), (c.field), ())`,
  );
}

/** The columns: the kinds (or levels) present in the directory on `day`, alphabetically; the finest social areas in their order. */
export function coverageColumns(sql: SqlRunner, column: CoverageColumn, day: Day) {
  if (column === 'social_area') return sql.query<{ value: string; label: string }>(`select slug as value, name as label from (${FINEST_AREAS}) a order by position`);
  // The few values there are, read off the column's index one after the other (each the
  // least above the one before) rather than by reading every organisation: at 100,043
  // organisations 1 ms instead of 40-57 ms, on every coverage matrix. Kind and level are never null.
  return sql.query<{ value: string; label: string }>(
    `with recursive present(value) as (
       (select o.${column} from organisation o where ${organisationStandsOn('o', day)} order by o.${column} limit 1)
       union all
       select (select o.${column} from organisation o where o.${column} > present.value and ${organisationStandsOn('o', day)} order by o.${column} limit 1)
       from present where present.value is not null
     )
     select value, value as label from present where value is not null order by value`,
  );
}

export interface CoverageTableRow {
  field_of_action: string; field_of_action_name: string; column: string; column_name: string; count: number;
}

/**
 * The coverage matrix as a table: one row per field of action × column (zeros included), in
 * the order of the matrix: fields I … V, then the columns. The counts are coverage(by:)'s.
 */
export async function coverageTable(sql: SqlRunner, by: CoverageBy, day: Day): Promise<CoverageTableRow[]> {
  const column = COVERAGE_COLUMN[by];
  const [counts, columns, fields] = await Promise.all([
    coverageCounts(sql, column, day),
    coverageColumns(sql, column, day),
    sql.query<{ id: string; code: string; name: string }>(`select f.id::text as id, f.code, f.name from field_of_action f where ${standsOn('f', day)} order by f.position`),
  ]);
  const cell = new Map(counts.filter((c) => c.field && c.value).map((c) => [`${c.field}|${c.value}`, c.count]));
  return fields.flatMap((f) =>
    columns.map((c) => ({ field_of_action: f.code, field_of_action_name: f.name, column: c.value, column_name: c.label, count: cell.get(`${f.id}|${c.value}`) ?? 0 })),
  );
}

/** What the analyst formats (GEXF, Kumu/Gephi CSV) show of organisations: name, kind, level, fields of action. */
export function organisationAttributes(sql: SqlRunner, uuids: string[]) {
  return sql.query<{ id: string; name: string; kind: string; level: string; fields: string[] }>(
    `select o.id::text as id, o.name, o.kind, o.level,
            array(select f.code from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id
                   where x.organisation_id = o.id order by f.position) as fields
       from organisation o where o.id = any(?::uuid[]) order by o.id`,
    [uuids],
  );
}

/** A link of an organisation to a forum, body or project, as the analyst formats show it. */
export interface AffiliationRow {
  organisation_id: string;
  type: MembershipTarget;
  target_id: string;
  target_name: string;
  role: string;
  /** The first day (null: not recorded). */
  since: string | null;
  /** The last day it held, the day before its `until` (null: it goes on). */
  last_day: string | null;
}

/**
 * The links of these organisations on `day` to the forums, bodies and projects of `kinds`
 * that stand on that day: the links `network` counts, with their roles and dates.
 */
export function affiliations(sql: SqlRunner, uuids: string[], day: Day, kinds: readonly MembershipTarget[]) {
  const parts = kinds.map(
    (kind) => `select m.organisation_id::text as organisation_id, m.type, m.target_id::text as target_id, t.name as target_name, m.role,
                      m.since::text as since, (m.until - 1)::text as last_day
                 from ${liveLinks(day, kind)} m join ${LINK_TABLES[kind].targetTable} t on t.id = m.target_id and ${standsOn('t', day)}
                where m.organisation_id = any(?::uuid[])`,
  );
  return sql.query<AffiliationRow>(
    `${parts.join(' union all ')} order by organisation_id, type, target_id`,
    kinds.map(() => uuids),
  );
}

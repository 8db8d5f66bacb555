import type { SqlRunner } from '../../db/database';
import { type Day, sqlDay } from '../../graph/day';
import { organisationStoodDays, stoodDays } from '../common/as-of.sql';
import { Conditions } from '../common/conditions';
import { allLinks, heldDays, LINK_KINDS_IN_ORDER, LINK_TABLES } from '../link/link.sql';
import { MonitoringInterval } from './monitoring.enums';

/*
 * The SQL of the monitoring: every period of a series at once, in PostgreSQL. The periods
 * come from generate_series; each link is tested against each period's days with range
 * conditions on its since/until (holdsAt), so one statement answers for all periods.
 * Used by the GraphQL query and by the downloads (monitoring.csv, monitoring.html).
 */

/** What a monitoring reads: the days (already checked) and which organisations count. */
export interface MonitoringRequest {
  from: Day;
  to: Day;
  interval: MonitoringInterval;
  kinds?: readonly string[] | null;
  levels?: readonly string[] | null;
  fieldOfAction?: string | null;
}

const UNIT = { MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' } as const;
const STEP = { MONTH: `interval '1 month'`, QUARTER: `interval '3 months'`, YEAR: `interval '1 year'` } as const;
const LABEL = { MONTH: 'YYYY-MM', QUARTER: 'YYYY-"Q"Q', YEAR: 'YYYY' } as const;

/**
 * The periods as a FROM item `(n, label, start_day, end_day)`: the calendar months (quarters,
 * years) that meet [from, to], numbered from 1, the first and last cut to the range.
 */
function periods(r: MonitoringRequest): string {
  return `(select g.n::int as n, to_char(g.p, '${LABEL[r.interval]}') as label,
                  greatest(g.p::date, ${sqlDay(r.from)}) as start_day,
                  least((g.p + ${STEP[r.interval]} - interval '1 day')::date, ${sqlDay(r.to)}) as end_day
           from generate_series(date_trunc('${UNIT[r.interval]}', ${sqlDay(r.from)}::timestamp), ${sqlDay(r.to)}::timestamp, ${STEP[r.interval]})
                with ordinality as g(p, n))`;
}

/** The organisations the filter selects, as a WHERE clause on `o` with its parameters. */
function organisationFilter(r: MonitoringRequest): Conditions {
  return new Conditions()
    .whenAny(r.kinds, 'o.kind = any(?::text[])')
    .whenAny(r.levels, 'o.level = any(?::text[])')
    .when(
      r.fieldOfAction,
      `exists (select 1 from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id
               where x.organisation_id = o.id and f.code = ?)`,
    );
}

/**
 * The common part of both statements: the periods; `spans`, every link of a selected
 * organisation (history included) with the days it counts: those it held on while its
 * organisation was in the network and its forum, body or project stood, and the periods it
 * counts in, `first` … `last` (a span holds on one stretch of days, so on the last days of
 * consecutive periods; first > last when on none); `partner_days`, each organisation's days
 * as a partner (one multirange) and `partners`, its stretches as periods.
 *
 * Counting per period then needs no row per period and link: a stretch of periods adds one
 * at its first period and takes it away after its last, and a running sum in period order
 * gives the count of every period (runningCount).
 */
function common(r: MonitoringRequest, conditions: Conditions): string {
  const targets = LINK_KINDS_IN_ORDER.map((k) => `select '${k}'::text as type, t.id, ${stoodDays('t')} as days from ${LINK_TABLES[k].targetTable} t`).join(' union all ');
  return `periods as materialized ${periods(r)},
     orgs as materialized (select o.id, o.kind, o.level, ${organisationStoodDays('o')} as days from organisation o ${conditions.where ? `where ${conditions.where}` : ''}),
     links as materialized (select l.id, l.type, l.target_id, l.organisation_id, l.since, l.until, l.end_reason, ${heldDays('l')} as days
                            from ${allLinks()} l ${conditions.where ? 'where l.organisation_id in (select id from orgs)' : ''}),
     spans as materialized (
       select s.*, ${firstPeriod('s.days')} as first, ${lastPeriod('s.days')} as last
       from (select l.id, l.type, l.target_id, l.organisation_id, l.days * o.days * t.days as days
             from links l join orgs o on o.id = l.organisation_id join (${targets}) t on t.type = l.type and t.id = l.target_id) s),
     partner_days as materialized (select s.organisation_id as id, range_agg(s.days) as days from spans s group by s.organisation_id),
     -- The stretches of one organisation's multirange are apart, so they count in different periods.
     partners as materialized (
       select i.* from (
         select d.id, o.kind, o.level, ${firstPeriod('r')} as first, ${lastPeriod('r')} as last
         from partner_days d join orgs o on o.id = d.id cross join lateral unnest(d.days) r) i
       where i.first <= i.last)`;
}

/*
 * The periods a stretch of days counts in, by binary search over the periods' last days in
 * order (width_bucket: how many of them are on or before a day): the first whose last day is
 * on or after its start, the last whose last day is before its end. Null for no days.
 */
const LAST_DAYS = '(select array_agg(p.end_day order by p.n) from periods p)';
const firstPeriod = (days: string) =>
  `case when isempty(${days}) then null when lower_inf(${days}) then 1 else width_bucket(lower(${days}) - 1, ${LAST_DAYS}) + 1 end`;
const lastPeriod = (days: string) =>
  `case when isempty(${days}) then null when upper_inf(${days}) then (select count(*)::int from periods) else width_bucket(upper(${days}) - 1, ${LAST_DAYS}) end`;

/**
 * Per period and key: how many of the stretches `from` (rows with the `keys` columns and
 * first, last) hold, as `(keys…, n, count)`, every key crossed with every period. A stretch
 * adds one at its first period and takes it away after its last; the running sum in period
 * order is the count.
 */
function runningCount(from: string, keys: string[]): string {
  const list = keys.join(', ');
  const on = keys.map((k) => `e.${k} = k.${k}`).join(' and ');
  return `(select ${keys.map((k) => `k.${k}`).join(', ')}, p.n, (sum(coalesce(e.delta, 0)) over (partition by ${keys.map((k) => `k.${k}`).join(', ')} order by p.n))::int as count
     from (select distinct ${list} from ${from} i) k cross join periods p
     left join (select ${list}, n, sum(delta) as delta
                from (select ${list}, first as n, 1 as delta from ${from} i union all select ${list}, last + 1, -1 from ${from} i) x
                group by ${list}, n) e on ${on} and e.n = p.n)`;
}

export interface PeriodRow {
  n: number;
  label: string;
  start_day: string;
  end_day: string;
}

/** The periods of the request, in order. */
export function monitoringPeriods(sql: SqlRunner, r: MonitoringRequest): Promise<PeriodRow[]> {
  return sql.query<PeriodRow>(`select n, label, start_day::text, end_day::text from ${periods(r)} p order by n`, [], { plan: 'without-jit' });
}

export interface CountRow {
  n: number;
  /** The indicator's group, e.g. "active_partners.field". */
  indicator: string;
  /** Its key within the group ("I", "WELFARE_ASSOCIATION", a forum's code); null for an indicator without one. */
  key: string | null;
  /** The key in words (a field's or a forum's name); null when the key says it. */
  key_name: string | null;
  /** Orders keys within a group. */
  position: number;
  value: number;
}

/**
 * Every counted indicator for every period, zeros included (each group's keys are crossed
 * with every period before counting). Keys: every field of action and every forum that stood
 * on some day of the range; every kind and level of an organisation counted in some period.
 */
export function monitoringCounts(sql: SqlRunner, r: MonitoringRequest): Promise<CountRow[]> {
  const conditions = organisationFilter(r);
  return sql.query<CountRow>(
    `with ${common(r, conditions)},
     fields as (select f.id, f.code, f.name, f.position, f.archived_at, ${stoodDays('f')} as days from field_of_action f),
     field_days as (select p.n, f.id from periods p join fields f on p.end_day <@ f.days),
     field_partners as materialized (select x.field_of_action_id as field_id, a.kind, a.first, a.last from partners a join organisation_field_of_action x on x.organisation_id = a.id),
     field_counts as (
       select n, field_id, sum(count)::int as partners, (count(*) filter (where count > 0))::int as kinds
       from ${runningCount('field_partners', ['field_id', 'kind'])} c group by n, field_id having sum(count) > 0),
     forum_links as materialized (select s.target_id as forum_id, s.organisation_id, s.first, s.last from spans s where s.type = 'FORUM' and s.first <= s.last),
     forum_counts as (select n, forum_id, count as members from ${runningCount('forum_links', ['forum_id'])} c),
     kind_counts as (select n, kind, count as partners from ${runningCount('partners', ['kind'])} c),
     level_counts as (select n, level, count as partners from ${runningCount('partners', ['level'])} c),
     kinds as (select distinct kind from partners),
     levels as (select distinct level from partners),
     totals as (select n, count as partners from ${runningCount('(select 1 as total, first, last from partners)', ['total'])} c),
     started as (
       select l.since as day from links l
       where l.since is not null
         and not exists (select 1 from links r where r.end_reason = 'ROLE_CHANGED' and r.until = l.since
                           and r.type = l.type and r.target_id = l.target_id and r.organisation_id = l.organisation_id)),
     ended as (select l.until as day from links l where l.until is not null and l.end_reason is distinct from 'ROLE_CHANGED'),
     -- Only organisations with stretches in two forums can be in two at once.
     cross_linked as (
       select n, count(*)::int as partners from (
         select p.n from forum_links f join periods p on p.n between f.first and f.last
         where f.organisation_id in (select organisation_id from forum_links group by organisation_id having count(*) > 1)
         group by p.n, f.organisation_id having count(*) > 1) m
       group by n)
     select p.n, 'active_partners' as indicator, null as key, null as key_name, 0 as position, coalesce(t.partners, 0)::float8 as value
     from periods p left join totals t on t.n = p.n
     union all
     select p.n, 'active_partners.field', f.code, f.name, f.position, case when p.end_day <@ f.days then coalesce(fc.partners, 0) else 0 end
     from periods p cross join fields f left join field_counts fc on fc.n = p.n and fc.field_id = f.id
     where ${stoodInRange(r, 'f')}
     union all
     select p.n, 'active_partners.kind', k.kind, null, 0, coalesce(kc.partners, 0)
     from periods p cross join kinds k left join kind_counts kc on kc.n = p.n and kc.kind = k.kind
     union all
     select p.n, 'active_partners.level', v.level, null, 0, coalesce(lc.partners, 0)
     from periods p cross join levels v left join level_counts lc on lc.n = p.n and lc.level = v.level
     union all
     select p.n, 'links_started', null, null, 0, count(s.day) from periods p left join started s on s.day between p.start_day and p.end_day group by p.n
     union all
     select p.n, 'links_ended', null, null, 0, count(e.day) from periods p left join ended e on e.day between p.start_day and p.end_day group by p.n
     union all
     select p.n, 'forum_members', f.code, f.name, f.position, coalesce(fc.members, 0)
     from periods p cross join forum f left join forum_counts fc on fc.n = p.n and fc.forum_id = f.id
     where ${stoodInRange(r, 'f')}
     union all
     select p.n, 'coverage_cells_filled', null, null, 0, coalesce(sum(fc.kinds), 0)
     from periods p left join (field_days d join field_counts fc on fc.n = d.n and fc.field_id = d.id) on d.n = p.n group by p.n
     union all
     select p.n, 'fields_without_partners', null, null, 0, count(d.id) filter (where fc.field_id is null)
     from periods p left join (field_days d left join field_counts fc on fc.n = d.n and fc.field_id = d.id) on d.n = p.n group by p.n
     union all
     select p.n, 'cross_linked_share', null, null, 0, coalesce(x.partners::float8 / nullif(t.partners, 0), 0)
     from periods p left join totals t on t.n = p.n left join cross_linked x on x.n = p.n`,
    conditions.params,
    { plan: 'without-jit' },
  );
}

/** Whether the node under `alias` stood on some day of the range: the keys of a series. */
const stoodInRange = (r: MonitoringRequest, alias: string) => `daterange(${sqlDay(r.from)}, ${sqlDay(r.to)}, '[]') && ${stoodDays(alias)}`;

/**
 * The partner graph of every period, compact: one line per link that counts in some period,
 * "organisation context first last", the organisation and its context (forum, body or
 * project) numbered from 0, `first` … `last` the periods it counts in. A link row holds on
 * one stretch of days and its organisation and target stood on one stretch each, so the
 * periods it counts in are consecutive. One text, not rows: the driver decodes one string.
 */
export async function monitoringGraph(sql: SqlRunner, r: MonitoringRequest): Promise<string> {
  const conditions = organisationFilter(r);
  const [row] = await sql.query<{ links: string | null }>(
    `with ${common(r, conditions)},
     ranged as (select s.type, s.target_id, s.organisation_id, s.first, s.last from spans s where s.first <= s.last)
     select string_agg(concat_ws(' ', g.o - 1, g.c - 1, g.first, g.last), E'\\n') as links
     from (select dense_rank() over (order by organisation_id) as o, dense_rank() over (order by type, target_id) as c, first, last from ranged) g`,
    conditions.params,
    { plan: 'without-jit' },
  );
  return row?.links ?? '';
}

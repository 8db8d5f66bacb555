import type { SqlRunner } from '../../db/database';
import { type Day, today } from '../../graph/day';
import { badInput } from '../../graph/errors';
import { checkFilterCode } from '../analysis/network.compute';
import { IndicatorMeasure, IndicatorUnit, MonitoringInterval } from './monitoring.enums';
import { measureGraphs } from './monitoring.graph';
import { INDICATOR_GROUPS } from './monitoring.indicators';
import { monitoringCounts, monitoringGraph, monitoringPeriods, type MonitoringRequest } from './monitoring.sql';
import type { Indicator, Monitoring, MonitoringPeriod } from './monitoring.type';

/*
 * The monitoring as the query and the downloads return it: three statements (the periods,
 * the counts, the partner graphs) and the graphs measured here.
 */

/** The most periods a series may have: 20 years of months. */
export const MAX_PERIODS = 240;

const MONTHS = { MONTH: 1, QUARTER: 3, YEAR: 12 } as const;

/** How many periods of `interval` meet [from, to]. */
export function periodCount(from: Day, to: Day, interval: MonitoringInterval): number {
  const index = (day: Day) => {
    const [year, month] = day.split('-').map(Number);
    return interval === MonitoringInterval.YEAR ? year : Math.floor((year * 12 + month - 1) / MONTHS[interval]);
  };
  return index(to) - index(from) + 1;
}

export interface MonitoringArgs {
  from: Day;
  to: Day;
  interval: MonitoringInterval;
  filter?: { kinds?: readonly string[] | null; levels?: readonly string[] | null; fieldOfAction?: string | null } | null;
}

/**
 * The request the arguments ask for, checked: `to` no later than today (nothing after today
 * is recorded), `from` not after `to`, at most MAX_PERIODS periods. BAD_USER_INPUT otherwise.
 */
export function monitoringRequest(args: MonitoringArgs, names = { from: 'from', to: 'to', fieldOfAction: 'filter.fieldOfAction' }): MonitoringRequest {
  const now = today();
  const to = args.to > now ? now : args.to;
  if (args.from > now) throw badInput(`${names.from} (${args.from}) is after today (${now}): the monitoring counts what has happened`, names.from);
  if (args.from > to) throw badInput(`${names.from} (${args.from}) is after ${names.to} (${to}): give a range that starts before it ends`, names.from);
  const count = periodCount(args.from, to, args.interval);
  if (count > MAX_PERIODS) {
    throw badInput(
      `${args.from} … ${to} has ${count} periods of ${args.interval.toLowerCase()}; at most ${MAX_PERIODS} are allowed (shorten the range or take a longer interval)`,
      names.from,
    );
  }
  const filter = args.filter ?? {};
  return {
    from: args.from,
    to,
    interval: args.interval,
    kinds: filter.kinds?.length ? [...new Set(filter.kinds)].sort() : null,
    levels: filter.levels?.length ? [...new Set(filter.levels)].sort() : null,
    fieldOfAction: filter.fieldOfAction == null ? null : checkFilterCode(filter.fieldOfAction, names.fieldOfAction, names.fieldOfAction),
  };
}

/** Computes every indicator for every period of the request. */
export async function computeMonitoring(sql: SqlRunner, request: MonitoringRequest): Promise<Monitoring> {
  const [periodRows, counts, graph] = await Promise.all([monitoringPeriods(sql, request), monitoringCounts(sql, request), monitoringGraph(sql, request)]);
  const periods: MonitoringPeriod[] = periodRows.map((p) => ({ label: p.label, start: p.start_day as Day, end: p.end_day as Day }));
  const measures = await measureGraphs(graph, periods.length);
  const series = (values: (n: number) => number) => periods.map((p, i) => ({ period: p.label, start: p.start, end: p.end, value: values(i + 1) }));

  // The counts by group, then by key (in the order of their position), then by period.
  const byGroup = new Map<string, Map<string | null, { name: string | null; position: number; values: Map<number, number> }>>();
  for (const row of counts) {
    let keys = byGroup.get(row.indicator);
    if (!keys) byGroup.set(row.indicator, (keys = new Map()));
    let entry = keys.get(row.key);
    if (!entry) keys.set(row.key, (entry = { name: row.key_name, position: row.position, values: new Map() }));
    entry.values.set(row.n, Number(row.value));
  }
  const graphValues: Record<string, number[]> = { network_density: measures.density, connected_groups: measures.groups };

  const indicators: Indicator[] = [];
  for (const group of INDICATOR_GROUPS) {
    const base = {
      group: group.code, definition: group.definition, definitionEn: group.definitionEn,
      unit: group.unit as IndicatorUnit, measure: group.measure as IndicatorMeasure,
    };
    if (graphValues[group.code]) {
      const values = graphValues[group.code];
      indicators.push({ ...base, code: group.code, key: null, label: group.label, labelEn: group.labelEn, values: series((n) => values[n - 1] ?? 0) });
      continue;
    }
    const keys = [...(byGroup.get(group.code) ?? new Map()).entries()].sort(
      ([a, x], [b, y]) => x.position - y.position || String(a).localeCompare(String(b)),
    );
    for (const [key, entry] of keys) {
      const words = key !== null && group.keyLabel ? group.keyLabel(key, entry.name) : null;
      indicators.push({
        ...base,
        code: key === null ? group.code : `${group.code}.${key}`,
        key,
        label: words ? `${group.label} – ${words.de}` : group.label,
        labelEn: words ? `${group.labelEn} – ${words.en}` : group.labelEn,
        values: series((n) => entry.values.get(n) ?? 0),
      });
    }
  }
  return { from: request.from, to: request.to, interval: request.interval, periods, indicators };
}

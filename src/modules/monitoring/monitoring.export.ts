import type { ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SqlRunner } from '../../db/database';
import { type Day, parseDay, today } from '../../graph/day';
import { badInput } from '../../graph/errors';
import type { Download } from '../../http/server';
import { bomFromQuery, checkNames, csvField, enumList, quote } from '../analysis/exports';
import { checkFilterCode } from '../analysis/network.compute';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { computeMonitoring, monitoringRequest } from './monitoring.compute';
import { IndicatorUnit, MonitoringInterval } from './monitoring.enums';
import { monitoringReport } from './monitoring.report';
import type { MonitoringRequest } from './monitoring.sql';

/*
 * The monitoring as downloads: /export/monitoring.csv (long format, one row per period and
 * indicator) and /export/monitoring.html (a printable report). Both take
 * from, to (YYYY-MM-DD; default the five years up to today), interval (MONTH, QUARTER,
 * YEAR; default QUARTER), kinds, levels, fieldOfAction; the CSV also bom=1.
 */

const PARAMETERS = ['from', 'to', 'interval', 'kinds', 'levels', 'fieldOfAction'];

/** The same day five years earlier (28 February for a 29th). */
function fiveYearsBefore(day: Day): Day {
  const [year, month, date] = day.split('-').map(Number);
  const d = new Date(Date.UTC(year - 5, month - 1, date));
  if (d.getUTCDate() !== date) d.setUTCDate(0);
  return d.toISOString().slice(0, 10) as Day;
}

/** The monitoring a download's query parameters ask for; BAD_USER_INPUT (HTTP 400) for what does not fit. */
export function monitoringFromQuery(params: URLSearchParams, file: string, extra: string[] = []): MonitoringRequest {
  checkNames(params, file, [...PARAMETERS, ...extra]);
  const to = params.has('to') ? parseDay(params.get('to')!, 'to') : today();
  const from = params.has('from') ? parseDay(params.get('from')!, 'from') : fiveYearsBefore(to);
  const intervals = enumList(params, 'interval', Object.values(MonitoringInterval));
  if (intervals && intervals.length > 1) throw badInput(`${quote('interval')} is one of ${Object.values(MonitoringInterval).join(', ')}`, 'interval');
  const fieldOfAction = params.get('fieldOfAction');
  return monitoringRequest(
    {
      from,
      to,
      interval: intervals?.[0] ?? MonitoringInterval.QUARTER,
      filter: {
        kinds: enumList(params, 'kinds', Object.values(OrganisationKind)),
        levels: enumList(params, 'levels', Object.values(GovernanceLevel)),
        fieldOfAction: fieldOfAction === null ? null : checkFilterCode(fieldOfAction, quote('fieldOfAction'), 'fieldOfAction'),
      },
    },
    { from: 'from', to: 'to', fieldOfAction: 'fieldOfAction' },
  );
}

export const MONITORING_CSV_COLUMNS = ['period', 'period_start', 'period_end', 'indicator', 'key', 'label_de', 'label_en', 'unit', 'measure', 'value'] as const;

/** A value as the CSV writes it: whole numbers as they are, shares to six places, with a point. */
const csvValue = (value: number, unit: IndicatorUnit) => (unit === IndicatorUnit.SHARE ? String(Math.round(value * 1e6) / 1e6) : String(value));

export async function exportMonitoringCsv(sql: SqlRunner, res: ServerResponse, params: URLSearchParams): Promise<void> {
  const request = monitoringFromQuery(params, 'monitoring.csv', ['bom']);
  const bom = bomFromQuery(params);
  const m = await computeMonitoring(sql, request);
  const lines = [MONITORING_CSV_COLUMNS.join(',')];
  // Period by period, the indicators in their order: what a spreadsheet's pivot table expects.
  m.periods.forEach((p, n) => {
    for (const i of m.indicators) {
      lines.push([p.label, p.start, p.end, i.code, i.key, i.label, i.labelEn, i.unit, i.measure, csvValue(i.values[n].value, i.unit)].map(csvField).join(','));
    }
  });
  const body = `${bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="monitoring-${m.from}-${m.to}.csv"`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The report page's headers: it loads nothing, runs nothing, and is framed by nobody. */
const REPORT_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export async function exportMonitoringHtml(sql: SqlRunner, res: ServerResponse, params: URLSearchParams): Promise<void> {
  const request = monitoringFromQuery(params, 'monitoring.html');
  const m = await computeMonitoring(sql, request);
  const filter = [
    request.kinds?.length ? `Arten: ${request.kinds.join(', ')}` : '',
    request.levels?.length ? `Ebenen: ${request.levels.join(', ')}` : '',
    request.fieldOfAction ? `Handlungsfeld ${request.fieldOfAction}` : '',
  ].filter(Boolean).join('; ');
  const body = monitoringReport(m, { interval: m.interval, filter: filter || null, generatedOn: today() });
  res.writeHead(200, { ...REPORT_HEADERS, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The monitoring's downloads under /export/, by file name. */
export function monitoringDownloads(orm: MikroORM): [string, Download][] {
  return [
    ['monitoring.csv', (res, params) => exportMonitoringCsv(new SqlRunner(orm), res, params)],
    ['monitoring.html', (res, params) => exportMonitoringHtml(new SqlRunner(orm), res, params)],
  ];
}

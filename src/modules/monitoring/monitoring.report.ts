import { IndicatorUnit } from './monitoring.enums';
import { INDICATOR_GROUPS } from './monitoring.indicators';
import type { Indicator, Monitoring } from './monitoring.type';

/*
 * The monitoring as a printable page: a title, the parameters, and for each group of
 * indicators a line chart drawn here as SVG and its table. No script and nothing loaded from
 * elsewhere; every text from the data is escaped. Sized for A4: print it to PDF from the
 * browser.
 */

export const html = (value: unknown) =>
  String(value ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Colours that stay apart on screen, with dashes that keep lines apart in black and white. */
const LINES = [
  ['#1f5fa8', ''], ['#c0392b', '6 3'], ['#2e8b57', '2 2'], ['#8e44ad', '8 3 2 3'],
  ['#d35400', '4 4'], ['#16a085', '1 3'], ['#7f8c8d', '10 4'], ['#b8860b', '3 2 1 2'],
] as const;
/** Lines in one chart at most: beyond, the chart shows the largest and the table has them all. */
const MAX_LINES = 8;
/** Columns of one table: periods are rows, indicators columns. */
const MAX_COLUMNS = 8;

/** A round step for about `ticks` ticks up to `max`. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
}

export const formatValue = (value: number, unit: IndicatorUnit) =>
  unit === IndicatorUnit.SHARE ? (Math.round(value * 1e4) / 1e4).toLocaleString('de-DE', { maximumFractionDigits: 4 }) : value.toLocaleString('de-DE');

/** A line chart of the indicators over the periods, with axes, labels and its legend. */
export function lineChart(indicators: Indicator[], title: string): string {
  const W = 680;
  const H = 240;
  const left = 56;
  const right = 28;
  const top = 12;
  const bottom = 44;
  const periods = indicators[0]?.values.map((v) => v.period) ?? [];
  const unit = indicators[0]?.unit ?? IndicatorUnit.COUNT;
  const maxValue = Math.max(0, ...indicators.flatMap((i) => i.values.map((v) => v.value)));
  const top_ = maxValue > 0 ? maxValue : 1;
  const step = unit === IndicatorUnit.COUNT ? Math.max(1, niceStep(top_, 5)) : niceStep(top_, 5);
  const yMax = Math.ceil(top_ / step) * step;
  const x = (i: number) => left + (periods.length <= 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (periods.length - 1));
  const y = (v: number) => top + (H - top - bottom) * (1 - v / yMax);
  const parts: string[] = [];
  for (let v = 0; v <= yMax + step / 2; v += step) {
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${html(formatValue(v, unit))}</text>`);
  }
  const every = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((p, i) => {
    // Every so many periods, from the first: labels never overlap (the last one only when its turn comes).
    if (i % every !== 0) return;
    parts.push(`<line x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${H - bottom}" y2="${H - bottom + 4}" class="axis"/>`);
    parts.push(`<text x="${x(i).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${html(p)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${W - right}" y1="${H - bottom}" y2="${H - bottom}" class="axis"/>`);
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${H - bottom}" class="axis"/>`);
  indicators.forEach((indicator, n) => {
    const [colour, dash] = LINES[n % LINES.length];
    const points = indicator.values.map((v, i) => `${x(i).toFixed(1)},${y(v.value).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    if (periods.length <= 24) for (const point of points.split(' ')) parts.push(`<circle cx="${point.split(',')[0]}" cy="${point.split(',')[1]}" r="2.5" fill="${colour}"/>`);
  });
  const legend = indicators
    .map((indicator, n) => {
      const [colour, dash] = LINES[n % LINES.length];
      return `<li><svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" y1="5" y2="5" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg> ${html(indicator.key ?? indicator.label)}${indicator.key ? ` <span class="muted">${html(indicator.label.split(' – ').slice(1).join(' – '))}</span>` : ''}</li>`;
    })
    .join('');
  return `<figure><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${html(title)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>
<ul class="legend">${legend}</ul></figure>`;
}

/** The indicators of a group as tables: periods as rows, at most MAX_COLUMNS indicators each. */
function tables(indicators: Indicator[]): string {
  const out: string[] = [];
  for (let i = 0; i < indicators.length; i += MAX_COLUMNS) {
    const slice = indicators.slice(i, i + MAX_COLUMNS);
    const head = slice.map((ind) => `<th scope="col">${html(ind.key ?? 'Wert')}</th>`).join('');
    const rows = slice[0].values
      .map((v, row) => `<tr><th scope="row">${html(v.period)}</th>${slice.map((ind) => `<td>${html(formatValue(ind.values[row].value, ind.unit))}</td>`).join('')}</tr>`)
      .join('\n');
    out.push(`<table><thead><tr><th scope="col">Zeitraum</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`);
  }
  return out.join('\n');
}

export interface ReportParameters {
  interval: string;
  filter: string | null;
  generatedOn: string;
}

const INTERVAL_DE: Record<string, string> = { MONTH: 'Monat', QUARTER: 'Quartal', YEAR: 'Jahr' };

/** The whole report page. */
export function monitoringReport(m: Monitoring, parameters: ReportParameters): string {
  const sections = INDICATOR_GROUPS.map((group) => {
    const members = m.indicators.filter((i) => i.group === group.code);
    if (members.length === 0) return '';
    const last = (i: Indicator) => i.values[i.values.length - 1]?.value ?? 0;
    const charted = members.length > MAX_LINES ? [...members].sort((a, b) => last(b) - last(a)).slice(0, MAX_LINES) : members;
    const note = members.length > MAX_LINES ? `<p class="muted">Im Diagramm die ${MAX_LINES} größten von ${members.length} (nach dem letzten Zeitraum); alle in der Tabelle.</p>` : '';
    return `<section>
<h2>${html(group.label)} <span class="muted">· ${html(group.labelEn)}</span></h2>
<p class="definition">${html(group.definition)}</p>
${lineChart(charted, group.label)}
${note}
${tables(members)}
</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Monitoring Partnernetzwerk ${html(m.from)} – ${html(m.to)}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1.2rem; margin: 2rem 0 0.4rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
  .muted { color: #666; font-weight: normal; }
  .definition { font-size: 0.9rem; color: #333; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; font-size: 0.95rem; }
  dt { font-weight: 600; }
  figure { margin: 0.5rem 0; }
  svg text { font-size: 11px; fill: #333; }
  svg .grid { stroke: #e3e3e3; stroke-width: 1; }
  svg .axis { stroke: #555; stroke-width: 1; }
  .legend { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; font-size: 0.85rem; }
  table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
  th, td { border: 1px solid #ccc; padding: 0.15rem 0.45rem; text-align: right; }
  thead th, tbody th { background: #f3f3f3; }
  tbody th { text-align: left; }
  @page { size: A4; margin: 15mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10pt; }
    section { break-inside: avoid-page; }
    h2 { break-after: avoid; }
    table, figure { break-inside: avoid; }
  }
</style>
</head>
<body>
<header>
<h1>Monitoring des Partnernetzwerks</h1>
<p class="muted">Modellregion Integration Wetzlar · Partner network monitoring</p>
<dl>
<dt>Zeitraum</dt><dd>${html(m.from)} bis ${html(m.to)}</dd>
<dt>Intervall</dt><dd>${html(INTERVAL_DE[m.interval] ?? m.interval)} (${m.periods.length} Zeiträume)</dd>
<dt>Auswahl</dt><dd>${html(parameters.filter ?? 'alle Organisationen')}</dd>
<dt>Erstellt am</dt><dd>${html(parameters.generatedOn)}</dd>
</dl>
<p class="definition">Bestandsgrößen beschreiben den letzten Tag jedes Zeitraums, Stromgrößen zählen innerhalb des Zeitraums. Die Werte stehen auch als CSV zur Verfügung (monitoring.csv) und über die GraphQL-Abfrage <code>monitoring</code>.</p>
</header>
<main>
${sections}
</main>
</body>
</html>
`;
}

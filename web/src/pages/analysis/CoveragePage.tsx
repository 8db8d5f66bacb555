import type { Schema } from 'integration-graph-client';
import { CoverageDocument, type CoverageQuery } from 'integration-graph-client/documents';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { writeDirectoryState } from '../../lib/directory-state';
import { pathTo, QueryState } from '../../lib/ui';
import { legendOf, stepOf } from './heatmap';
import './analysis.css';

type Dimension = Schema.CoverageDimension;

/** `?by=LEVEL` selects the levels as columns, `?by=SOCIAL_AREA` the social areas; anything else (or nothing) the kinds. */
const readDimension = (params: URLSearchParams): Dimension => {
  const by = params.get('by');
  return by === 'LEVEL' || by === 'SOCIAL_AREA' ? by : 'KIND';
};
const DIMENSIONS = ['KIND', 'LEVEL', 'SOCIAL_AREA'] as const;

/**
 * The coverage matrix as a heatmap: the five fields of action against the kinds (or levels)
 * of organisation, each cell coloured by its count and printing it, linking to the directory
 * filtered to the organisations behind it. The columns' dimension lives in the URL.
 */
export function CoveragePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const by = readDimension(params);
  // The cells' organisations are not shown here: the directory lists them, a click away.
  const [{ data, fetching, error }] = useQuery({ query: CoverageDocument, variables: { by, organisationsFirst: 0 } });
  const name = useId();
  const choose = (next: Dimension) =>
    setParams((current) => {
      const changed = new URLSearchParams(current);
      if (next !== 'KIND') changed.set('by', next);
      else changed.delete('by');
      return changed;
    });
  const coverage = data?.coverage;
  return (
    <section>
      <h1>{t.analysis.coverageTitle}</h1>
      <p className="lead">{t.analysis.coverage.intro}</p>
      <fieldset className="filters choice">
        <legend>{t.analysis.coverage.columns}</legend>
        {DIMENSIONS.map((value) => (
          <label key={value}>
            <input type="radio" name={name} value={value} checked={by === value} onChange={() => choose(value)} />
            {value === 'LEVEL' ? t.analysis.coverage.byLevel : value === 'SOCIAL_AREA' ? t.analysis.coverage.bySocialArea : t.analysis.coverage.byKind}
          </label>
        ))}
      </fieldset>
      <QueryState fetching={fetching && coverage?.dimension !== by} error={error}>
        {coverage && coverage.dimension === by && <Heatmap coverage={coverage} />}
      </QueryState>
    </section>
  );
}

function Heatmap({ coverage }: { coverage: CoverageQuery['coverage'] }) {
  const { t, locale } = useI18n();
  const captionId = useId();
  const legendId = useId();
  const by = coverage.dimension;
  const byLevel = by === 'LEVEL';
  const byArea = by === 'SOCIAL_AREA';
  // Social areas are named by their cells (the areas' names), kinds and levels by the catalogue.
  const areaNames: Record<string, string> = Object.fromEntries(
    coverage.rows[0]?.cells.map((cell, i) => [coverage.columns[i], cell.socialArea?.name ?? coverage.columns[i]]) ?? [],
  );
  const labels = byArea ? areaNames : byLevel ? t.levels : t.kinds;
  // The columns in the catalogue's order (authorities first, levels from federal down), not alphabetically by code.
  const known = Object.keys(labels);
  const rank = (value: string) => (known.includes(value) ? known.indexOf(value) : known.length);
  // Social areas come in the server's order (by position).
  const order = coverage.columns.map((value, index) => ({ value, index })).sort((a, b) => (byArea ? a.index - b.index : rank(a.value) - rank(b.value)));
  const max = Math.max(0, ...coverage.rows.flatMap((row) => row.cells.map((cell) => cell.count)));
  const directory = (code: string, value?: string) =>
    `/?${writeDirectoryState({
      q: '',
      kinds: value && by === 'KIND' ? [value as Schema.OrganisationKind] : [],
      levels: value && byLevel ? [value as Schema.GovernanceLevel] : [],
      field: code,
      forum: '',
      project: '',
      area: value && byArea ? value : '',
    }).toString()}`;
  return (
    <>
      <p>{t.analysis.coverage.summary(coverage.total)}</p>
      {byArea && <p className="muted">{t.analysis.coverage.socialAreaNote}</p>}
      <div className="heatmap-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={`heatmap${byLevel ? '' : ' many'}`}>
          <caption id={captionId}>
            <span>{t.analysis.coverage.caption(by)}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col" className="field">{t.analysis.coverage.field}</th>
              {order.map(({ value }) => (
                <th scope="col" key={value} className="column">
                  <span>{labels[value] ?? value}</span>
                </th>
              ))}
              <th scope="col" className="column total">
                <span>{t.analysis.coverage.total}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {coverage.rows.map((row) => {
              const field = row.fieldOfAction;
              return (
                <tr key={field.code}>
                  <th scope="row" className="field">
                    <Link to={pathTo.field(field.code)}>{t.analysis.coverage.fieldName(field.code, locale === 'en' && field.nameEn ? field.nameEn : field.name)}</Link>
                  </th>
                  {order.map(({ value, index }) => {
                    const count = row.cells[index]?.count ?? 0;
                    return (
                      <td key={value} className={`count heat-${stepOf(count, max)}`}>
                        {count > 0 ? (
                          <Link to={directory(field.code, value)} aria-label={t.analysis.coverage.cellLink(count, by, labels[value] ?? value, field.code)}>
                            {count}
                          </Link>
                        ) : (
                          <span className="zero">0</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="count total">
                    {row.total > 0 ? (
                      <Link to={directory(field.code)} aria-label={t.analysis.coverage.totalLink(row.total, field.code)}>
                        {row.total}
                      </Link>
                    ) : (
                      <span className="zero">0</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="heat-legend">
        <span id={legendId}>{t.analysis.coverage.scale}:</span>
        <ul aria-labelledby={legendId}>
          <li>
            <span className="swatch heat-0" aria-hidden="true" />
            {t.analysis.coverage.none}
          </li>
          {legendOf(max).map(({ step, from, to }) => (
            <li key={step}>
              <span className={`swatch heat-${step}`} aria-hidden="true" />
              {t.analysis.coverage.range(from, to)}
            </li>
          ))}
        </ul>
      </div>
      <p className="muted">{t.analysis.coverage.scaleNote}</p>
      <p><a href={`/export/coverage.csv?by=${by}&bom=1`} download>{t.analysis.coverage.csvLink}</a></p>
    </>
  );
}

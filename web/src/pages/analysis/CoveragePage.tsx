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

/** `?by=LEVEL` selects the levels as columns; anything else (or nothing) the kinds. */
const readDimension = (params: URLSearchParams): Dimension => (params.get('by') === 'LEVEL' ? 'LEVEL' : 'KIND');

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
      if (next === 'LEVEL') changed.set('by', 'LEVEL');
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
        {(['KIND', 'LEVEL'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name={name} value={value} checked={by === value} onChange={() => choose(value)} />
            {value === 'LEVEL' ? t.analysis.coverage.byLevel : t.analysis.coverage.byKind}
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
  const byLevel = coverage.dimension === 'LEVEL';
  const labels = byLevel ? t.levels : t.kinds;
  // The columns in the catalogue's order (authorities first, levels from federal down), not alphabetically by code.
  const known = Object.keys(labels);
  const rank = (value: string) => (known.includes(value) ? known.indexOf(value) : known.length);
  const order = coverage.columns.map((value, index) => ({ value, index })).sort((a, b) => rank(a.value) - rank(b.value));
  const max = Math.max(0, ...coverage.rows.flatMap((row) => row.cells.map((cell) => cell.count)));
  const directory = (code: string, value?: string) =>
    `/?${writeDirectoryState({
      q: '',
      kinds: value && !byLevel ? [value as Schema.OrganisationKind] : [],
      levels: value && byLevel ? [value as Schema.GovernanceLevel] : [],
      field: code,
      forum: '',
      project: '',
    }).toString()}`;
  return (
    <>
      <p>{t.analysis.coverage.summary(coverage.total)}</p>
      <div className="heatmap-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={`heatmap${byLevel ? '' : ' many'}`}>
          <caption id={captionId}>
            <span>{t.analysis.coverage.caption(byLevel)}</span>
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
                          <Link to={directory(field.code, value)} aria-label={t.analysis.coverage.cellLink(count, byLevel, labels[value] ?? value, field.code)}>
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
    </>
  );
}

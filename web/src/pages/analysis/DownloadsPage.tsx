import { ForumsDocument } from 'integration-graph-client/documents';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { FieldOfActionSelect, ForumSelect } from '../../lib/filters';
import './analysis.css';

/** A forum or field-of-action code as the export takes it (it refuses longer ones). */
const CODE = /^[A-Za-z0-9_-]{1,20}$/;

/** Where the server streams its exports; links, not fetches, so the browser saves them. */
const EXPORTS = {
  csv: '/export/organisations.csv',
  csvExcel: '/export/organisations.csv?bom=1',
  graphml: '/export/network.graphml',
  gexf: '/export/network.gexf',
  elements: '/export/kumu-elements.csv',
  connections: '/export/kumu-connections.csv',
  hsds: '/export/hsds.json',
  monitoringReport: '/export/monitoring.html',
  monitoringCsv: '/export/monitoring.csv',
};

/**
 * The exports for further work: the organisations as CSV (plain, or with a byte-order mark
 * for Excel), the network as GraphML for Gephi (optionally only a field of action's or a
 * forum's part, as the network page filters; `?field=…&forum=…` in the URL), who belongs to
 * what as GEXF and as a Kumu/Gephi pair of CSVs (with the same filter), the
 * organisations as Open Referral HSDS JSON, and the monitoring as a printable report and CSV.
 */
export function DownloadsPage() {
  const { t } = useI18n();
  const m = t.analysis.downloads;
  const [params, setParams] = useSearchParams();
  const read = (name: string) => {
    const value = params.get(name) ?? '';
    return CODE.test(value) ? value : '';
  };
  const field = read('field');
  const forum = read('forum');
  const [{ data: forums }] = useQuery({ query: ForumsDocument, variables: { first: 20 } });
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filter = new URLSearchParams();
  if (field) filter.set('fieldOfAction', field);
  if (forum) filter.set('forum', forum);
  const query = filter.toString();
  const filtered = (path: string) => (query ? `${path}?${query}` : path);
  const graphml = filtered(EXPORTS.graphml);
  const forumName = forums?.forums.nodes.find((f) => f.code === forum)?.name ?? forum;
  const chosen = [...(field ? [m.graphmlField(field)] : []), ...(forum ? [forumName] : [])];
  const ids = { csv: useId(), excel: useId(), graphml: useId(), affiliations: useId(), hsds: useId(), monitoring: useId() };
  return (
    <section>
      <h1>{t.analysis.downloadsTitle}</h1>
      <p className="lead">{m.intro}</p>
      <ul className="downloads">
        <li>
          <h2>{m.csvTitle}</h2>
          <div className="download-actions">
            <div>
              <p id={ids.csv}>{m.csvText}</p>
              <a className="button" href={EXPORTS.csv} download aria-describedby={ids.csv}>{m.csvLink}</a>
            </div>
            <div>
              <p id={ids.excel}>{m.csvExcelText}</p>
              <a className="button" href={EXPORTS.csvExcel} download aria-describedby={ids.excel}>{m.csvExcelLink}</a>
            </div>
          </div>
        </li>
        <li>
          <h2>{m.graphmlTitle}</h2>
          <p id={ids.graphml}>{m.graphmlText}</p>
          <fieldset className="filters">
            <legend>{m.graphmlFilters}</legend>
            <FieldOfActionSelect value={field} onChange={(code) => set('field', code)} />
            <ForumSelect value={forum} onChange={(code) => set('forum', code)} />
          </fieldset>
          <a className="button" href={graphml} download aria-describedby={ids.graphml}>
            {chosen.length ? m.graphmlLinkFiltered(chosen) : m.graphmlLink}
          </a>
        </li>
        <li>
          <h2>{m.affiliationsTitle}</h2>
          <p id={ids.affiliations}>{m.affiliationsText}</p>
          <div className="download-actions">
            <a className="button" href={filtered(EXPORTS.gexf)} download aria-describedby={ids.affiliations}>{m.gexfLink}</a>
            <a className="button" href={filtered(EXPORTS.elements)} download aria-describedby={ids.affiliations}>{m.elementsLink}</a>
            <a className="button" href={filtered(EXPORTS.connections)} download aria-describedby={ids.affiliations}>{m.connectionsLink}</a>
          </div>
        </li>
        <li>
          <h2>{m.hsdsTitle}</h2>
          <p id={ids.hsds}>{m.hsdsText}</p>
          <a className="button" href={EXPORTS.hsds} download aria-describedby={ids.hsds}>{m.hsdsLink}</a>
        </li>
        <li>
          <h2>{m.monitoringTitle}</h2>
          <p id={ids.monitoring}>{m.monitoringText}</p>
          <div className="download-actions">
            <a className="button" href={EXPORTS.monitoringReport} aria-describedby={ids.monitoring}>{m.monitoringReport}</a>
            <a className="button" href={EXPORTS.monitoringCsv} download aria-describedby={ids.monitoring}>{m.monitoringCsv}</a>
          </div>
        </li>
      </ul>
    </section>
  );
}

import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { NetworkMapDocument, type NetworkMapQuery } from 'integration-graph-client/documents';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import Sigma from 'sigma';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { AsOfInput, FieldOfActionSelect, ForumSelect } from '../lib/filters';
import { pathTo, QueryState } from '../lib/ui';

/** How many organisations the map shows: the most central ones, the rest is in the counts and the download. */
const NODES = 200;
const EDGES = 1000;

/** Colours for communities, distinguishable and with enough contrast on white. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#ff7f0e'];

/**
 * The partner network drawn with sigma.js: organisations sized by betweenness, coloured by
 * community, brokers ringed; filter by field of action or forum; a click opens the
 * organisation's page. A table lists the same organisations for keyboard and screen-reader use.
 */
export default function NetworkPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const field = params.get('field') ?? '';
  const forum = params.get('forum') ?? '';
  const asOf = params.get('asOf') ?? '';
  const filter = field || forum ? { fieldOfAction: field || undefined, forum: forum || undefined } : undefined;
  const [{ data, fetching, error }] = useQuery({ query: NetworkMapDocument, variables: { first: NODES, edges: EDGES, filter, asOf: asOf || undefined } });
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const network = data?.network;
  return (
    <section>
      <h1>{t.network.title}</h1>
      <p className="lead">{t.network.intro}</p>
      <fieldset className="filters">
        <legend>{t.directory.filters}</legend>
        <FieldOfActionSelect value={field} onChange={(code) => set('field', code)} />
        <ForumSelect value={forum} onChange={(code) => set('forum', code)} />
        <AsOfInput value={asOf} onChange={(day) => set('asOf', day)} />
      </fieldset>
      <QueryState fetching={fetching && !network} error={error}>
        {network && (
          <>
            <p className="count">{t.network.counts(network.nodeCount, network.edgeCount, network.communityCount, Math.min(NODES, network.nodeCount))}</p>
            <NetworkMap network={network} />
            <p className="muted">
              <Link to={`/downloads${params.toString() ? `?${params.toString()}` : ''}`}>{t.network.legend}</Link>
            </p>
            <details>
              <summary>{t.network.tableSummary}</summary>
              <table>
                <thead>
                  <tr><th scope="col">{t.network.organisation}</th><th scope="col">{t.network.betweenness}</th><th scope="col">{t.network.degree}</th><th scope="col">{t.network.community}</th></tr>
                </thead>
                <tbody>
                  {network.nodes.map((n) => (
                    <tr key={n.organisation.id}>
                      <td><Link to={pathTo.organisation(n.organisation.slug)}>{n.organisation.name}</Link></td>
                      <td>{n.betweenness.toFixed(3)}</td>
                      <td>{n.degree}</td>
                      <td>{n.community}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </QueryState>
    </section>
  );
}

function NetworkMap({ network }: { network: NetworkMapQuery['network'] }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [hovered, setHovered] = useState<string | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const graph = new Graph({ type: 'undirected' });
    const brokers = new Set(network.brokers.map((b) => b.organisation.id));
    const maxBetweenness = Math.max(1e-9, ...network.nodes.map((n) => n.betweenness));
    network.nodes.forEach((n, i) => {
      // Start on a circle per community, so that the layout settles quickly and the same way each time.
      const angle = (2 * Math.PI * i) / network.nodes.length + n.community;
      graph.addNode(n.organisation.id, {
        label: n.organisation.name,
        slug: n.organisation.slug,
        x: Math.cos(angle) * (1 + (n.community % 5)),
        y: Math.sin(angle) * (1 + (n.community % 5)),
        size: 2 + 9 * Math.sqrt(n.betweenness / maxBetweenness),
        color: PALETTE[n.community % PALETTE.length],
        borderColor: brokers.has(n.organisation.id) ? '#000' : undefined,
        forceLabel: brokers.has(n.organisation.id),
      });
    });
    for (const e of network.edges) {
      if (graph.hasNode(e.source.id) && graph.hasNode(e.target.id) && !graph.hasEdge(e.source.id, e.target.id)) {
        graph.addEdge(e.source.id, e.target.id, { size: Math.min(4, 0.5 + e.weight * 0.5), color: '#c8ccd0' });
      }
    }
    forceAtlas2.assign(graph, { iterations: 150, settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 } });
    const renderer = new Sigma(graph, container.current, { renderEdgeLabels: false, labelDensity: 0.5, labelRenderedSizeThreshold: 9 });
    renderer.on('clickNode', ({ node }) => navigate(pathTo.organisation(graph.getNodeAttribute(node, 'slug') as string)));
    renderer.on('enterNode', ({ node }) => setHovered(graph.getNodeAttribute(node, 'label') as string));
    renderer.on('leaveNode', () => setHovered(null));
    // Where the most central organisations were drawn, in pixels of the map: lets tests (and
    // tools driving the page) click one without reading the canvas.
    const mark = () => {
      const placed = network.nodes.slice(0, 20).map((n) => {
        const { x, y } = renderer.graphToViewport(graph.getNodeAttributes(n.organisation.id) as { x: number; y: number });
        return { slug: n.organisation.slug, x: Math.round(x), y: Math.round(y) };
      });
      container.current?.setAttribute('data-positions', JSON.stringify(placed));
    };
    renderer.on('afterRender', mark);
    // The first frame is drawn while the renderer is made, before anyone listens.
    const first = requestAnimationFrame(mark);
    return () => {
      cancelAnimationFrame(first);
      renderer.kill();
    };
  }, [network, navigate]);
  return (
    <figure className="network">
      <div ref={container} className="sigma" role="img" aria-label={t.network.mapLabel} data-testid="network-map" />
      <figcaption aria-live="polite">{hovered ?? t.network.hint}</figcaption>
    </figure>
  );
}

import { ok, TestServer } from './server';

/*
 * The network as it should be, worked out here from the memberships in SQL and from the
 * definitions of its measures, never with the server's code; and the network as the API
 * reports it, to hold the two side by side. Shared by the analysis tests.
 */

type Adjacency = Map<string, Set<string>>;

const link = (adj: Adjacency, a: string, b: string) => {
  if (!adj.has(a)) adj.set(a, new Set());
  if (!adj.has(b)) adj.set(b, new Set());
  adj.get(a)!.add(b);
  adj.get(b)!.add(a);
};

/** Distances and numbers of shortest paths from one node (breadth first). */
function shortestPaths(adj: Adjacency, source: string): { dist: Map<string, number>; sigma: Map<string, number> } {
  const dist = new Map([[source, 0]]);
  const sigma = new Map([[source, 1]]);
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const w of adj.get(v) ?? []) {
      if (!dist.has(w)) {
        dist.set(w, dist.get(v)! + 1);
        sigma.set(w, 0);
        queue.push(w);
      }
      if (dist.get(w) === dist.get(v)! + 1) sigma.set(w, sigma.get(w)! + sigma.get(v)!);
    }
  }
  return { dist, sigma };
}

/**
 * Betweenness by its definition: for every unordered pair {s, t} and every v between them,
 * σ_sv·σ_vt / σ_st when v lies on a shortest s–t path; normalised by (n-1)(n-2)/2 over all
 * n nodes of the graph. O(n³), fine for test graphs.
 */
function betweennessByDefinition(adj: Adjacency): Map<string, number> {
  const nodes = [...adj.keys()];
  const paths = new Map(nodes.map((n) => [n, shortestPaths(adj, n)]));
  const n = nodes.length;
  const norm = ((n - 1) * (n - 2)) / 2;
  const result = new Map<string, number>();
  for (const v of nodes) {
    let raw = 0;
    const fromV = paths.get(v)!;
    for (let i = 0; i < n; i++) {
      const s = nodes[i];
      if (s === v) continue;
      const fromS = paths.get(s)!;
      for (let j = i + 1; j < n; j++) {
        const t = nodes[j];
        if (t === v || !fromS.dist.has(t) || !fromS.dist.has(v) || !fromV.dist.has(t)) continue;
        if (fromS.dist.get(v)! + fromV.dist.get(t)! === fromS.dist.get(t)) {
          raw += (fromS.sigma.get(v)! * fromV.sigma.get(t)!) / fromS.sigma.get(t)!;
        }
      }
    }
    result.set(v, norm > 0 ? raw / norm : 0);
  }
  return result;
}

/** Connected components, as node → component number. */
function components(adj: Adjacency): Map<string, number> {
  const component = new Map<string, number>();
  let next = 0;
  for (const start of adj.keys()) {
    if (component.has(start)) continue;
    for (const v of shortestPaths(adj, start).dist.keys()) component.set(v, next);
    next++;
  }
  return component;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The live memberships (live organisation, live membership, live context) as (slug, context) rows, in SQL. */
export const LIVE_MEMBERSHIPS = `
  select o.slug, o.id::text as org_id, 'FORUM:' || f.code as context
    from forum_membership fm join forum f on f.id = fm.forum_id join organisation o on o.id = fm.organisation_id
   where fm.until is null and f.archived_at is null and o.archived_at is null
  union
  select o.slug, o.id::text, 'BODY:' || b.slug
    from body_membership bm join body b on b.id = bm.body_id join organisation o on o.id = bm.organisation_id
   where bm.until is null and b.archived_at is null and o.archived_at is null
  union
  select o.slug, o.id::text, 'PROJECT:' || p.slug
    from project_participation pp join project p on p.id = pp.project_id join organisation o on o.id = pp.organisation_id
   where pp.until is null and p.archived_at is null and o.archived_at is null`;

export interface ExpectedNetwork {
  slugs: string[];
  /** slug pair → shared contexts (sorted). */
  pairs: Map<string, string[]>;
  /** slug → live forums. */
  forums: Map<string, number>;
  coMembership: Adjacency;
  affiliation: Adjacency;
}

/** The network as it should be, from SQL only: pairs with their shared contexts, forum counts, both graphs. */
export async function expectedNetwork(server: TestServer): Promise<ExpectedNetwork> {
  const slugs = (await server.db.query<{ slug: string }>(`select slug from organisation where archived_at is null order by slug`)).map((r) => r.slug);
  const pairRows = await server.db.query<{ a: string; b: string; contexts: string[] }>(
    `with m as (${LIVE_MEMBERSHIPS})
     select least(x.slug, y.slug) as a, greatest(x.slug, y.slug) as b, array_agg(distinct x.context order by x.context) as contexts
       from m x join m y on x.context = y.context and x.slug <> y.slug
      group by 1, 2`,
  );
  const memberships = await server.db.query<{ slug: string; context: string }>(`select slug, context from (${LIVE_MEMBERSHIPS}) m`);
  const pairs = new Map(pairRows.map((r) => [pairKey(r.a, r.b), r.contexts]));
  const forums = new Map(slugs.map((s) => [s, 0]));
  const coMembership: Adjacency = new Map(slugs.map((s) => [s, new Set<string>()]));
  const affiliation: Adjacency = new Map(slugs.map((s) => [s, new Set<string>()]));
  for (const m of memberships) {
    link(affiliation, m.slug, `ctx:${m.context}`);
    if (m.context.startsWith('FORUM:')) forums.set(m.slug, forums.get(m.slug)! + 1);
  }
  for (const r of pairRows) link(coMembership, r.a, r.b);
  return { slugs, pairs, forums, coMembership, affiliation };
}

const NETWORK = `query ($first: Int!) {
  network(first: $first) {
    dataVersion nodeCount edgeCount communityCount modularity
    nodes { degree weightedDegree betweenness community forumCount organisation { slug } }
    edges {
      weight source { slug } target { slug }
      contexts { type target { __typename ... on Forum { code } ... on Body { slug } ... on Project { slug } } }
    }
    brokers(first: 20) { betweenness forumCount organisation { slug } }
  }
}`;

export interface NetworkResult {
  dataVersion: string;
  nodeCount: number;
  edgeCount: number;
  communityCount: number;
  modularity: number;
  nodes: { degree: number; weightedDegree: number; betweenness: number; community: number; forumCount: number; organisation: { slug: string } }[];
  edges: {
    weight: number;
    source: { slug: string };
    target: { slug: string };
    contexts: { type: string; target: { __typename: string; code?: string; slug?: string } }[];
  }[];
  brokers: { betweenness: number; forumCount: number; organisation: { slug: string } }[];
}

/** The counter of a data version ("17", or "17:<stamp>"). */
export const counter = (dataVersion: string) => BigInt(dataVersion.split(':')[0]);

export const network = async (server: TestServer, first = 100): Promise<NetworkResult> =>
  ok(await server.gql<{ network: NetworkResult }>(NETWORK, { first })).network;

export const nodeBySlug = (net: NetworkResult) => new Map(net.nodes.map((n) => [n.organisation.slug, n]));

export const contextName = (c: NetworkResult['edges'][number]['contexts'][number]) => `${c.type}:${c.target.code ?? c.target.slug}`;

/** Every measure of every node and edge of a network against the SQL view of it. */
export function expectNetworkToMatch(net: NetworkResult, expected: ExpectedNetwork) {
  // Nodes: every live organisation, once.
  expect(net.nodeCount).toBe(expected.slugs.length);
  expect(net.nodes.map((n) => n.organisation.slug).sort()).toEqual(expected.slugs);

  // Edges: one per pair sharing a context, weighted by the number of contexts shared.
  expect(net.edgeCount).toBe(expected.pairs.size);
  expect(net.edges).toHaveLength(expected.pairs.size);
  const seen = new Set<string>();
  for (const e of net.edges) {
    const key = pairKey(e.source.slug, e.target.slug);
    expect({ key, weight: e.weight, contexts: e.contexts.map(contextName).sort() }).toEqual({
      key,
      weight: expected.pairs.get(key)?.length,
      contexts: expected.pairs.get(key),
    });
    seen.add(key);
  }
  expect(seen.size).toBe(expected.pairs.size);

  // Degree, weighted degree, forums and betweenness per node.
  const bc = betweennessByDefinition(expected.affiliation);
  for (const n of net.nodes) {
    const slug = n.organisation.slug;
    const partners = [...expected.coMembership.get(slug)!];
    const weighted = partners.reduce((sum, p) => sum + expected.pairs.get(pairKey(slug, p))!.length, 0);
    expect({ slug, degree: n.degree, weightedDegree: n.weightedDegree, forumCount: n.forumCount }).toEqual({
      slug,
      degree: partners.length,
      weightedDegree: weighted,
      forumCount: expected.forums.get(slug),
    });
    expect(n.betweenness).toBeCloseTo(bc.get(slug)!, 10);
  }

  // Communities: numbered as many as there are; none spans two components of the co-membership graph.
  const communities = new Set(net.nodes.map((n) => n.community));
  expect(net.communityCount).toBe(communities.size);
  const component = components(expected.coMembership);
  for (const c of communities) {
    const members = net.nodes.filter((n) => n.community === c).map((n) => component.get(n.organisation.slug));
    expect(new Set(members).size).toBe(1);
  }

  // The modularity reported is that of the communities reported, on the weighted graph.
  const community = new Map(net.nodes.map((n) => [n.organisation.slug, n.community]));
  const strength = new Map<number, number>();
  let inside = 0;
  let total = 0;
  for (const [key, contexts] of expected.pairs) {
    const [a, b] = key.split('|');
    const w = contexts.length;
    total += w;
    if (community.get(a) === community.get(b)) inside += w;
    strength.set(community.get(a)!, (strength.get(community.get(a)!) ?? 0) + w);
    strength.set(community.get(b)!, (strength.get(community.get(b)!) ?? 0) + w);
  }
  const modularity = total === 0 ? 0 : inside / total - [...strength.values()].reduce((s, d) => s + (d / (2 * total)) ** 2, 0);
  expect(net.modularity).toBeCloseTo(modularity, 6);

  // Brokers: members of two or more forums with betweenness, best first.
  const brokers = [...net.nodes]
    .filter((n) => expected.forums.get(n.organisation.slug)! >= 2 && bc.get(n.organisation.slug)! > 1e-12)
    .map((n) => n.organisation.slug);
  expect(net.brokers.map((b) => b.organisation.slug).sort()).toEqual([...brokers].sort());
  for (const b of net.brokers) expect(expected.forums.get(b.organisation.slug)).toBeGreaterThanOrEqual(2);
  const order = net.brokers.map((b) => b.betweenness);
  expect(order).toEqual([...order].sort((x, y) => y - x));
}

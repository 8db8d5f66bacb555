import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweenness from 'graphology-metrics/centrality/betweenness';

/*
 * The measures of the whole partner network, computed in the network worker
 * (network.worker.ts) from the memberships alone: organisations and contexts (forums, bodies,
 * projects) are numbers here, typed arrays in and out, so that both cross the thread
 * boundary as transferred buffers rather than copies.
 *
 * - The co-membership graph links two organisations when they share a context; the weight
 *   is the number of contexts they share. Degree, weighted degree and communities (Louvain,
 *   on the weights, graphology's implementation) are taken on it.
 * - Betweenness is taken on the affiliation graph, organisations and their contexts as
 *   nodes (graphology's Brandes): it counts how often an organisation lies on the shortest
 *   paths that connect otherwise separate forums, bodies and projects, which is what a broker
 *   does. It also stays affordable at 10,000 organisations, where the co-membership graph (one
 *   clique per context) would make exact betweenness take minutes.
 */

/** The memberships, as pairs (organisation, context); organisations numbered 0 … n-1 in uuid order. */
export interface MembershipInput {
  nodeCount: number;
  contextCount: number;
  /** Organisation of each membership, ascending. */
  memberNode: Uint32Array<ArrayBuffer>;
  /** Context of each membership. */
  memberContext: Uint32Array<ArrayBuffer>;
}

export interface MeasuredNetwork {
  /**
   * The co-membership links, ordered by source, then target; source < target. Numbers stand
   * for organisations in uuid order, so this is also the order of their uuids.
   */
  edgeSource: Uint32Array;
  edgeTarget: Uint32Array;
  /** Contexts shared. */
  edgeWeight: Uint32Array;
  /** The contexts of link e are edgeContexts[edgeContextStart[e] … edgeContextStart[e + 1]), ascending. */
  edgeContextStart: Uint32Array;
  edgeContexts: Uint32Array;
  /** The links of organisation i are adjacency[adjacencyStart[i] … adjacencyStart[i + 1]), ascending. */
  adjacencyStart: Uint32Array;
  adjacency: Uint32Array;
  degree: Uint32Array;
  weightedDegree: Uint32Array;
  /** Normalised betweenness in the affiliation graph, 0 … 1. */
  betweenness: Float64Array;
  community: Uint32Array;
  /** The organisations by betweenness, then weighted degree, then uuid. */
  order: Uint32Array;
  communityCount: number;
  modularity: number;
}

/** The buffers of a result, to transfer rather than copy. */
export function buffersOf(network: MeasuredNetwork): ArrayBuffer[] {
  return Object.values(network)
    .filter((v): v is Uint32Array | Float64Array => ArrayBuffer.isView(v))
    .map((v) => v.buffer as ArrayBuffer);
}

/** Deterministic random numbers for Louvain: the same data gives the same communities. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offsets of a grouping: start[k] … start[k + 1] is group k, for `groups` groups of `keys`. */
function offsets(keys: Uint32Array, groups: number): Uint32Array {
  const start = new Uint32Array(groups + 1);
  for (const k of keys) start[k + 1]++;
  for (let k = 0; k < groups; k++) start[k + 1] += start[k];
  return start;
}

export function measureNetwork(input: MembershipInput): MeasuredNetwork {
  const { nodeCount: n, contextCount, memberNode, memberContext } = input;

  // Members of each context, ascending (the memberships come by organisation).
  const memberStart = offsets(memberContext, contextCount);
  const members = new Uint32Array(memberNode.length);
  const fill = memberStart.slice(0, contextCount);
  for (let m = 0; m < memberNode.length; m++) members[fill[memberContext[m]]++] = memberNode[m];

  // Every (pair, context) as one number (source · n + target) · contexts + context, sorted:
  // runs of the same pair are its links, in order, with their contexts ascending. Below
  // 2^53 up to some 10^5 organisations and 10^5 contexts, far beyond a directory's size.
  let pairCount = 0;
  for (let c = 0; c < contextCount; c++) {
    const k = memberStart[c + 1] - memberStart[c];
    pairCount += (k * (k - 1)) / 2;
  }
  const pairs = new Float64Array(pairCount);
  let p = 0;
  for (let c = 0; c < contextCount; c++) {
    for (let i = memberStart[c]; i < memberStart[c + 1]; i++) {
      for (let j = i + 1; j < memberStart[c + 1]; j++) pairs[p++] = (members[i] * n + members[j]) * contextCount + c;
    }
  }
  pairs.sort();

  // Exact in floating point: the remainder, and the quotient of a multiple.
  const pairOf = (q: number) => (pairs[q] - (pairs[q] % contextCount)) / contextCount;
  let edgeCount = 0;
  for (let q = 0; q < pairCount; q++) if (q === 0 || pairOf(q) !== pairOf(q - 1)) edgeCount++;
  const edgeSource = new Uint32Array(edgeCount);
  const edgeTarget = new Uint32Array(edgeCount);
  const edgeWeight = new Uint32Array(edgeCount);
  const edgeContextStart = new Uint32Array(edgeCount + 1);
  const edgeContexts = new Uint32Array(pairCount);
  let e = -1;
  let previous = -1;
  for (let q = 0; q < pairCount; q++) {
    const pair = pairOf(q);
    if (pair !== previous) {
      e++;
      previous = pair;
      edgeTarget[e] = pair % n;
      edgeSource[e] = (pair - edgeTarget[e]) / n;
      edgeContextStart[e] = q;
    }
    edgeWeight[e]++;
    edgeContexts[q] = pairs[q] % contextCount;
  }
  edgeContextStart[edgeCount] = pairCount;

  // The links of each organisation, and its degrees.
  const degree = new Uint32Array(n);
  const weightedDegree = new Uint32Array(n);
  for (let f = 0; f < edgeCount; f++) {
    degree[edgeSource[f]]++;
    degree[edgeTarget[f]]++;
    weightedDegree[edgeSource[f]] += edgeWeight[f];
    weightedDegree[edgeTarget[f]] += edgeWeight[f];
  }
  const adjacencyStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) adjacencyStart[i + 1] = adjacencyStart[i] + degree[i];
  const adjacency = new Uint32Array(2 * edgeCount);
  const next = adjacencyStart.slice(0, n);
  for (let f = 0; f < edgeCount; f++) {
    adjacency[next[edgeSource[f]]++] = f;
    adjacency[next[edgeTarget[f]]++] = f;
  }

  // graphology's measures, with the options they always had: Brandes without weights,
  // normalised over all nodes of the affiliation graph; Louvain on the weights, seeded.
  const comembership = new Graph({ type: 'undirected' });
  const affiliation = new Graph({ type: 'undirected' });
  for (let i = 0; i < n; i++) {
    comembership.addNode(String(i));
    affiliation.addNode(String(i));
  }
  for (let m = 0; m < memberNode.length; m++) {
    const context = `c${memberContext[m]}`;
    if (!affiliation.hasNode(context)) affiliation.addNode(context);
    affiliation.addEdge(String(memberNode[m]), context);
  }
  for (let f = 0; f < edgeCount; f++) comembership.addEdge(String(edgeSource[f]), String(edgeTarget[f]), { weight: edgeWeight[f] });

  const between = affiliation.order > 2 ? betweenness(affiliation, { normalized: true, getEdgeWeight: null }) : {};
  const communities = comembership.order > 0
    ? louvain.detailed(comembership, { getEdgeWeight: 'weight', rng: seededRandom(20_091_125) })
    : { communities: {} as Record<string, number>, count: 0, modularity: 0 };

  const betweennessOf = new Float64Array(n);
  const community = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    betweennessOf[i] = between[String(i)] ?? 0;
    community[i] = communities.communities[String(i)] ?? 0;
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => betweennessOf[b] - betweennessOf[a] || weightedDegree[b] - weightedDegree[a] || a - b,
  );

  return {
    edgeSource, edgeTarget, edgeWeight, edgeContextStart, edgeContexts, adjacencyStart, adjacency, degree, weightedDegree,
    betweenness: betweennessOf, community, order, communityCount: communities.count, modularity: communities.modularity,
  };
}

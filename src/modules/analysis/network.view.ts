import { badInput } from '../../graph/errors';
import { MembershipTarget } from '../link/link.enums';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import type { MeasuredNetwork } from './network.measure';

/*
 * Filtered networks, derived from the whole network of one data version rather than
 * computed again: a filter selects organisations (nodes) and the types of context that
 * link them. Degree and weighted degree are counted within the view; betweenness and
 * community stay those of the whole network, as in Gephi, where one filters after computing
 * the statistics. A view costs a pass over the links (a few milliseconds at 300,000 links)
 * and keeps only per-organisation arrays, never a copy of the links.
 */

export interface NetworkFilter {
  kinds?: string[] | null;
  levels?: string[] | null;
  /** Only organisations covering this field of action (code). */
  fieldOfAction?: string | null;
  /** Only members of this forum (code). */
  forum?: string | null;
  /** Which memberships link organisations; all three when omitted. */
  contexts?: MembershipTarget[] | null;
}

export interface NetworkNodeMetrics {
  uuid: string;
  /** Within the view. */
  degree: number;
  /** Within the view. */
  weightedDegree: number;
  /** Normalised betweenness in the affiliation graph of the whole network, 0 … 1. */
  betweenness: number;
  /** Louvain community in the whole network. */
  community: number;
  /** Forums the organisation is a member of. */
  forumCount: number;
}

export interface NetworkContextRef {
  type: MembershipTarget;
  uuid: string;
}

export interface NetworkEdgeData {
  source: string;
  target: string;
  weight: number;
  contexts: NetworkContextRef[];
}

/** Forum and field-of-action codes are short ("III", "SYN-0001"); a filter's code is at most this long. */
export const CODE_MAX_LENGTH = 20;

/** A filter's forum or field-of-action code, as the API and the export take it; BAD_USER_INPUT otherwise. */
export function checkFilterCode(code: string, name: string, argument: string): string {
  if (code.length === 0 || code.length > CODE_MAX_LENGTH || /[\u0000-\u001f]/.test(code)) {
    throw badInput(`${name} is a code of 1 to ${CODE_MAX_LENGTH} characters, e.g. "III"`, argument);
  }
  return code;
}

export const KINDS = Object.values(OrganisationKind) as string[];
export const LEVELS = Object.values(GovernanceLevel) as string[];
export const CONTEXT_TYPES = Object.values(MembershipTarget);
/** A set of context types, as a mask of bits 1 << (index in CONTEXT_TYPES). */
const ALL_TYPES = (1 << CONTEXT_TYPES.length) - 1;
/** Kind or level not among the enum's values (the API cannot write one): matches no filter. */
export const UNKNOWN = 255;

/**
 * The whole network of one data version: what filters select by, read from the database,
 * and the worker's measures. Organisations are numbered in uuid order everywhere.
 */
export interface FullNetwork {
  dataVersion: string;
  uuids: string[];
  /** Index in KINDS and LEVELS. */
  kinds: Uint8Array;
  levels: Uint8Array;
  /** Fields of action of organisation i: fields[fieldStart[i] … fieldStart[i + 1]), as indices into fieldCodes. */
  fieldStart: Uint32Array;
  fields: Uint16Array;
  fieldCodes: Map<string, number>;
  /** Contexts of organisation i: contexts[contextStart[i] … contextStart[i + 1]). */
  contextStart: Uint32Array;
  contexts: Uint32Array;
  /** Index in CONTEXT_TYPES of each context. */
  contextTypes: Uint8Array;
  contextUuids: string[];
  /** Forum code → its context. */
  forums: Map<string, number>;
  forumCount: Uint16Array;
  measures: MeasuredNetwork;
}

/** Lets other requests run: loops over all organisations or links call it every so often. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Items between breaths: well under 50 ms of work each, at 10,000 organisations. */
const CHUNK = 20_000;

/** A filter in one spelling per meaning, with its cache key. */
export interface CanonicalFilter {
  key: string;
  /** Selects nobody (an unknown forum or field code): one key for all of them. */
  nothing: boolean;
  kinds: number[] | null;
  levels: number[] | null;
  field: number | null;
  forum: number | null;
  types: number;
}

/** Deduplicated, sorted indices of the known values; null when the list does not narrow anything. */
function indices(values: readonly string[] | null | undefined, known: readonly string[]): number[] | null | 'nothing' {
  if (!values?.length) return null;
  const found = [...new Set(values.map((v) => known.indexOf(v)).filter((i) => i >= 0))].sort((a, b) => a - b);
  if (found.length === 0) return 'nothing';
  return found.length === known.length ? null : found;
}

/** The same filter, however it was spelt (null, [] or absent; any order; repeated values), gives the same key. */
export function canonicalFilter(network: FullNetwork, filter: NetworkFilter): CanonicalFilter {
  const kinds = indices(filter.kinds, KINDS);
  const levels = indices(filter.levels, LEVELS);
  const types = indices(filter.contexts, CONTEXT_TYPES);
  const field = filter.fieldOfAction ? (network.fieldCodes.get(filter.fieldOfAction) ?? 'nothing') : null;
  const forum = filter.forum ? (network.forums.get(filter.forum) ?? 'nothing') : null;
  if ([kinds, levels, types, field, forum].includes('nothing')) {
    return { key: 'nothing', nothing: true, kinds: null, levels: null, field: null, forum: null, types: ALL_TYPES };
  }
  const canonical = {
    kinds: kinds as number[] | null,
    levels: levels as number[] | null,
    field: field as number | null,
    forum: forum as number | null,
    types: types === null ? ALL_TYPES : (types as number[]).reduce((mask, t) => mask | (1 << t), 0),
  };
  return { key: JSON.stringify(canonical), nothing: false, ...canonical };
}

/** The network as a filter sees it. Immutable; shared by the requests with the same filter. */
export class NetworkView {
  constructor(
    readonly network: FullNetwork,
    /** Which organisations are in the view; null: all. */
    private readonly selected: Uint8Array | null,
    private readonly types: number,
    /** The organisations of the view, by betweenness, then weighted degree in the view, then uuid. */
    readonly order: Uint32Array,
    private readonly degree: Uint32Array,
    private readonly weightedDegree: Uint32Array,
    readonly edgeCount: number,
  ) {}

  get dataVersion(): string {
    return this.network.dataVersion;
  }

  get nodeCount(): number {
    return this.order.length;
  }

  /** Communities of the whole network. */
  get communityCount(): number {
    return this.network.measures.communityCount;
  }

  get modularity(): number {
    return this.network.measures.modularity;
  }

  node(i: number): NetworkNodeMetrics {
    const { uuids, measures, forumCount } = this.network;
    return {
      uuid: uuids[i],
      degree: this.degree[i],
      weightedDegree: this.weightedDegree[i],
      betweenness: measures.betweenness[i],
      community: measures.community[i],
      forumCount: forumCount[i],
    };
  }

  /** Members of two or more forums with betweenness, the most central first. */
  brokers(first: number): NetworkNodeMetrics[] {
    const result: NetworkNodeMetrics[] = [];
    for (const i of this.order) {
      if (result.length >= first) break;
      if (this.network.forumCount[i] >= 2 && this.network.measures.betweenness[i] > 0) result.push(this.node(i));
    }
    return result;
  }

  private weight(e: number): number {
    return weightIn(this.network, this.selected, this.types, e);
  }

  private edge(e: number, weight: number): NetworkEdgeData {
    const { uuids, contextTypes, contextUuids, measures } = this.network;
    const contexts: NetworkContextRef[] = [];
    for (let k = measures.edgeContextStart[e]; k < measures.edgeContextStart[e + 1]; k++) {
      const c = measures.edgeContexts[k];
      if ((1 << contextTypes[c]) & this.types) contexts.push({ type: CONTEXT_TYPES[contextTypes[c]], uuid: contextUuids[c] });
    }
    return { source: uuids[measures.edgeSource[e]], target: uuids[measures.edgeTarget[e]], weight, contexts };
  }

  /**
   * At most `first` links among these organisations, heaviest first, then by source and
   * target id. Walks their links only: a few thousand for the thousand most central.
   */
  edgesAmong(nodes: Uint32Array, first: number): NetworkEdgeData[] {
    const { adjacencyStart, adjacency, edgeSource, edgeTarget } = this.network.measures;
    const among = new Uint8Array(this.network.uuids.length);
    for (const i of nodes) among[i] = 1;
    const found: { e: number; weight: number }[] = [];
    for (const i of nodes) {
      for (let k = adjacencyStart[i]; k < adjacencyStart[i + 1]; k++) {
        const e = adjacency[k];
        if (edgeSource[e] !== i || !among[edgeTarget[e]]) continue;
        const weight = this.weight(e);
        if (weight > 0) found.push({ e, weight });
      }
    }
    // Links are numbered by source, then target, which is also their ids' order.
    found.sort((a, b) => b.weight - a.weight || a.e - b.e);
    return found.slice(0, first).map(({ e, weight }) => this.edge(e, weight));
  }

  /** All links of the view in batches (by source, then target), letting other requests run in between. */
  async *edges(batch: number): AsyncGenerator<NetworkEdgeData[]> {
    const total = this.network.measures.edgeSource.length;
    let pending: NetworkEdgeData[] = [];
    for (let e = 0; e < total; e++) {
      if (e % CHUNK === CHUNK - 1) await breathe();
      const weight = this.weight(e);
      if (weight === 0) continue;
      pending.push(this.edge(e, weight));
      if (pending.length === batch) {
        yield pending;
        pending = [];
      }
    }
    if (pending.length) yield pending;
  }
}

/** Contexts of the chosen types that link e's organisations when both are selected; 0: e is not in the view. */
function weightIn(network: FullNetwork, selected: Uint8Array | null, types: number, e: number): number {
  const { edgeSource, edgeTarget, edgeWeight, edgeContextStart, edgeContexts } = network.measures;
  if (selected && !(selected[edgeSource[e]] && selected[edgeTarget[e]])) return 0;
  if (types === ALL_TYPES) return edgeWeight[e];
  let weight = 0;
  for (let k = edgeContextStart[e]; k < edgeContextStart[e + 1]; k++) if ((1 << network.contextTypes[edgeContexts[k]]) & types) weight++;
  return weight;
}

/** The view of a filter: whom it selects, and their degrees among themselves. */
export async function deriveView(network: FullNetwork, filter: CanonicalFilter): Promise<NetworkView> {
  const { measures } = network;
  const n = network.uuids.length;
  if (filter.nothing) return new NetworkView(network, new Uint8Array(n), filter.types, new Uint32Array(0), new Uint32Array(n), new Uint32Array(n), 0);
  const narrows = filter.kinds || filter.levels || filter.field !== null || filter.forum !== null;
  if (!narrows && filter.types === ALL_TYPES) {
    return new NetworkView(network, null, ALL_TYPES, measures.order, measures.degree, measures.weightedDegree, measures.edgeSource.length);
  }

  let selected: Uint8Array | null = null;
  if (narrows) {
    selected = new Uint8Array(n);
    const kinds = filter.kinds && new Set(filter.kinds);
    const levels = filter.levels && new Set(filter.levels);
    const has = (list: ArrayLike<number>, start: Uint32Array, i: number, value: number) => {
      for (let k = start[i]; k < start[i + 1]; k++) if (list[k] === value) return true;
      return false;
    };
    for (let i = 0; i < n; i++) {
      if (i % CHUNK === CHUNK - 1) await breathe();
      selected[i] = Number(
        (!kinds || kinds.has(network.kinds[i])) &&
          (!levels || levels.has(network.levels[i])) &&
          (filter.field === null || has(network.fields, network.fieldStart, i, filter.field)) &&
          (filter.forum === null || has(network.contexts, network.contextStart, i, filter.forum)),
      );
    }
  }

  const degree = new Uint32Array(n);
  const weightedDegree = new Uint32Array(n);
  let edgeCount = 0;
  const total = measures.edgeSource.length;
  for (let e = 0; e < total; e++) {
    if (e % CHUNK === CHUNK - 1) await breathe();
    const weight = weightIn(network, selected, filter.types, e);
    if (weight === 0) continue;
    edgeCount++;
    degree[measures.edgeSource[e]]++;
    degree[measures.edgeTarget[e]]++;
    weightedDegree[measures.edgeSource[e]] += weight;
    weightedDegree[measures.edgeTarget[e]] += weight;
  }

  const nodes: number[] = [];
  for (let i = 0; i < n; i++) if (!selected || selected[i]) nodes.push(i);
  const order = Uint32Array.from(nodes).sort(
    (a, b) => measures.betweenness[b] - measures.betweenness[a] || weightedDegree[b] - weightedDegree[a] || a - b,
  );
  return new NetworkView(network, selected, filter.types, order, degree, weightedDegree, edgeCount);
}

import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweenness from 'graphology-metrics/centrality/betweenness';
import type { SqlRunner } from '../../db/database';
import { MembershipTarget } from '../membership/membership.enums';
import { READ_DATA_VERSION } from './data-version.entity';

/*
 * The partner network, computed from the memberships in PostgreSQL and measured with
 * graphology (maintained, tested implementations of Brandes' betweenness and Louvain).
 *
 * - The co-membership graph links two organisations when they share a forum, body or
 *   project; the weight is the number of contexts they share. Degree, weighted degree and
 *   communities (Louvain, on the weights) are taken on it.
 * - Betweenness is taken on the affiliation graph, organisations and their contexts as
 *   nodes: it counts how often an organisation lies on the shortest paths that connect
 *   otherwise separate forums, bodies and projects, which is what a broker does. It also
 *   stays affordable at 10,000 organisations, where the co-membership graph (one clique per
 *   context) would make exact betweenness take minutes.
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
  degree: number;
  weightedDegree: number;
  /** Normalised betweenness in the affiliation graph, 0 … 1. */
  betweenness: number;
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

export interface ComputedNetwork {
  dataVersion: string;
  /** Ordered by betweenness, then weighted degree, then id. */
  nodes: NetworkNodeMetrics[];
  edges: NetworkEdgeData[];
  communityCount: number;
  modularity: number;
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

/** The memberships that count, as one SQL relation `m(type, ctx, org)` over the filtered organisations. */
function membershipsSql(filter: NetworkFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const nodeWhere: string[] = ['o.archived_at is null'];
  if (filter.kinds?.length) {
    nodeWhere.push('o.kind = any(?::text[])');
    params.push(filter.kinds);
  }
  if (filter.levels?.length) {
    nodeWhere.push('o.level = any(?::text[])');
    params.push(filter.levels);
  }
  if (filter.fieldOfAction) {
    nodeWhere.push(`exists (select 1 from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id where x.organisation_id = o.id and f.code = ?)`);
    params.push(filter.fieldOfAction);
  }
  if (filter.forum) {
    nodeWhere.push(`exists (select 1 from forum_membership x join forum f on f.id = x.forum_id where x.organisation_id = o.id and x.archived_at is null and f.code = ?)`);
    params.push(filter.forum);
  }
  const types = filter.contexts?.length ? filter.contexts : Object.values(MembershipTarget);
  const parts = [
    types.includes(MembershipTarget.FORUM) && `select 'FORUM' as type, m.forum_id as ctx, m.organisation_id as org from forum_membership m join forum t on t.id = m.forum_id and t.archived_at is null where m.archived_at is null`,
    types.includes(MembershipTarget.BODY) && `select 'BODY' as type, m.body_id as ctx, m.organisation_id as org from body_membership m join body t on t.id = m.body_id and t.archived_at is null where m.archived_at is null`,
    types.includes(MembershipTarget.PROJECT) && `select 'PROJECT' as type, m.project_id as ctx, m.organisation_id as org from project_participation m join project t on t.id = m.project_id and t.archived_at is null where m.archived_at is null`,
  ].filter(Boolean);
  return {
    sql: `nodes as (select o.id from organisation o where ${nodeWhere.join(' and ')}),
          m as (select all_m.* from (${parts.join(' union all ')}) all_m join nodes n on n.id = all_m.org)`,
    params,
  };
}

export async function computeNetwork(sql: SqlRunner, filter: NetworkFilter, dataVersion: string): Promise<ComputedNetwork> {
  const { sql: with_, params } = membershipsSql(filter);
  // The nodes with their memberships, and the co-membership pairs with what links them,
  // both aggregated in PostgreSQL.
  const [nodes, pairs] = await Promise.all([
    sql.query<{ id: string; contexts: string[] | null }>(
      `with ${with_} select n.id::text as id, array_agg(m.type || ':' || m.ctx) filter (where m.ctx is not null) as contexts
       from nodes n left join m on m.org = n.id group by n.id order by n.id`,
      params,
    ),
    sql.query<{ source: string; target: string; weight: number; contexts: string[] }>(
      `with ${with_} select a.org::text as source, b.org::text as target, count(*)::int as weight,
              array_agg(a.type || ':' || a.ctx order by a.type, a.ctx) as contexts
       from m a join m b on a.type = b.type and a.ctx = b.ctx and a.org < b.org
       group by a.org, b.org`,
      params,
    ),
  ]);

  const comembership = new Graph({ type: 'undirected' });
  const affiliation = new Graph({ type: 'undirected' });
  for (const n of nodes) {
    comembership.addNode(n.id);
    affiliation.addNode(n.id);
    for (const ctx of n.contexts ?? []) {
      if (!affiliation.hasNode(ctx)) affiliation.addNode(ctx);
      affiliation.addEdge(n.id, ctx);
    }
  }
  const edges: NetworkEdgeData[] = pairs.map((p) => {
    comembership.addEdge(p.source, p.target, { weight: p.weight });
    return {
      source: p.source,
      target: p.target,
      weight: p.weight,
      contexts: p.contexts.map((c) => {
        const [type, uuid] = c.split(':');
        return { type: type as MembershipTarget, uuid };
      }),
    };
  });

  const between = affiliation.order > 2 ? betweenness(affiliation, { normalized: true, getEdgeWeight: null }) : {};
  const communities = comembership.order > 0
    ? louvain.detailed(comembership, { getEdgeWeight: 'weight', rng: seededRandom(20_091_125) })
    : { communities: {} as Record<string, number>, count: 0, modularity: 0 };

  const metrics: NetworkNodeMetrics[] = nodes.map((n) => ({
    uuid: n.id,
    degree: comembership.degree(n.id),
    weightedDegree: comembership.reduceEdges(n.id, (sum, _edge, attr) => sum + (attr.weight as number), 0),
    betweenness: between[n.id] ?? 0,
    community: communities.communities[n.id] ?? 0,
    forumCount: (n.contexts ?? []).filter((c) => c.startsWith('FORUM:')).length,
  }));
  metrics.sort((a, b) => b.betweenness - a.betweenness || b.weightedDegree - a.weightedDegree || (a.uuid < b.uuid ? -1 : 1));
  return { dataVersion, nodes: metrics, edges, communityCount: communities.count, modularity: communities.modularity };
}

/** The same filter, however it was spelt (null, [] or absent; any order), gives the same key. */
function filterKey(filter: NetworkFilter): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(parts);
}

/**
 * Networks computed once per data version and filter, shared by all requests of one server
 * (one cache per app: tests run several apps on several databases in one process). The data version moves on with every write, so a cached network is never stale;
 * old versions fall out as new ones come in.
 */
export class NetworkCache {
  private readonly entries = new Map<string, Promise<ComputedNetwork>>();

  constructor(private readonly capacity = 16) {}

  async get(sql: SqlRunner, filter: NetworkFilter): Promise<ComputedNetwork> {
    const [{ version }] = await sql.query<{ version: string }>(READ_DATA_VERSION, [], { primary: true });
    const key = `${version}|${filterKey(filter)}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = computeNetwork(sql, filter, version);
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
      while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }
}

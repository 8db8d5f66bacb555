import { Arg, Ctx, Field, FieldResolver, Float, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graph/context';
import { AS_OF_DESCRIPTION, asOfDay, DateScalar, type Day } from '../../graph/day';
import { ListSize } from '../../graph/cost';
import { badInput } from '../../graph/errors';
import { BODIES } from '../body/body.loaders';
import { FORUMS } from '../forum/forum.loaders';
import { MembershipTarget } from '../link/link.enums';
import { MembershipTargetUnion } from '../link/link.type';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation } from '../organisation/organisation.type';
import { PROJECTS } from '../project/project.loaders';
import { checkFilterCode, type NetworkContextRef, type NetworkEdgeData, type NetworkNodeMetrics, type NetworkView } from './network.compute';

export const MAX_NETWORK_NODES = 1000;
export const MAX_NETWORK_EDGES = 5000;

@InputType({
  description:
    'Narrows the network: all given conditions must hold for an organisation to be a node, and only contexts of the given types link ' +
    'two nodes. Degree and weighted degree are counted within the filtered network; betweenness and community stay those of the whole ' +
    'network (as when filtering in Gephi after computing the statistics).',
})
export class NetworkFilterInput {
  @Field(() => [OrganisationKind], { nullable: true }) kinds?: OrganisationKind[] | null;
  @Field(() => [GovernanceLevel], { nullable: true }) levels?: GovernanceLevel[] | null;
  @Field(() => String, { nullable: true, description: 'Only organisations covering this field of action (code "I" … "V").' }) fieldOfAction?: string | null;
  @Field(() => String, { nullable: true, description: 'Only members of this forum (code).' }) forum?: string | null;
  @Field(() => [MembershipTarget], { nullable: true, description: 'Which shared contexts link organisations: FORUM, BODY, PROJECT (default: all).' })
  contexts?: MembershipTarget[] | null;
}

@ObjectType({ description: 'An organisation in the network, with its measures.' })
export class NetworkNode {
  @Field(() => Int, { description: 'Organisations in this (filtered) network it shares at least one linking context with.' }) degree!: number;
  @Field(() => Int, { description: 'Sum of the weights of its links in this (filtered) network: shared contexts, counted per partner.' }) weightedDegree!: number;
  @Field(() => Float, {
    description:
      'Normalised betweenness (0 … 1) in the affiliation network of organisations and their forums, bodies and projects: how much it ' +
      'connects otherwise separate contexts. Always that of the whole network; a filter does not recompute it.',
  })
  betweenness!: number;
  @Field(() => Int, {
    description: 'Community (Louvain on the weighted co-membership graph of the whole network); organisations with the same number cluster together.',
  })
  community!: number;
  @Field(() => Int, { description: 'Forums it is a member of.' }) forumCount!: number;
  uuid!: string;
}

@ObjectType({ description: 'A context two organisations share.' })
export class NetworkContext {
  @Field(() => MembershipTarget) type!: MembershipTarget;
  uuid!: string;
}

@ObjectType({ description: 'Two organisations that share forums, bodies or projects.' })
export class NetworkEdge {
  @Field(() => Int, { description: 'How many contexts of the linking types they share.' }) weight!: number;
  // Costed as five: two partners share one to three contexts in the data; the list has no bound of its own.
  @Field(() => [NetworkContext], { description: 'The contexts of the linking types they share.' })
  @ListSize({ fixed: 5 })
  contexts!: NetworkContextRef[];
  source!: string;
  target!: string;
}

@ObjectType({ description: 'The co-membership network of the partners, measured.' })
export class NetworkGraph {
  @Field(() => DateScalar, { description: 'The day the network describes.' }) asOf!: Day;
  @Field(() => String, { description: 'The data version the measures were computed for; they are recomputed after every write.' }) dataVersion!: string;
  @Field(() => Int, { description: 'Organisations in the (filtered) network, before `first`.' }) nodeCount!: number;
  @Field(() => Int, { description: 'Links in the (filtered) network, before any `first`.' }) edgeCount!: number;
  @Field(() => Int, { description: 'Communities of the whole network (Louvain).' }) communityCount!: number;
  @Field(() => Float, { description: 'Modularity of the communities of the whole network (Louvain).' }) modularity!: number;
  @Field(() => [NetworkNode], { description: 'The first `first` organisations by betweenness, then weighted degree.' })
  @ListSize({ parentArg: 'first', default: 100, max: MAX_NETWORK_NODES })
  nodes!: NetworkNodeMetrics[];
  view!: NetworkView;
  /** The organisations of `nodes`, by number. */
  shown!: Uint32Array;
}

@Resolver(() => NetworkGraph)
export class NetworkResolver {
  @Query(() => NetworkGraph, {
    description:
      'Who connects whom: organisations linked when they share a forum, body or project, with degree, weighted degree, ' +
      'betweenness and community per organisation. The whole network is computed once per data version; a filter selects ' +
      'from it (degrees within the selection, betweenness and community of the whole network).',
  })
  async network(
    @Arg('first', () => Int, { defaultValue: 100, description: `How many organisations to return (at most ${MAX_NETWORK_NODES}), the most central first.` }) first: number,
    @Arg('filter', () => NetworkFilterInput, { nullable: true }) filter: NetworkFilterInput | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: `${AS_OF_DESCRIPTION} The networks of today and of the last few days asked for are kept.` }) asOf: Day | null,
    @Ctx() ctx: Context,
  ): Promise<NetworkGraph> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_NETWORK_NODES) throw badInput(`"first" must be between 0 and ${MAX_NETWORK_NODES}, got ${first}`, 'first');
    for (const name of ['fieldOfAction', 'forum'] as const) {
      const code = filter?.[name];
      if (code !== null && code !== undefined) checkFilterCode(code, `filter.${name}`, 'filter');
    }
    const day = asOfDay(asOf);
    const view = await ctx.shared.network.get(ctx.sql, { ...(filter ?? {}) }, day);
    const shown = view.order.subarray(0, first);
    return {
      asOf: day,
      dataVersion: view.dataVersion,
      nodeCount: view.nodeCount,
      edgeCount: view.edgeCount,
      communityCount: view.communityCount,
      modularity: view.modularity,
      nodes: Array.from(shown, (i) => view.node(i)),
      view,
      shown,
    };
  }

  @FieldResolver(() => [NetworkEdge], { description: 'Links among the nodes returned, the heaviest first (then by source and target id).' })
  @ListSize({ arg: 'first', default: 500, max: MAX_NETWORK_EDGES })
  edges(
    @Root() graph: NetworkGraph,
    @Arg('first', () => Int, { defaultValue: 500, description: `How many links to return at most (0 … ${MAX_NETWORK_EDGES}).` }) first: number,
  ): NetworkEdgeData[] {
    if (!Number.isInteger(first) || first < 0 || first > MAX_NETWORK_EDGES) throw badInput(`"first" must be between 0 and ${MAX_NETWORK_EDGES}, got ${first}`, 'first');
    return graph.view.edgesAmong(graph.shown, first);
  }

  @FieldResolver(() => [NetworkNode], { description: 'Brokers: members of two or more forums with the highest betweenness, best first.' })
  @ListSize({ arg: 'first', default: 10, max: MAX_NETWORK_NODES })
  brokers(@Root() graph: NetworkGraph, @Arg('first', () => Int, { defaultValue: 10 }) first: number) {
    if (!Number.isInteger(first) || first < 0 || first > MAX_NETWORK_NODES) throw badInput(`"first" must be between 0 and ${MAX_NETWORK_NODES}`, 'first');
    return graph.view.brokers(first);
  }
}

@Resolver(() => NetworkNode)
export class NetworkNodeResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() node: NetworkNodeMetrics, @Ctx() ctx: Context) {
    return ORGANISATIONS.byId(ctx, node.uuid);
  }
}

@Resolver(() => NetworkEdge)
export class NetworkEdgeResolver {
  @FieldResolver(() => Organisation)
  source(@Root() edge: NetworkEdgeData, @Ctx() ctx: Context) {
    return ORGANISATIONS.byId(ctx, edge.source);
  }

  @FieldResolver(() => Organisation)
  target(@Root() edge: NetworkEdgeData, @Ctx() ctx: Context) {
    return ORGANISATIONS.byId(ctx, edge.target);
  }
}

const SOURCES = { FORUM: FORUMS, BODY: BODIES, PROJECT: PROJECTS } as const;

@Resolver(() => NetworkContext)
export class NetworkContextResolver {
  @FieldResolver(() => MembershipTargetUnion, { nullable: true, description: 'The forum, body or project.' })
  target(@Root() context: NetworkContextRef, @Ctx() ctx: Context) {
    return (SOURCES[context.type] as typeof FORUMS).byId(ctx, context.uuid);
  }
}

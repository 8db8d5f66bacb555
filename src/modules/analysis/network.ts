import { Arg, Ctx, Field, FieldResolver, Float, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graph/context';
import { badInput } from '../../graph/errors';
import { BODIES } from '../body/body.loaders';
import { FORUMS } from '../forum/forum.loaders';
import { MembershipTarget } from '../membership/membership.enums';
import { MembershipTargetUnion } from '../membership/membership.types';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation } from '../organisation/organisation.type';
import { PROJECTS } from '../project/project.loaders';
import type { ComputedNetwork, NetworkContextRef, NetworkEdgeData, NetworkNodeMetrics } from './network.compute';

export const MAX_NETWORK_NODES = 1000;

@InputType({ description: 'Narrows the network; all given conditions must hold for an organisation to be a node.' })
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
  @Field(() => Int, { description: 'Organisations it shares at least one forum, body or project with.' }) degree!: number;
  @Field(() => Int, { description: 'Sum of the weights of its links: shared contexts, counted per partner.' }) weightedDegree!: number;
  @Field(() => Float, {
    description: 'Normalised betweenness (0 … 1) in the affiliation network of organisations and their forums, bodies and projects: how much it connects otherwise separate contexts.',
  })
  betweenness!: number;
  @Field(() => Int, { description: 'Community (Louvain on the weighted co-membership graph); organisations with the same number cluster together.' }) community!: number;
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
  @Field(() => Int, { description: 'How many contexts they share.' }) weight!: number;
  @Field(() => [NetworkContext], { description: 'The contexts they share.' }) contexts!: NetworkContextRef[];
  source!: string;
  target!: string;
}

@ObjectType({ description: 'The co-membership network of the partners, measured.' })
export class NetworkGraph {
  @Field(() => String, { description: 'The data version the measures were computed for; they are recomputed after every write.' }) dataVersion!: string;
  @Field(() => Int, { description: 'Organisations in the network (before `first`).' }) nodeCount!: number;
  @Field(() => Int, { description: 'Links in the network (before `first`).' }) edgeCount!: number;
  @Field(() => Int) communityCount!: number;
  @Field(() => Float, { description: 'Modularity of the communities (Louvain).' }) modularity!: number;
  @Field(() => [NetworkNode], { description: 'The first `first` organisations by betweenness, then weighted degree.' }) nodes!: NetworkNodeMetrics[];
  @Field(() => [NetworkEdge], { description: 'The links among the nodes returned.' }) edges!: NetworkEdgeData[];
  computed!: ComputedNetwork;
}

@Resolver(() => NetworkGraph)
export class NetworkResolver {
  @Query(() => NetworkGraph, {
    description:
      'Who connects whom: organisations linked when they share a forum, body or project, with degree, weighted degree, ' +
      'betweenness and community per organisation. Computed once per data version and cached.',
  })
  async network(
    @Arg('first', () => Int, { defaultValue: 100, description: `How many organisations to return (at most ${MAX_NETWORK_NODES}), the most central first.` }) first: number,
    @Arg('filter', () => NetworkFilterInput, { nullable: true }) filter: NetworkFilterInput | null,
    @Ctx() ctx: Context,
  ): Promise<NetworkGraph> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_NETWORK_NODES) throw badInput(`"first" must be between 0 and ${MAX_NETWORK_NODES}, got ${first}`, 'first');
    const computed = await ctx.shared.network.get(ctx.sql, { ...(filter ?? {}) });
    const nodes = computed.nodes.slice(0, first);
    const kept = new Set(nodes.map((n) => n.uuid));
    return {
      dataVersion: computed.dataVersion,
      nodeCount: computed.nodes.length,
      edgeCount: computed.edges.length,
      communityCount: computed.communityCount,
      modularity: computed.modularity,
      nodes,
      edges: computed.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
      computed,
    };
  }

  @FieldResolver(() => [NetworkNode], { description: 'Brokers: members of two or more forums with the highest betweenness, best first.' })
  brokers(@Root() graph: NetworkGraph, @Arg('first', () => Int, { defaultValue: 10 }) first: number) {
    if (!Number.isInteger(first) || first < 0 || first > MAX_NETWORK_NODES) throw badInput(`"first" must be between 0 and ${MAX_NETWORK_NODES}`, 'first');
    return graph.computed.nodes.filter((n) => n.forumCount >= 2 && n.betweenness > 0).slice(0, first);
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

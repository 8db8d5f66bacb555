import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { badInput } from '../../graph/errors';
import { fromGlobalId, Node, NodeRow, type NodeTypeName } from '../../graph/node';
import type { PublicNode } from '../common/feature-module';
import { searchHits, searchTerms } from './search.sql';
import { searchTypes } from './search.type';

const MAX_NODES = 100;

/** The `search`, `node` and `nodes` queries over these public node types. Made once, by searchModule (index.ts). */
export function searchResolvers(publicNodes: readonly PublicNode[]): Function[] {
  const { SearchResultConnection, SearchResultType } = searchTypes(publicNodes);
  const byType = new Map(publicNodes.map((node) => [node.source.type, node]));

  /** A public node by type and database id, batched per request; null for any other type. */
  const read = (ctx: Context, type: string, uuid: string): Promise<NodeRow | null> => {
    const node = byType.get(type as NodeTypeName);
    return node ? (node.source.byId(ctx, uuid) as Promise<NodeRow | null>) : Promise.resolve(null);
  };

  @Resolver()
  class SearchResolver {
    @Query(() => SearchResultConnection, {
      description:
        'Searches organisations, fields of action, forums, bodies, projects and social areas at once, best match first. ' +
        'German-aware: stemming, umlauts folded ("Auslanderburo" finds "Ausländerbüro"), prefixes and typos ("Jugendammt").',
    })
    async search(
      @Arg('query', () => String, { description: 'The words to look for; at most 200 characters.' }) query: string,
      @Arg('types', () => [SearchResultType], { nullable: true, description: 'Only these kinds of results.' }) types: string[] | null,
      @Args() page: PageArgs,
      @Ctx() ctx: Context,
    ): Promise<InstanceType<typeof SearchResultConnection>> {
      const terms = searchTerms(query, 'query');
      const wanted = types?.length ? types : Object.values(SearchResultType);
      // The values of SearchResultType are the public node types' names.
      const targets = wanted.map((type) => ({ type, table: byType.get(type as NodeTypeName)!.source.table, search: byType.get(type as NodeTypeName)!.search }));
      const hits = await searchHits(ctx, targets, terms, page);
      // One batched statement per type found on this page.
      const nodes = await Promise.all(hits.nodes.map((hit) => read(ctx, hit.type, hit.uuid)));
      const edges = hits.edges.map((edge, i) => ({ cursor: edge.cursor, rank: edge.node.rank, node: nodes[i] }));
      return {
        edges: edges.filter((e) => e.node) as never,
        nodes: nodes.filter(Boolean) as never,
        pageInfo: hits.pageInfo,
        totalCount: hits.totalCount,
      };
    }
  }

  @Resolver()
  class NodeResolver {
    @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist (any more).' })
    node(@Arg('id', () => ID, { description: 'A global id, as returned in an `id` field.' }) id: string, @Ctx() ctx: Context): Promise<NodeRow | null> {
      const { type, uuid } = fromGlobalId(id);
      return read(ctx, type, uuid);
    }

    @Query(() => [Node], { nullable: 'items', description: 'Several objects (at most 100) by their global ids, in the same order; null for each that does not exist.' })
    @ListSize({ arg: 'ids', max: MAX_NODES })
    nodes(@Arg('ids', () => [ID], { description: 'Global ids, as returned in `id` fields.' }) ids: string[], @Ctx() ctx: Context): Promise<(NodeRow | null)[]> {
      if (ids.length > MAX_NODES) throw badInput(`At most ${MAX_NODES} ids at once, got ${ids.length}`, 'ids');
      return Promise.all(
        ids.map((id, i) => {
          const { type, uuid } = fromGlobalId(id, `ids[${i}]`);
          return read(ctx, type, uuid);
        }),
      );
    }
  }

  return [SearchResolver, NodeResolver];
}

import { createUnionType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graph/connection';
import type { NodeRow } from '../../graph/node';
import type { PublicNode } from '../common/feature-module';

/** A node type's name in `SearchResultType`: FieldOfAction → FIELD_OF_ACTION. */
const enumName = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/**
 * The GraphQL types of a search over these public node types, in their order: the
 * `SearchResult` union, the `SearchResultType` enum and a page of hits. Made once, by
 * searchModule (index.ts).
 */
export function searchTypes(nodes: readonly PublicNode[]) {
  const SearchResult = createUnionType({
    name: 'SearchResult',
    description: 'Anything the directory can find: an organisation, a field of action, a forum, a body, a project or a social area.',
    types: () => nodes.map((node) => node.graphqlType),
    resolveType: (value) => (value as unknown as NodeRow).__typename,
  });

  /** { ORGANISATION: 'Organisation', FIELD_OF_ACTION: 'FieldOfAction', … } */
  const SearchResultType: Record<string, string> = Object.fromEntries(nodes.map(({ source }) => [enumName(source.type), source.type]));
  registerEnumType(SearchResultType, { name: 'SearchResultType', description: 'The kinds of things `search` finds.' });

  @ObjectType({ description: 'A search hit with its relevance.' })
  class SearchResultEdge {
    @Field(() => String, { description: 'Opaque cursor of this hit, for `after` and `before`.' })
    cursor!: string;

    @Field(() => SearchResult, { description: 'What was found.' })
    node!: NodeRow;

    @Field(() => Float, { description: 'Relevance: higher is better; comparable within one search only.' })
    rank!: number;
  }

  @ObjectType({ description: 'A page of search hits, best first.' })
  class SearchResultConnection {
    @Field(() => [SearchResultEdge], { description: 'The hits of this page with their cursors and relevance.' })
    edges!: SearchResultEdge[];

    @Field(() => [SearchResult], { description: 'The hits of this page, without edges.' })
    nodes!: NodeRow[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of hits in all pages.' })
    totalCount!: number;
  }

  return { SearchResultType, SearchResultConnection };
}

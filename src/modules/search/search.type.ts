import { createUnionType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graph/connection';
import type { NodeRow } from '../../graph/node';
import { Body } from '../body/body.type';
import { FieldOfAction } from '../field-of-action/field-of-action.type';
import { Forum } from '../forum/forum.type';
import { Organisation } from '../organisation/organisation.type';
import { Project } from '../project/project.type';

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Anything the directory can find: an organisation, a field of action, a forum, a body or a project.',
  types: () => [Organisation, FieldOfAction, Forum, Body, Project] as const,
  resolveType: (value) => (value as unknown as NodeRow).__typename,
});

export enum SearchResultType {
  ORGANISATION = 'Organisation',
  FIELD_OF_ACTION = 'FieldOfAction',
  FORUM = 'Forum',
  BODY = 'Body',
  PROJECT = 'Project',
}

registerEnumType(SearchResultType, { name: 'SearchResultType', description: 'The kinds of things `search` finds.' });

@ObjectType({ description: 'A search hit with its relevance.' })
export class SearchResultEdge {
  @Field(() => String, { description: 'Opaque cursor of this hit, for `after` and `before`.' })
  cursor!: string;

  @Field(() => SearchResult, { description: 'What was found.' })
  node!: typeof SearchResult;

  @Field(() => Float, { description: 'Relevance: higher is better; comparable within one search only.' })
  rank!: number;
}

@ObjectType({ description: 'A page of search hits, best first.' })
export class SearchResultConnection {
  @Field(() => [SearchResultEdge], { description: 'The hits of this page with their cursors and relevance.' })
  edges!: SearchResultEdge[];

  @Field(() => [SearchResult], { description: 'The hits of this page, without edges.' })
  nodes!: (typeof SearchResult)[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Number of hits in all pages.' })
  totalCount!: number;
}

/** What every connection of the API has; enough to walk it. */
export interface ConnectionPage<Node> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes?: ReadonlyArray<Node> | null;
  edges?: ReadonlyArray<{ node: Node }> | null;
}

/**
 * Walks a connection page by page and yields its nodes, asking for the next page only when
 * the consumer wants more:
 *
 * ```ts
 * for await (const org of paginate((after) => client.organisations({ first: 50, after }), (d) => d.organisations)) { … }
 * ```
 *
 * `fetchPage` gets the cursor to continue after (null for the first page); `select` picks the
 * connection out of the result.
 */
export async function* paginate<Result, Node>(
  fetchPage: (after: string | null) => Promise<Result>,
  select: (result: Result) => ConnectionPage<Node> | null | undefined,
): AsyncGenerator<Node, void, undefined> {
  let after: string | null = null;
  for (;;) {
    const page = select(await fetchPage(after));
    if (!page) return;
    const nodes = page.nodes ?? page.edges?.map((e) => e.node) ?? [];
    yield* nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || page.pageInfo.endCursor === after) return;
    after = page.pageInfo.endCursor;
  }
}

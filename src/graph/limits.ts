import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Context } from './context';

/*
 * Limits on what one request may ask for, checked after parsing and validation, before any
 * resolver runs: nesting depth, aliases, and a cost computed from the page sizes asked for
 * (a connection of `first: 50` costs fifty times what one of its items costs). Over a limit:
 * QUERY_TOO_COMPLEX (HTTP 400), and nothing is executed. The cost also feeds rate limiting.
 */

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  defaultPageSize: number;
}

export interface RequestCost {
  cost: number;
  depth: number;
}

const tooComplex = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...extensions } });

/** A field with `first`/`last` returns that many items: its children cost that many times. */
const pageEstimator =
  (defaultPageSize: number): ComplexityEstimator =>
  ({ args, childComplexity, field }) => {
    const size = args.first ?? args.last;
    const isConnection = typeof size === 'number' || field.args.some((a) => a.name === 'first');
    if (!isConnection) return undefined;
    return 1 + (typeof size === 'number' ? Math.max(size, 0) : defaultPageSize) * Math.max(childComplexity, 1);
  };

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !seen.has(name)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

function aliasesIn(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  if (!selectionSet) return 0;
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += (selection.alias ? 1 : 0) + aliasesIn(selection.selectionSet, fragments, seen);
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += aliasesIn(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      count += aliasesIn(fragments.get(selection.name.value)?.selectionSet, fragments, seen);
    }
  }
  return count;
}

interface Measured {
  depth: number;
  aliases: number;
  /** Cost by the JSON of the variables (undefined: variables that do not fit). */
  costs: Map<string, number | undefined>;
}

/** Enough different variable sets per document; a client sending more just gets them measured afresh. */
const COSTS_PER_DOCUMENT = 200;

/**
 * The plugin. It puts the cost on the context (`ctx.cost`) and then calls `spend` (the rate
 * limiter): Apollo runs the plugins' hooks side by side, so the order is kept here.
 */
export function queryLimits(
  limits: QueryLimits,
  spend?: (ctx: Context, response: { http: { status?: number; headers: Map<string, string> } }) => Promise<void>,
): ApolloServerPlugin<Context> {
  const estimators = [pageEstimator(limits.defaultPageSize), simpleEstimator({ defaultComplexity: 1 })];
  // Apollo hands out one parsed document per query text (its document cache), so the
  // measurements are kept with it: a popular query is walked once, not on every request.
  const measured = new WeakMap<object, Map<string, Measured>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue, response }) {
          let byOperation = measured.get(document);
          if (!byOperation) measured.set(document, (byOperation = new Map()));
          const operationName = request.operationName ?? undefined;
          let m = byOperation.get(operationName ?? '');
          if (!m) {
            const fragments = new Map(
              document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
            );
            const op = operation as OperationDefinitionNode;
            m = { depth: depthOf(op.selectionSet, fragments), aliases: aliasesIn(op.selectionSet, fragments), costs: new Map() };
            byOperation.set(operationName ?? '', m);
          }
          const { depth, aliases } = m;
          if (depth > limits.maxDepth) {
            throw tooComplex(`The query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed`, { depth, maxDepth: limits.maxDepth });
          }
          if (aliases > limits.maxAliases) {
            throw tooComplex(`The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { aliases, maxAliases: limits.maxAliases });
          }
          const variables = request.variables ?? {};
          const key = JSON.stringify(variables);
          let cost: number | undefined;
          if (m.costs.has(key)) {
            cost = m.costs.get(key);
          } else {
            try {
              cost = getComplexity({ schema, query: document, operationName, variables, estimators });
            } catch {
              // Variables that do not fit the operation: execution refuses them with BAD_USER_INPUT
              // before any resolver runs, so there is nothing to measure.
            }
            if (m.costs.size >= COSTS_PER_DOCUMENT) m.costs.clear();
            m.costs.set(key, cost);
          }
          if (cost !== undefined && cost > limits.maxCost) {
            throw tooComplex(`The query would cost ${cost} points; at most ${limits.maxCost} are allowed (ask for smaller pages)`, { cost, maxCost: limits.maxCost });
          }
          if (cost !== undefined) contextValue.cost = { cost, depth };
          await spend?.(contextValue, response as never);
        },
      };
    },
  };
}

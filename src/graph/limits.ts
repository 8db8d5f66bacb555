import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { DocumentNode, getVariableValues, GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { Context } from './context';
import { CostOptions, Measure, measureOperation } from './cost';

/*
 * Limits on what one request may ask for. Each fails closed: a request that cannot be
 * measured is refused, never let through uncounted.
 *
 * - The parser stops after `maxTokens` tokens (graphql-js's own guard), and the HTTP layer
 *   refuses query texts longer than `maxQueryBytes` before parsing.
 * - Depth, aliases and directives are checked while the document is validated, with the
 *   rules of graphql-armor (each fragment measured once, by name).
 * - Cost and the number of fields (fragments spread out) are measured once the operation and
 *   its variables are known (src/graph/cost.ts), before any resolver runs. The cost also
 *   feeds rate limiting.
 * Over a limit: QUERY_TOO_COMPLEX (HTTP 400), and nothing is executed.
 */

export interface QueryLimits extends CostOptions {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Fields a query may select, with its fragments spread out. */
  maxNodes: number;
  /** Length of a query text, in bytes. */
  maxQueryBytes: number;
}

export interface RequestCost {
  cost: number;
  nodes: number;
}

export const tooComplex = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...extensions } });

/** The limit a graphql-armor rule reports as "… limit of 12 exceeded, found 13.", as our error. */
function reject(make: (found: number) => GraphQLError) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
    context?.reportError(make(found));
  };
}

/** Validation rules for depth, aliases and directives (checked while Apollo validates, cached with the document). */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      // Fragments and inline fragments add no level of their own: only fields nest.
      flattenFragments: true,
      onReject: [reject((depth) => tooComplex(`The query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed`, { depth, maxDepth: limits.maxDepth }))],
    }) as unknown as ValidationRule,
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      onReject: [reject((aliases) => tooComplex(`The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { aliases, maxAliases: limits.maxAliases }))],
    }) as unknown as ValidationRule,
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: [
        reject((directives) => tooComplex(`The query uses ${directives} directives; at most ${limits.maxDirectives} are allowed`, { directives, maxDirectives: limits.maxDirectives })),
      ],
    }) as unknown as ValidationRule,
  ];
}

/** Enough different variable sets per document; a client sending more just gets them measured afresh. */
const MEASURES_PER_DOCUMENT = 200;

/**
 * The plugin that measures cost and fields. It puts the cost on the context (`ctx.cost`)
 * and then calls `spend` (the rate limiter): Apollo runs the plugins' hooks side by side,
 * so the order is kept here.
 */
export function queryCost(
  limits: QueryLimits,
  spend?: (ctx: Context, response: { http: { status?: number; headers: Map<string, string> } }) => Promise<void>,
): ApolloServerPlugin<Context> {
  // Apollo hands out one parsed document per query text (its document cache), so the
  // measurements are kept with it: a popular query is measured once per set of variables.
  const measured = new WeakMap<DocumentNode, Map<string, Measure>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue, response }) {
          // Apollo resolves the operation before this hook; without one it has answered already.
          if (!operation) throw tooComplex('The request names no operation that could be measured', {});
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 10 });
          if (coerced.errors) {
            // Execution refuses these variables with BAD_USER_INPUT before any resolver runs:
            // nothing to measure, and the request costs the least.
            contextValue.cost = { cost: 1, nodes: 0 };
            return spend?.(contextValue, response as never);
          }
          let byVariables = measured.get(document);
          if (!byVariables) measured.set(document, (byVariables = new Map()));
          const key = `${request.operationName ?? ''}\u0000${createHash('sha256').update(JSON.stringify(request.variables ?? {})).digest('base64')}`;
          let m = byVariables.get(key);
          if (!m) {
            try {
              m = measureOperation(schema, document, operation, coerced.coerced, limits);
            } catch {
              throw tooComplex('The query could not be measured against the limits, so it is refused', {});
            }
            if (byVariables.size >= MEASURES_PER_DOCUMENT) byVariables.clear();
            byVariables.set(key, m);
          }
          const { cost, nodes } = m;
          if (!(nodes <= limits.maxNodes)) {
            throw tooComplex(`The query selects ${nodes} fields with its fragments spread out; at most ${limits.maxNodes} are allowed`, { nodes, maxNodes: limits.maxNodes });
          }
          if (!(cost <= limits.maxCost)) {
            throw tooComplex(`The query would cost ${cost} points; at most ${limits.maxCost} are allowed (ask for smaller pages)`, { cost, maxCost: limits.maxCost });
          }
          contextValue.cost = { cost, nodes };
          await spend?.(contextValue, response as never);
        },
      };
    },
  };
}

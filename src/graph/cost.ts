import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionNode,
  SelectionSetNode,
  TypeMetaFieldDef,
} from 'graphql';
import { Extensions } from 'type-graphql';

/*
 * What a query costs before it runs, in points: every field one point, plus one per element
 * of its list arguments (`nodes(ids:)`, `kinds: [...]`), and the cost of what it returns
 * times the number of items it can return. A connection returns `first` (or `last`, or the
 * default page size) items: `organisations(first: 50) { nodes { name } }` costs 1 + 50 × 2.
 * Other lists declare their size with `@ListSize` next to the field.
 *
 * The walk is linear in the size of the document: each selection set is measured once per
 * object type it can be evaluated on (and per value of the parent arguments it depends on),
 * so a fragment spread a thousand times, or a chain of fragments each spreading the next
 * twice, is measured once. It also counts the fields the query selects with its fragments
 * spread out (`nodes`), which bounds the work of executing it.
 */

export interface ListSizeRule {
  /** The list has at most this many items. */
  fixed?: number;
  /** Its size is this argument: a number (`first`) or a list (`ids`: one item per element). */
  arg?: string;
  /** Its size is this argument of the field that returned its parent (`network(first:)` for `NetworkGraph.nodes`). */
  parentArg?: string;
  /** When the argument is absent. */
  default?: number;
  /** The largest value the resolver accepts (it refuses larger ones with BAD_USER_INPUT). */
  max?: number;
}

/** Declares how many items a list field returns at most, for the cost of a query. */
export const ListSize = (rule: ListSizeRule) => Extensions({ listSize: rule });

export interface CostOptions {
  defaultPageSize: number;
  maxPageSize: number;
  /**
   * Lists that declare no size (payload `userErrors`, an audit entry's `changes`): small lists
   * of plain values. A test keeps every list of objects with fields of their own declared.
   */
  defaultListSize: number;
}

export interface Measure {
  /** Cost points. */
  cost: number;
  /** Fields the query selects, with its fragments spread out (not multiplied by page sizes). */
  nodes: number;
}

type Args = Record<string, unknown>;

const NONE: Measure = { cost: 0, nodes: 0 };

/** Elements of the lists in a field's argument values (nested input objects included), counted without recursion. */
export function listItems(args: Args): number {
  let count = 0;
  const stack: unknown[] = [args];
  while (stack.length) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      count += value.length;
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
  return count;
}

const clamp = (value: number, max = Infinity) => Math.min(Math.max(value, 0), max);

/**
 * Measures one operation with coerced variables. Throws only on a document that validation
 * should have refused; the caller treats any error as "too complex" (fail closed).
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Args,
  options: CostOptions,
): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) throw new Error(`No ${operation.operation} type`);

  // Measures by selection set, object type and the parent arguments the type's lists depend on.
  const memo = new Map<SelectionSetNode, Map<string, Measure | null>>();
  const parentArgsOf = new Map<string, string[]>();

  const parentArgNames = (type: GraphQLObjectType): string[] => {
    let names = parentArgsOf.get(type.name);
    if (!names) {
      names = Object.values(type.getFields())
        .map((f) => (f.extensions?.listSize as ListSizeRule | undefined)?.parentArg)
        .filter((n): n is string => !!n);
      parentArgsOf.set(type.name, names);
    }
    return names;
  };

  const fieldDef = (type: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> => {
    const def = type === root && name === '__schema' ? SchemaMetaFieldDef : type === root && name === '__type' ? TypeMetaFieldDef : type.getFields()[name];
    if (!def) throw new Error(`Unknown field ${type.name}.${name}`);
    return def;
  };

  const included = (node: SelectionNode): boolean => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  const sizeOf = (field: FieldNode, type: GraphQLObjectType, args: Args, parentArgs: Args): number => {
    const def = fieldDef(type, field.name.value);
    if (!isListType(getNullableType(def.type))) return 1;
    if (type.name.startsWith('__')) return 1; // introspection: as large as the schema, no larger
    if (type.name.endsWith('Connection')) return 1; // a page's edges and nodes: the connection field multiplied already
    const rule = def.extensions?.listSize as ListSizeRule | undefined;
    if (rule) {
      if (rule.fixed !== undefined) return rule.fixed;
      const given = rule.arg !== undefined ? args[rule.arg] : rule.parentArg !== undefined ? parentArgs[rule.parentArg] : undefined;
      const value = Array.isArray(given) ? given.length : typeof given === 'number' ? given : (rule.default ?? options.defaultListSize);
      return clamp(value, rule.max);
    }
    return options.defaultListSize;
  };

  const fieldMeasure = (field: FieldNode, type: GraphQLObjectType, parentArgs: Args): Measure => {
    const name = field.name.value;
    if (name === '__typename') return { cost: 0, nodes: 1 };
    const def = fieldDef(type, name);
    const args = getArgumentValues(def, field, variables) as Args;
    const returned = getNamedType(def.type);
    const child = field.selectionSet && isCompositeType(returned) ? selectionSet(field.selectionSet, returned, args) : NONE;
    // A connection: its page size multiplies what each item costs (edges, nodes, pageInfo alike).
    const isConnection = returned.name.endsWith('Connection') && def.args.some((a) => a.name === 'first');
    const items = isConnection
      ? clamp(typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : options.defaultPageSize, options.maxPageSize)
      : sizeOf(field, type, args, parentArgs);
    return { cost: 1 + listItems(args) + items * child.cost, nodes: 1 + child.nodes };
  };

  const onObject = (set: SelectionSetNode, type: GraphQLObjectType, parentArgs: Args): Measure => {
    let byType = memo.get(set);
    if (!byType) memo.set(set, (byType = new Map()));
    const dependsOn = parentArgNames(type);
    const key = dependsOn.length ? `${type.name}\u0000${JSON.stringify(dependsOn.map((n) => parentArgs[n] ?? null))}` : type.name;
    const known = byType.get(key);
    if (known) return known;
    if (known === null) throw new Error('Fragment cycle'); // validation refuses these; never loop
    byType.set(key, null);
    let cost = 0;
    let nodes = 0;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      let m: Measure;
      if (selection.kind === Kind.FIELD) {
        m = fieldMeasure(selection, type, parentArgs);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) throw new Error(`Unknown fragment ${selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : ''}`);
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!condition || !(condition === type || (isAbstractType(condition) && schema.isSubType(condition, type)))) continue;
        m = onObject(fragment.selectionSet, type, parentArgs);
      }
      cost += m.cost;
      nodes += m.nodes;
    }
    const measure = { cost, nodes };
    byType.set(key, measure);
    return measure;
  };

  /** On an interface or union: the dearest of the object types it may turn out to be. */
  const selectionSet = (set: SelectionSetNode, type: GraphQLCompositeType, parentArgs: Args): Measure => {
    if (isObjectType(type)) return onObject(set, type, parentArgs);
    let worst = NONE;
    for (const possible of schema.getPossibleTypes(type)) {
      const m = onObject(set, possible, parentArgs);
      worst = { cost: Math.max(worst.cost, m.cost), nodes: Math.max(worst.nodes, m.nodes) };
    }
    return worst;
  };

  return selectionSet(operation.selectionSet, root, {});
}

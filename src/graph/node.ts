// Its classes carry type-graphql decorators, which need the metadata polyfill loaded first,
// also where this module is imported on its own (the downloads, the tests of them).
import 'reflect-metadata';
import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { badInput } from './errors';

/**
 * The type names global ids carry: public node types (fetched with `node(id:)`) and other
 * types with ids of their own, read where they belong. Each feature module adds its own to
 * this interface (`declare module '../../graph/node' { interface IdTypes { Forum: true } }`
 * in its index.ts), so a misspelt type name does not compile though this file names none.
 */
export interface IdTypes {}

export type NodeTypeName = keyof IdTypes & string;

const idTypes = new Set<string>();
const isIdType = (type: string): type is NodeTypeName => idTypes.has(type);

/**
 * Makes ids of these types readable by fromGlobalId; until then they are not valid ids. The
 * module registry (src/modules/index.ts) hands over every module's id types when it loads.
 */
export function registerIdTypes(types: readonly NodeTypeName[]): void {
  for (const type of types) idTypes.add(type);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque, stable global id: base64url of `Type:uuid`. */
export function toGlobalId(type: NodeTypeName, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64url');
}

/** Reads a global id; a malformed one is a BAD_USER_INPUT error naming the argument. */
export function fromGlobalId(id: string, argument = 'id'): { type: NodeTypeName; uuid: string } {
  const decoded = /^[A-Za-z0-9_-]{1,200}={0,2}$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const parts = decoded.split(':');
  const [type, uuid] = parts;
  if (parts.length !== 2 || !isIdType(type) || !UUID.test(uuid ?? '')) {
    throw badInput(`"${id.slice(0, 100)}" is not a valid id; ids are the opaque values the API returns in "id" fields`, argument);
  }
  return { type, uuid };
}

/** The uuid of a global id, which must be of `type` when one is given; else BAD_USER_INPUT naming the argument. */
export function uuidOf(id: string, argument: string, type?: NodeTypeName): string {
  const decoded = fromGlobalId(id, argument);
  if (type && decoded.type !== type) throw badInput(`${argument} must be the id of ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`, argument);
  return decoded.uuid;
}

/** Fields every row read for a node carries, besides its own columns. */
export interface NodeRow {
  /** The global id. */
  id: string;
  /** The database id. */
  uuid: string;
  __typename: NodeTypeName;
}

/** Adds the global id and type name to rows read with `uuid` as their key. */
export function asNodes<T extends { uuid: string }>(type: NodeTypeName, rows: T[]): (T & NodeRow)[] {
  for (const row of rows as (T & NodeRow)[]) {
    row.id = toGlobalId(type, row.uuid);
    row.__typename = type;
  }
  return rows as (T & NodeRow)[];
}

@InterfaceType('Node', {
  description: 'An object with a global, opaque and stable id. Fetch any of them again with `node(id:)`.',
  resolveType: (value: NodeRow) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id of the object.' })
  id!: string;
}

/** Fields every entity of the directory shares. */
@ObjectType()
export abstract class VersionedNode extends Node {
  @Field(() => Date, { description: 'When the entry was created.' })
  createdAt!: string;

  @Field(() => Date, { description: 'When the entry last changed.' })
  updatedAt!: string;

  @Field(() => Int, { description: 'Revision of the entry; an update names the version it read (optimistic locking).' })
  version!: number;
}

/** The row shape of `VersionedNode`. */
export interface VersionedRow extends NodeRow, Record<string, unknown> {
  /** ISO-8601 in UTC (see isoTime). */
  createdAt: string;
  updatedAt: string;
  version: number;
}

import type { Collection } from '@mikro-orm/core';
import type { Context } from '../../graph/context';
import { badInput } from '../../graph/errors';
import { fromGlobalId, NodeTypeName } from '../../graph/node';
import type { FieldChanges } from './audit-entry.entity';
import { FieldOfAction } from '../field-of-action/field-of-action.entity';
import { Forum } from '../forum/forum.entity';
import type { BaseEntity } from './base.entity';
import type { NodeSource } from './node-source';
import { applyPatch, listChange, userErrorsOf, write, WriteTx } from './write';
import type { ArchiveInput } from './write.inputs';

/*
 * Create, update and archive for the entries coordinators maintain (forums, bodies,
 * projects): one implementation, configured per type. Organisations have their own
 * (partners edit them, with contact persons and a hierarchy) built from the same parts.
 */

export interface EntityWriteConfig {
  entity: new () => BaseEntity;
  type: NodeTypeName;
  /** The payload field that carries the entry, e.g. "project" in CreateProjectPayload. */
  field: string;
  table: string;
  /** The natural key, set on creation only. */
  key: 'slug' | 'code';
  /** Plain fields a patch may set. */
  scalars: readonly string[];
  source: NodeSource<never>;
}

type WithLists = { fieldsOfAction?: string[] | null; forumIds?: string[] | null };

/** Sets the fields of action of an entry from codes ("I" … "V"), recording the change. */
export async function setFieldsOfAction(tx: WriteTx, collection: Collection<FieldOfAction>, codes: string[], changes: FieldChanges) {
  const unique = [...new Set(codes)].sort();
  const fields = await tx.em.find(FieldOfAction, { code: { $in: unique } });
  const before = collection.isInitialized() ? collection.getItems().map((f) => f.code).sort() : [];
  collection.set(fields);
  listChange(changes, 'fieldsOfAction', before, fields.map((f) => f.code).sort());
}

async function applyLists(tx: WriteTx, entity: BaseEntity, patch: WithLists, changes: FieldChanges) {
  const e = entity as unknown as { fieldsOfAction?: Collection<FieldOfAction>; forums?: Collection<Forum> };
  if (patch.fieldsOfAction != null && e.fieldsOfAction) await setFieldsOfAction(tx, e.fieldsOfAction, patch.fieldsOfAction, changes);
  if (patch.forumIds != null && e.forums) {
    const uuids = patch.forumIds.map((id, i) => {
      const { type, uuid } = fromGlobalId(id, `input.forumIds[${i}]`);
      if (type !== 'Forum') throw badInput(`forumIds[${i}] is not the id of a forum`, `input.forumIds[${i}]`);
      return uuid;
    });
    const forums = await tx.em.find(Forum, { id: { $in: uuids }, archivedAt: null });
    if (forums.length !== new Set(uuids).size) throw badInput('a forum of forumIds does not exist', 'input.forumIds');
    const before = e.forums.isInitialized() ? e.forums.getItems().map((f) => f.code).sort() : [];
    e.forums.set(forums);
    listChange(changes, 'forums', before, forums.map((f) => f.code).sort());
  }
}

const populateFor = (entity: BaseEntity) =>
  ['fieldsOfAction', 'forums'].filter((p) => (entity as unknown as Record<string, unknown>)[p] !== undefined);

export async function createEntity(ctx: Context, cfg: EntityWriteConfig, input: Record<string, unknown> & WithLists) {
  const userErrors = await userErrorsOf(input);
  if (userErrors.length) return { [cfg.field]: null, userErrors };
  const key = input[cfg.key] as string;
  if ((await ctx.sql.query(`select 1 from ${cfg.table} where ${cfg.key} = ?`, [key])).length) {
    return { [cfg.field]: null, userErrors: [{ field: cfg.key, message: `"${key}" is taken`, code: 'DUPLICATE' }] };
  }
  const uuid = await write(ctx, async (tx) => {
    const entity = Object.assign(new cfg.entity(), { [cfg.key]: key });
    tx.em.persist(entity);
    const changes = { [cfg.key]: { before: null, after: key }, ...applyPatch(entity, input, cfg.scalars as never) };
    await applyLists(tx, entity, input, changes);
    tx.audit({ action: 'CREATE', entityType: cfg.type, entityId: entity.id, changes });
    return entity.id;
  });
  return { [cfg.field]: await cfg.source.byId(ctx, uuid), userErrors: [] };
}

export async function updateEntity(ctx: Context, cfg: EntityWriteConfig, input: { id: string; expectedVersion: number; patch: Record<string, unknown> & WithLists }) {
  const userErrors = await userErrorsOf(input);
  if (userErrors.length) return { [cfg.field]: null, userErrors };
  const uuid = await write(ctx, async (tx) => {
    const probe = new cfg.entity();
    const entity = await tx.load(cfg.entity, cfg.type, input.id, 'input.id', { expectedVersion: input.expectedVersion, populate: populateFor(probe) });
    const changes = applyPatch(entity, input.patch, cfg.scalars as never);
    await applyLists(tx, entity, input.patch, changes);
    if (Object.keys(changes).length) {
      entity.updatedAt = new Date();
      tx.audit({ action: 'UPDATE', entityType: cfg.type, entityId: entity.id, changes });
    }
    return entity.id;
  });
  return { [cfg.field]: await cfg.source.byId(ctx, uuid), userErrors: [] };
}

export async function archiveEntity(ctx: Context, cfg: EntityWriteConfig, input: ArchiveInput) {
  const uuid = await write(ctx, async (tx) => {
    const entity = await tx.load(cfg.entity, cfg.type, input.id, 'input.id', { expectedVersion: input.expectedVersion });
    entity.archivedAt = new Date();
    tx.audit({ action: 'ARCHIVE', entityType: cfg.type, entityId: entity.id, changes: { archivedAt: { before: null, after: entity.archivedAt.toISOString() } } });
    return entity.id;
  });
  const [row] = await ctx.sql.query(`select ${cfg.source.columns} from ${cfg.table} ${cfg.source.alias} where ${cfg.source.alias}.id = ?`, [uuid]);
  return { [cfg.field]: cfg.source.asNodes([row as never])[0], userErrors: [] };
}

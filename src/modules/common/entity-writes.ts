import type { Collection } from '@mikro-orm/core';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import type { NodeRow, NodeTypeName } from '../../graph/node';
import { CoordinatorOnly } from '../auth/policy';
import type { FieldChanges } from './audit-entry.entity';
import type { BaseEntity } from './base.entity';
import type { NodeSource } from './node-source';
import { applyPatch, PayloadType, userErrorsOf, write, WriteTx } from './write';
import { ArchiveInput } from './write.inputs';

/*
 * Create, update and archive of the directory's entries (organisations, forums, bodies,
 * projects): one write path and one set of mutations, configured per type. What a type
 * has beyond plain columns (lists, a parent, contact persons) it adds through hooks.
 */

type Operation = 'create' | 'update' | 'archive';

/** Fields both the entity and the patch have that are plain columns, not lists. */
type ScalarOf<E, Patch> = { [K in keyof E & keyof Patch & string]: E[K] extends Collection<object> ? never : K }[keyof E & keyof Patch & string];

/** The natural key of an entry type, set on creation only. */
type KeyOf<E> = keyof E & ('slug' | 'code');

/** What every update mutation takes: the entry, the version read, the changes. */
export interface UpdateInput<Patch> {
  id: string;
  expectedVersion: number;
  patch: Patch;
}

export interface EntityMutationsConfig<E extends BaseEntity, Row extends NodeRow & Record<string, unknown>, Patch extends object, Create extends Patch, Key extends KeyOf<E>> {
  /** The GraphQL type name, e.g. "Forum": it names the mutations, payloads and audit entries. */
  type: NodeTypeName;
  /** The GraphQL object type the payloads carry. */
  graphqlType: new () => object;
  entity: new () => E;
  /** How the entry is read back for the payload. */
  source: NodeSource<Row>;
  key: Key;
  /** Plain columns a patch may set. */
  scalars: readonly ScalarOf<E, Patch>[];
  /** The input types, declared per module: they are part of the schema. */
  inputs: { create: new () => Create; update: new () => UpdateInput<Patch> };
  /**
   * What the entry is called in words ("a forum"): the mutations' descriptions say what
   * coordinators do with it, unless `descriptions` words them otherwise.
   */
  noun: string;
  descriptions?: Partial<Record<Operation, string>>;
  /** Payload descriptions other than "The result of createForum.". */
  payloadDescriptions?: Partial<Record<Operation, string>>;
  /** Who may update; coordinators when not given. Create and archive are for coordinators. */
  mayUpdate?: MethodDecorator;
  /**
   * Refuses a patch with fields the viewer may not set. It runs before validation: what a
   * caller may change comes before whether the values are right.
   */
  authorizePatch?: (ctx: Context, patch: Patch) => void;
  /** Relations loaded with the entry for an update, so that `applyRelations` knows their values before. */
  populate?: readonly (keyof E & string)[];
  /** Sets what is not a plain column (lists, parent, contacts) and records what changed. */
  applyRelations?: (tx: WriteTx, entity: E, patch: Patch, changes: FieldChanges) => Promise<void>;
  /** The organisation an audit entry is filed under, so that its editors read their entry's history. */
  auditOrganisation?: (entity: E) => string;
}

/**
 * The resolver of `create<Type>`, `update<Type>` and `archive<Type>`, with their payload
 * types `Create<Type>Payload` … (`{ <type>, userErrors }`). A module extends it:
 * `@Resolver(() => Forum) export class ForumMutations extends entityMutations({ … }) {}`.
 */
export function entityMutations<
  E extends BaseEntity,
  Row extends NodeRow & Record<string, unknown>,
  Patch extends object,
  Create extends Patch & Record<Key, string>,
  Key extends KeyOf<E>,
>(cfg: EntityMutationsConfig<E, Row, Patch, Create, Key>) {
  const writes = new EntityWrites(cfg);
  const description = {
    create: `Creates ${cfg.noun} (coordinators).`,
    update: `Updates ${cfg.noun} (coordinators); CONFLICT when \`expectedVersion\` is stale.`,
    archive: `Archives ${cfg.noun} (coordinators): it leaves the public directory; nothing is deleted.`,
    ...cfg.descriptions,
  };
  const name = (op: Operation) => `${op}${cfg.type}`;
  const payload = (op: Operation) =>
    PayloadType(`${op[0].toUpperCase()}${op.slice(1)}${cfg.type}`, writes.field, cfg.graphqlType, cfg.payloadDescriptions?.[op] ?? `The result of ${name(op)}.`);
  const [CreatePayload, UpdatePayload, ArchivePayload] = [payload('create'), payload('update'), payload('archive')];

  // Not in the schema's resolver list itself: type-graphql hands these mutations to the
  // module's subclass, which is.
  @Resolver()
  class EntityMutations {
    @Mutation(() => CreatePayload, { name: name('create'), description: description.create })
    @CoordinatorOnly()
    create(@Arg('input', () => cfg.inputs.create) input: Create, @Ctx() ctx: Context) {
      return writes.create(ctx, input);
    }

    @Mutation(() => UpdatePayload, { name: name('update'), description: description.update })
    @(cfg.mayUpdate ?? CoordinatorOnly())
    update(@Arg('input', () => cfg.inputs.update) input: UpdateInput<Patch>, @Ctx() ctx: Context) {
      return writes.update(ctx, input);
    }

    @Mutation(() => ArchivePayload, { name: name('archive'), description: description.archive })
    @CoordinatorOnly()
    archive(@Arg('input', () => ArchiveInput) input: ArchiveInput, @Ctx() ctx: Context) {
      return writes.archive(ctx, input);
    }
  }
  return EntityMutations;
}

/** The write path of one type: validate, then change and audit in one transaction, then read back. */
class EntityWrites<E extends BaseEntity, Row extends NodeRow & Record<string, unknown>, Patch extends object, Create extends Patch & Record<Key, string>, Key extends KeyOf<E>> {
  /** The payload field that carries the entry: "organisation" in CreateOrganisationPayload. */
  readonly field: string;

  constructor(private readonly cfg: EntityMutationsConfig<E, Row, Patch, Create, Key>) {
    this.field = `${cfg.type[0].toLowerCase()}${cfg.type.slice(1)}`;
  }

  async create(ctx: Context, input: Create) {
    const { cfg } = this;
    const userErrors = await userErrorsOf(input);
    if (userErrors.length) return { [this.field]: null, userErrors };
    const key = input[cfg.key];
    if (await cfg.source.keyTaken(ctx, cfg.key, key)) {
      return { [this.field]: null, userErrors: [{ field: cfg.key, message: `"${key}" is taken`, code: 'DUPLICATE' }] };
    }
    const uuid = await write(ctx, async (tx) => {
      const entity = Object.assign(new cfg.entity(), { [cfg.key]: key });
      tx.em.persist(entity);
      const changes: FieldChanges = { [cfg.key]: { before: null, after: key }, ...applyPatch(entity, input as Record<string, unknown>, cfg.scalars) };
      await cfg.applyRelations?.(tx, entity, input, changes);
      tx.audit({ action: 'CREATE', entityType: cfg.type, entityId: entity.id, organisationId: cfg.auditOrganisation?.(entity), changes });
      return entity.id;
    });
    return { [this.field]: await cfg.source.byId(ctx, uuid), userErrors: [] };
  }

  async update(ctx: Context, input: UpdateInput<Patch>) {
    const { cfg } = this;
    cfg.authorizePatch?.(ctx, input.patch);
    const userErrors = await userErrorsOf(input);
    if (userErrors.length) return { [this.field]: null, userErrors };
    const uuid = await write(ctx, async (tx) => {
      const entity = await tx.load(cfg.entity, cfg.type, input.id, 'input.id', { expectedVersion: input.expectedVersion, populate: [...(cfg.populate ?? [])] });
      const changes = applyPatch(entity, input.patch as Record<string, unknown>, cfg.scalars);
      await cfg.applyRelations?.(tx, entity, input.patch, changes);
      if (Object.keys(changes).length) {
        // Touch the row even when only lists changed, so that the version moves on.
        entity.updatedAt = new Date();
        tx.audit({ action: 'UPDATE', entityType: cfg.type, entityId: entity.id, organisationId: cfg.auditOrganisation?.(entity), changes });
      }
      return entity.id;
    });
    return { [this.field]: await cfg.source.byId(ctx, uuid), userErrors: [] };
  }

  async archive(ctx: Context, input: ArchiveInput) {
    const { cfg } = this;
    const uuid = await write(ctx, async (tx) => {
      const entity = await tx.load(cfg.entity, cfg.type, input.id, 'input.id', { expectedVersion: input.expectedVersion });
      entity.archivedAt = new Date();
      const changes = { archivedAt: { before: null, after: entity.archivedAt.toISOString() } };
      tx.audit({ action: 'ARCHIVE', entityType: cfg.type, entityId: entity.id, organisationId: cfg.auditOrganisation?.(entity), changes });
      return entity.id;
    });
    return { [this.field]: await cfg.source.byIdWithArchived(ctx, uuid), userErrors: [] };
  }
}

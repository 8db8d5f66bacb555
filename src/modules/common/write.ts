import { ConstraintViolationException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validate, ValidationError } from 'class-validator';
import { Field, ObjectType } from 'type-graphql';
import type { Context, Viewer } from '../../graph/context';
import { ApiError, badInput } from '../../graph/errors';
import { fromGlobalId, NodeTypeName } from '../../graph/node';
import { FEED_TYPES } from '../audit/changes.sql';
import { COMMIT_WRITE } from '../webhook/webhook.sql';
import { AuditEntry, FieldChanges } from './audit-entry.entity';
import type { BaseEntity } from './base.entity';

/*
 * The write path, one mechanism for every mutation: validate the input (problems come back
 * as userErrors, nothing written), then run the change and its audit entries in one
 * transaction. A stale `expectedVersion`, or a concurrent write that got there first, is
 * CONFLICT; either way nothing is written.
 */

@ObjectType({ description: 'A problem with one input field; nothing was written.' })
export class UserError {
  @Field(() => String, { description: 'Path of the input field, e.g. "patch.website".' })
  field!: string;

  @Field(() => String, { description: 'What is wrong, and what to send instead.' })
  message!: string;

  @Field(() => String, {
    description: 'INVALID, INVALID_URL, INVALID_EMAIL, INVALID_PHONE, INVALID_LANGUAGE, INVALID_SLUG, TOO_LONG, TOO_SHORT, TOO_MANY, UNKNOWN, DUPLICATE, ALREADY_MEMBER, NOT_MEMBER, CYCLE, PRIVATE_TARGET.',
  })
  code!: string;
}

const CODES: Record<string, string> = {
  isUrl: 'INVALID_URL',
  isEmail: 'INVALID_EMAIL',
  isISO6391: 'INVALID_LANGUAGE',
  matches: 'INVALID',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  length: 'TOO_LONG',
  arrayMaxSize: 'TOO_MANY',
  isNotEmpty: 'TOO_SHORT',
};

/** Validates an input object (class-validator decorators on the input classes). */
export async function userErrorsOf(input: object, prefix = ''): Promise<UserError[]> {
  const errors = await validate(input, { forbidUnknownValues: false });
  const out: UserError[] = [];
  const walk = (list: ValidationError[], path: string) => {
    for (const e of list) {
      const field = path ? `${path}.${e.property}` : e.property;
      for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
        const code = (e.contexts?.[constraint]?.code as string | undefined) ?? CODES[constraint] ?? 'INVALID';
        out.push({ field, message, code });
      }
      walk(e.children ?? [], field);
    }
  };
  walk(errors, prefix);
  return out;
}

/** A transaction of one mutation. */
export class WriteTx {
  /** Ids of the audit entries of this transaction, stamped with its data version at the end. */
  readonly entries: string[] = [];

  constructor(
    readonly em: EntityManager,
    readonly viewer: Viewer | null,
  ) {}

  /** Records a change (in the same transaction). Empty changes are not recorded. */
  audit(entry: { action: string; entityType: string; entityId: string; organisationId?: string | null; changes: FieldChanges }): void {
    if (entry.action === 'UPDATE' && Object.keys(entry.changes).length === 0) return;
    const record = new AuditEntry();
    this.entries.push(record.id);
    this.em.persist(
      Object.assign(record, {
        ...entry,
        organisationId: entry.organisationId ?? undefined,
        actorTokenId: this.viewer?.tokenId,
        actorRole: this.viewer?.role ?? 'SYSTEM',
        actorName: this.viewer?.name ?? 'system',
      }),
    );
  }

  /**
   * Loads an entity by global id for a write; NOT_FOUND when there is none (or it is
   * archived), CONFLICT when `expectedVersion` is not its version.
   */
  async load<T extends BaseEntity>(
    entity: new () => T,
    type: NodeTypeName,
    id: string,
    argument: string,
    options: { expectedVersion?: number; populate?: string[] } = {},
  ): Promise<T> {
    const { type: actual, uuid } = fromGlobalId(id, argument);
    if (actual !== type) throw badInput(`${argument} must be the id of a ${type}, got one of a ${actual}`, argument);
    const found = await this.em.findOne(entity, { id: uuid, archivedAt: null } as never, { populate: (options.populate ?? []) as never });
    if (!found) throw new ApiError('NOT_FOUND', `No ${type} with id ${id}`, { argument });
    if (options.expectedVersion !== undefined && found.version !== options.expectedVersion) {
      throw conflict(type, options.expectedVersion, found.version);
    }
    return found;
  }
}

function conflict(type: string, expected?: number, current?: number) {
  return new ApiError(
    'CONFLICT',
    current === undefined
      ? `The ${type} was changed by someone else meanwhile; read it again and reapply your change`
      : `The ${type} is at version ${current}, not ${expected}: someone changed it meanwhile; read it again and reapply your change`,
    current === undefined ? {} : { currentVersion: current },
  );
}

/** Runs `fn` in one transaction; afterwards the request's loaders read afresh. */
export async function write<T>(ctx: Context, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  const em = ctx.orm.em.fork() as EntityManager;
  try {
    let queued = 0;
    const result = await em.transactional(async (tem) => {
      const tx = new WriteTx(tem as EntityManager, ctx.viewer);
      const result = await fn(tx);
      await tem.flush();
      // Last, so the row lock on the data version is held for the shortest time: the audit
      // entries get the version as their place in the change feed, and the webhook
      // deliveries of the changes are queued (the outbox), all in this transaction.
      const deliveries = await (tem as EntityManager).execute(COMMIT_WRITE, [
        `{${tx.entries.join(',')}}`,
        ctx.shared.outbox.config.retryWindowSeconds,
        `{${FEED_TYPES.join(',')}}`,
        ctx.shared.outbox.replicaId,
      ]);
      queued = deliveries.length;
      return result;
    });
    if (queued > 0) ctx.shared.outbox.wake();
    return result;
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict(error.getEntity()?.constructor.name ?? 'entry');
    if (error instanceof UniqueConstraintViolationException) throw new ApiError('CONFLICT', 'An entry with this key exists already');
    // exclusion_violation: two periods of one link would overlap, which a write running at the same time made so.
    if (error instanceof ConstraintViolationException && (error as { code?: string }).code === '23P01') {
      throw new ApiError('CONFLICT', 'The period overlaps one recorded meanwhile; read the entry again');
    }
    throw error;
  } finally {
    ctx.loaders.clear();
    ctx.sql.usePrimary();
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Copies the given fields of a patch onto an entity (undefined: leave, null: clear) and
 * returns what changed, for the audit trail.
 */
export function applyPatch<T extends object>(entity: T, patch: Record<string, unknown>, fields: readonly (keyof T & string)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    const value = patch[field];
    if (value === undefined) continue;
    const before = (entity as Record<string, unknown>)[field];
    const after = value === null ? undefined : value;
    if (same(before, after)) continue;
    changes[field] = { before: before ?? null, after: after ?? null };
    (entity as Record<string, unknown>)[field] = after;
  }
  return changes;
}

/** Records a change of a list (field codes, contacts), when it changed. */
export function listChange(changes: FieldChanges, field: string, before: unknown[], after: unknown[]): void {
  if (!same(before, after)) changes[field] = { before, after };
}

/**
 * A mutation payload type: the entity written (null when nothing was) and the userErrors.
 * Named per mutation, as GitHub and Shopify do (`UpdateOrganisationPayload`).
 */
export function PayloadType<T extends object>(name: string, field: string, type: new () => T, description: string) {
  @ObjectType(`${name}Payload`, { description })
  class Payload {
    @Field(() => [UserError], { description: 'Problems with the input; when there are any, nothing was written.' })
    userErrors!: UserError[];
  }
  Field(() => type, { nullable: true, description: `The ${field} as it is now; null when nothing was written.` })(Payload.prototype, field);
  return Payload as unknown as new () => { userErrors: UserError[] } & Record<string, unknown>;
}

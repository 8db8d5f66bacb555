import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** One field's change: its value before and after. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * Who changed what, when: written in the same transaction as the change itself, so there is
 * no change without its entry and no entry without its change. Never updated or deleted.
 * The write path's own record (write.ts writes it); the audit module reads it.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['entityType', 'entityId'] })
@Index({ properties: ['dataVersion', 'id'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Index()
  at: Date = new Date();

  /** The token that made the change (null: the system, e.g. the seed). */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  actorTokenId?: string;

  @Property({ type: 'text' })
  actorRole!: string;

  @Property({ type: 'text' })
  actorName!: string;

  /** CREATE, UPDATE, ARCHIVE, ADD_MEMBER, … */
  @Property({ type: 'text' })
  action!: string;

  /** The GraphQL type of the changed entity, e.g. "Organisation", "ForumMembership". */
  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  /** The organisation the change concerns, so that its editors can read its history. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  organisationId?: string;

  @Property({ type: 'jsonb' })
  changes: FieldChanges = {};

  /**
   * The data version the write moved the directory to, set as the write's last step (see
   * write.ts): the change feed's order, which is the order the writes committed in. 0 for
   * entries written before the feed existed.
   */
  @Property({ type: 'bigint', default: 0 })
  dataVersion: string = '0';
}

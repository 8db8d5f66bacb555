import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { ApiToken } from '../auth/api-token.entity';
import { AuditEntry } from '../common/audit-entry.entity';
import { BaseEntity } from '../common/base.entity';

/**
 * A receiver of the change feed (its endpoint): every change of the types it asked for is queued for it in
 * the writing transaction (the outbox, webhook_delivery) and posted to its URL, signed.
 */
@Entity({ tableName: 'webhook' })
export class Webhook extends BaseEntity {
  /** http(s) URL the deliveries are posted to; checked against private networks (see webhook.target.ts). */
  @Property({ type: 'text' })
  url!: string;

  /** The change feed's entry types it receives; null: all of them, also types added later. */
  @Property({ type: 'text[]', nullable: true })
  changeTypes?: string[] | null;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /**
   * The signing key. Kept as it is, unlike a token's secret: the server needs it to sign
   * each delivery. Shown to the client once, when the webhook is created (or its secret renewed).
   */
  @Property({ type: 'text', lazy: true })
  secret!: string;

  /** The token that registered it. */
  @ManyToOne(() => ApiToken, { nullable: true, deleteRule: 'set null' })
  createdBy?: ApiToken;
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/**
 * One change for one webhook: the outbox row, queued in the transaction that made the
 * change, and then the record of its delivery. Delivered per webhook in the change feed's
 * order (data version, change id); the head of a webhook's queue is its oldest PENDING row.
 */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['webhook', 'dataVersion', 'change'] })
@Index({
  name: 'webhook_delivery_pending_idx',
  expression:
    'create index "webhook_delivery_pending_idx" on "webhook_delivery" ("webhook_id", "data_version", "change_id") where "status" = \'PENDING\'',
})
@Index({
  name: 'webhook_delivery_delivered_idx',
  expression: 'create index "webhook_delivery_delivered_idx" on "webhook_delivery" ("delivered_at") where "status" = \'DELIVERED\'',
})
@Index({
  name: 'webhook_delivery_failed_idx',
  expression: 'create index "webhook_delivery_failed_idx" on "webhook_delivery" ("last_attempt_at") where "status" = \'FAILED\'',
})
export class WebhookDelivery {
  /** Also the idempotency key: the same on every attempt (X-Webhook-Id). */
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Webhook, { deleteRule: 'cascade' })
  webhook!: Webhook;

  @ManyToOne(() => AuditEntry, { deleteRule: 'cascade', index: true })
  change!: AuditEntry;

  /** The change's data version: the order of delivery. */
  @Property({ type: 'bigint' })
  dataVersion!: string;

  @Property({ type: 'text' })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  /** When it is tried (again); only for PENDING rows. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  /** After a failed attempt past this time, it is parked as FAILED (24 h after queueing, or after a retry). */
  @Property({ type: 'timestamptz' })
  retryUntil!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt?: Date | null;

  /** The HTTP status of the last answer; null when there was none (refused, timed out). */
  @Property({ type: 'integer', nullable: true })
  lastResponseStatus?: number | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

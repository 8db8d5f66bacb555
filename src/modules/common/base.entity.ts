import { randomUUID } from 'node:crypto';
import { PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Columns every table shares. `version` is bumped by MikroORM on each update so the
 * write path can refuse stale edits (optimistic locking). Nothing is deleted: an entry or
 * link that is removed gets `archivedAt`, and public reads leave it out.
 */
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', nullable: true })
  archivedAt?: Date | null;
}

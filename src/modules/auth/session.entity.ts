import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ApiToken } from './api-token.entity';

/**
 * A browser's sign-in: the web app exchanges an access key (an API token's secret) for a
 * session, held in an httpOnly cookie, so the key itself is never kept in the browser. Only
 * a hash of the cookie's value is stored. A session ends when its owner signs out, when it
 * expires, or when its token is revoked or expires.
 */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** SHA-256 of the cookie's value, hex. */
  @Property({ type: 'text' })
  @Unique()
  secretHash!: string;

  @ManyToOne(() => ApiToken, { deleteRule: 'cascade' })
  @Index()
  token!: ApiToken;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set on sign-out. */
  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;
}

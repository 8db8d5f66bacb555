import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Role } from './auth.enums';

/**
 * A bearer token. Only a hash of the secret is kept: the secret is shown once, when issued.
 */
@Entity({ tableName: 'api_token' })
export class ApiToken extends BaseEntity {
  /** What the token is for, e.g. "Jugendamt – Website-Redaktion". */
  @Property({ type: 'text' })
  name!: string;

  /** SHA-256 of the secret, hex. */
  @Property({ type: 'text' })
  @Unique()
  secretHash!: string;

  /** The first characters of the secret, to recognise a token without knowing it. */
  @Property({ type: 'text' })
  prefix!: string;

  @Enum({ items: () => Role, type: 'text' })
  role!: Role;

  /** The organisations a PARTNER_EDITOR token may edit. */
  @ManyToMany(() => Organisation, undefined, {
    pivotTable: 'api_token_organisation',
    joinColumn: 'api_token_id',
    inverseJoinColumn: 'organisation_id',
  })
  organisations = new Collection<Organisation>(this);

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;

  /** The token that issued this one; null for tokens made with `npm run token`. */
  @ManyToOne(() => ApiToken, { nullable: true, deleteRule: 'set null' })
  createdBy?: ApiToken;
}

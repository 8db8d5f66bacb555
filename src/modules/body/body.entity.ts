import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { searchIndexes, SearchColumns } from '../common/search-index';
import { BodyKind } from './body.enums';

export const BODY_SEARCH: SearchColumns = { table: 'body', columns: ['name', 'short_name', 'description'] };

/** A steering, advisory or working body of the programme (Steuerungs-AG, Programmbeirat, …). */
@Entity({ tableName: 'body' })
@Index(searchIndexes(BODY_SEARCH)[0])
@Index(searchIndexes(BODY_SEARCH)[1])
export class Body extends BaseEntity {
  @Property({ type: 'text' })
  @Unique()
  slug!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  shortName?: string;

  @Enum({ items: () => BodyKind, type: 'text' })
  kind!: BodyKind;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'integer' })
  position!: number;
}

import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { searchIndexes, SearchColumns } from '../common/search-index';

export const FIELD_OF_ACTION_SEARCH: SearchColumns = {
  table: 'field_of_action',
  columns: ['name', 'name_en', 'description'],
};

/** A field of action (Handlungsfeld) of the integration concept, coded I … V. */
@Entity({ tableName: 'field_of_action' })
@Index(searchIndexes(FIELD_OF_ACTION_SEARCH)[0])
@Index(searchIndexes(FIELD_OF_ACTION_SEARCH)[1])
export class FieldOfAction extends BaseEntity {
  @Property({ type: 'text' })
  @Unique()
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  nameEn!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  /** Display order (I = 1 … V = 5). */
  @Property({ type: 'integer' })
  position!: number;
}

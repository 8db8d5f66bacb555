import { Collection, Entity, Index, ManyToMany, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { searchIndexes, SearchColumns } from '../common/search-index';
import { FieldOfAction } from '../field-of-action/field-of-action.entity';

export const FORUM_SEARCH: SearchColumns = { table: 'forum', columns: ['name', 'focus', 'topic'] };

/** A thematic forum (Fachforum I … V). */
@Entity({ tableName: 'forum' })
@Index(searchIndexes(FORUM_SEARCH)[0])
@Index(searchIndexes(FORUM_SEARCH)[1])
export class Forum extends BaseEntity {
  @Property({ type: 'text' })
  @Unique()
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  topic!: string;

  @Property({ type: 'text', nullable: true })
  focus?: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'integer' })
  position!: number;

  @ManyToMany(() => FieldOfAction, undefined, {
    pivotTable: 'forum_field_of_action',
    joinColumn: 'forum_id',
    inverseJoinColumn: 'field_of_action_id',
  })
  fieldsOfAction = new Collection<FieldOfAction>(this);
}

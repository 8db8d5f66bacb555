import { Collection, Entity, Enum, Index, ManyToMany, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { searchIndexes, SearchColumns } from '../common/search-index';
import { FieldOfAction } from '../field-of-action/field-of-action.entity';
import { Forum } from '../forum/forum.entity';
import { ProjectStatus } from './project.enums';

export const PROJECT_SEARCH: SearchColumns = { table: 'project', columns: ['name', 'short_name', 'description'] };

/** A project of the programme, e.g. the lighthouse project "Mama lernt Deutsch". */
@Entity({ tableName: 'project' })
@Index(searchIndexes(PROJECT_SEARCH)[0])
@Index(searchIndexes(PROJECT_SEARCH)[1])
export class Project extends BaseEntity {
  @Property({ type: 'text' })
  @Unique()
  slug!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  shortName?: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Enum({ items: () => ProjectStatus, type: 'text' })
  status!: ProjectStatus;

  /** Named by the programme as a lighthouse project (Leuchtturmprojekt). */
  @Property({ type: 'boolean', default: false })
  isLighthouse: boolean = false;

  @ManyToMany(() => FieldOfAction, undefined, {
    pivotTable: 'project_field_of_action',
    joinColumn: 'project_id',
    inverseJoinColumn: 'field_of_action_id',
  })
  fieldsOfAction = new Collection<FieldOfAction>(this);

  @ManyToMany(() => Forum, undefined, {
    pivotTable: 'project_forum',
    joinColumn: 'project_id',
    inverseJoinColumn: 'forum_id',
  })
  forums = new Collection<Forum>(this);
}

import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { searchIndexes, SearchColumns } from '../common/search-index';
import { SocialAreaKind } from './social-area.enums';

export const SOCIAL_AREA_SEARCH: SearchColumns = {
  table: 'social_area',
  columns: ['name', 'social_city_programme', 'description'],
};

/**
 * A social area (Sozialraum) of the city: the city itself, the Kernstadt, a Stadtbezirk or
 * a Stadtteil. Reference data from src/data/social-areas.json; no API writes it.
 */
@Entity({ tableName: 'social_area' })
@Index(searchIndexes(SOCIAL_AREA_SEARCH)[0])
@Index(searchIndexes(SOCIAL_AREA_SEARCH)[1])
export class SocialArea extends BaseEntity {
  @Property({ type: 'text' })
  @Unique()
  slug!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => SocialAreaKind, type: 'text' })
  kind!: SocialAreaKind;

  /** The area containing this one (Kernstadt for a Stadtbezirk); null for the city. */
  @ManyToOne(() => SocialArea, { nullable: true, deleteRule: 'set null', index: true })
  parent?: SocialArea;

  /** Display order: the city, the Kernstadt, its Stadtbezirke, then the Stadtteile. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text', nullable: true })
  description?: string;

  /** The federal–state programme "Soziale Stadt" in this area, where the sources name one. */
  @Property({ type: 'text', nullable: true })
  socialCityProgramme?: string;

  /** Where the facts stand: public web pages, cited. */
  @Property({ type: 'text[]', default: '{}' })
  sources: string[] = [];
}

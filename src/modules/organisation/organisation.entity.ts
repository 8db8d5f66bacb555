import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { searchIndexes, SearchColumns } from '../common/search-index';
import { FieldOfAction } from '../field-of-action/field-of-action.entity';
import { SocialArea } from '../social-area/social-area.entity';
import { GovernanceLevel, OrganisationKind } from './organisation.enums';

export const ORGANISATION_SEARCH: SearchColumns = {
  table: 'organisation',
  columns: ['name', 'short_name', 'description'],
};

/**
 * A partner: a concrete organisation (Jugendamt) or a category that stands for many
 * (Migrantenvereine, `isCategory`). Departments hang below their city or district.
 */
@Entity({ tableName: 'organisation' })
@Index(searchIndexes(ORGANISATION_SEARCH)[0])
@Index(searchIndexes(ORGANISATION_SEARCH)[1])
// The default order of every list of organisations (alphabetical, umlauts folded): pages are read off this index.
@Index({ name: 'organisation_sort_idx', expression: 'create index "organisation_sort_idx" on "organisation" (ig_fold("name"), "id")' })
export class Organisation extends BaseEntity {
  @Property({ type: 'text' })
  @Unique()
  slug!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  shortName?: string;

  @Enum({ items: () => OrganisationKind, type: 'text' })
  @Index()
  kind!: OrganisationKind;

  @Enum({ items: () => GovernanceLevel, type: 'text' })
  @Index()
  level!: GovernanceLevel;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'text', nullable: true })
  website?: string;

  /** Public contact channels of the organisation itself (not of a person). */
  @Property({ type: 'text', nullable: true })
  email?: string;

  @Property({ type: 'text', nullable: true })
  phone?: string;

  /** Languages the organisation works in, as ISO 639-1 codes. */
  @Property({ type: 'text[]', default: '{}' })
  languages: string[] = [];

  /** What it offers, in short German phrases ("Sprachkurse", "Migrationsberatung"). */
  @Property({ type: 'text[]', default: '{}' })
  offers: string[] = [];

  @Property({ type: 'boolean', default: false })
  isCategory: boolean = false;

  /**
   * The day it joined the programme's network; null when unknown (the organisations of the
   * source slides). As-of reads leave an organisation out before this day, and after the day
   * it was archived. An organisation created through the API joins on the day it is created
   * unless a coordinator says otherwise (organisation.mutations.ts).
   */
  @Property({ type: 'date', nullable: true })
  since?: string | null;

  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'set null', index: true })
  parent?: Organisation;

  /** Fields of action the organisation works in (coverage). */
  @ManyToMany(() => FieldOfAction, undefined, {
    pivotTable: 'organisation_field_of_action',
    joinColumn: 'organisation_id',
    inverseJoinColumn: 'field_of_action_id',
  })
  fieldsOfAction = new Collection<FieldOfAction>(this);

  /**
   * The social areas the organisation states it serves (HSDS: its service areas); empty when
   * it states none. A city-wide service states the city ("wetzlar").
   */
  @ManyToMany(() => SocialArea, undefined, {
    pivotTable: 'organisation_service_area',
    joinColumn: 'organisation_id',
    inverseJoinColumn: 'social_area_id',
  })
  serviceAreas = new Collection<SocialArea>(this);

  /** Where the organisation is (HSDS: a physical location with one address); all null when not given. */
  @Property({ type: 'text', nullable: true })
  addressStreet?: string;

  @Property({ type: 'text', nullable: true })
  addressPostalCode?: string;

  @Property({ type: 'text', nullable: true })
  addressCity?: string;

  /** The social area the address lies in: where the organisation is, not whom it serves. */
  @ManyToOne(() => SocialArea, { nullable: true, deleteRule: 'set null', index: true })
  addressSocialArea?: SocialArea;
}

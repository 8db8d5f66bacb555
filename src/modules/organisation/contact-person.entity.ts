import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity';
import { Organisation } from './organisation.entity';

/** A contact person of an organisation: personal data, shown to authenticated users only. */
@Entity({ tableName: 'contact_person' })
export class ContactPerson extends BaseEntity {
  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Property({ type: 'text' })
  name!: string;

  /** The person's function, e.g. "Integrationsbeauftragte". */
  @Property({ type: 'text', nullable: true })
  function?: string;

  @Property({ type: 'text', nullable: true })
  email?: string;

  @Property({ type: 'text', nullable: true })
  phone?: string;

  /** Languages the person speaks, as ISO 639-1 codes. */
  @Property({ type: 'text[]', default: '{}' })
  languages: string[] = [];

  @Property({ type: 'integer', default: 0 })
  position: number = 0;
}

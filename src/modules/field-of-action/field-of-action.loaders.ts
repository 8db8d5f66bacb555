import { orderedBy } from '../../graph/connection';
import type { VersionedRow } from '../../graph/node';
import { int, nullable, RowOf, selectList, text } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';

/** The programme's fields of action, I … V: set by the funding programme, and no API adds one. */
export const FIELDS_OF_ACTION_COUNT = 5;

export const FIELD_OF_ACTION_COLUMNS = { code: text(), name: text(), nameEn: text(), description: nullable(text()), position: int() };

export type FieldOfActionRow = VersionedRow & RowOf<typeof FIELD_OF_ACTION_COLUMNS>;

export const FIELDS_OF_ACTION = new NodeSource<FieldOfActionRow>(
  'FieldOfAction',
  'field_of_action',
  'fa',
  selectList('fa', FIELD_OF_ACTION_COLUMNS),
  orderedBy('position', 'int'),
);

/** The relations that lead to fields of action (short lists: there are five fields). */
export const TO_FIELDS_OF_ACTION = {
  ofOrganisation: {
    name: 'ofOrganisation',
    from: 'organisation_field_of_action x join field_of_action fa on fa.id = x.field_of_action_id',
    parent: 'x.organisation_id',
  },
  ofForum: { name: 'ofForum', from: 'forum_field_of_action x join field_of_action fa on fa.id = x.field_of_action_id', parent: 'x.forum_id' },
  ofProject: {
    name: 'ofProject',
    from: 'project_field_of_action x join field_of_action fa on fa.id = x.field_of_action_id',
    parent: 'x.project_id',
  },
} satisfies Record<string, Relation<FieldOfActionRow>>;

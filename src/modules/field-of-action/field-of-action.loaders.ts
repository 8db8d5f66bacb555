import { orderedBy } from '../../graph/connection';
import { baseColumns } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';
import type { FieldOfActionRow } from './field-of-action.type';

/** The programme's fields of action, I … V: set by the funding programme, and no API adds one. */
export const FIELDS_OF_ACTION_COUNT = 5;

export const FIELDS_OF_ACTION = new NodeSource<FieldOfActionRow>(
  'FieldOfAction',
  'field_of_action',
  'fa',
  `${baseColumns('fa')}, fa.code, fa.name, fa.name_en as "nameEn", fa.description, fa.position`,
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

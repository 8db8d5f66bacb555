import { orderedBy } from '../../graph/connection';
import { baseColumns } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';
import type { ForumRow } from './forum.type';

export const FORUMS = new NodeSource<ForumRow>(
  'Forum',
  'forum',
  'fo',
  `${baseColumns('fo')}, fo.code, fo.name, fo.topic, fo.focus, fo.description, fo.position`,
  orderedBy('position', 'int'),
);

/** The relations that lead to forums. */
export const TO_FORUMS = {
  ofField: { name: 'ofField', from: 'forum_field_of_action x join forum fo on fo.id = x.forum_id', parent: 'x.field_of_action_id' },
  ofProject: { name: 'ofProject', from: 'project_forum x join forum fo on fo.id = x.forum_id', parent: 'x.project_id' },
} satisfies Record<string, Relation<ForumRow>>;

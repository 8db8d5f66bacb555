import { orderedBy } from '../../graph/connection';
import type { VersionedRow } from '../../graph/node';
import { int, lazy, nullable, RowOf, selectList, text } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';

export const FORUM_COLUMNS = {
  code: text(), name: text(), topic: lazy(text(), 'topic'), focus: lazy(nullable(text()), 'focus'), description: lazy(nullable(text()), 'description'), position: int(),
};

export type ForumRow = VersionedRow & RowOf<typeof FORUM_COLUMNS>;

export const FORUMS = new NodeSource<ForumRow>('Forum', 'forum', 'fo', selectList('fo', FORUM_COLUMNS), orderedBy('position', 'int'));

/** The relations that lead to forums. */
export const TO_FORUMS = {
  ofField: { name: 'ofField', from: 'forum_field_of_action x join forum fo on fo.id = x.forum_id', parent: 'x.field_of_action_id' },
  ofProject: { name: 'ofProject', from: 'project_forum x join forum fo on fo.id = x.forum_id', parent: 'x.project_id' },
} satisfies Record<string, Relation<ForumRow>>;

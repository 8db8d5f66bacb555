import { orderedBy } from '../../graph/connection';
import type { VersionedRow } from '../../graph/node';
import { int, lazy, nullable, oneOf, RowOf, selectList, text } from '../common/columns';
import { NodeSource } from '../common/node-source';
import { BodyKind } from './body.enums';

export const BODY_COLUMNS = {
  slug: text(), name: text(), shortName: nullable(text()), kind: oneOf(BodyKind), description: lazy(nullable(text()), 'description'), position: int(),
};

export type BodyRow = VersionedRow & RowOf<typeof BODY_COLUMNS>;

export const BODIES = new NodeSource<BodyRow>('Body', 'body', 'b', selectList('b', BODY_COLUMNS), orderedBy('position', 'int'));

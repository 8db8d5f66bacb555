import { orderedBy } from '../../graph/connection';
import { baseColumns } from '../common/columns';
import { NodeSource } from '../common/node-source';
import type { BodyRow } from './body.type';

export const BODIES = new NodeSource<BodyRow>(
  'Body',
  'body',
  'b',
  `${baseColumns('b')}, b.slug, b.name, b.short_name as "shortName", b.kind, b.description, b.position`,
  orderedBy('position', 'int'),
);

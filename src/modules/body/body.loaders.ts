import { orderedBy } from '../../graph/connection';
import { baseColumns } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';
import type { BodyRow } from './body.type';

export const BODIES = new NodeSource<BodyRow>(
  'Body',
  'body',
  'b',
  `${baseColumns('b')}, b.slug, b.name, b.short_name as "shortName", b.kind, b.description, b.position`,
  orderedBy('position', 'int'),
);

/** The relations that lead to bodies. */
export const TO_BODIES = {
  ofOrganisation: {
    name: 'ofOrganisation',
    from: 'body_membership m join body b on b.id = m.body_id and m.archived_at is null',
    parent: 'm.organisation_id',
    columns: 'm.role',
    edge: (row) => ({ role: row.role }),
  },
} satisfies Record<string, Relation<BodyRow>>;

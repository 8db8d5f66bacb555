import { Connection, PageRequest, paginateRoot, SortKey } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { Conditions } from '../common/conditions';
import { changeColumns } from './changes.sql';

/** A change of the feed as read, with database ids; `fields` already without what the reader may not see. */
export interface ChangeRow extends Record<string, unknown> {
  uuid: string;
  /** The data version the write committed as (a bigint, as text). */
  dataVersion: string;
  at: string;
  action: string;
  entityType: string;
  entityUuid: string;
  organisationUuid: string | null;
  fields: string[];
}

export interface ChangeConditions {
  /** Entity types to include: the feed's public types, or fewer. */
  types: readonly string[];
  /** Fields whose changes the reader may not see (personal data without a token). */
  hiddenFields: readonly string[];
  /** Changes concerning this organisation. */
  organisation?: string;
}

/**
 * Commit order. Every write takes the row lock of the data version last and stamps its
 * changes with the number it moved it to; a later number is only ever committed after an
 * earlier one is visible, so a reader paging by it never skips a change that commits late.
 * Within one write (one number) the order is by id: arbitrary, but the same on every read.
 */
const FEED_ORDER: SortKey[] = [
  { column: 'dataVersion', direction: 'asc', type: 'int8' },
  { column: 'uuid', direction: 'asc', type: 'uuid' },
];

/** A page of the change feed. */
export function changeFeed(ctx: Context, conditions: ChangeConditions, page: PageRequest): Promise<Connection<ChangeRow>> {
  const where = new Conditions()
    .add('a.entity_type = any(?::text[])', conditions.types)
    // An update whose every changed field is hidden is no change for this reader.
    .add(`(a.action <> 'UPDATE' or cardinality(f.fields) > 0)`)
    .when(conditions.organisation, 'a.organisation_id = ?');
  return paginateRoot<ChangeRow>(
    ctx.sql,
    {
      source: `select ${changeColumns('a')}, f.fields
               from audit_entry a
               cross join lateral (
                 select coalesce(array_agg(k order by k), '{}') as fields
                 from jsonb_object_keys(a.changes) k where k <> all(?::text[])
               ) f
               where ${where.where}`,
      params: [conditions.hiddenFields, ...where.params],
      orderBy: FEED_ORDER,
    },
    page,
    ctx.limits,
  );
}

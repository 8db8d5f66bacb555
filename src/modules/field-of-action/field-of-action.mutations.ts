import type { Collection } from '@mikro-orm/core';
import type { FieldChanges } from '../common/audit-entry.entity';
import { listChange, type WriteTx } from '../common/write';
import { FieldOfAction } from './field-of-action.entity';

/*
 * No mutation changes the fields of action themselves (the funding programme sets them);
 * organisations, forums and projects name theirs, through this.
 */

/** Sets the fields of action of an entry from codes ("I" … "V"), recording the change; null or omitted leaves them. */
export async function setFieldsOfAction(tx: WriteTx, collection: Collection<FieldOfAction>, codes: string[] | null | undefined, changes: FieldChanges) {
  if (codes == null) return;
  const unique = [...new Set(codes)].sort();
  const fields = await tx.em.find(FieldOfAction, { code: { $in: unique } });
  const before = collection.isInitialized() ? collection.getItems().map((f) => f.code).sort() : [];
  collection.set(fields);
  listChange(changes, 'fieldsOfAction', before, fields.map((f) => f.code).sort());
}

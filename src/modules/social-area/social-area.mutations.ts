import type { Collection } from '@mikro-orm/core';
import { ApiError } from '../../graph/errors';
import type { FieldChanges } from '../common/audit-entry.entity';
import { listChange, type WriteTx } from '../common/write';
import { SocialArea } from './social-area.entity';

/*
 * No mutation changes the social areas themselves (reference data, from the seed);
 * organisations name the areas they serve and the area of their address, through these.
 */

/** The live areas with these slugs; BAD_USER_INPUT (code UNKNOWN_SOCIAL_AREA) naming the slugs that are none. */
export async function socialAreasBySlug(tx: WriteTx, slugs: string[], argument: string): Promise<SocialArea[]> {
  const areas = slugs.length ? await tx.em.find(SocialArea, { slug: { $in: slugs }, archivedAt: null }, { orderBy: { position: 'asc' } }) : [];
  const unknown = slugs.filter((slug) => !areas.some((a) => a.slug === slug));
  if (unknown.length) {
    throw new ApiError('BAD_USER_INPUT', `${argument}: no social area ${unknown.map((s) => `"${s}"`).join(', ')}; the slugs are those of \`socialAreas\``, {
      argument,
      reason: 'UNKNOWN_SOCIAL_AREA',
      unknown,
    });
  }
  return areas;
}

/** Sets the service areas of an organisation from slugs, recording the change; null or omitted leaves them. */
export async function setServiceAreas(tx: WriteTx, collection: Collection<SocialArea>, slugs: string[] | null | undefined, changes: FieldChanges) {
  if (slugs == null) return;
  const areas = await socialAreasBySlug(tx, [...new Set(slugs)], 'input.patch.serviceAreas');
  const before = collection.isInitialized() ? collection.getItems().map((a) => a.slug).sort() : [];
  collection.set(areas);
  listChange(changes, 'serviceAreas', before, areas.map((a) => a.slug).sort());
}

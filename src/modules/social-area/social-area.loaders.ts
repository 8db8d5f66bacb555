import { orderedBy } from '../../graph/connection';
import type { VersionedRow } from '../../graph/node';
import { int, nullable, oneOf, RowOf, selectList, text, texts, uuid } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';
import type { OrganisationRow } from '../organisation/organisation.loaders';
import { SocialAreaKind } from './social-area.enums';
import { servesArea } from './social-area.sql';

/** The social areas: the city, the Kernstadt, 12 Stadtbezirke, 8 Stadtteile (reference data, no API adds one). */
export const SOCIAL_AREAS_MAX = 50;

export const SOCIAL_AREA_COLUMNS = {
  slug: text(), name: text(), kind: oneOf(SocialAreaKind), parentId: nullable(uuid()), position: int(), description: nullable(text()),
  socialCityProgramme: nullable(text()), sources: texts(),
};

export type SocialAreaRow = VersionedRow & RowOf<typeof SOCIAL_AREA_COLUMNS>;

export const SOCIAL_AREAS = new NodeSource<SocialAreaRow>('SocialArea', 'social_area', 'sa', selectList('sa', SOCIAL_AREA_COLUMNS), orderedBy('position', 'int'));

/** The relations that lead to social areas (short lists). */
export const TO_SOCIAL_AREAS = {
  children: { name: 'children', from: 'social_area sa', parent: 'sa.parent_id' },
  /** The areas an organisation states it serves. */
  servedBy: {
    name: 'servedBy',
    from: 'organisation_service_area x join social_area sa on sa.id = x.social_area_id',
    parent: 'x.organisation_id',
  },
} satisfies Record<string, Relation<SocialAreaRow>>;

/**
 * The organisations serving an area: stating it or an area containing it (servesArea), each
 * once. Keyed by the area.
 */
export const ORGANISATIONS_SERVING: Relation<OrganisationRow> = {
  name: 'servingArea',
  from: `social_area a join organisation o on ${servesArea('o', 'a.id')}`,
  parent: 'a.id',
};

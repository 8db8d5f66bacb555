/*
 * What "serves an area" means, said once for the directory filter, the area's organisations,
 * the coverage matrix and the downloads: an organisation serves an area when it states that
 * area or one containing it (a city-wide service serves every Stadtbezirk and Stadtteil).
 * Stating a smaller area does not make it serve the larger one.
 */

/**
 * Every live area with itself and each area containing it, as rows (area_id, ancestor_id):
 * the hierarchy's closure, by a recursive CTE (three levels today; any depth works).
 */
export const AREA_ANCESTRY = `(with recursive up(area_id, ancestor_id) as (
    select id, id from social_area where archived_at is null
    union all
    select up.area_id, a.parent_id from up join social_area a on a.id = up.ancestor_id where a.parent_id is not null
  ) select area_id, ancestor_id from up)`;

/** True when organisation `o` (a table alias) serves the area whose id is the SQL expression `areaId`. */
export const servesArea = (o: string, areaId: string) =>
  `exists (select 1 from organisation_service_area sx join ${AREA_ANCESTRY} sc on sc.ancestor_id = sx.social_area_id
           where sx.organisation_id = ${o}.id and sc.area_id = ${areaId})`;

/** As servesArea, for the area with the slug bound to the one placeholder; an unknown slug matches nothing. */
export const servesAreaWithSlug = (o: string) => servesArea(o, `(select id from social_area where slug = ? and archived_at is null)`);

/** The areas at the finest level (no live area below them): the 12 Stadtbezirke and 8 Stadtteile, in order. */
export const FINEST_AREAS = `select a.id, a.slug, a.name, a.position from social_area a
  where a.archived_at is null and not exists (select 1 from social_area c where c.parent_id = a.id and c.archived_at is null)`;

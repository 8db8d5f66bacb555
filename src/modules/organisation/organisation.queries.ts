import type { EntityManager } from '@mikro-orm/postgresql';

/*
 * Queries the organisation writes run inside their transaction, so that they see the rows
 * the transaction is about to change.
 */

/**
 * Whether the organisation is `parent` itself or one of its ancestors: then `parent` cannot
 * become its parent without a cycle in the hierarchy.
 */
export async function wouldBeOwnAncestor(em: EntityManager, organisationUuid: string, parentUuid: string): Promise<boolean> {
  const [found] = await em.execute(
    `with recursive up as (select id, parent_id from organisation where id = ? union all
       select o.id, o.parent_id from organisation o join up on o.id = up.parent_id) select 1 as found from up where id = ? limit 1`,
    [parentUuid, organisationUuid],
  );
  return found !== undefined;
}

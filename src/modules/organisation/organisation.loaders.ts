import { Connection, orderedBy, PageRequest, SortKey } from '../../graph/connection';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graph/context';
import { badInput } from '../../graph/errors';
import { OrderDirection } from '../../graph/order';
import { toGlobalId, type VersionedRow } from '../../graph/node';
import { modifiedAfter } from '../audit/changes.sql';
import { Conditions } from '../common/conditions';
import { bool, day, lazy, nullable, oneOf, RowOf, selectList, text, texts, uuid } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';
import { MembershipTarget } from '../link/link.enums';
import { liveLinks } from '../link/link.sql';
import { today } from '../../graph/day';
import { searchFilter } from '../search/search.sql';
import { servesAreaWithSlug } from '../social-area/social-area.sql';
import { ORGANISATION_SEARCH } from './organisation.entity';
import { OrganisationFilter, OrganisationOrder, OrganisationOrderField } from './organisation.inputs';
import type { ContactPerson } from './organisation.type';
import { GovernanceLevel, OrganisationKind } from './organisation.enums';

/** Alphabetical order (umlauts as their base letter), the default of every list of organisations. */
export const BY_NAME: SortKey[] = orderedBy('sortName', 'text');

export const ORGANISATION_COLUMNS = {
  slug: text(), name: text(), shortName: nullable(text()), kind: oneOf(OrganisationKind), level: oneOf(GovernanceLevel),
  description: lazy(nullable(text()), 'description'),
  website: lazy(nullable(text()), 'website'), email: lazy(nullable(text()), 'email'), phone: lazy(nullable(text()), 'phone'),
  languages: lazy(texts(), 'languages'), offers: lazy(texts(), 'offers'), isCategory: bool(),
  parentId: nullable(uuid()), since: nullable(day()), sortName: text((o) => `ig_fold(${o}.name)`),
  // What the address field and its social area are made of.
  addressStreet: lazy(nullable(text()), 'address'), addressPostalCode: lazy(nullable(text()), 'address'),
  addressCity: lazy(nullable(text()), 'address'), addressSocialAreaId: lazy(nullable(uuid()), 'address'),
};

/** An organisation row as the loaders read it. */
export type OrganisationRow = VersionedRow & RowOf<typeof ORGANISATION_COLUMNS>;

export const ORGANISATIONS = new NodeSource<OrganisationRow>('Organisation', 'organisation', 'o', selectList('o', ORGANISATION_COLUMNS), BY_NAME);

/** The relations that lead to organisations. */
export const TO_ORGANISATIONS = {
  children: { name: 'children', from: 'organisation o', parent: 'o.parent_id' },
  ofField: {
    name: 'ofField',
    from: 'organisation_field_of_action x join organisation o on o.id = x.organisation_id',
    parent: 'x.field_of_action_id',
  },
} satisfies Record<string, Relation<OrganisationRow>>;

/** The root list: filtered, searched and ordered in one statement. */
export async function organisations(
  ctx: Context,
  args: PageRequest,
  filter: OrganisationFilter = {},
  order?: OrganisationOrder | null,
): Promise<Connection<OrganisationRow>> {
  const conditions = new Conditions();
  const search = searchFilter(conditions, filter.search, ORGANISATION_SEARCH, 'o', 'filter.search');
  conditions
    .whenAny(filter.kinds, 'o.kind = any(?::text[])')
    .whenAny(filter.levels, 'o.level = any(?::text[])')
    .when(filter.isCategory, 'o.is_category = ?')
    .when(
      filter.fieldOfAction,
      `exists (select 1 from organisation_field_of_action x join field_of_action f on f.id = x.field_of_action_id
               where x.organisation_id = o.id and f.code = ?)`,
    )
    .when(
      filter.forum,
      `exists (select 1 from ${liveLinks(today(), MembershipTarget.FORUM)} x join forum f on f.id = x.target_id
               where x.organisation_id = o.id and f.archived_at is null and f.code = ?)`,
    )
    .when(
      filter.project,
      `exists (select 1 from ${liveLinks(today(), MembershipTarget.PROJECT)} x join project p on p.id = x.target_id
               where x.organisation_id = o.id and p.archived_at is null and p.slug = ?)`,
    )
    .when(filter.parent, `o.parent_id = (select id from organisation where slug = ? and archived_at is null)`)
    .when(filter.socialArea, servesAreaWithSlug('o'));
  if (filter.modifiedAfter != null) {
    const after = new Date(filter.modifiedAfter).toISOString();
    conditions.add(modifiedAfter('o'), after, after);
  }

  const searching = search !== null;
  const field = order?.field ?? (searching ? OrganisationOrderField.RELEVANCE : OrganisationOrderField.NAME);
  const dir = order?.direction === OrderDirection.DESC ? 'desc' : 'asc';
  let orderBy: SortKey[];
  switch (field) {
    case OrganisationOrderField.RELEVANCE:
      if (!searching) throw badInput('Ordering by RELEVANCE needs filter.search', 'orderBy');
      orderBy = [{ column: 'rank', direction: 'desc', type: 'float8' }, ...BY_NAME];
      break;
    case OrganisationOrderField.CREATED_AT:
    case OrganisationOrderField.UPDATED_AT: {
      const column = field === OrganisationOrderField.CREATED_AT ? 'createdAt' : 'updatedAt';
      orderBy = orderedBy(column, 'text', dir);
      break;
    }
    default:
      orderBy = BY_NAME.map((k) => ({ ...k, direction: dir }));
  }
  return ORGANISATIONS.page(ctx, args, {
    extra: `, ${search?.rank ?? '0::float8'} as rank`,
    where: conditions.where,
    // The rank's placeholders come first: it stands in the select list, before the where clause.
    params: [...(search?.rankParams ?? []), ...conditions.params],
    orderBy,
    costly: searching,
    allColumns: field === OrganisationOrderField.CREATED_AT || field === OrganisationOrderField.UPDATED_AT,
  });
}

type ContactRow = ContactPerson & { organisationId: string };

/** The live contact persons of an organisation, in their order; one statement per request for all organisations asked. */
export function contactsOf(ctx: Context, organisationUuid: string): Promise<ContactRow[]> {
  return ctx.loaders
    .many<string, ContactRow>(
      'contactsOfOrganisation',
      async (ids, sql) =>
        (
          await sql.query<ContactRow & { uuid: string }>(
            `select id as uuid, organisation_id as "organisationId", name, function, email, phone, languages
             from contact_person where organisation_id = any(?::uuid[]) and archived_at is null order by position, name`,
            [ids],
          )
        ).map((c) => ({ ...c, id: toGlobalId('ContactPerson', c.uuid) })),
      (c) => c.organisationId,
    )
    .load(organisationUuid);
}

/* Run inside a write's transaction (tx.em), so that it sees the rows the transaction is about to change. */
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

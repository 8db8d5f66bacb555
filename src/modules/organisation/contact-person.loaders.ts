import type { Context } from '../../graph/context';
import { toGlobalId } from '../../graph/node';
import type { ContactPerson } from './organisation.type';

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

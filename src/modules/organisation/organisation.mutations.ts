import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graph/context';
import { ApiError, badInput } from '../../graph/errors';
import { fromGlobalId } from '../../graph/node';
import { CoordinatorOnly, EditorOf, isCoordinator, Authenticated } from '../auth/policy';
import { ArchiveInput } from '../common/write.inputs';
import { applyPatch, listChange, PayloadType, userErrorsOf, write, WriteTx } from '../common/write';
import { setFieldsOfAction } from '../common/entity-writes';
import { ContactPerson as ContactPersonEntity } from './contact-person.entity';
import { Organisation as OrganisationEntity } from './organisation.entity';
import { contactsOf } from './contact-person.loaders';
import { ORGANISATIONS } from './organisation.loaders';
import { wouldBeOwnAncestor } from './organisation.queries';
import { ContactPerson, Organisation, OrganisationRow } from './organisation.type';
import { ContactPersonInput, CreateOrganisationInput, OrganisationPatch, UpdateOrganisationInput } from './organisation.write-inputs';
import { toGlobalId } from '../../graph/node';

const UpdateOrganisationPayload = PayloadType('UpdateOrganisation', 'organisation', Organisation, 'The result of updateOrganisation.');
const CreateOrganisationPayload = PayloadType('CreateOrganisation', 'organisation', Organisation, 'The result of createOrganisation.');
const ArchiveOrganisationPayload = PayloadType('ArchiveOrganisation', 'organisation', Organisation, 'The result of archiveOrganisation: the organisation as archived.');

/** Fields of the entry a partner editor may not change: they place it in the directory. */
const COORDINATOR_FIELDS = ['name', 'kind', 'level', 'parentId', 'isCategory'] as const;
const SCALARS = ['name', 'shortName', 'kind', 'level', 'isCategory', 'description', 'website', 'email', 'phone', 'languages', 'offers'] as const;

const contactSnapshot = (c: ContactPersonEntity) => ({
  id: toGlobalId('ContactPerson', c.id), name: c.name, function: c.function ?? null, email: c.email ?? null, phone: c.phone ?? null, languages: c.languages,
});

/** Applies a patch (or the fields of a new entry) to an organisation; returns the changes. */
async function applyOrganisationPatch(tx: WriteTx, org: OrganisationEntity, patch: OrganisationPatch) {
  const changes = applyPatch(org, patch as Record<string, unknown>, SCALARS);
  if (patch.parentId !== undefined) {
    const before = org.parent?.id ?? null;
    let after: string | null = null;
    if (patch.parentId !== null) {
      const parent = await tx.load(OrganisationEntity, 'Organisation', patch.parentId, 'patch.parentId');
      if (await wouldBeOwnAncestor(tx.em, org.id, parent.id)) throw badInput('patch.parentId would make the organisation its own ancestor', 'input.patch.parentId');
      org.parent = parent;
      after = parent.id;
    } else {
      org.parent = undefined;
    }
    if (before !== after) changes.parent = { before: before && toGlobalId('Organisation', before), after: after && toGlobalId('Organisation', after) };
  }
  if (patch.fieldsOfAction != null) await setFieldsOfAction(tx, org.fieldsOfAction, patch.fieldsOfAction, changes);
  if (patch.contacts != null) await replaceContacts(tx, org, patch.contacts, changes);
  return changes;
}

/** The contact persons become exactly the given list; people left out are archived, not deleted. */
async function replaceContacts(tx: WriteTx, org: OrganisationEntity, input: ContactPersonInput[], changes: Record<string, { before: unknown; after: unknown }>) {
  const existing = org.id ? await tx.em.find(ContactPersonEntity, { organisation: org, archivedAt: null }, { orderBy: { position: 'asc' } }) : [];
  const before = existing.map(contactSnapshot);
  const byId = new Map(existing.map((c) => [c.id, c]));
  const kept = new Set<string>();
  const after: ContactPersonEntity[] = [];
  input.forEach((c, position) => {
    let contact: ContactPersonEntity;
    if (c.id) {
      const { type, uuid } = fromGlobalId(c.id, `input.patch.contacts[${position}].id`);
      const found = type === 'ContactPerson' ? byId.get(uuid) : undefined;
      if (!found) throw badInput(`contacts[${position}].id is not a contact person of this organisation`, `input.patch.contacts[${position}].id`);
      contact = found;
      kept.add(uuid);
    } else {
      contact = Object.assign(new ContactPersonEntity(), { organisation: org });
      tx.em.persist(contact);
    }
    Object.assign(contact, {
      name: c.name, function: c.function ?? undefined, email: c.email ?? undefined, phone: c.phone ?? undefined, languages: c.languages ?? [], position,
    });
    after.push(contact);
  });
  for (const c of existing) if (!kept.has(c.id)) c.archivedAt = new Date();
  listChange(changes, 'contacts', before, after.map(contactSnapshot));
}

@Resolver(() => Organisation)
export class OrganisationMutations {
  @Mutation(() => UpdateOrganisationPayload, {
    description:
      'Updates an organisation: partners their own (profile, contact persons, fields of action, languages, offers), coordinators any. ' +
      'Name `expectedVersion`: when the entry changed meanwhile the answer is CONFLICT and nothing is written.',
  })
  @EditorOf('input.id', (args) => args.input?.id)
  async updateOrganisation(@Arg('input', () => UpdateOrganisationInput) input: UpdateOrganisationInput, @Ctx() ctx: Context) {
    // What the caller may change comes before whether the values are right.
    const restricted = COORDINATOR_FIELDS.filter((f) => input.patch[f] !== undefined);
    if (restricted.length && !isCoordinator(ctx.viewer)) {
      throw new ApiError('FORBIDDEN', `Only coordinators may change ${restricted.join(', ')}`);
    }
    const userErrors = await userErrorsOf(input);
    if (userErrors.length) return { organisation: null, userErrors };
    const uuid = await write(ctx, async (tx) => {
      const org = await tx.load(OrganisationEntity, 'Organisation', input.id, 'input.id', {
        expectedVersion: input.expectedVersion,
        populate: ['fieldsOfAction', 'parent'],
      });
      const changes = await applyOrganisationPatch(tx, org, input.patch);
      if (Object.keys(changes).length) {
        // Touch the row even when only lists changed, so that the version moves on.
        org.updatedAt = new Date();
        tx.audit({ action: 'UPDATE', entityType: 'Organisation', entityId: org.id, organisationId: org.id, changes });
      }
      return org.id;
    });
    return { organisation: await ORGANISATIONS.byId(ctx, uuid), userErrors: [] };
  }

  @Mutation(() => CreateOrganisationPayload, { description: 'Creates an organisation (coordinators).' })
  @CoordinatorOnly()
  async createOrganisation(@Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput, @Ctx() ctx: Context) {
    const userErrors = await userErrorsOf(input);
    if (userErrors.length) return { organisation: null, userErrors };
    if (await ORGANISATIONS.keyTaken(ctx, 'slug', input.slug)) return { organisation: null, userErrors: [{ field: 'slug', message: `"${input.slug}" is taken`, code: 'DUPLICATE' }] };
    const uuid = await write(ctx, async (tx) => {
      const org = Object.assign(new OrganisationEntity(), { slug: input.slug });
      tx.em.persist(org);
      const changes = await applyOrganisationPatch(tx, org, input);
      changes.slug = { before: null, after: input.slug };
      tx.audit({ action: 'CREATE', entityType: 'Organisation', entityId: org.id, organisationId: org.id, changes });
      return org.id;
    });
    return { organisation: await ORGANISATIONS.byId(ctx, uuid), userErrors: [] };
  }

  @Mutation(() => ArchiveOrganisationPayload, { description: 'Archives an organisation (coordinators): it leaves the public directory; nothing is deleted.' })
  @CoordinatorOnly()
  async archiveOrganisation(@Arg('input', () => ArchiveInput) input: ArchiveInput, @Ctx() ctx: Context) {
    const uuid = await write(ctx, async (tx) => {
      const org = await tx.load(OrganisationEntity, 'Organisation', input.id, 'input.id', { expectedVersion: input.expectedVersion });
      org.archivedAt = new Date();
      tx.audit({ action: 'ARCHIVE', entityType: 'Organisation', entityId: org.id, organisationId: org.id, changes: { archivedAt: { before: null, after: org.archivedAt.toISOString() } } });
      return org.id;
    });
    return { organisation: await ORGANISATIONS.byIdWithArchived(ctx, uuid), userErrors: [] };
  }

  @FieldResolver(() => [ContactPerson], {
    nullable: true,
    description: 'The contact persons. Personal data: needs an API token (any role); without one this field is null with an UNAUTHENTICATED error, and the rest of the answer stands.',
  })
  @Authenticated()
  contacts(@Root() org: OrganisationRow, @Ctx() ctx: Context) {
    return contactsOf(ctx, org.uuid);
  }
}

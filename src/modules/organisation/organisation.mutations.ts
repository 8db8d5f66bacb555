import { Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { type Day, writtenDay } from '../../graph/day';
import { ApiError, badInput } from '../../graph/errors';
import { fromGlobalId, toGlobalId } from '../../graph/node';
import type { FieldChanges } from '../common/audit-entry.entity';
import { EditorOf, isCoordinator } from '../auth/policy';
import { entityMutations } from '../common/entity-writes';
import { setFieldsOfAction } from '../field-of-action/field-of-action.mutations';
import { setServiceAreas, socialAreasBySlug } from '../social-area/social-area.mutations';
import { listChange, WriteTx } from '../common/write';
import { ContactPerson as ContactPersonEntity } from './contact-person.entity';
import { Organisation as OrganisationEntity } from './organisation.entity';
import { ORGANISATIONS, wouldBeOwnAncestor } from './organisation.loaders';
import { Organisation } from './organisation.type';
import { ContactPersonInput, CreateOrganisationInput, OrganisationPatch, PhysicalAddressInput, UpdateOrganisationInput } from './organisation.inputs';

/** Fields of the entry a partner editor may not change: they place it in the directory. */
const COORDINATOR_FIELDS = ['name', 'kind', 'level', 'parentId', 'isCategory', 'since'] as const;

function refuseCoordinatorFields(ctx: Context, patch: OrganisationPatch) {
  const restricted = COORDINATOR_FIELDS.filter((f) => patch[f] !== undefined);
  if (restricted.length && !isCoordinator(ctx.viewer)) {
    throw new ApiError('FORBIDDEN', `Only coordinators may change ${restricted.join(', ')}`);
  }
}

/**
 * The day it joined: as given (never after today: as-of reads rely on it), else for a new
 * entry the day it is created. An entry read from the database keeps its own, unknown too.
 */
function setSince(org: OrganisationEntity, since: Day | null | undefined, changes: FieldChanges) {
  if (since) writtenDay(since, 'input.since');
  if (org.since !== undefined) return;
  org.since = writtenDay(null, 'input.since');
  changes.since = { before: null, after: org.since };
}

/** Hangs the organisation below another (null: at the top); undefined leaves it where it is. */
async function setParent(tx: WriteTx, org: OrganisationEntity, parentId: string | null | undefined, changes: FieldChanges) {
  if (parentId === undefined) return;
  const before = org.parent?.id ?? null;
  let after: string | null = null;
  if (parentId !== null) {
    const parent = await tx.load(OrganisationEntity, 'Organisation', parentId, 'patch.parentId');
    if (await wouldBeOwnAncestor(tx.em, org.id, parent.id)) throw badInput('patch.parentId would make the organisation its own ancestor', 'input.patch.parentId');
    org.parent = parent;
    after = parent.id;
  } else {
    org.parent = undefined;
  }
  if (before !== after) changes.parent = { before: before && toGlobalId('Organisation', before), after: after && toGlobalId('Organisation', after) };
}

const addressSnapshot = (org: OrganisationEntity) =>
  org.addressStreet
    ? { street: org.addressStreet, postalCode: org.addressPostalCode ?? null, city: org.addressCity ?? null, socialArea: org.addressSocialArea?.slug ?? null }
    : null;

/** Sets the address (null removes it, undefined leaves it), its social area by slug; records the change as one field. */
async function setAddress(tx: WriteTx, org: OrganisationEntity, input: PhysicalAddressInput | null | undefined, changes: FieldChanges) {
  if (input === undefined) return;
  const before = addressSnapshot(org);
  const area = input?.socialArea ? (await socialAreasBySlug(tx, [input.socialArea], 'input.patch.address.socialArea'))[0] : undefined;
  Object.assign(org, {
    addressStreet: input?.street.trim(),
    addressPostalCode: input?.postalCode,
    addressCity: input?.city.trim(),
    addressSocialArea: area,
  });
  const after = addressSnapshot(org);
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.address = { before, after };
}

const contactSnapshot = (c: ContactPersonEntity) => ({
  id: toGlobalId('ContactPerson', c.id), name: c.name, function: c.function ?? null, email: c.email ?? null, phone: c.phone ?? null, languages: c.languages,
});

/** The contact persons become exactly the given list (null or omitted: they stay); people left out are archived, not deleted. */
async function replaceContacts(tx: WriteTx, org: OrganisationEntity, input: ContactPersonInput[] | null | undefined, changes: FieldChanges) {
  if (input == null) return;
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
export class OrganisationMutations extends entityMutations({
  type: 'Organisation',
  graphqlType: Organisation,
  entity: OrganisationEntity,
  source: ORGANISATIONS,
  key: 'slug',
  scalars: ['name', 'shortName', 'kind', 'level', 'isCategory', 'since', 'description', 'website', 'email', 'phone', 'languages', 'offers'],
  inputs: { create: CreateOrganisationInput, update: UpdateOrganisationInput },
  noun: 'an organisation',
  descriptions: {
    update:
      'Updates an organisation: partners their own (profile, contact persons, fields of action, languages, offers, service areas, address), coordinators any. ' +
      'Name `expectedVersion`: when the entry changed meanwhile the answer is CONFLICT and nothing is written.',
  },
  payloadDescriptions: { archive: 'The result of archiveOrganisation: the organisation as archived.' },
  // Partners edit their own entry; create and archive stay with coordinators.
  mayUpdate: EditorOf('input.id', (args) => args.input?.id),
  authorizePatch: refuseCoordinatorFields,
  populate: ['fieldsOfAction', 'parent', 'serviceAreas', 'addressSocialArea'],
  applyRelations: async (tx, org, patch, changes) => {
    setSince(org, patch.since, changes);
    await setParent(tx, org, patch.parentId, changes);
    await setFieldsOfAction(tx, org.fieldsOfAction, patch.fieldsOfAction, changes);
    await setServiceAreas(tx, org.serviceAreas, patch.serviceAreas, changes);
    await setAddress(tx, org, patch.address, changes);
    await replaceContacts(tx, org, patch.contacts, changes);
  },
  // Filed under the organisation itself, so that its partners read their entry's history.
  auditOrganisation: (org) => org.id,
}) {}

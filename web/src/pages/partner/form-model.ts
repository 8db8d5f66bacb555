import type { OrganisationForEditingQuery, OrganisationPatch } from 'integration-graph-client/documents';

/*
 * The edit form's values and what becomes of them: the patch holds only the fields the partner
 * changed (compared with the version the form was loaded with), so a reapplied change after a
 * conflict touches nothing else.
 */

export type EditableOrganisation = NonNullable<OrganisationForEditingQuery['organisation']>;

export interface ContactValues {
  /** Stable key of the row in the form. */
  key: string;
  /** Id of an existing contact person; null for a new one. */
  id: string | null;
  name: string;
  function: string;
  email: string;
  phone: string;
  /** ISO codes as typed, separated by commas. */
  languages: string;
}

export interface FormValues {
  shortName: string;
  description: string;
  website: string;
  email: string;
  phone: string;
  languages: string;
  offers: string;
  fieldsOfAction: string[];
  /** Slugs of the social areas served. */
  serviceAreas: string[];
  contacts: ContactValues[];
}

export type PatchKey = keyof FormValues;

/** The fields a partner changes, in the order of the form. */
export const PATCH_KEYS: PatchKey[] = ['shortName', 'description', 'website', 'email', 'phone', 'languages', 'offers', 'fieldsOfAction', 'serviceAreas', 'contacts'];

/** The form's values, and the version they were read at. */
export interface Snapshot {
  id: string;
  version: number;
  updatedAt: string;
  values: FormValues;
}

let contactKeys = 0;
export const newContactKey = () => `new-${++contactKeys}`;

export function snapshotOf(org: EditableOrganisation): Snapshot {
  return {
    id: org.id,
    version: org.version,
    updatedAt: org.updatedAt,
    values: {
      shortName: org.shortName ?? '',
      description: org.description ?? '',
      website: org.website ?? '',
      email: org.email ?? '',
      phone: org.phone ?? '',
      languages: org.languages.join(', '),
      offers: org.offers.join('\n'),
      fieldsOfAction: org.fieldsOfAction.map((f) => f.code).sort(),
      serviceAreas: org.serviceAreas.map((a) => a.slug).sort(),
      contacts: (org.contacts ?? []).map((c) => ({
        key: c.id,
        id: c.id,
        name: c.name,
        function: c.function ?? '',
        email: c.email ?? '',
        phone: c.phone ?? '',
        languages: c.languages.join(', '),
      })),
    },
  };
}

const text = (value: string): string | null => {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};
const codes = (value: string): string[] =>
  value
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
const lines = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** What the API gets for each field: trimmed text or null, lists without empty items. */
export function normalised(values: FormValues): Required<Pick<OrganisationPatch, PatchKey>> {
  return {
    shortName: text(values.shortName),
    description: text(values.description),
    website: text(values.website),
    email: text(values.email),
    phone: text(values.phone),
    languages: codes(values.languages),
    offers: lines(values.offers),
    fieldsOfAction: [...values.fieldsOfAction].sort(),
    serviceAreas: [...values.serviceAreas].sort(),
    contacts: values.contacts.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      // The name is required: an empty one goes as it is and comes back as a problem of its field.
      name: c.name.trim(),
      function: text(c.function),
      email: text(c.email),
      phone: text(c.phone),
      languages: codes(c.languages),
    })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ from the loaded ones. */
export function changedKeys(base: FormValues, values: FormValues): PatchKey[] {
  const before = normalised(base);
  const after = normalised(values);
  return PATCH_KEYS.filter((key) => !same(before[key], after[key]));
}

/** The patch: the changed fields only. */
export function patchOf(base: FormValues, values: FormValues): OrganisationPatch {
  const after = normalised(values);
  const patch: Record<string, unknown> = {};
  for (const key of changedKeys(base, values)) patch[key] = after[key];
  return patch as OrganisationPatch;
}

/** The current values with the partner's changed fields on top (to go on editing after a conflict). */
export function merged(current: FormValues, mine: FormValues, keys: PatchKey[]): FormValues {
  const out = { ...current } as Record<PatchKey, unknown>;
  for (const key of keys) out[key] = mine[key];
  return out as unknown as FormValues;
}

/**
 * Where a problem the API names (`patch.website`, `patch.contacts.0.email`) is shown: the key
 * of its control in the form.
 */
export function controlKeyOf(field: string): string {
  return field.replace(/^input\./, '').replace(/^patch\./, '').replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '-');
}

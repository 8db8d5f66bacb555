import { FieldsOfActionDocument, OrganisationForEditingDocument, SocialAreasDocument, UpdateOrganisationDocument, type OrganisationPatch } from 'integration-graph-client/documents';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../lib/ui';
import { ChangeValue, ErrorSummary, FieldError, fieldLabel, useFocusOn, type UserErrorLike } from './common';
import {
  changedKeys, type ContactValues, controlKeyOf, type EditableOrganisation, type FormValues, merged, newContactKey, normalised, type PatchKey,
  patchOf, type Snapshot, snapshotOf,
} from './form-model';

/** Prefix of the ids of the form's controls (one form on the page). */
const P = 'edit';
const controlId = (key: string) => `${P}-${key}`;

/** Where the summary's link for a problem leads: its control, or the group it belongs to. */
function targetOf(field: string): string | null {
  const key = controlKeyOf(field);
  if (key === 'fieldsOfAction') return controlId('fieldsOfAction-first');
  if (key === 'serviceAreas') return controlId('serviceAreas-first');
  if (key === 'contacts') return controlId('contacts-add');
  if (/^contacts-\d+$/.test(key)) return controlId(`${key}-name`);
  return typeof document !== 'undefined' && document.getElementById(controlId(key)) ? controlId(key) : controlId('first');
}

interface Conflict {
  /** The values the partner started from. */
  original: Snapshot;
  /** The partner's form, its changed fields and the patch sent. */
  mine: FormValues;
  keys: PatchKey[];
  patch: OrganisationPatch;
  /** What is saved now. */
  current: Snapshot;
}

const NO_NAMES = new Map();

/**
 * The organisation's own fields, as a partner may change them. Sends only what changed, with
 * the version the form was loaded with; problems of the input are shown at their fields; a
 * conflict (someone changed the entry meanwhile) shows both sides and lets the partner apply
 * its change to the current version, or discard it.
 */
export function OrganisationForm({ org, onSaved }: { org: EditableOrganisation; onSaved(): void }) {
  const { t, locale, formatDate } = useI18n();
  const client = useClient();
  const [base, setBase] = useState<Snapshot>(() => snapshotOf(org));
  const [values, setValues] = useState<FormValues>(base.values);
  const [errors, setErrors] = useState<UserErrorLike[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [focusTarget, setFocusTarget] = useState<{ id: string; at: number } | null>(null);
  const [{ fetching: saving }, update] = useMutation(UpdateOrganisationDocument);
  const [{ data: fields }] = useQuery({ query: FieldsOfActionDocument });
  const [{ data: areas }] = useQuery({ query: SocialAreasDocument });

  const summaryRef = useFocusOn<HTMLDivElement>(errors.length ? errors : null);
  const noticeRef = useFocusOn<HTMLParagraphElement>(notice);
  const failureRef = useFocusOn<HTMLParagraphElement>(failure);
  const conflictRef = useFocusOn<HTMLHeadingElement>(conflict);
  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  const dirty = changedKeys(base.values, values);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const errorsOf = (key: string) => errors.filter((e) => controlKeyOf(e.field) === key);

  /** Sends a patch against a version; on CONFLICT reads what is saved now and shows both. */
  const send = async (patch: OrganisationPatch, version: number, original: Snapshot, mine: FormValues, keys: PatchKey[]) => {
    setNotice(null);
    setFailure(null);
    const result = await update({ input: { id: base.id, expectedVersion: version, patch } });
    const payload = result.data?.updateOrganisation;
    if (payload && payload.userErrors.length) {
      if (conflict) {
        // Reapplying met a problem: back to the form, on the current version, with the change in it.
        setBase(conflict.current);
        setValues(merged(conflict.current.values, conflict.mine, conflict.keys));
        setConflict(null);
      }
      setErrors(payload.userErrors);
      return;
    }
    if (payload?.organisation) {
      const saved = snapshotOf(payload.organisation);
      setBase(saved);
      setValues(saved.values);
      setErrors([]);
      setConflict(null);
      setNotice({ text: t.partner.saved(saved.version), at: Date.now() });
      onSaved();
      return;
    }
    if (result.error?.graphQLErrors.some((e) => e.extensions?.code === 'CONFLICT')) {
      const now = await client.query(OrganisationForEditingDocument, { slug: org.slug }, { requestPolicy: 'network-only' }).toPromise();
      if (now.data?.organisation) {
        setErrors([]);
        setConflict({ original, mine, keys, patch, current: snapshotOf(now.data.organisation) });
        return;
      }
      setFailure(now.error ? describeError(t, now.error) : t.notFound);
      return;
    }
    setFailure(result.error ? describeError(t, result.error) : t.notFound);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A contact person needs a name: said before asking the server (which would call it "too long").
    const unnamed = values.contacts.flatMap((c, i) => (c.name.trim() ? [] : [{ field: `patch.contacts.${i}.name`, code: 'REQUIRED', message: '' }]));
    if (unnamed.length) {
      setNotice(null);
      setErrors(unnamed);
      return;
    }
    if (!dirty.length) {
      setErrors([]);
      setNotice({ text: t.partner.noChanges, at: Date.now() });
      return;
    }
    void send(patchOf(base.values, values), base.version, base, values, dirty);
  };

  if (conflict) {
    const before = normalised(conflict.original.values);
    const mine = normalised(conflict.mine);
    const now = normalised(conflict.current.values);
    return (
      <section className="pt-conflict" aria-labelledby={`${P}-conflict-title`}>
        <h3 id={`${P}-conflict-title`} tabIndex={-1} ref={conflictRef}>{t.partner.conflictTitle}</h3>
        <p>{t.partner.conflictIntro(conflict.current.version)}</p>
        <div className="pt-table-wrap">
          <table className="pt-compare">
            <caption className="pt-sr-only">{t.partner.conflictCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.partner.conflictField}</th>
                <th scope="col">{t.partner.conflictOriginal}</th>
                <th scope="col">{t.partner.conflictMine}</th>
                <th scope="col">{t.partner.conflictCurrent}</th>
              </tr>
            </thead>
            <tbody>
              {conflict.keys.map((key) => {
                const meanwhile = JSON.stringify(before[key]) !== JSON.stringify(now[key]);
                return (
                  <tr key={key} data-field={key}>
                    <th scope="row">
                      {fieldLabel(t, key)}
                      {meanwhile && <div><span className="tag pt-tag-warn">{t.partner.conflictChangedMeanwhile}</span></div>}
                    </th>
                    <td><ChangeValue field={key} value={before[key]} names={NO_NAMES} /></td>
                    <td className="pt-mine"><ChangeValue field={key} value={mine[key]} names={NO_NAMES} /></td>
                    <td className="pt-current"><ChangeValue field={key} value={now[key]} names={NO_NAMES} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>{t.partner.conflictOthersKept}</p>
        {failure && <p role="alert" className="error" tabIndex={-1} ref={failureRef}>{t.error(failure)}</p>}
        <div className="pt-actions">
          <button type="button" disabled={saving} onClick={() => void send(conflict.patch, conflict.current.version, conflict.original, conflict.mine, conflict.keys)}>
            {saving ? t.partner.saving : t.partner.reapply}
          </button>
          <button
            type="button"
            className="pt-secondary"
            disabled={saving}
            onClick={() => {
              setBase(conflict.current);
              setValues(merged(conflict.current.values, conflict.mine, conflict.keys));
              setConflict(null);
              setFocusTarget({ id: controlId(conflict.keys[0] === 'fieldsOfAction' ? 'fieldsOfAction-first' : conflict.keys[0] === 'contacts' ? 'contacts-add' : conflict.keys[0]), at: Date.now() });
            }}
          >
            {t.partner.editFurther}
          </button>
          <button
            type="button"
            className="pt-secondary"
            disabled={saving}
            onClick={() => {
              setBase(conflict.current);
              setValues(conflict.current.values);
              setConflict(null);
              setNotice({ text: t.partner.discarded, at: Date.now() });
            }}
          >
            {t.partner.discard}
          </button>
        </div>
      </section>
    );
  }

  const text = (key: 'shortName' | 'description' | 'website' | 'email' | 'phone' | 'languages' | 'offers', type: 'text' | 'url' | 'email' | 'tel' | 'area', autoComplete?: string) => (
    <Field k={key} label={fieldLabel(t, key)} hint={t.partner.hints[key]} errors={errorsOf(key)}>
      {(props) =>
        type === 'area' ? (
          <textarea {...props} rows={key === 'description' ? 6 : 4} value={values[key]} onChange={(e) => set(key, e.target.value)} />
        ) : (
          <input {...props} type={type} autoComplete={autoComplete} value={values[key]} onChange={(e) => set(key, e.target.value)} />
        )
      }
    </Field>
  );

  const setContact = (index: number, change: Partial<ContactValues>) =>
    set('contacts', values.contacts.map((c, i) => (i === index ? { ...c, ...change } : c)));

  return (
    <form noValidate onSubmit={submit} className="pt-form" aria-labelledby="edit-entry-title">
      <ErrorSummary title={t.partner.errorSummary} errors={errors} labelOf={(field) => labelOfProblem(t, field)} targetOf={targetOf} ref={summaryRef} />
      {notice && (
        <p role="status" className="pt-notice" tabIndex={-1} ref={noticeRef}>{notice.text}</p>
      )}
      {failure && <p role="alert" className="error" tabIndex={-1} ref={failureRef}>{t.error(failure)}</p>}
      <p className="muted" id={controlId('first')} tabIndex={-1}>{t.partner.versionInfo(base.version, formatDate(base.updatedAt))}</p>

      {text('shortName', 'text')}
      {text('description', 'area')}
      {text('website', 'url', 'url')}
      {text('email', 'email', 'email')}
      {text('phone', 'tel', 'tel')}
      {text('languages', 'text')}
      {text('offers', 'area')}

      <fieldset className="pt-group" aria-describedby={errorsOf('fieldsOfAction').length ? controlId('fieldsOfAction-error') : undefined}>
        <legend>{fieldLabel(t, 'fieldsOfAction')}</legend>
        <FieldError id={controlId('fieldsOfAction-error')} errors={errorsOf('fieldsOfAction')} />
        <ul className="pt-checks">
          {(fields?.fieldsOfAction ?? []).map((f, i) => (
            <li key={f.code}>
              <input
                id={i === 0 ? controlId('fieldsOfAction-first') : controlId(`fieldsOfAction-${f.code}`)}
                type="checkbox"
                checked={values.fieldsOfAction.includes(f.code)}
                onChange={(e) =>
                  set('fieldsOfAction', e.target.checked ? [...values.fieldsOfAction, f.code].sort() : values.fieldsOfAction.filter((c) => c !== f.code))
                }
              />
              <label htmlFor={i === 0 ? controlId('fieldsOfAction-first') : controlId(`fieldsOfAction-${f.code}`)}>
                {f.code} – {locale === 'en' ? f.nameEn : f.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="pt-group" aria-describedby={controlId('serviceAreas-hint')}>
        <legend>{fieldLabel(t, 'serviceAreas')}</legend>
        <p className="muted" id={controlId('serviceAreas-hint')}>{t.partner.hints.serviceAreas}</p>
        <FieldError id={controlId('serviceAreas-error')} errors={errorsOf('serviceAreas')} />
        <ul className="pt-checks">
          {(areas?.socialAreas ?? []).map((a, i) => {
            const id = i === 0 ? controlId('serviceAreas-first') : controlId(`serviceAreas-${a.slug}`);
            return (
              <li key={a.slug}>
                <input
                  id={id}
                  type="checkbox"
                  checked={values.serviceAreas.includes(a.slug)}
                  onChange={(e) =>
                    set('serviceAreas', e.target.checked ? [...values.serviceAreas, a.slug].sort() : values.serviceAreas.filter((s) => s !== a.slug))
                  }
                />
                <label htmlFor={id}>{a.name}</label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="pt-group" aria-describedby={controlId('contacts-hint')}>
        <legend>{fieldLabel(t, 'contacts')}</legend>
        <p className="muted" id={controlId('contacts-hint')}>{t.partner.hints.contacts}</p>
        <FieldError id={controlId('contacts-error')} errors={errorsOf('contacts')} />
        {values.contacts.length === 0 && <p>{t.partner.noContactsYet}</p>}
        {values.contacts.map((c, i) => {
          const k = (field: string) => `contacts-${i}-${field}`;
          const caption = c.name.trim() ? `${t.partner.contact(i + 1)}: ${c.name.trim()}` : t.partner.contact(i + 1);
          return (
            <fieldset key={c.key} className="pt-contact">
              <legend>{caption}</legend>
              <Field k={k('name')} label={t.partner.fields.name} errors={errorsOf(k('name'))}>
                {(props) => <input {...props} type="text" autoComplete="off" value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />}
              </Field>
              <Field k={k('function')} label={t.partner.fields.function} errors={errorsOf(k('function'))}>
                {(props) => <input {...props} type="text" autoComplete="off" value={c.function} onChange={(e) => setContact(i, { function: e.target.value })} />}
              </Field>
              <Field k={k('email')} label={t.partner.fields.email} errors={errorsOf(k('email'))}>
                {(props) => <input {...props} type="email" autoComplete="off" value={c.email} onChange={(e) => setContact(i, { email: e.target.value })} />}
              </Field>
              <Field k={k('phone')} label={t.partner.fields.phone} errors={errorsOf(k('phone'))}>
                {(props) => <input {...props} type="tel" autoComplete="off" value={c.phone} onChange={(e) => setContact(i, { phone: e.target.value })} />}
              </Field>
              <Field k={k('languages')} label={t.partner.fields.languages} hint={t.partner.hints.languages} errors={errorsOf(k('languages'))}>
                {(props) => <input {...props} type="text" autoComplete="off" value={c.languages} onChange={(e) => setContact(i, { languages: e.target.value })} />}
              </Field>
              <button
                type="button"
                className="pt-secondary"
                onClick={() => {
                  set('contacts', values.contacts.filter((_, j) => j !== i));
                  setFocusTarget({ id: controlId('contacts-add'), at: Date.now() });
                }}
              >
                {t.partner.removeContact(c.name.trim() || t.partner.contact(i + 1))}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="pt-secondary"
          id={controlId('contacts-add')}
          onClick={() => {
            set('contacts', [...values.contacts, { key: newContactKey(), id: null, name: '', function: '', email: '', phone: '', languages: '' }]);
            setFocusTarget({ id: controlId(`contacts-${values.contacts.length}-name`), at: Date.now() });
          }}
        >
          {t.partner.addContact}
        </button>
      </fieldset>

      <div className="pt-actions">
        <button type="submit" disabled={saving}>{saving ? t.partner.saving : t.partner.save}</button>
        <button
          type="button"
          className="pt-secondary"
          disabled={!dirty.length || saving}
          onClick={() => {
            setValues(base.values);
            setErrors([]);
          }}
        >
          {t.partner.resetForm}
        </button>
      </div>
    </form>
  );
}

/** "Website", "Ansprechperson 2 – E-Mail-Adresse": what a problem's field is called in the form. */
function labelOfProblem(t: ReturnType<typeof useI18n>['t'], field: string): string {
  const key = controlKeyOf(field);
  const contact = /^contacts-(\d+)(?:-(\w+))?$/.exec(key);
  if (contact) return contact[2] ? `${t.partner.contact(Number(contact[1]) + 1)} – ${fieldLabel(t, contact[2])}` : t.partner.contact(Number(contact[1]) + 1);
  return fieldLabel(t, key);
}

/** A labelled control with its hint and its problems, the problems between the label and the control. */
function Field({
  k,
  label,
  hint,
  errors,
  children,
}: {
  k: string;
  label: string;
  hint?: string;
  errors: UserErrorLike[];
  children(props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }): ReactNode;
}) {
  const id = controlId(k);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errors.length ? 'pt-field pt-invalid' : 'pt-field'}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="pt-hint" id={hintId}>{hint}</p>}
      <FieldError id={errorId} errors={errors} />
      {children({ id, 'aria-describedby': describedBy, ...(errors.length ? { 'aria-invalid': true as const } : {}) })}
    </div>
  );
}

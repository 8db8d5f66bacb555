import { NodesDocument } from 'integration-graph-client/documents';
import { type ReactNode, type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { pathTo } from '../../lib/ui';
import './partner.css';

/*
 * What the partners' and the coordination office's pages share: dates with times, the
 * problems of a form (a summary at the top, each problem next to its field), focus moved
 * where the answer is, and names for the ids the API returns.
 */

type T = ReturnType<typeof useI18n>['t'];

/** A date with its time, as people of the locale write it. */
export function useDateTime(): (iso: string) => string {
  const { locale } = useI18n();
  return useCallback(
    (iso: string) => new Date(iso).toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    [locale],
  );
}

/** A short date (30.11.2026, 30 Nov 2026). */
export function useShortDate(): (iso: string) => string {
  const { locale } = useI18n();
  return useCallback((iso: string) => new Date(iso).toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium' }), [locale]);
}

/** Moves the focus to the element when `signal` changes to something truthy (a notice, a new error list). */
export function useFocusOn<E extends HTMLElement>(signal: unknown): RefObject<E | null> {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (signal) ref.current?.focus();
  }, [signal]);
  return ref;
}

export interface UserErrorLike {
  field: string;
  message: string;
  code: string;
}

/** A problem in the reader's language where its code says enough, else the server's words. */
export function describeUserError(t: T, error: UserErrorLike): string {
  return t.partner.errorCodes[error.code] ?? error.message;
}

/**
 * The problems of a form, at its top: announced, focused (by the caller's ref), each linking to
 * its field.
 */
export function ErrorSummary({
  title,
  errors,
  labelOf,
  targetOf,
  ref,
}: {
  title: string;
  errors: UserErrorLike[];
  labelOf(field: string): string;
  targetOf(field: string): string | null;
  ref?: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  if (!errors.length) return null;
  return (
    <div className="pt-error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="pt-error-summary-title">
      <h2 id="pt-error-summary-title">{title}</h2>
      <ul>
        {errors.map((e, i) => {
          const target = targetOf(e.field);
          const text = `${labelOf(e.field)}: ${describeUserError(t, e)}`;
          return (
            <li key={`${e.field}-${i}`}>
              {target ? (
                <a
                  href={`#${target}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const el = document.getElementById(target);
                    el?.focus();
                    el?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The problems of one field, next to it. */
export function FieldError({ id, errors }: { id: string; errors: UserErrorLike[] }) {
  const { t } = useI18n();
  if (!errors.length) return null;
  return (
    <p id={id} className="pt-field-error">
      {errors.map((e) => describeUserError(t, e)).join(' ')}
    </p>
  );
}

/** A name and a page for each id the API returned (organisations, forums, bodies, projects). */
export interface NamedNode {
  name: string;
  path: string | null;
}

/** Looks up what the ids name, in one request (at most 100 ids); unknown ones stay out of the map. */
export function useNodeNames(ids: string[]): Map<string, NamedNode> {
  const joined = [...new Set(ids)].sort().slice(0, 100).join(',');
  const unique = useMemo(() => (joined ? joined.split(',') : []), [joined]);
  const [{ data }] = useQuery({ query: NodesDocument, variables: { ids: unique }, pause: unique.length === 0 });
  return useMemo(() => {
    const map = new Map<string, NamedNode>();
    for (const node of data?.nodes ?? []) {
      if (!node) continue;
      switch (node.__typename) {
        case 'Organisation':
          map.set(node.id, { name: node.name, path: pathTo.organisation(node.slug) });
          break;
        case 'Forum':
          map.set(node.id, { name: node.name, path: pathTo.forum(node.code) });
          break;
        case 'Body':
          map.set(node.id, { name: node.name, path: pathTo.body(node.slug) });
          break;
        case 'Project':
          map.set(node.id, { name: node.name, path: pathTo.project(node.slug) });
          break;
        case 'FieldOfAction':
          map.set(node.id, { name: `${node.code} – ${node.name}`, path: pathTo.field(node.code) });
          break;
      }
    }
    return map;
  }, [data]);
}

/** Fields of the audit trail whose values are ids of the directory's entries. */
export const ID_FIELDS = new Set(['parent', 'forum', 'body', 'project', 'target']);

/** Lists shown one item a line (contact persons, offers); other lists are joined with commas. */
const LINE_LISTS = new Set(['contacts', 'offers']);

interface ContactLike {
  name?: string;
  function?: string | null;
  email?: string | null;
  phone?: string | null;
  languages?: string[];
}

const contactLine = (c: ContactLike) =>
  [c.name, c.function, c.email, c.phone, c.languages?.length ? c.languages.join(', ') : null].filter(Boolean).join(' · ');

/** A value of the audit trail (or of the conflict view), readable: names for ids, labels for codes, dates for times. */
export function ChangeValue({ field, value, names }: { field: string; value: unknown; names: Map<string, NamedNode> }): ReactNode {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const one = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return t.partner.empty;
    if (typeof v === 'boolean') return v ? t.partner.yes : t.partner.no;
    if (typeof v === 'string') {
      if (ID_FIELDS.has(field)) return names.get(v)?.name ?? v;
      if (field === 'role') return t.roles[v] ?? t.partner.actorRoles[v] ?? v;
      if (field === 'status') return t.partner.requestStatus[v] ?? t.status[v] ?? v;
      if (field === 'kind') return t.kinds[v] ?? t.bodyKinds[v] ?? v;
      if (field === 'level') return t.levels[v] ?? v;
      if (field.endsWith('At') && !Number.isNaN(Date.parse(v))) return dateTime(v);
      return v;
    }
    if (typeof v === 'object' && !Array.isArray(v) && 'name' in (v as object)) return contactLine(v as ContactLike);
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  if (Array.isArray(value)) {
    if (value.length === 0) return t.partner.empty;
    if (LINE_LISTS.has(field) || value.some((v) => typeof v === 'object' && v !== null)) {
      return (
        <ul className="pt-plain">
          {value.map((v, i) => <li key={i}>{one(v)}</li>)}
        </ul>
      );
    }
    return value.map(one).join(', ');
  }
  if (typeof value === 'string' && ID_FIELDS.has(field)) {
    const named = names.get(value);
    if (named?.path) return <Link to={named.path}>{named.name}</Link>;
  }
  return one(value);
}

/** The label of a field of the audit trail or of the form. */
export function fieldLabel(t: T, field: string): string {
  return t.partner.fields[field] ?? field;
}

/** "Fachforum V", "Gremium Steuerungs-AG", "Projekt Frühstart": the kind of target, unless its name says it already. */
export function targetLabel(t: T, targetType: string, name: string): string {
  const kind = t.partner.targetTypes[targetType] ?? '';
  return !kind || name.toLowerCase().includes(kind.toLowerCase()) ? '' : kind;
}

import { OrganisationsDocument } from 'integration-graph-client/documents';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';

export interface PickedOrganisation {
  id: string;
  name: string;
}

/**
 * Finds organisations by name (the server's typo-tolerant search) and offers the hits as
 * buttons: works for ten organisations and for ten thousand. Enter takes the first hit.
 */
export function OrganisationPicker({
  label,
  hint,
  exclude = [],
  onPick,
  inputId,
  describedBy,
  invalid,
}: {
  label: string;
  hint?: string;
  exclude?: string[];
  onPick(organisation: PickedOrganisation): void;
  inputId?: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const ownId = useId();
  const id = inputId ?? `${ownId}-search`;
  const hintId = `${id}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const active = query.length >= 2;
  const [{ data, fetching }] = useQuery({ query: OrganisationsDocument, variables: { filter: { search: query }, first: 8 }, pause: !active });
  const hits = active ? (data?.organisations.nodes ?? []).filter((o) => !exclude.includes(o.id)) : [];
  const pick = (o: PickedOrganisation) => {
    onPick({ id: o.id, name: o.name });
    setTyped('');
    setQuery('');
    inputRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (hits[0] && typed.trim() === query) pick(hits[0]);
  };
  return (
    <div className="pt-picker">
      <label htmlFor={id}>{label}</label>
      {hint && <p className="pt-hint" id={hintId}>{hint} {t.partner.pickerHint}</p>}
      <input
        id={id}
        ref={inputRef}
        type="search"
        autoComplete="off"
        value={typed}
        maxLength={200}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={[hint ? hintId : null, describedBy].filter(Boolean).join(' ') || undefined}
        aria-invalid={invalid ? true : undefined}
      />
      <div aria-live="polite">
        {active && !fetching && data && hits.length === 0 && <p className="muted">{t.partner.noMatches}</p>}
        {hits.length > 0 && (
          <ul className="pt-hits">
            {hits.map((o) => (
              <li key={o.id}>
                <button type="button" className="pt-secondary" aria-label={t.partner.pick(o.name)} onClick={() => pick(o)}>
                  {o.name}
                  {o.shortName && <span className="muted"> ({o.shortName})</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

import { FieldsOfActionDocument, ForumsDocument, SocialAreasDocument } from 'integration-graph-client/documents';
import { useId } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';

/*
 * The choices of a field of action and of a forum, as the directory, the network map and the
 * downloads offer them: each a labelled select with "any" first, its options read once (urql
 * shares the query among the pages).
 */

interface ChoiceProps {
  value: string;
  onChange(code: string): void;
}

/**
 * The day to show the graph as it stood on: a date field, empty for today. Days after today
 * are not offered (the server reads them as today).
 */
export function AsOfInput({ value, onChange }: ChoiceProps) {
  const { t } = useI18n();
  const id = useId();
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' });
  return (
    <div>
      <label htmlFor={id}>{t.directory.asOf}</label>
      <input id={id} type="date" value={value} max={today} min="1990-01-01" onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function FieldOfActionSelect({ value, onChange }: ChoiceProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [{ data }] = useQuery({ query: FieldsOfActionDocument });
  return (
    <div>
      <label htmlFor={id}>{t.directory.fieldOfAction}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.directory.any}</option>
        {data?.fieldsOfAction.map((f) => (
          <option key={f.code} value={f.code}>{f.code} – {locale === 'en' && f.nameEn ? f.nameEn : f.name}</option>
        ))}
      </select>
    </div>
  );
}

export function ForumSelect({ value, onChange }: ChoiceProps) {
  const { t } = useI18n();
  const id = useId();
  const [{ data }] = useQuery({ query: ForumsDocument, variables: { first: 20 } });
  return (
    <div>
      <label htmlFor={id}>{t.directory.forum}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.directory.any}</option>
        {data?.forums.nodes.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
      </select>
    </div>
  );
}

/**
 * The social areas in their order (the city, the Kernstadt and its Stadtbezirke, the
 * Stadtteile); a Stadtbezirk is indented below the Kernstadt.
 */
export function SocialAreaSelect({ value, onChange }: ChoiceProps) {
  const { t } = useI18n();
  const id = useId();
  const [{ data }] = useQuery({ query: SocialAreasDocument });
  return (
    <div>
      <label htmlFor={id}>{t.directory.socialArea}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.directory.any}</option>
        {data?.socialAreas.map((a) => (
          <option key={a.slug} value={a.slug}>{a.kind === 'CITY_DISTRICT' ? '\u00a0\u00a0' : ''}{a.name}</option>
        ))}
      </select>
    </div>
  );
}

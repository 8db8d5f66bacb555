import type { Schema } from 'integration-graph-client';
import { FieldsOfActionDocument, GapsDocument, type GapsQuery } from 'integration-graph-client/documents';
import { Fragment, type ReactNode, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { catalogues } from '../../i18n/messages';
import { pathTo, QueryState } from '../../lib/ui';
import { currentSearchParams } from '../../lib/url';
import './analysis.css';

type Kind = Schema.OrganisationKind;
type Level = Schema.GovernanceLevel;
type Gap = GapsQuery['gaps'][number];

/**
 * What counts as a gap, kept in the URL (`?min=3&kind=HOUSING_COMPANY&level=FEDERAL`) so a
 * report can be shared. Without parameters the README's question: fewer than three partners,
 * housing companies and migrant organisations in every field, a federal partner in every
 * forum. `kind=` (empty) stands for no kind at all, which the API has no word for (it takes
 * "no kinds" as "every kind present").
 */
interface GapsState {
  min: number;
  kinds: Kind[];
  levels: Level[];
}

const DEFAULTS: GapsState = { min: 3, kinds: ['HOUSING_COMPANY', 'MIGRANT_ORGANISATION'], levels: ['FEDERAL'] };
const MIN = 1;
const MAX = 100;
const KINDS = Object.keys(catalogues.de.kinds) as Kind[];
const LEVELS = Object.keys(catalogues.de.levels) as Level[];
/** The order the report tells its gaps in. */
const GROUPS: Schema.GapType[] = ['THIN_FIELD', 'THIN_FORUM', 'KIND_MISSING_IN_FIELD', 'LEVEL_MISSING_IN_FORUM'];

const parseMin = (value: string | null): number | null => {
  if (value === null || !/^\d{1,3}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= MIN && n <= MAX ? n : null;
};

function readGapsState(params: URLSearchParams): GapsState {
  const chosen = <T extends string>(name: string, known: T[], fallback: T[]): T[] =>
    params.has(name) ? known.filter((value) => params.getAll(name).includes(value)) : fallback;
  return { min: parseMin(params.get('min')) ?? DEFAULTS.min, kinds: chosen('kind', KINDS, DEFAULTS.kinds), levels: chosen('level', LEVELS, DEFAULTS.levels) };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((value) => b.includes(value));

/** Only what differs from the defaults, in a fixed order. */
function writeGapsState(state: GapsState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.min !== DEFAULTS.min) params.set('min', String(state.min));
  for (const [name, values, defaults, known] of [['kind', state.kinds, DEFAULTS.kinds, KINDS], ['level', state.levels, DEFAULTS.levels, LEVELS]] as const) {
    if (sameSet(values, defaults)) continue;
    if (!values.length) params.set(name, '');
    for (const value of (known as readonly string[]).filter((v) => (values as readonly string[]).includes(v))) params.append(name, value);
  }
  return params;
}

/**
 * The gap report: where the partner network is thin, in plain sentences grouped by the kind
 * of gap, each naming (and linking) the field of action or forum it is about.
 */
export function GapsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = readGapsState(params);
  const update = (change: Partial<GapsState>, replace = false) => setParams(writeGapsState({ ...readGapsState(currentSearchParams()), ...change }), { replace });
  const [{ data, fetching, error }] = useQuery({
    query: GapsDocument,
    variables: { minPartners: state.min, kinds: state.kinds.length ? state.kinds : undefined, levels: state.levels.length ? state.levels : undefined },
  });
  const gaps = data?.gaps.filter(
    (gap) => (gap.type !== 'KIND_MISSING_IN_FIELD' || state.kinds.length > 0) && (gap.type !== 'LEVEL_MISSING_IN_FORUM' || state.levels.length > 0),
  );
  return (
    <section>
      <h1>{t.analysis.gapsTitle}</h1>
      <p className="lead">{t.analysis.gaps.intro}</p>
      <Settings state={state} update={update} />
      <p className="count" role="status">{gaps && !fetching ? t.analysis.gaps.found(gaps.length) : ''}</p>
      <QueryState fetching={fetching && !gaps} error={error}>
        {gaps && <Report gaps={gaps} state={state} />}
      </QueryState>
    </section>
  );
}

function Settings({ state, update }: { state: GapsState; update(change: Partial<GapsState>, replace?: boolean): void }) {
  const { t } = useI18n();
  const ids = { min: useId(), hint: useId() };
  // The number as typed; the URL (and the query) follow when it is a valid one.
  const [typed, setTyped] = useState(String(state.min));
  useEffect(() => setTyped((current) => (parseMin(current) === state.min ? current : String(state.min))), [state.min]);
  const valid = parseMin(typed) !== null;
  const toggle = <T extends string>(values: T[], value: T, on: boolean) => (on ? [...values, value] : values.filter((v) => v !== value));
  const isDefault = state.min === DEFAULTS.min && sameSet(state.kinds, DEFAULTS.kinds) && sameSet(state.levels, DEFAULTS.levels);
  const kinds = Object.entries(t.kinds).sort(([, a], [, b]) => a.localeCompare(b)) as [Kind, string][];
  return (
    <fieldset className="filters gap-settings">
      <legend>{t.analysis.gaps.settings}</legend>
      <div>
        <label htmlFor={ids.min}>{t.analysis.gaps.minPartners}</label>
        <input
          id={ids.min}
          type="number"
          inputMode="numeric"
          min={MIN}
          max={MAX}
          step={1}
          value={typed}
          aria-describedby={ids.hint}
          aria-invalid={!valid}
          onChange={(e) => {
            setTyped(e.target.value);
            const n = parseMin(e.target.value);
            if (n !== null) update({ min: n }, true);
          }}
        />
        <p id={ids.hint} className={valid ? 'hint muted' : 'hint error'}>{t.analysis.gaps.minPartnersHint}</p>
      </div>
      <fieldset className="checks">
        <legend>{t.analysis.gaps.kinds}</legend>
        <ul>
          {kinds.map(([value, label]) => (
            <li key={value}>
              <label>
                <input type="checkbox" checked={state.kinds.includes(value)} onChange={(e) => update({ kinds: toggle(state.kinds, value, e.target.checked) })} />
                {label}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="checks">
        <legend>{t.analysis.gaps.levels}</legend>
        <ul>
          {(Object.entries(t.levels) as [Level, string][]).map(([value, label]) => (
            <li key={value}>
              <label>
                <input type="checkbox" checked={state.levels.includes(value)} onChange={(e) => update({ levels: toggle(state.levels, value, e.target.checked) })} />
                {label}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {!isDefault && (
        <button type="button" className="link" onClick={() => update(DEFAULTS)}>
          {t.analysis.gaps.reset}
        </button>
      )}
    </fieldset>
  );
}

/** A sentence whose parts are strings and a link. */
function Sentence({ parts }: { parts: ReactNode[] }) {
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{part}</Fragment>
      ))}
    </>
  );
}

/** The gaps of one field of action or forum, in the order the API gave them. */
function byPlace(gaps: Gap[], place: (gap: Gap) => { code: string; name: string } | null | undefined) {
  const groups = new Map<string, { code: string; name: string; gaps: Gap[] }>();
  for (const gap of gaps) {
    const p = place(gap);
    if (!p) continue;
    const group = groups.get(p.code) ?? { code: p.code, name: p.name, gaps: [] };
    group.gaps.push(gap);
    groups.set(p.code, group);
  }
  return [...groups.values()];
}

function Report({ gaps, state }: { gaps: Gap[]; state: GapsState }) {
  const { t, locale } = useI18n();
  const m = t.analysis.gaps;
  // The fields' English names (the gaps carry the German ones only).
  const [{ data: fields }] = useQuery({ query: FieldsOfActionDocument });
  const fieldName = (code: string, name: string) => {
    const english = locale === 'en' ? fields?.fieldsOfAction.find((f) => f.code === code)?.nameEn : undefined;
    return m.fieldName(code, english || name);
  };
  const fieldLink = (f: { code: string; name: string }) => <Link to={pathTo.field(f.code)}>{fieldName(f.code, f.name)}</Link>;
  const forumLink = (f: { code: string; name: string }) => <Link to={pathTo.forum(f.code)}>{f.name}</Link>;
  const of = (type: Schema.GapType) => gaps.filter((gap) => gap.type === type);

  const items: Record<Schema.GapType, { key: string; parts: ReactNode[] }[]> = {
    THIN_FIELD: of('THIN_FIELD').flatMap((gap) =>
      gap.fieldOfAction ? [{ key: gap.fieldOfAction.code, parts: m.thinField(fieldLink(gap.fieldOfAction), gap.count, gap.threshold ?? state.min) }] : [],
    ),
    THIN_FORUM: of('THIN_FORUM').flatMap((gap) =>
      gap.forum ? [{ key: gap.forum.code, parts: m.thinForum(forumLink(gap.forum), gap.count, gap.threshold ?? state.min) }] : [],
    ),
    KIND_MISSING_IN_FIELD: byPlace(of('KIND_MISSING_IN_FIELD'), (gap) => gap.fieldOfAction).map((group) => ({
      key: group.code,
      parts: m.kindMissing(fieldLink(group), group.gaps.map((gap) => (gap.kind ? t.kinds[gap.kind] ?? gap.kind : '?'))),
    })),
    LEVEL_MISSING_IN_FORUM: byPlace(of('LEVEL_MISSING_IN_FORUM'), (gap) => gap.forum).map((group) => ({
      key: group.code,
      parts: m.levelMissing(forumLink(group), group.gaps.map((gap) => (gap.level ? t.levels[gap.level] ?? gap.level : '?'))),
    })),
  };
  const nothingChosen: Partial<Record<Schema.GapType, string>> = {
    KIND_MISSING_IN_FIELD: state.kinds.length ? undefined : m.noKindsChosen,
    LEVEL_MISSING_IN_FORUM: state.levels.length ? undefined : m.noLevelsChosen,
  };
  return (
    <>
      {GROUPS.map((type) => (
        <section key={type} aria-labelledby={`gaps-${type}`}>
          <h2 id={`gaps-${type}`}>{m.groups[type]}</h2>
          {items[type].length ? (
            <ul className="gaps">
              {items[type].map((item) => (
                <li key={item.key}>
                  <Sentence parts={item.parts} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{nothingChosen[type] ?? m.groupNone}</p>
          )}
        </section>
      ))}
    </>
  );
}

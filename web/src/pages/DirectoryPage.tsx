import type { Schema } from 'integration-graph-client';
import { OrganisationsDocument, ProjectsDocument } from 'integration-graph-client/documents';
import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { FieldOfActionSelect, ForumSelect, SocialAreaSelect } from '../lib/filters';
import { directoryFilter, readDirectoryState, writeDirectoryState, type DirectoryState } from '../lib/directory-state';
import { pathTo, QueryState } from '../lib/ui';
import { currentSearchParams } from '../lib/url';

/** How long typing rests before the search runs. */
const DEBOUNCE_MS = 250;
const PAGE_SIZE = 20;

/**
 * The public directory: a typo-tolerant German search and filters, all kept in the URL so a
 * filtered view can be shared or reloaded, and pages read on with "more".
 */
export function DirectoryPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = readDirectoryState(params);
  const [typed, setTyped] = useState(state.q);
  const searchId = useId();

  // The URL follows the search box once typing rests (one history entry, not one per key).
  useEffect(() => {
    if (typed === state.q) return;
    const timer = setTimeout(() => setParams(writeDirectoryState({ ...readDirectoryState(currentSearchParams()), q: typed }), { replace: true }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, state.q, setParams]);
  // ... and the search box follows the URL (back and forward).
  useEffect(() => setTyped(state.q), [state.q]);

  const update = (change: Partial<DirectoryState>) => setParams(writeDirectoryState({ ...readDirectoryState(currentSearchParams()), ...change }));
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const key = params.toString();
  useEffect(() => setPages([null]), [key]);

  return (
    <section>
      <h1>{t.directory.title}</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={searchId}>{t.directory.searchLabel}</label>
        <input id={searchId} type="search" value={typed} placeholder={t.directory.searchPlaceholder} onChange={(e) => setTyped(e.target.value)} maxLength={200} autoComplete="off" />
      </form>
      <Filters state={state} update={update} />
      <div aria-live="polite">
        {pages.map((after, i) => (
          <ResultPage key={`${key}|${after}`} state={state} after={after} first={i === 0} last={i === pages.length - 1} onMore={(cursor) => setPages([...pages, cursor])} />
        ))}
      </div>
    </section>
  );
}

function ResultPage({ state, after, first, last, onMore }: { state: DirectoryState; after: string | null; first: boolean; last: boolean; onMore(cursor: string): void }) {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: OrganisationsDocument, variables: { filter: directoryFilter(state), first: PAGE_SIZE, after } });
  const page = data?.organisations;
  return (
    <QueryState fetching={fetching && !page} error={error}>
      {page && (
        <>
          {first && <p className="count">{page.totalCount ? t.directory.count(page.totalCount) : t.directory.none}</p>}
          <ul className="results">
            {page.nodes.map((o) => (
              <li key={o.id}>
                <Link to={pathTo.organisation(o.slug)}>{o.name}</Link>
                {o.shortName && <span className="muted"> ({o.shortName})</span>}
                <div className="meta">
                  <span className="tag">{t.kinds[o.kind] ?? o.kind}</span>
                  <span className="tag">{t.levels[o.level] ?? o.level}</span>
                  {o.isCategory && <span className="tag">{t.directory.group}</span>}
                  {o.fieldsOfAction.map((f) => (
                    <span key={f.code} className="tag field">{f.code}</span>
                  ))}
                  {o.parent && <span className="muted"> · {o.parent.name}</span>}
                </div>
              </li>
            ))}
          </ul>
          {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
            <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t.directory.more}</button>
          )}
        </>
      )}
    </QueryState>
  );
}

function Filters({ state, update }: { state: DirectoryState; update(change: Partial<DirectoryState>): void }) {
  const { t } = useI18n();
  const [{ data: projects }] = useQuery({ query: ProjectsDocument, variables: { first: 50 } });
  const ids = { kind: useId(), level: useId(), project: useId() };
  const active = state.kinds.length + state.levels.length + (state.field ? 1 : 0) + (state.forum ? 1 : 0) + (state.project ? 1 : 0) + (state.area ? 1 : 0) > 0;
  return (
    <fieldset className="filters">
      <legend>{t.directory.filters}</legend>
      <div>
        <label htmlFor={ids.kind}>{t.directory.kind}</label>
        <select id={ids.kind} value={state.kinds[0] ?? ''} onChange={(e) => update({ kinds: e.target.value ? [e.target.value as Schema.OrganisationKind] : [] })}>
          <option value="">{t.directory.any}</option>
          {Object.entries(t.kinds).sort(([, a], [, b]) => a.localeCompare(b)).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor={ids.level}>{t.directory.level}</label>
        <select id={ids.level} value={state.levels[0] ?? ''} onChange={(e) => update({ levels: e.target.value ? [e.target.value as Schema.GovernanceLevel] : [] })}>
          <option value="">{t.directory.any}</option>
          {Object.entries(t.levels).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <FieldOfActionSelect value={state.field} onChange={(field) => update({ field })} />
      <ForumSelect value={state.forum} onChange={(forum) => update({ forum })} />
      <div>
        <label htmlFor={ids.project}>{t.directory.project}</label>
        <select id={ids.project} value={state.project} onChange={(e) => update({ project: e.target.value })}>
          <option value="">{t.directory.any}</option>
          {projects?.projects.nodes.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
        </select>
      </div>
      <SocialAreaSelect value={state.area} onChange={(area) => update({ area })} />
      {active && <button type="button" className="link" onClick={() => update({ kinds: [], levels: [], field: '', forum: '', project: '', area: '' })}>{t.directory.clear}</button>}
    </fieldset>
  );
}

import { AuditLogDocument, type AuditFilter, type AuditLogQuery } from 'integration-graph-client/documents';
import { Fragment, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { QueryState } from '../../lib/ui';
import { ChangeValue, fieldLabel, ID_FIELDS, useDateTime, useNodeNames } from './common';

const PAGE_SIZE = 20;

type Entry = AuditLogQuery['auditLog']['nodes'][number];

interface PageState {
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * The audit trail as a table, newest first, read on page by page ("more"): when, who, what,
 * and each changed field before and after. Read afresh whenever `refresh` changes (after a
 * write of this page).
 */
export function AuditTrail({
  filter,
  showOrganisation,
  refresh = 0,
  onOrganisation,
  headingId,
}: {
  filter: AuditFilter;
  showOrganisation: boolean;
  refresh?: number;
  /** Offered next to each entry's organisation: narrow the list to it. */
  onOrganisation?(organisation: { id: string; name: string }): void;
  /** The heading that names the table. */
  headingId?: string;
}) {
  const { t } = useI18n();
  const key = `${JSON.stringify(filter)}|${refresh}`;
  // The cursors read so far, for this filter (another filter starts again at the first page).
  const [paging, setPaging] = useState<{ key: string; pages: (string | null)[] }>({ key, pages: [null] });
  const pages = paging.key === key ? paging.pages : [null];
  const [states, setStates] = useState<Record<string, PageState>>({});
  const first = states[`${key}|0`];
  const last = states[`${key}|${pages.length - 1}`];
  return (
    <div>
      {first && <p className="count" aria-live="polite">{first.totalCount ? t.partner.auditCount(first.totalCount) : t.partner.auditEmpty}</p>}
      <div className="pt-table-wrap">
        <table className="pt-audit" aria-labelledby={headingId}>
          <colgroup>
            <col className="pt-col-when" />
            <col className="pt-col-who" />
            <col className="pt-col-what" />
            <col className="pt-col-field" />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t.partner.colWhen}</th>
              <th scope="col">{t.partner.colWho}</th>
              <th scope="col">{t.partner.colWhat}</th>
              <th scope="col">{t.partner.colField}</th>
              <th scope="col">{t.partner.colBefore}</th>
              <th scope="col">{t.partner.colAfter}</th>
            </tr>
          </thead>
          {pages.map((after, i) => (
            <AuditRows
              key={`${key}|${after}`}
              filter={filter}
              after={after}
              showOrganisation={showOrganisation}
              onOrganisation={onOrganisation}
              onState={(state) => setStates((current) => ({ ...current, [`${key}|${i}`]: state }))}
            />
          ))}
        </table>
      </div>
      {last?.hasNextPage && last.endCursor && (
        <button type="button" onClick={() => setPaging({ key, pages: [...pages, last.endCursor] })}>{t.partner.more}</button>
      )}
    </div>
  );
}

function AuditRows({
  filter,
  after,
  showOrganisation,
  onOrganisation,
  onState,
}: {
  filter: AuditFilter;
  after: string | null;
  showOrganisation: boolean;
  onOrganisation?(organisation: { id: string; name: string }): void;
  onState(state: PageState): void;
}) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [{ data, fetching, error }] = useQuery({ query: AuditLogDocument, variables: { filter, first: PAGE_SIZE, after }, requestPolicy: 'network-only' });
  const page = data?.auditLog;
  useEffect(() => {
    if (page) onState({ totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor });
  }, [page]);
  const ids: string[] = [];
  for (const entry of page?.nodes ?? []) {
    if (showOrganisation && entry.organisation) ids.push(entry.organisation.id);
    for (const change of entry.changes) {
      for (const value of [change.before, change.after]) if (ID_FIELDS.has(change.field) && typeof value === 'string') ids.push(value);
    }
  }
  const names = useNodeNames(ids);
  if (!page) {
    return (
      <tbody>
        <tr>
          <td colSpan={6}>
            <QueryState fetching={fetching} error={error} />
          </td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody>
      {page.nodes.map((entry) => (
        <EntryRows key={entry.id} entry={entry} names={names} showOrganisation={showOrganisation} onOrganisation={onOrganisation} dateTime={dateTime} t={t} />
      ))}
    </tbody>
  );
}

function EntryRows({
  entry,
  names,
  showOrganisation,
  onOrganisation,
  dateTime,
  t,
}: {
  entry: Entry;
  names: ReturnType<typeof useNodeNames>;
  showOrganisation: boolean;
  onOrganisation?(organisation: { id: string; name: string }): void;
  dateTime(iso: string): string;
  t: ReturnType<typeof useI18n>['t'];
}) {
  const span = Math.max(1, entry.changes.length);
  const organisation = entry.organisation && names.get(entry.organisation.id);
  const head = (
    <>
      <td rowSpan={span}>
        <time dateTime={entry.at}>{dateTime(entry.at)}</time>
      </td>
      <td rowSpan={span}>
        {entry.actor.name}
        <div className="muted">{t.partner.actorRoles[entry.actor.role] ?? entry.actor.role}</div>
      </td>
      <td rowSpan={span}>
        {t.partner.entityTypes[entry.entityType] ?? entry.entityType} {t.partner.actions[entry.action] ?? entry.action}
        {showOrganisation && entry.organisation && (
          <div>
            <Link to={organisation?.path ?? `/organisation/${encodeURIComponent(entry.organisation.slug)}`}>{organisation?.name ?? entry.organisation.slug}</Link>
            {onOrganisation && (
              <>
                {' '}
                <button
                  type="button"
                  className="link pt-filter"
                  onClick={() => onOrganisation({ id: entry.organisation!.id, name: organisation?.name ?? entry.organisation!.slug })}
                >
                  {t.partner.onlyThis(organisation?.name ?? entry.organisation.slug)}
                </button>
              </>
            )}
          </div>
        )}
      </td>
    </>
  );
  if (!entry.changes.length) {
    return (
      <tr className="pt-entry-start">
        {head}
        <td colSpan={3}>{t.partner.empty}</td>
      </tr>
    );
  }
  return (
    <>
      {entry.changes.map((change, i) => (
        <Fragment key={change.field}>
          <tr className={i === 0 ? 'pt-entry-start' : undefined}>
            {i === 0 && head}
            <th scope="row" className="pt-field-name">{fieldLabel(t, change.field)}</th>
            <td className="pt-before"><ChangeValue field={change.field} value={change.before} names={names} /></td>
            <td className="pt-after"><ChangeValue field={change.field} value={change.after} names={names} /></td>
          </tr>
        </Fragment>
      ))}
    </>
  );
}

import { DecideMembershipRequestDocument, MembershipRequestsDocument, type MembershipRequestsQuery, type MembershipRequestStatus } from 'integration-graph-client/documents';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { usePages, useReportPage, type PageReport } from '../../lib/paging';
import { describeError, pathTo, QueryState } from '../../lib/ui';
import { targetLabel, useFocusOn } from '../partner/common';
import { targetPath } from '../partner/MembershipRequests';
import { CoordinationShell } from './CoordinationShell';

const PAGE_SIZE = 20;

type Request = MembershipRequestsQuery['membershipRequests']['nodes'][number];

/**
 * /koordination/antraege — the queue of membership requests: the pending ones first (oldest
 * first), each approved or declined with a note for the partner; then the decided ones.
 */
export function RequestsPage() {
  const { t } = useI18n();
  return (
    <CoordinationShell title={t.partner.requestsTitle} intro={t.partner.requestsIntro}>
      <Queue />
    </CoordinationShell>
  );
}

function Queue() {
  const { t } = useI18n();
  const [refresh, setRefresh] = useState(0);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useFocusOn<HTMLParagraphElement>(notice);
  const [decided, setDecided] = useState<MembershipRequestStatus>('APPROVED');
  const statusId = useId();
  const onDecided = (text: string) => {
    setNotice({ text, at: Date.now() });
    setRefresh((n) => n + 1);
  };
  return (
    <>
      {notice && <p role="status" className="pt-notice" tabIndex={-1} ref={noticeRef}>{notice.text}</p>}
      <section aria-labelledby="requests-pending">
        <RequestList key={`pending-${refresh}`} status="PENDING" headingId="requests-pending" onDecided={onDecided} />
      </section>
      <section aria-labelledby="requests-decided">
        <h2 id="requests-decided">{t.partner.decidedRequests}</h2>
        <div className="pt-field">
          <label htmlFor={statusId}>{t.partner.statusFilter}</label>
          <select id={statusId} value={decided} onChange={(e) => setDecided(e.target.value as MembershipRequestStatus)} className="pt-narrow">
            <option value="APPROVED">{t.partner.requestStatus.APPROVED}</option>
            <option value="REJECTED">{t.partner.requestStatus.REJECTED}</option>
          </select>
        </div>
        <RequestList key={`${decided}-${refresh}`} status={decided} onDecided={onDecided} />
      </section>
    </>
  );
}

/** The requests in one state, page by page. */
function RequestList({ status, headingId, onDecided }: { status: MembershipRequestStatus; headingId?: string; onDecided(text: string): void }) {
  const { t } = useI18n();
  const { pages, total, hasMore, more, report } = usePages();
  return (
    <>
      {headingId && <h2 id={headingId}>{total === undefined ? t.partner.pendingTitle : t.partner.pendingRequests(total)}</h2>}
      {pages.map((after, i) => (
        <RequestPage
          key={after ?? 'first'}
          status={status}
          after={after}
          onDecided={onDecided}
          onPage={report(i)}
        />
      ))}
      {total === 0 && <p className="muted">{status === 'PENDING' ? t.partner.noPending : t.partner.noDecided}</p>}
      {hasMore && <button type="button" onClick={more}>{t.partner.more}</button>}
    </>
  );
}

function RequestPage({ status, after, onDecided, onPage }: { status: MembershipRequestStatus; after: string | null; onDecided(text: string): void; onPage: PageReport }) {
  const [{ data, fetching, error }] = useQuery({ query: MembershipRequestsDocument, variables: { status, first: PAGE_SIZE, after }, requestPolicy: 'network-only' });
  const page = data?.membershipRequests;
  useReportPage(page, onPage);
  return (
    <QueryState fetching={fetching && !page} error={error}>
      {page && page.nodes.length > 0 && (
        <ul className="pt-requests pt-queue">
          {page.nodes.map((r) => <RequestItem key={r.id} request={r} onDecided={onDecided} />)}
        </ul>
      )}
    </QueryState>
  );
}

function RequestItem({ request: r, onDecided }: { request: Request; onDecided(text: string): void }) {
  const { t, formatDate } = useI18n();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useFocusOn<HTMLParagraphElement>(failure);
  const [{ fetching }, decide] = useMutation(DecideMembershipRequestDocument);
  const orgName = r.organisation?.name ?? '—';
  const targetName = r.target?.name ?? t.partner.unknownTarget;
  const path = targetPath(r.target);
  const run = async (decision: 'APPROVE' | 'REJECT') => {
    setFailure(null);
    const result = await decide({ input: { id: r.id, decision, note: note.trim() || null } });
    const payload = result.data?.decideMembershipRequest;
    if (payload?.userErrors.length) return setFailure(payload.userErrors.map((e) => `${e.field}: ${e.message}`).join(' '));
    if (payload?.request) return onDecided(decision === 'APPROVE' ? t.partner.approved(orgName, targetName) : t.partner.rejected(orgName, targetName));
    setFailure(result.error ? describeError(t, result.error) : t.notFound);
  };
  return (
    <li>
      <p className="pt-request-title">
        {r.organisation ? <Link to={pathTo.organisation(r.organisation.slug)}>{orgName}</Link> : orgName} {t.partner.asks}{' '}
        {r.target && targetLabel(t, r.targetType, r.target.name)} {path ? <Link to={path}>{targetName}</Link> : targetName}{' '}
        <span className="muted">{t.partner.asRole(t.roles[r.role] ?? r.role)}</span>
      </p>
      <p className="muted">
        <span className={`tag pt-status-${r.status.toLowerCase()}`}>{t.partner.requestStatus[r.status] ?? r.status}</span> {t.partner.requestedOn(formatDate(r.createdAt))}
        {r.decidedAt && <> · {t.partner.decidedOn(formatDate(r.decidedAt))}</>}
      </p>
      {r.message && <blockquote className="pt-quote">{r.message}</blockquote>}
      {r.decisionNote && <p><strong>{t.partner.decisionNote}:</strong> {r.decisionNote}</p>}
      {r.status === 'PENDING' && (
        <div className="pt-decide">
          <label htmlFor={noteId}>{t.partner.note}</label>
          <textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          {failure && <p role="alert" className="error" tabIndex={-1} ref={failureRef}>{t.error(failure)}</p>}
          <div className="pt-actions">
            <button type="button" disabled={fetching} aria-label={t.partner.approveLabel(orgName, targetName)} onClick={() => void run('APPROVE')}>
              {t.partner.approve}
            </button>
            <button type="button" className="pt-danger" disabled={fetching} aria-label={t.partner.rejectLabel(orgName, targetName)} onClick={() => void run('REJECT')}>
              {t.partner.reject}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

import {
  BodiesDocument, ForumsDocument, MembershipRequestsDocument, OrganisationDocument, ProjectsDocument, RequestMembershipDocument,
  type MembershipRequestsQuery,
} from 'integration-graph-client/documents';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { describeError, pathTo, QueryState } from '../../lib/ui';
import { describeUserError, FieldError, targetLabel, useFocusOn, type UserErrorLike } from './common';

type Request = MembershipRequestsQuery['membershipRequests']['nodes'][number];

/** Where a request's forum, body or project has its page. */
export function targetPath(target: Request['target']): string | null {
  if (!target) return null;
  switch (target.__typename) {
    case 'Forum':
      return pathTo.forum(target.code);
    case 'Body':
      return pathTo.body(target.slug);
    case 'Project':
      return pathTo.project(target.slug);
  }
}

/**
 * A partner asks to join a forum, body or project for its organisation (the coordination office
 * decides), and sees its own requests and what became of them.
 */
export function MembershipRequestSection({ organisation, onRequested }: { organisation: { id: string; slug: string; name: string }; onRequested(): void }) {
  const { t, formatDate } = useI18n();
  const [{ data: forums }] = useQuery({ query: ForumsDocument, variables: { first: 20 } });
  const [{ data: bodies }] = useQuery({ query: BodiesDocument, variables: { first: 20 } });
  const [{ data: projects }] = useQuery({ query: ProjectsDocument, variables: { first: 100 } });
  const [{ data: current }, reloadCurrent] = useQuery({ query: OrganisationDocument, variables: { slug: organisation.slug } });
  const [{ data: requests, fetching, error }, reloadRequests] = useQuery({ query: MembershipRequestsDocument, variables: { first: 100 }, requestPolicy: 'network-only' });
  const [{ fetching: sending }, request] = useMutation(RequestMembershipDocument);
  const [targetId, setTargetId] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<UserErrorLike[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useFocusOn<HTMLParagraphElement>(notice);
  const failureRef = useFocusOn<HTMLParagraphElement>(failure);
  const targetRef = useFocusOn<HTMLSelectElement>(errors.some((e) => e.field !== 'message') ? errors : null);
  const messageRef = useFocusOn<HTMLTextAreaElement>(errors.length && errors.every((e) => e.field === 'message') ? errors : null);

  const own = (requests?.membershipRequests.nodes ?? []).filter((r) => r.organisation?.id === organisation.id);
  const pending = new Set(own.filter((r) => r.status === 'PENDING').map((r) => r.target?.id));
  const members = new Set([
    ...(current?.organisation?.forums.edges.map((e) => e.node.id) ?? []),
    ...(current?.organisation?.bodies.edges.map((e) => e.node.id) ?? []),
    ...(current?.organisation?.projects.edges.map((e) => e.node.id) ?? []),
  ]);
  const names = new Map<string, string>([
    ...(forums?.forums.nodes.map((f) => [f.id, f.name] as [string, string]) ?? []),
    ...(bodies?.bodies.nodes.map((b) => [b.id, b.name] as [string, string]) ?? []),
    ...(projects?.projects.nodes.map((p) => [p.id, p.name] as [string, string]) ?? []),
  ]);
  const option = (id: string, name: string) => {
    const why = members.has(id) ? t.partner.alreadyMember : pending.has(id) ? t.partner.requestPending : null;
    return (
      <option key={id} value={id} disabled={!!why}>
        {why ? `${name} (${why})` : name}
      </option>
    );
  };
  const targetErrors = errors.filter((e) => e.field !== 'message');
  const messageErrors = errors.filter((e) => e.field === 'message');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setFailure(null);
    if (!targetId) {
      setErrors([{ field: 'targetId', code: 'CHOOSE', message: t.partner.chooseTargetFirst }]);
      return;
    }
    const result = await request({ input: { organisationId: organisation.id, targetId, message: message.trim() || null } });
    const payload = result.data?.requestMembership;
    if (payload?.userErrors.length) {
      setErrors(payload.userErrors);
      return;
    }
    if (payload?.request) {
      setErrors([]);
      setNotice({ text: t.partner.requestSent(names.get(targetId) ?? ''), at: Date.now() });
      setTargetId('');
      setMessage('');
      reloadRequests({ requestPolicy: 'network-only' });
      reloadCurrent({ requestPolicy: 'network-only' });
      onRequested();
      return;
    }
    setFailure(result.error ? describeError(t, result.error) : t.notFound);
  };

  return (
    <>
      <p>{t.partner.membershipIntro}</p>
      <form noValidate onSubmit={submit} className="pt-form">
        {notice && <p role="status" className="pt-notice" tabIndex={-1} ref={noticeRef}>{notice.text}</p>}
        {failure && <p role="alert" className="error" tabIndex={-1} ref={failureRef}>{t.error(failure)}</p>}
        <div className={targetErrors.length ? 'pt-field pt-invalid' : 'pt-field'}>
          <label htmlFor="join-target">{t.partner.target}</label>
          {targetErrors.length > 0 && (
            <p id="join-target-error" className="pt-field-error" role="alert">{targetErrors.map((e) => describeUserError(t, e)).join(' ')}</p>
          )}
          <select
            id="join-target"
            ref={targetRef}
            value={targetId}
            onChange={(e) => setTargetId(e.target.value)}
            aria-invalid={targetErrors.length ? true : undefined}
            aria-describedby={targetErrors.length ? 'join-target-error' : undefined}
          >
            <option value="">{t.partner.chooseTarget}</option>
            <optgroup label={t.partner.groupForums}>{forums?.forums.nodes.map((f) => option(f.id, f.name))}</optgroup>
            <optgroup label={t.partner.groupBodies}>{bodies?.bodies.nodes.map((b) => option(b.id, b.name))}</optgroup>
            <optgroup label={t.partner.groupProjects}>{projects?.projects.nodes.map((p) => option(p.id, p.name))}</optgroup>
          </select>
        </div>
        <div className={messageErrors.length ? 'pt-field pt-invalid' : 'pt-field'}>
          <label htmlFor="join-message">{t.partner.message}</label>
          <FieldError id="join-message-error" errors={messageErrors} />
          <textarea
            id="join-message"
            ref={messageRef}
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-invalid={messageErrors.length ? true : undefined}
            aria-describedby={messageErrors.length ? 'join-message-error' : undefined}
          />
        </div>
        <div className="pt-actions">
          <button type="submit" disabled={sending}>{sending ? t.partner.saving : t.partner.sendRequest}</button>
        </div>
      </form>

      <h3>{t.partner.ownRequests}</h3>
      <QueryState fetching={fetching && !requests} error={error}>
        {own.length === 0 ? (
          <p className="muted">{t.partner.noRequests}</p>
        ) : (
          <ul className="pt-requests">
            {[...own].reverse().map((r) => {
              const path = targetPath(r.target);
              return (
                <li key={r.id}>
                  <span className={`tag pt-status-${r.status.toLowerCase()}`}>{t.partner.requestStatus[r.status] ?? r.status}</span>{' '}
                  {r.target && targetLabel(t, r.targetType, r.target.name)}{' '}
                  {r.target ? path ? <Link to={path}>{r.target.name}</Link> : r.target.name : t.partner.unknownTarget}
                  <span className="muted"> · {t.partner.requestedOn(formatDate(r.createdAt))}</span>
                  {r.decidedAt && <span className="muted"> · {t.partner.decidedOn(formatDate(r.decidedAt))}</span>}
                  {r.message && <div className="pt-quote">{r.message}</div>}
                  {r.decisionNote && (
                    <div>
                      <strong>{t.partner.decisionNote}:</strong> {r.decisionNote}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </>
  );
}

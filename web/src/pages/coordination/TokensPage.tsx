import { ApiTokensDocument, CreateApiTokenDocument, RevokeApiTokenDocument, type ApiTokensQuery, type Role } from 'integration-graph-client/documents';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { usePages, useReportPage, type PageReport } from '../../lib/paging';
import { describeError, QueryState } from '../../lib/ui';
import { useViewer } from '../../lib/viewer';
import { ErrorSummary, FieldError, useDateTime, useFocusOn, useNodeNames, useShortDate, type UserErrorLike } from '../partner/common';
import { CoordinationShell } from './CoordinationShell';
import { OrganisationPicker, type PickedOrganisation } from './OrganisationPicker';

const PAGE_SIZE = 20;

type Token = ApiTokensQuery['apiTokens']['nodes'][number];

/**
 * /koordination/zugaenge — access keys: issue one (its secret shown once, with a copy button
 * and the warning that it will not be shown again), list them, revoke one (after confirming).
 */
export function TokensPage() {
  const { t } = useI18n();
  return (
    <CoordinationShell title={t.partner.tokensTitle} intro={t.partner.tokensIntro}>
      <Tokens />
    </CoordinationShell>
  );
}

function Tokens() {
  const [refresh, setRefresh] = useState(0);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useFocusOn<HTMLParagraphElement>(notice);
  return (
    <>
      <IssueToken onIssued={() => setRefresh((n) => n + 1)} />
      {notice && <p role="status" className="pt-notice" tabIndex={-1} ref={noticeRef}>{notice.text}</p>}
      <TokenList
        key={refresh}
        onRevoked={(text) => {
          setNotice({ text, at: Date.now() });
          setRefresh((n) => n + 1);
        }}
      />
    </>
  );
}

const ROLES: Role[] = ['PARTNER_EDITOR', 'COORDINATOR', 'ADMIN'];

/** Where each problem the API names is shown. */
const CONTROL: Record<string, string> = { name: 'token-name', role: 'token-role', organisationIds: 'token-organisations', expiresInDays: 'token-expires' };
const controlOf = (field: string) => CONTROL[field.replace(/^input\./, '').split('.')[0]] ?? null;

function IssueToken({ onIssued }: { onIssued(): void }) {
  const { t } = useI18n();
  const { viewer } = useViewer();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('PARTNER_EDITOR');
  const [organisations, setOrganisations] = useState<PickedOrganisation[]>([]);
  const [days, setDays] = useState('365');
  const [errors, setErrors] = useState<UserErrorLike[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);
  const [{ fetching }, create] = useMutation(CreateApiTokenDocument);
  const summaryRef = useFocusOn<HTMLDivElement>(errors.length ? errors : null);
  const failureRef = useFocusOn<HTMLParagraphElement>(failure);
  const secretRef = useFocusOn<HTMLHeadingElement>(issued);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const errorsOf = (control: string) => errors.filter((e) => controlOf(e.field) === control);
  const labelOf = (field: string) => {
    const control = controlOf(field);
    return control === 'token-name' ? t.partner.tokenName : control === 'token-role' ? t.partner.tokenRole : control === 'token-organisations' ? t.partner.tokenOrganisations : control === 'token-expires' ? t.partner.expiresInDays : field;
  };
  const roles = ROLES.filter((r) => r !== 'ADMIN' || viewer?.role === 'ADMIN');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setCopy(null);
    if (!name.trim()) {
      setErrors([{ field: 'name', code: 'REQUIRED', message: '' }]);
      return;
    }
    const trimmedDays = days.trim();
    const expiresInDays = trimmedDays === '' ? null : Number(trimmedDays);
    if (expiresInDays !== null && !Number.isInteger(expiresInDays)) {
      setErrors([{ field: 'expiresInDays', code: 'INVALID', message: t.partner.expiresHint }]);
      return;
    }
    const result = await create({
      input: { name: name.trim(), role, organisationIds: role === 'PARTNER_EDITOR' ? organisations.map((o) => o.id) : null, expiresInDays },
    });
    const payload = result.data?.createApiToken;
    if (payload?.userErrors.length) return setErrors(payload.userErrors);
    if (payload?.secret && payload.token) {
      setErrors([]);
      setIssued({ name: payload.token.name, secret: payload.secret });
      setName('');
      setOrganisations([]);
      setDays('365');
      onIssued();
      return;
    }
    setErrors([]);
    setFailure(result.error ? describeError(t, result.error) : t.notFound);
  };

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(issued!.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section aria-labelledby="token-issue-title">
      {issued && (
        <div className="pt-secret" aria-labelledby="token-secret-title">
          <h2 id="token-secret-title" tabIndex={-1} ref={secretRef}>{t.partner.secretTitle(issued.name)}</h2>
          <p className="pt-warning" id="token-secret-warning"><strong>{t.partner.secretWarning}</strong></p>
          <label htmlFor="token-secret">{t.partner.secretLabel}</label>
          <p className="pt-hint" id="token-secret-hint">{t.partner.copyHint}</p>
          <input
            id="token-secret"
            type="text"
            readOnly
            value={issued.secret}
            className="pt-mono"
            aria-describedby="token-secret-warning token-secret-hint"
            onFocus={(e) => e.currentTarget.select()}
            onClick={(e) => e.currentTarget.select()}
          />
          <div className="pt-actions">
            <button type="button" onClick={() => void copySecret()}>{t.partner.copy}</button>
            <button
              type="button"
              className="pt-secondary"
              onClick={() => {
                setIssued(null);
                setCopy(null);
                formHeading.current?.focus();
              }}
            >
              {t.partner.hideSecret}
            </button>
          </div>
          <p role="status">{copy === 'copied' ? t.partner.copied : copy === 'failed' ? t.partner.copyFailed : ''}</p>
        </div>
      )}
      <h2 id="token-issue-title" tabIndex={-1} ref={formHeading}>{t.partner.issueTitle}</h2>
      <form noValidate onSubmit={submit} className="pt-form">
        <ErrorSummary title={t.partner.issueErrorSummary} errors={errors} labelOf={labelOf} targetOf={controlOf} ref={summaryRef} />
        {failure && <p role="alert" className="error" tabIndex={-1} ref={failureRef}>{t.error(failure)}</p>}
        <div className={errorsOf('token-name').length ? 'pt-field pt-invalid' : 'pt-field'}>
          <label htmlFor="token-name">{t.partner.tokenName}</label>
          <p className="pt-hint" id="token-name-hint">{t.partner.tokenNameHint}</p>
          <FieldError id="token-name-error" errors={errorsOf('token-name')} />
          <input
            id="token-name"
            type="text"
            autoComplete="off"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errorsOf('token-name').length ? true : undefined}
            aria-describedby={['token-name-hint', errorsOf('token-name').length ? 'token-name-error' : null].filter(Boolean).join(' ')}
          />
        </div>
        <div className="pt-field">
          <label htmlFor="token-role">{t.partner.tokenRole}</label>
          <FieldError id="token-role-error" errors={errorsOf('token-role')} />
          <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className="pt-medium">
            {roles.map((r) => <option key={r} value={r}>{t.partner.roleNames[r]}</option>)}
          </select>
        </div>
        {role === 'PARTNER_EDITOR' && (
          <fieldset className={errorsOf('token-organisations').length ? 'pt-group pt-invalid' : 'pt-group'}>
            <legend>{t.partner.tokenOrganisations}</legend>
            <FieldError id="token-organisations-error" errors={errorsOf('token-organisations')} />
            {organisations.length > 0 && (
              <div className="pt-chosen">
                <p>{t.partner.picked}</p>
                <ul className="pt-hits">
                  {organisations.map((o) => (
                    <li key={o.id}>
                      <span className="tag">{o.name}</span>{' '}
                      <button type="button" className="link" onClick={() => setOrganisations(organisations.filter((x) => x.id !== o.id))}>
                        {t.partner.unpick(o.name)}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <OrganisationPicker
              label={t.partner.pickerSearch}
              hint={t.partner.tokenOrganisationsHint}
              inputId="token-organisations"
              exclude={organisations.map((o) => o.id)}
              describedBy={errorsOf('token-organisations').length ? 'token-organisations-error' : undefined}
              invalid={errorsOf('token-organisations').length > 0}
              onPick={(o) => setOrganisations([...organisations, o])}
            />
          </fieldset>
        )}
        <div className={errorsOf('token-expires').length ? 'pt-field pt-invalid' : 'pt-field'}>
          <label htmlFor="token-expires">{t.partner.expiresInDays}</label>
          <p className="pt-hint" id="token-expires-hint">{t.partner.expiresHint}</p>
          <FieldError id="token-expires-error" errors={errorsOf('token-expires')} />
          <input
            id="token-expires"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            className="pt-narrow"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={errorsOf('token-expires').length ? true : undefined}
            aria-describedby={['token-expires-hint', errorsOf('token-expires').length ? 'token-expires-error' : null].filter(Boolean).join(' ')}
          />
        </div>
        <div className="pt-actions">
          <button type="submit" disabled={fetching}>{fetching ? t.partner.saving : t.partner.issue}</button>
        </div>
      </form>
    </section>
  );
}

function TokenList({ onRevoked }: { onRevoked(text: string): void }) {
  const { t } = useI18n();
  const { pages, total, hasMore, more, report } = usePages();
  const [confirming, setConfirming] = useState<Token | null>(null);
  return (
    <section aria-labelledby="token-list-title">
      <h2 id="token-list-title">{total === undefined ? t.partner.tokenListTitle : t.partner.tokenList(total)}</h2>
      <div className="pt-table-wrap">
        <table className="pt-tokens" aria-labelledby="token-list-title">
          <thead>
            <tr>
              <th scope="col">{t.partner.colName}</th>
              <th scope="col">{t.partner.colRole}</th>
              <th scope="col">{t.partner.colOrganisations}</th>
              <th scope="col">{t.partner.colPrefix}</th>
              <th scope="col">{t.partner.colCreated}</th>
              <th scope="col">{t.partner.colExpires}</th>
              <th scope="col">{t.partner.colStatus}</th>
              <th scope="col">{t.partner.colActions}</th>
            </tr>
          </thead>
          {pages.map((after, i) => (
            <TokenRows
              key={after ?? 'first'}
              after={after}
              onRevoke={setConfirming}
              onPage={report(i)}
            />
          ))}
        </table>
      </div>
      {hasMore && <button type="button" onClick={more}>{t.partner.more}</button>}
      {confirming && <RevokeDialog token={confirming} onClose={() => setConfirming(null)} onRevoked={onRevoked} />}
    </section>
  );
}

function TokenRows({ after, onRevoke, onPage }: { after: string | null; onRevoke(token: Token): void; onPage: PageReport }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const formatDate = useShortDate();
  const { viewer } = useViewer();
  const [{ data, fetching, error }] = useQuery({ query: ApiTokensDocument, variables: { first: PAGE_SIZE, after }, requestPolicy: 'network-only' });
  const page = data?.apiTokens;
  useReportPage(page, onPage);
  const names = useNodeNames(page?.nodes.flatMap((token) => token.organisations.map((o) => o.id)) ?? []);
  if (!page) {
    return (
      <tbody>
        <tr>
          <td colSpan={8}><QueryState fetching={fetching} error={error} /></td>
        </tr>
      </tbody>
    );
  }
  const now = Date.now();
  return (
    <tbody>
      {page.nodes.map((token) => {
        const expired = !!token.expiresAt && Date.parse(token.expiresAt) <= now;
        const own = token.id === viewer?.tokenId;
        return (
          <tr key={token.id} data-token={token.prefix}>
            <th scope="row">{token.name}</th>
            <td>{t.partner.actorRoles[token.role] ?? token.role}</td>
            <td>
              {token.organisations.length === 0
                ? t.partner.empty
                : token.organisations.map((o, i) => (
                    <span key={o.id}>
                      {i > 0 && ', '}
                      <Link to={names.get(o.id)?.path ?? `/organisation/${encodeURIComponent(o.slug)}`}>{names.get(o.id)?.name ?? o.slug}</Link>
                    </span>
                  ))}
            </td>
            <td><code>{token.prefix}</code></td>
            <td>{formatDate(token.createdAt)}</td>
            <td>{token.expiresAt ? formatDate(token.expiresAt) : t.partner.never}</td>
            <td>
              {token.revokedAt ? (
                <span className="tag pt-status-rejected">{t.partner.revokedOn(dateTime(token.revokedAt))}</span>
              ) : expired ? (
                <span className="tag">{t.partner.expired}</span>
              ) : (
                <span className="tag pt-status-approved">{t.partner.active}</span>
              )}
              {own && <div className="muted">{t.partner.ownToken}</div>}
            </td>
            <td>
              {!token.revokedAt && !own && (
                <button type="button" className="pt-danger" aria-label={t.partner.revokeLabel(token.name)} onClick={() => onRevoke(token)}>
                  {t.partner.revoke}
                </button>
              )}
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}

/** Asks before revoking: a modal dialog, focus on "Cancel", Escape closes it, focus returns. */
function RevokeDialog({ token, onClose, onRevoked }: { token: Token; onClose(): void; onRevoked(text: string): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [{ fetching }, revoke] = useMutation(RevokeApiTokenDocument);
  useEffect(() => {
    opener.current = document.activeElement;
    ref.current?.showModal();
    // The safe choice first (showModal would focus the first button).
    cancel.current?.focus();
    return () => (opener.current as HTMLElement | null)?.focus?.();
  }, []);
  const confirm = async () => {
    setFailure(null);
    const result = await revoke({ input: { id: token.id } });
    const payload = result.data?.revokeApiToken;
    if (payload?.token && !payload.userErrors.length) {
      ref.current?.close();
      onClose();
      onRevoked(t.partner.revoked(token.name));
      return;
    }
    setFailure(payload?.userErrors.length ? payload.userErrors.map((e) => e.message).join(' ') : result.error ? describeError(t, result.error) : t.notFound);
  };
  return (
    <dialog ref={ref} className="pt-dialog" aria-labelledby="revoke-title" aria-describedby="revoke-text" onClose={onClose}>
      <h2 id="revoke-title">{t.partner.revokeTitle}</h2>
      <p id="revoke-text">{t.partner.revokeConfirmText(token.name)}</p>
      {failure && <p role="alert" className="error">{t.error(failure)}</p>}
      <div className="pt-actions">
        <button type="button" className="pt-danger" disabled={fetching} onClick={() => void confirm()}>{t.partner.revokeConfirm}</button>
        <button type="button" className="pt-secondary" ref={cancel} onClick={() => ref.current?.close()}>{t.partner.cancel}</button>
      </div>
    </dialog>
  );
}

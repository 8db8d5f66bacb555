import {
  CreateWebhookDocument,
  DeleteWebhookDocument,
  RetryWebhookDeliveryDocument,
  UpdateWebhookDocument,
  WebhookDeliveriesDocument,
  WebhookDeliveryCountsDocument,
  WebhooksDocument,
  type WebhookDeliveriesQuery,
  type WebhookDeliveryStatus,
  type WebhooksQuery,
} from 'integration-graph-client/documents';
import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { usePages, useReportPage, type PageReport } from '../../lib/paging';
import { describeError, QueryState } from '../../lib/ui';
import { ErrorSummary, FieldError, useDateTime, useFocusOn, useNodeNames, useShortDate, type UserErrorLike } from '../partner/common';
import { CoordinationShell } from './CoordinationShell';

/** Webhooks, and deliveries, a page. */
const PAGE_SIZE = 20;

type Webhook = WebhooksQuery['webhooks']['nodes'][number];
type Delivery = NonNullable<WebhookDeliveriesQuery['webhook']>['deliveries']['nodes'][number];

/** The change feed's entry types, in the order the form offers them. */
const CHANGE_TYPES = ['Organisation', 'Forum', 'Body', 'Project', 'ForumMembership', 'BodyMembership', 'ProjectParticipation'];

/** The statuses of a delivery, the failed ones first: they are what needs attention. */
const STATUSES: WebhookDeliveryStatus[] = ['FAILED', 'PENDING', 'DELIVERED'];
const STATUS_TAG: Record<string, string> = { FAILED: 'pt-status-rejected', PENDING: 'pt-status-pending', DELIVERED: 'pt-status-approved' };

/**
 * /koordination/webhooks — endpoints that receive the change feed: create one (its signing
 * secret shown once, with a copy button and the warning that it will not be shown again), list
 * them with what was delivered to each (the failed deliveries first, each sent again on
 * request), renew a secret or delete a webhook (after confirming).
 */
export function WebhooksPage() {
  const { t } = useI18n();
  return (
    <CoordinationShell title={t.partner.webhooksTitle} intro={t.partner.webhooksIntro}>
      <Webhooks />
    </CoordinationShell>
  );
}

function Webhooks() {
  const { t } = useI18n();
  const [refresh, setRefresh] = useState(0);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string; at: number } | null>(null);
  const noticeRef = useFocusOn<HTMLParagraphElement>(notice);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const showSecret = (url: string, value: string) => {
    setSecret({ url, secret: value, at: Date.now() });
    setRefresh((n) => n + 1);
  };
  return (
    <>
      <div className="pt-prose">
        {t.partner.webhooksAbout.map((text) => <p key={text}>{text}</p>)}
        <p>
          {t.partner.webhooksReadme} <cite lang="en">{t.partner.webhooksReadmeSection}</cite>.
        </p>
      </div>
      {secret && (
        <SecretBox
          key={secret.at}
          url={secret.url}
          secret={secret.secret}
          onHide={() => {
            setSecret(null);
            formHeading.current?.focus();
          }}
        />
      )}
      <CreateWebhook headingRef={formHeading} onCreated={showSecret} />
      {notice && <p role="status" className="pt-notice" tabIndex={-1} ref={noticeRef}>{notice.text}</p>}
      <WebhookList
        key={refresh}
        onRenewed={showSecret}
        onDeleted={(text) => {
          setNotice({ text, at: Date.now() });
          setRefresh((n) => n + 1);
        }}
      />
    </>
  );
}

/** A new signing secret, shown this once: focused, with a copy button and the warning. */
function SecretBox({ url, secret, onHide }: { url: string; secret: string; onHide(): void }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);
  const headingRef = useFocusOn<HTMLHeadingElement>(secret);
  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div className="pt-secret" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title" tabIndex={-1} ref={headingRef}>{t.partner.webhookSecretTitle(url)}</h2>
      <p className="pt-warning" id="webhook-secret-warning"><strong>{t.partner.webhookSecretWarning}</strong></p>
      <label htmlFor="webhook-secret">{t.partner.webhookSecretLabel}</label>
      <p className="pt-hint" id="webhook-secret-hint">{t.partner.webhookCopyHint}</p>
      <input
        id="webhook-secret"
        type="text"
        readOnly
        value={secret}
        className="pt-mono"
        aria-describedby="webhook-secret-warning webhook-secret-hint"
        onFocus={(e) => e.currentTarget.select()}
        onClick={(e) => e.currentTarget.select()}
      />
      <div className="pt-actions">
        <button type="button" onClick={() => void copySecret()}>{t.partner.webhookCopy}</button>
        <button type="button" className="pt-secondary" onClick={onHide}>{t.partner.webhookHideSecret}</button>
      </div>
      <p role="status">{copy === 'copied' ? t.partner.copied : copy === 'failed' ? t.partner.webhookCopyFailed : ''}</p>
    </div>
  );
}

/** Where each problem the API names is shown. */
const CONTROL: Record<string, string> = { url: 'webhook-url', description: 'webhook-description', changeTypes: 'webhook-types' };
const controlOf = (field: string) => CONTROL[field.replace(/^(input|patch)\./, '').split('.')[0]] ?? null;
/** What the summary's link focuses: the control, or the first box of the change types. */
const targetOf = (field: string) => {
  const control = controlOf(field);
  return control === 'webhook-types' ? `webhook-type-${CHANGE_TYPES[0]}` : control;
};

function CreateWebhook({ headingRef, onCreated }: { headingRef: RefObject<HTMLHeadingElement | null>; onCreated(url: string, secret: string): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [errors, setErrors] = useState<UserErrorLike[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CreateWebhookDocument);
  const summaryRef = useFocusOn<HTMLDivElement>(errors.length ? errors : null);
  const failureRef = useFocusOn<HTMLParagraphElement>(failure);
  const errorsOf = (control: string) => errors.filter((e) => controlOf(e.field) === control);
  const labelOf = (field: string) => {
    const control = controlOf(field);
    return control === 'webhook-url' ? t.partner.webhookUrl : control === 'webhook-description' ? t.partner.webhookDescription : control === 'webhook-types' ? t.partner.webhookTypes : field;
  };
  const describedBy = (control: string, hint: string) => [hint, errorsOf(control).length ? `${control}-error` : null].filter(Boolean).join(' ');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!url.trim()) {
      setErrors([{ field: 'url', code: 'REQUIRED', message: '' }]);
      return;
    }
    const result = await create({
      input: { url: url.trim(), changeTypes: types.length ? CHANGE_TYPES.filter((type) => types.includes(type)) : null, description: description.trim() || null },
    });
    const payload = result.data?.createWebhook;
    if (payload?.userErrors.length) return setErrors(payload.userErrors);
    if (payload?.secret && payload.webhook) {
      setErrors([]);
      setUrl('');
      setDescription('');
      setTypes([]);
      onCreated(payload.webhook.url, payload.secret);
      return;
    }
    setErrors([]);
    setFailure(result.error ? describeError(t, result.error) : t.notFound);
  };

  return (
    <section aria-labelledby="webhook-create-title">
      <h2 id="webhook-create-title" tabIndex={-1} ref={headingRef}>{t.partner.webhookCreateTitle}</h2>
      <form noValidate onSubmit={submit} className="pt-form">
        <ErrorSummary title={t.partner.webhookErrorSummary} errors={errors} labelOf={labelOf} targetOf={targetOf} ref={summaryRef} />
        {failure && <p role="alert" className="error" tabIndex={-1} ref={failureRef}>{t.error(failure)}</p>}
        <div className={errorsOf('webhook-url').length ? 'pt-field pt-invalid' : 'pt-field'}>
          <label htmlFor="webhook-url">{t.partner.webhookUrl}</label>
          <p className="pt-hint" id="webhook-url-hint">{t.partner.webhookUrlHint}</p>
          <FieldError id="webhook-url-error" errors={errorsOf('webhook-url')} />
          <input
            id="webhook-url"
            type="url"
            autoComplete="off"
            spellCheck={false}
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-invalid={errorsOf('webhook-url').length ? true : undefined}
            aria-describedby={describedBy('webhook-url', 'webhook-url-hint')}
          />
        </div>
        <div className={errorsOf('webhook-description').length ? 'pt-field pt-invalid' : 'pt-field'}>
          <label htmlFor="webhook-description">{t.partner.webhookDescription}</label>
          <p className="pt-hint" id="webhook-description-hint">{t.partner.webhookDescriptionHint}</p>
          <FieldError id="webhook-description-error" errors={errorsOf('webhook-description')} />
          <input
            id="webhook-description"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={errorsOf('webhook-description').length ? true : undefined}
            aria-describedby={describedBy('webhook-description', 'webhook-description-hint')}
          />
        </div>
        <fieldset className={errorsOf('webhook-types').length ? 'pt-group pt-invalid' : 'pt-group'} aria-describedby={describedBy('webhook-types', 'webhook-types-hint')}>
          <legend>{t.partner.webhookTypes}</legend>
          <p className="pt-hint" id="webhook-types-hint">{t.partner.webhookTypesHint}</p>
          <FieldError id="webhook-types-error" errors={errorsOf('webhook-types')} />
          <ul className="pt-checks">
            {CHANGE_TYPES.map((type) => (
              <li key={type}>
                <input
                  id={`webhook-type-${type}`}
                  type="checkbox"
                  checked={types.includes(type)}
                  onChange={(e) => setTypes(e.target.checked ? [...types, type] : types.filter((x) => x !== type))}
                />
                <label htmlFor={`webhook-type-${type}`}>{t.partner.changeTypes[type] ?? type}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="pt-actions">
          <button type="submit" disabled={fetching}>{fetching ? t.partner.saving : t.partner.webhookCreate}</button>
        </div>
      </form>
    </section>
  );
}

type Confirming = { action: 'delete' | 'renew'; webhook: Webhook };

function WebhookList({ onDeleted, onRenewed }: { onDeleted(text: string): void; onRenewed(url: string, secret: string): void }) {
  const { t } = useI18n();
  const { pages, total, hasMore, more, report } = usePages();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  return (
    <section aria-labelledby="webhook-list-title">
      <h2 id="webhook-list-title">{total === undefined ? t.partner.webhookListTitle : t.partner.webhookList(total)}</h2>
      {total === 0 && <p className="muted">{t.partner.noWebhooks}</p>}
      {pages.map((after, i) => (
        <WebhookPage
          key={after ?? 'first'}
          after={after}
          onConfirm={setConfirming}
          onPage={report(i)}
        />
      ))}
      {hasMore && <button type="button" onClick={more}>{t.partner.more}</button>}
      {confirming && (
        <ConfirmDialog
          {...confirming}
          onClose={() => setConfirming(null)}
          onDeleted={onDeleted}
          onRenewed={onRenewed}
        />
      )}
    </section>
  );
}

function WebhookPage({ after, onConfirm, onPage }: { after: string | null; onConfirm(confirming: Confirming): void; onPage: PageReport }) {
  const [{ data, fetching, error }] = useQuery({ query: WebhooksDocument, variables: { first: PAGE_SIZE, after }, requestPolicy: 'network-only' });
  const page = data?.webhooks;
  useReportPage(page, onPage);
  return (
    <QueryState fetching={fetching && !page} error={error}>
      {page && page.nodes.length > 0 && (
        <ul className="pt-requests pt-webhooks">
          {page.nodes.map((webhook) => <WebhookItem key={webhook.id} webhook={webhook} onConfirm={onConfirm} />)}
        </ul>
      )}
    </QueryState>
  );
}

function WebhookItem({ webhook: w, onConfirm }: { webhook: Webhook; onConfirm(confirming: Confirming): void }) {
  const { t } = useI18n();
  const formatDate = useShortDate();
  const titleId = useId();
  return (
    <li data-webhook={w.url}>
      <h3 id={titleId} className="pt-webhook-url">{w.url}</h3>
      {w.description && <p>{w.description}</p>}
      <p className="muted">
        {t.partner.webhookReceives}: {w.changeTypes?.length ? w.changeTypes.map((type) => t.partner.changeTypes[type] ?? type).join(', ') : t.partner.allTypes} ·{' '}
        {t.partner.webhookCreatedOn(formatDate(w.createdAt))}
      </p>
      <div className="pt-actions">
        <button type="button" className="pt-secondary" aria-label={t.partner.renewSecretLabel(w.url)} onClick={() => onConfirm({ action: 'renew', webhook: w })}>
          {t.partner.renewSecret}
        </button>
        <button type="button" className="pt-danger" aria-label={t.partner.deleteWebhookLabel(w.url)} onClick={() => onConfirm({ action: 'delete', webhook: w })}>
          {t.partner.deleteWebhook}
        </button>
      </div>
      <Deliveries webhook={w} />
    </li>
  );
}

/** What was delivered to one webhook: counts by status, and the deliveries of one status (the failed ones first). */
function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useI18n();
  const headingId = useId();
  const filterId = useId();
  const [status, setStatus] = useState<WebhookDeliveryStatus | 'ALL'>('FAILED');
  const [refresh, setRefresh] = useState(0);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useFocusOn<HTMLParagraphElement>(notice);
  return (
    <section aria-labelledby={headingId} className="pt-deliveries-section">
      <h4 id={headingId}>
        {t.partner.deliveriesTitle}
        <span className="pt-sr-only"> – {webhook.url}</span>
      </h4>
      <DeliveryCounts key={`counts-${refresh}`} webhookId={webhook.id} />
      <div className="pt-field">
        <label htmlFor={filterId}>{t.partner.deliveryFilter}</label>
        <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as WebhookDeliveryStatus | 'ALL')} className="pt-narrow">
          {STATUSES.map((s) => <option key={s} value={s}>{t.partner.deliveryStatusNames[s]}</option>)}
          <option value="ALL">{t.partner.deliveryFilterAll}</option>
        </select>
      </div>
      {notice && <p role="status" className="pt-notice" tabIndex={-1} ref={noticeRef}>{notice.text}</p>}
      <DeliveryList
        key={`${status}-${refresh}`}
        webhook={webhook}
        status={status === 'ALL' ? null : status}
        headingId={headingId}
        onRetried={(text) => {
          setNotice({ text, at: Date.now() });
          setRefresh((n) => n + 1);
        }}
      />
    </section>
  );
}

/** A page of one webhook's deliveries of one status (or all); null once the webhook is deleted. */
function useDeliveries(webhookId: string, status: WebhookDeliveryStatus | null, after: string | null) {
  const [{ data, fetching, error }] = useQuery({ query: WebhookDeliveriesDocument, variables: { id: webhookId, first: PAGE_SIZE, after, status }, requestPolicy: 'network-only' });
  const connection = data ? (data.webhook?.deliveries ?? null) : undefined;
  return { connection, fetching, error };
}

function DeliveryCounts({ webhookId }: { webhookId: string }) {
  const { t } = useI18n();
  const [{ data }] = useQuery({ query: WebhookDeliveryCountsDocument, variables: { id: webhookId }, requestPolicy: 'network-only' });
  const webhook = data?.webhook;
  if (!webhook) return null;
  const counts = { FAILED: webhook.failed.totalCount, PENDING: webhook.pending.totalCount, DELIVERED: webhook.delivered.totalCount };
  return (
    <ul className="pt-counts" aria-label={t.partner.deliveryCounts}>
      {STATUSES.map((s) => (
        <li key={s}>
          <span className={`tag ${STATUS_TAG[s]}`}>{t.partner.deliveryStatusNames[s]}</span> <strong>{counts[s]}</strong>
        </li>
      ))}
    </ul>
  );
}

function DeliveryList({ webhook, status, headingId, onRetried }: { webhook: Webhook; status: WebhookDeliveryStatus | null; headingId: string; onRetried(text: string): void }) {
  const { t } = useI18n();
  const { pages, total, hasMore, more, report } = usePages();
  if (total === 0) return <p className="muted">{t.partner.noDeliveries}</p>;
  return (
    <>
      <div className="pt-table-wrap">
        <table className="pt-tokens pt-deliveries" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t.partner.colChange}</th>
              <th scope="col">{t.partner.colStatus}</th>
              <th scope="col">{t.partner.colAttempts}</th>
              <th scope="col">{t.partner.colLastAttempt}</th>
              <th scope="col">{t.partner.colResponse}</th>
              <th scope="col">{t.partner.colError}</th>
              <th scope="col">{t.partner.colNext}</th>
              <th scope="col">{t.partner.colActions}</th>
            </tr>
          </thead>
          {pages.map((after, i) => (
            <DeliveryRows
              key={after ?? 'first'}
              webhookId={webhook.id}
              status={status}
              after={after}
              onRetried={onRetried}
              onPage={report(i)}
            />
          ))}
        </table>
      </div>
      {hasMore && <button type="button" onClick={more}>{t.partner.more}</button>}
    </>
  );
}

function DeliveryRows({
  webhookId,
  status,
  after,
  onRetried,
  onPage,
}: {
  webhookId: string;
  status: WebhookDeliveryStatus | null;
  after: string | null;
  onRetried(text: string): void;
  onPage: PageReport;
}) {
  const { t } = useI18n();
  const { connection, fetching, error } = useDeliveries(webhookId, status, after);
  useReportPage(connection, onPage);
  const names = useNodeNames(connection?.nodes.map((d) => d.change.entityId) ?? []);
  if (!connection) {
    return (
      <tbody>
        <tr>
          <td colSpan={8}>{connection === null ? <p className="muted">{t.partner.deliveriesUnavailable}</p> : <QueryState fetching={fetching} error={error} />}</td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody>
      {connection.nodes.map((delivery) => (
        <DeliveryRow key={delivery.id} delivery={delivery} name={names.get(delivery.change.entityId)} onRetried={onRetried} />
      ))}
    </tbody>
  );
}

function DeliveryRow({ delivery: d, name, onRetried }: { delivery: Delivery; name?: { name: string; path: string | null }; onRetried(text: string): void }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useFocusOn<HTMLParagraphElement>(failure);
  const [{ fetching }, retry] = useMutation(RetryWebhookDeliveryDocument);
  const what = `${t.partner.entityTypes[d.change.entityType] ?? d.change.entityType} ${t.partner.changeKinds[d.change.kind] ?? d.change.kind}`;
  const label = name ? `${what}: ${name.name}` : what;
  const send = async () => {
    setFailure(null);
    const result = await retry({ id: d.id });
    const payload = result.data?.retryWebhookDelivery;
    if (payload?.delivery && !payload.userErrors.length) return onRetried(t.partner.sentAgain(label));
    setFailure(payload?.userErrors.length ? payload.userErrors.map((e) => e.message).join(' ') : result.error ? describeError(t, result.error) : t.notFound);
  };
  return (
    <tr data-delivery={d.id}>
      <th scope="row">
        {what}
        {name && (
          <>
            {': '}
            {name.path ? <Link to={name.path}>{name.name}</Link> : name.name}
          </>
        )}
        <div className="muted">{t.partner.dataVersion(d.change.dataVersion)}</div>
      </th>
      <td><span className={`tag ${STATUS_TAG[d.status] ?? ''}`}>{t.partner.deliveryStatusNames[d.status] ?? d.status}</span></td>
      <td>{d.attempts}</td>
      <td>{d.lastAttemptAt ? dateTime(d.lastAttemptAt) : t.partner.empty}</td>
      <td>{d.lastResponseStatus !== null ? `HTTP ${d.lastResponseStatus}` : d.lastAttemptAt ? t.partner.noResponse : t.partner.empty}</td>
      <td className="pt-delivery-error">{d.lastError ? <code>{d.lastError}</code> : t.partner.empty}</td>
      <td>
        {d.status === 'DELIVERED' && d.deliveredAt
          ? t.partner.deliveredOn(dateTime(d.deliveredAt))
          : d.status === 'PENDING' && d.nextAttemptAt
            ? t.partner.nextAttempt(dateTime(d.nextAttemptAt))
            : t.partner.retriedUntil(dateTime(d.retryUntil))}
      </td>
      <td>
        <button type="button" className={d.status === 'FAILED' ? undefined : 'pt-secondary'} disabled={fetching} aria-label={t.partner.sendAgainLabel(label)} onClick={() => void send()}>
          {t.partner.sendAgain}
        </button>
        {failure && <p role="alert" className="error" tabIndex={-1} ref={failureRef}>{t.error(failure)}</p>}
      </td>
    </tr>
  );
}

/** Asks before deleting a webhook or renewing its secret: a modal dialog, focus on "Cancel", Escape closes it, focus returns. */
function ConfirmDialog({
  action,
  webhook,
  onClose,
  onDeleted,
  onRenewed,
}: Confirming & { onClose(): void; onDeleted(text: string): void; onRenewed(url: string, secret: string): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [{ fetching: deleting }, remove] = useMutation(DeleteWebhookDocument);
  const [{ fetching: renewing }, update] = useMutation(UpdateWebhookDocument);
  useEffect(() => {
    opener.current = document.activeElement;
    ref.current?.showModal();
    // The safe choice first (showModal would focus the first button).
    cancel.current?.focus();
    return () => (opener.current as HTMLElement | null)?.focus?.();
  }, []);
  const done = (then: () => void) => {
    ref.current?.close();
    onClose();
    then();
  };
  const confirm = async () => {
    setFailure(null);
    if (action === 'delete') {
      const result = await remove({ id: webhook.id });
      const payload = result.data?.deleteWebhook;
      if (payload?.deletedId && !payload.userErrors.length) return done(() => onDeleted(t.partner.webhookDeleted(webhook.url)));
      return setFailure(payload?.userErrors.length ? payload.userErrors.map((e) => e.message).join(' ') : result.error ? describeError(t, result.error) : t.notFound);
    }
    const result = await update({ input: { id: webhook.id, expectedVersion: webhook.version, patch: {}, renewSecret: true } });
    const payload = result.data?.updateWebhook;
    if (payload?.secret && payload.webhook && !payload.userErrors.length) {
      const { url } = payload.webhook;
      const secret = payload.secret;
      return done(() => onRenewed(url, secret));
    }
    setFailure(payload?.userErrors.length ? payload.userErrors.map((e) => e.message).join(' ') : result.error ? describeError(t, result.error) : t.notFound);
  };
  const isDelete = action === 'delete';
  return (
    <dialog ref={ref} className="pt-dialog" aria-labelledby="webhook-dialog-title" aria-describedby="webhook-dialog-text" onClose={onClose}>
      <h2 id="webhook-dialog-title">{isDelete ? t.partner.deleteTitle : t.partner.renewTitle}</h2>
      <p id="webhook-dialog-text">{isDelete ? t.partner.deleteConfirmText(webhook.url) : t.partner.renewConfirmText(webhook.url)}</p>
      {failure && <p role="alert" className="error">{t.error(failure)}</p>}
      <div className="pt-actions">
        <button type="button" className={isDelete ? 'pt-danger' : undefined} disabled={deleting || renewing} onClick={() => void confirm()}>
          {isDelete ? t.partner.deleteConfirm : t.partner.renewConfirm}
        </button>
        <button type="button" className="pt-secondary" ref={cancel} onClick={() => ref.current?.close()}>{t.partner.cancel}</button>
      </div>
    </dialog>
  );
}

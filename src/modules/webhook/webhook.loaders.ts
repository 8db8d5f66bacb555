import { Connection, orderedBy, PageRequest, paginateRoot, SortKey } from '../../graph/connection';
import type { Context } from '../../graph/context';
import type { ChangeRow } from '../audit/changes.loaders';
import { allChangedFields, changeColumns } from '../audit/changes.sql';
import { isoTime } from '../common/columns';
import { Conditions } from '../common/conditions';
import type { DeliveryStatus } from './webhook.entity';

export interface WebhookRow extends Record<string, unknown> {
  uuid: string;
  url: string;
  version: number;
  changeTypes: string[] | null;
  description: string | null;
  createdAt: string;
}

export interface DeliveryRow extends ChangeRow {
  deliveryUuid: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  retryUntil: string;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const WEBHOOK_COLUMNS = `w.id as uuid, w.url, w.version, w.change_types as "changeTypes", w.description, ${isoTime('w.created_at')} as "createdAt"`;

/** A live webhook by its database id. */
export async function readWebhook(ctx: Context, uuid: string): Promise<WebhookRow | undefined> {
  const [row] = await ctx.sql.query<WebhookRow>(`select ${WEBHOOK_COLUMNS} from webhook w where w.id = ? and w.archived_at is null`, [uuid]);
  return row;
}

/** How many webhooks are live; from the primary (it bounds what a write may create). */
export async function countWebhooks(ctx: Context): Promise<number> {
  const [row] = await ctx.sql.query<{ count: number }>(`select count(*)::int as count from webhook w where w.archived_at is null`, [], { primary: true });
  return row.count;
}

/** The live webhooks, newest first. */
export function webhookPage(ctx: Context, page: PageRequest): Promise<Connection<WebhookRow>> {
  return paginateRoot<WebhookRow>(
    ctx.sql,
    { source: `select ${WEBHOOK_COLUMNS} from webhook w where w.archived_at is null`, params: [], orderBy: orderedBy('createdAt', 'text', 'desc') },
    page,
    ctx.limits,
  );
}

const DELIVERY_SOURCE = `select d.id as "deliveryUuid", d.status, d.attempts,
    case when d.status = 'PENDING' then ${isoTime('d.next_attempt_at')} end as "nextAttemptAt",
    ${isoTime('d.retry_until')} as "retryUntil", ${isoTime('d.last_attempt_at')} as "lastAttemptAt",
    d.last_response_status as "lastResponseStatus", d.last_error as "lastError",
    ${isoTime('d.delivered_at')} as "deliveredAt", ${isoTime('d.created_at')} as "createdAt",
    ${changeColumns('a')}, ${allChangedFields('a')}
  from webhook_delivery d join audit_entry a on a.id = d.change_id`;

/** Newest first: the reverse of the order they are sent in. (`uuid` is the change's: unique per webhook.) */
const DELIVERY_ORDER: SortKey[] = [
  { column: 'dataVersion', direction: 'desc', type: 'int8' },
  { column: 'uuid', direction: 'desc', type: 'uuid' },
];

/** A page of a webhook's deliveries, with a status or all. */
export function deliveryPage(ctx: Context, webhookUuid: string, status: DeliveryStatus | null | undefined, page: PageRequest): Promise<Connection<DeliveryRow>> {
  const where = new Conditions().add('d.webhook_id = ?', webhookUuid).when(status ?? undefined, 'd.status = ?');
  return paginateRoot<DeliveryRow>(ctx.sql, { source: `${DELIVERY_SOURCE} where ${where.where}`, params: where.params, orderBy: DELIVERY_ORDER }, page, ctx.limits);
}

/** One delivery by its database id (of a live webhook). */
export async function readDelivery(ctx: Context, uuid: string): Promise<DeliveryRow | undefined> {
  const [row] = await ctx.sql.query<DeliveryRow>(
    `${DELIVERY_SOURCE} join webhook w on w.id = d.webhook_id where d.id = ? and w.archived_at is null`,
    [uuid],
  );
  return row;
}

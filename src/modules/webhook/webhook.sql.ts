import { BUMP_DATA_VERSION } from '../../db/data-version';
import { allChangedFields, changeColumns } from '../audit/changes.sql';

/*
 * The outbox's statements. A change is queued for the webhooks that want it in the
 * transaction that makes it: the delivery exists exactly when the change committed, and
 * nothing is lost between the commit and a send.
 */

/** Where COMMIT_WRITE tells the replicas that deliveries were queued. */
export const QUEUED_CHANNEL = 'ig_webhook_queued';

/** Run once on the listening connection of each replica. */
export const LISTEN_FOR_QUEUED = `listen ${QUEUED_CHANNEL}`;

/**
 * The last statement of every write (see common/write.ts), in one round trip:
 * 1. moves the data version on; its row lock makes the next write wait for this one to
 *    commit, so versions become visible in the order they were handed out;
 * 2. stamps the write's audit entries (ids as an array literal) with the new version: their
 *    place in the change feed;
 * 3. queues every change of the feed's types (`?::text[]`) for each live webhook that asked
 *    for its type, to be retried until `? seconds` from now;
 * 4. notifies QUEUED_CHANNEL with the writing replica's id (`?`) when it queued anything: sent
 *    on commit, it wakes the other replicas' workers (webhook.listener.ts). PostgreSQL sends
 *    one notification per transaction for equal payloads, however many rows call it.
 * Returns one row per queued delivery.
 */
export const COMMIT_WRITE = `with bumped as (${BUMP_DATA_VERSION} returning version),
  stamped as (
    update audit_entry a set data_version = bumped.version from bumped where a.id = any(?::uuid[])
    returning a.id, a.entity_type, a.data_version
  ),
  queued as (
    insert into webhook_delivery (id, webhook_id, change_id, data_version, status, attempts, next_attempt_at, retry_until, created_at)
    select gen_random_uuid(), w.id, s.id, s.data_version, 'PENDING', 0, now(), now() + make_interval(secs => ?::double precision), now()
    from stamped s
    join webhook w on w.archived_at is null and (w.change_types is null or s.entity_type = any(w.change_types))
    where s.entity_type = any(?::text[])
    returning id
  )
  select id, pg_notify('${QUEUED_CHANNEL}', ?::text) from queued`;

/**
 * Claims a webhook with a delivery due, in a transaction that lasts while it is sent. Only
 * a webhook's oldest PENDING delivery (the head of its queue) is ever due, and one worker
 * at a time holds a webhook (SKIP LOCKED passes over one another worker holds): each
 * webhook receives in the feed's order, from one sender across all replicas, and a delivery
 * that waits for its retry holds the ones behind it back. NO KEY UPDATE, not UPDATE: writes
 * queueing deliveries for the webhook take a KEY SHARE lock on it (the foreign key) and must
 * not wait while a receiver takes its time to answer.
 */
export const CLAIM_WEBHOOK = `select w.id as "webhookUuid", w.url, w.secret
  from webhook w
  cross join lateral (
    select d.next_attempt_at from webhook_delivery d
    where d.webhook_id = w.id and d.status = 'PENDING'
    order by d.data_version, d.change_id
    limit 1
  ) head
  where w.archived_at is null and head.next_attempt_at <= now()
  order by head.next_attempt_at
  limit 1
  for no key update of w skip locked`;

/**
 * The head of the claimed webhook's queue, read afresh: CLAIM_WEBHOOK saw the queue as it
 * was when it started, and may have waited for the lock of a worker that has since sent that
 * very delivery (the lock on the webhook's row does not make PostgreSQL look at the queue again).
 * `due` is false when that worker's attempt failed and the head now waits for its retry:
 * then nothing is sent (a later delivery must not overtake it).
 */
export const HEAD_DELIVERY = `select d.id, d.attempts, d.next_attempt_at <= now() as due,
    ${changeColumns('a')}, ${allChangedFields('a')}
  from webhook_delivery d join audit_entry a on a.id = d.change_id
  where d.webhook_id = ? and d.status = 'PENDING'
  order by d.data_version, d.change_id
  limit 1`;

/**
 * Records an attempt: (delivered?, HTTP status, error, seconds until the next try, id).
 * A failure after the delivery's retry window is parked as FAILED; otherwise it is tried
 * again after the delay, and once more at the end of the window at the latest.
 */
export const RECORD_ATTEMPT = `update webhook_delivery set
    attempts = attempts + 1,
    last_attempt_at = now(),
    last_response_status = ?::int,
    last_error = ?::text,
    status = case when ?::boolean then 'DELIVERED' when now() >= retry_until then 'FAILED' else 'PENDING' end,
    delivered_at = case when ?::boolean then now() end,
    next_attempt_at = least(now() + make_interval(secs => ?::double precision), retry_until)
  where id = ?::uuid
  returning status`;

/**
 * Forgets what no one needs any more, at most `?` rows (a bounded statement; the caller
 * repeats it until nothing is left), with `? days` as WEBHOOK_KEEP_DAYS:
 * - deliveries delivered longer ago than that;
 * - deliveries parked as FAILED longer ago than that: a coordinator had as long to send them
 *   again;
 * - every delivery of a deleted webhook: they can no longer be listed or sent.
 * A row can be in more than one part (an old delivery of a deleted webhook); `in` takes it once.
 */
export const PRUNE_DELIVERIES = `delete from webhook_delivery where id in (
    select id from (
      select id from webhook_delivery
      where status = 'DELIVERED' and delivered_at < now() - make_interval(days => ?::int)
      union all
      select id from webhook_delivery
      where status = 'FAILED' and last_attempt_at < now() - make_interval(days => ?::int)
      union all
      select d.id from webhook w join webhook_delivery d on d.webhook_id = w.id
      where w.archived_at is not null
    ) forgotten
    limit ?::int
  )`;

/** Deliveries waiting to be sent, for the metrics (the partial index of PENDING rows answers it). */
export const COUNT_PENDING = `select count(*)::int as pending from webhook_delivery where status = 'PENDING'`;

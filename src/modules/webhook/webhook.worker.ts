import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { WebhookConfig } from '../../config';
import { toGlobalId } from '../../graph/node';
import type { Logger } from '../../log';
import type { ChangeRow } from '../audit/changes.loaders';
import { asChange } from '../audit/changes.resolver';
import { doubling } from './webhook.backoff';
import { QueueListener } from './webhook.listener';
import { signature, TargetPolicy } from './webhook.target';
import { CLAIM_WEBHOOK, COUNT_PENDING, HEAD_DELIVERY, PRUNE_DELIVERIES, RECORD_ATTEMPT } from './webhook.sql';

/*
 * The sender of the outbox. Each replica runs a few workers; each claims the head of one
 * webhook's queue (its row locked, SKIP LOCKED for the others), posts it, records the
 * outcome and commits, then claims the next. A server killed mid-send leaves the row as it
 * was (the transaction dies with the connection), so the next worker sends it again:
 * at least once, and exactly once as long as nothing crashes.
 */

interface ClaimedWebhook {
  webhookUuid: string;
  url: string;
  secret: string;
}

interface Head extends ChangeRow {
  id: string;
  attempts: number;
  due: boolean;
}

/** A claimed delivery: its change, and where to send it. */
type Claimed = Head & ClaimedWebhook;

interface Outcome {
  delivered: boolean;
  status?: number;
  error?: string;
}

/** The body of a delivery: its id (the idempotency key) and the change, as the change feed shows it. */
export function deliveryPayload(delivery: Claimed) {
  const { id, kind, entityType, entityId, fields, dataVersion, at, organisationUuid } = asChange(delivery);
  return {
    id: toGlobalId('WebhookDelivery', delivery.id),
    webhookId: toGlobalId('Webhook', delivery.webhookUuid),
    change: { id, kind, entityType, entityId, organisationId: organisationUuid && toGlobalId('Organisation', organisationUuid), fields, dataVersion, at },
  };
}

/**
 * Seconds until the next try after failed attempt number `attempt` (1, 2, …): exponential,
 * capped, with "equal jitter" (between half and all of it), so that receivers that failed
 * together do not all come back at the same moment.
 */
export function retryDelaySeconds(attempt: number, config: Pick<WebhookConfig, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const ceiling = doubling(config.retryBaseMs, config.retryMaxMs, attempt - 1);
  return (ceiling / 2 + (random() * ceiling) / 2) / 1000;
}

/** How often a replica forgets deliveries no one needs (PRUNE_DELIVERIES), and how many one statement forgets at most. */
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 5_000;

/** What the record of a failed attempt keeps of the answer. */
const ANSWER_CHARS = 300;

class Stopping extends Error {}

export class Outbox {
  readonly policy: TargetPolicy;
  /** This replica, as its writes' notifications name it (COMMIT_WRITE); new on every start. */
  readonly replicaId = randomUUID();
  private listener?: QueueListener;
  private readonly loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;
  /** Set by `wake`; a worker that finds nothing to do looks again at once when it is set. */
  private woken = false;
  /** When this replica last forgot old deliveries (0: not yet; the first idle worker does it). */
  private prunedAt = 0;
  private readonly attempts?: Counter<'outcome'>;

  /** `registry`: where the delivery metrics go (GET /metrics). */
  constructor(
    private readonly orm: MikroORM,
    readonly config: WebhookConfig,
    private readonly log: Logger,
    registry?: Registry,
  ) {
    this.policy = new TargetPolicy(config.allowNetworks);
    if (!registry) return;
    this.attempts = new Counter({
      name: 'ig_webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts of this replica by outcome: delivered, failed (retried later) or parked (failed for good)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    new Gauge({
      name: 'ig_webhook_deliveries_pending',
      help: 'Webhook deliveries queued or waiting for a retry (all replicas)',
      registers: [registry],
      async collect() {
        const [row] = await orm.em.fork().execute<{ pending: number }[]>(COUNT_PENDING).catch(() => [{ pending: Number.NaN }]);
        this.set(row?.pending ?? 0);
      },
    });
  }

  start(): void {
    if (this.config.workers === 0) return;
    for (let i = 0; i < this.config.workers; i++) this.loops.push(this.work());
    this.listener = new QueueListener(this.orm.config.get('clientUrl')!, this.replicaId, () => this.wake(), this.log);
    this.listener.start();
  }

  /** Something was queued (a write of this replica, or of another one: QueueListener): idle workers look now. */
  wake(): void {
    this.woken = true;
    for (const sleeper of this.sleepers) sleeper();
  }

  /** Stops the workers; a send under way is cut off and left to be sent again (its transaction rolls back). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const controller of this.inFlight) controller.abort();
    this.wake();
    await Promise.all([...this.loops, this.listener?.stop()]);
  }

  private async work(): Promise<void> {
    // Not all at once: replicas that start together (a deployment) spread their first polls,
    // and a server's first requests do not share its start with them.
    await this.sleep(Math.random() * this.config.pollMs);
    // While the database does not answer, each worker waits longer before it asks again (at
    // most a minute), rather than logging a line per poll.
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      let sent = false;
      try {
        sent = await this.deliverOne();
        failures = 0;
      } catch (error) {
        if (!(error instanceof Stopping)) {
          failures += 1;
          this.log('warn', 'webhook worker: could not claim or record a delivery', { error: error instanceof Error ? error.message : String(error), failures });
        }
      }
      if (failures > 0 && !this.stopped) await this.sleep(doubling(this.config.pollMs * 2, 60_000, failures - 1));
      else if (!sent && !this.woken && !this.stopped) {
        if (Date.now() - this.prunedAt >= PRUNE_EVERY_MS) await this.prune();
        else await this.sleep(this.config.pollMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /**
   * Forgets old delivered and parked deliveries and those of deleted webhooks (PRUNE_DELIVERIES),
   * so that the outbox does not grow with every change for ever; in bounded statements,
   * between deliveries.
   */
  private async prune(): Promise<void> {
    this.prunedAt = Date.now();
    let forgotten = 0;
    try {
      for (let round = 0; round < 20 && !this.stopped; round++) {
        const result = await this.orm.em.fork().getConnection().execute(PRUNE_DELIVERIES, [this.config.keepDays, this.config.keepDays, PRUNE_BATCH], 'run');
        const count = (result as { affectedRows?: number }).affectedRows ?? 0;
        forgotten += count;
        // Not `count < PRUNE_BATCH`: a row in two parts of the statement counts once.
        if (count === 0) break;
      }
      if (forgotten > 0) this.log('info', 'webhook deliveries forgotten', { forgotten, olderThanDays: this.config.keepDays });
    } catch (error) {
      this.log('warn', 'webhook worker: could not forget old deliveries', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Claims, sends and records one delivery; false when none is due. */
  private async deliverOne(): Promise<boolean> {
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [webhook] = await tx.execute<ClaimedWebhook[]>(CLAIM_WEBHOOK);
      if (!webhook) return false;
      const [head] = await tx.execute<Head[]>(HEAD_DELIVERY, [webhook.webhookUuid]);
      // Sent meanwhile by the worker whose lock this one waited for, or failed and now waiting: look again.
      if (!head?.due) return true;
      const claimed: Claimed = { ...head, ...webhook };
      const attempt = claimed.attempts + 1;
      const outcome = await this.send(claimed, attempt);
      if (this.stopped) throw new Stopping();
      const delay = outcome.delivered ? 0 : retryDelaySeconds(attempt, this.config);
      const [recorded] = await tx.execute<{ status: string }[]>(RECORD_ATTEMPT, [
        outcome.status ?? null,
        outcome.error ?? null,
        outcome.delivered,
        outcome.delivered,
        delay,
        claimed.id,
      ]);
      const parked = recorded?.status === 'FAILED';
      this.attempts?.inc({ outcome: outcome.delivered ? 'delivered' : parked ? 'parked' : 'failed' });
      if (!outcome.delivered) {
        this.log(parked ? 'warn' : 'info', parked ? 'webhook delivery failed for good; parked' : 'webhook delivery failed; will retry', {
          delivery: toGlobalId('WebhookDelivery', claimed.id),
          attempt,
          status: outcome.status,
          error: outcome.error,
          retryInSeconds: parked ? undefined : Math.round(delay),
        });
      }
      return true;
    });
  }

  /** Posts one delivery; resolves with what happened, never rejects. */
  private send(delivery: Claimed, attempt: number): Promise<Outcome> {
    const url = new URL(delivery.url);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // An address in the URL is not looked up, so `lookup` would not see it.
    const refused = net.isIP(host) ? this.policy.refusal(host) : undefined;
    if (refused) return Promise.resolve({ delivered: false, error: `not sent: ${refused}` });
    const body = JSON.stringify(deliveryPayload(delivery));
    const controller = new AbortController();
    this.inFlight.add(controller);
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(controller);
        resolve(outcome);
      };
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method: 'POST',
          signal: controller.signal,
          lookup: this.policy.lookup,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'integration-graph-webhooks/1',
            'x-webhook-id': toGlobalId('WebhookDelivery', delivery.id),
            'x-webhook-attempt': String(attempt),
            'x-signature': signature(delivery.secret, Math.floor(Date.now() / 1000), body),
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          let answer = '';
          response.setEncoding('utf8');
          const finish = () => {
            const delivered = status >= 200 && status < 300;
            const why = status >= 300 && status < 400 ? 'redirects are not followed' : answer.replace(/\s+/g, ' ').trim().slice(0, ANSWER_CHARS);
            settle({ delivered, status, error: delivered ? undefined : `answered ${status}${why ? `: ${why}` : ''}` });
            response.destroy();
          };
          response.on('data', (chunk: string) => {
            answer += chunk;
            // Only so much of an answer is kept; the rest is not waited for.
            if (answer.length >= ANSWER_CHARS) finish();
          });
          response.on('end', finish);
          response.on('error', finish);
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${this.config.timeoutMs} ms`)), this.config.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => settle({ delivered: false, error: error.code === 'ABORT_ERR' ? 'the server stopped' : error.message.slice(0, ANSWER_CHARS) }));
      request.end(body);
    });
  }
}

declare module '../../graph/context' {
  interface SharedState {
    /** The webhook outbox's sender: woken after a write that queued deliveries. */
    outbox: Outbox;
  }
}

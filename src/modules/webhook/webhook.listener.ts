import { Client } from 'pg';
import type { Logger } from '../../log';
import { doubling } from './webhook.backoff';
import { LISTEN_FOR_QUEUED, QUEUED_CHANNEL } from './webhook.sql';

/*
 * Wakes this replica's workers when a write of another replica queued deliveries: COMMIT_WRITE
 * notifies QUEUED_CHANNEL (PostgreSQL sends it when the write commits, and not at all when it
 * rolls back), with the writing replica's id as payload, so a replica skips its own writes (it
 * woke its workers itself). Without it the other replicas would only find the delivery at their
 * next poll (WEBHOOK_POLL_MS). The poll stays: it finds retries that fell due, and covers the
 * time while the listening connection is down.
 */

/** The pause before the listening connection is opened again: doubling, at most 30 s. */
const RECONNECT_MS = { first: 500, max: 30_000 };

export class QueueListener {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private failures = 0;

  /** `url`: the primary's (notifications are sent where the write commits). */
  constructor(
    private readonly url: string,
    private readonly replicaId: string,
    private readonly onQueued: () => void,
    private readonly log: Logger,
  ) {}

  /** Opens the connection in the background; a database that cannot be reached is tried again later. */
  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // A connection of its own, outside the pool: LISTEN belongs to a session, and a pooled
    // connection goes back to the pool after each use.
    // Keep-alive: a connection that died without a word (a host gone) is noticed and opened again.
    const client = new Client({
      connectionString: this.url,
      application_name: 'integration-graph webhook listener',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
    });
    this.client = client;
    let lost = false;
    const reconnect = (reason: string) => {
      if (lost || this.stopped || this.client !== client) return;
      lost = true;
      this.client = undefined;
      client.end().catch(() => undefined);
      this.failures += 1;
      const delay = doubling(RECONNECT_MS.first, RECONNECT_MS.max, this.failures - 1);
      // The first loss is worth a line; a database that stays away is not worth one per retry.
      if (this.failures === 1) this.log('warn', 'webhook listener: connection lost; deliveries of other replicas wait for the next poll', { reason });
      this.retry = setTimeout(() => void this.connect(), delay);
      this.retry.unref();
    };
    client.on('error', (error) => reconnect(error.message));
    client.on('end', () => reconnect('the connection ended'));
    client.on('notification', (message) => {
      if (message.channel === QUEUED_CHANNEL && message.payload !== this.replicaId) this.onQueued();
    });
    try {
      await client.connect();
      await client.query(LISTEN_FOR_QUEUED);
      if (this.stopped) return void client.end().catch(() => undefined);
      if (this.failures === 0) return;
      this.failures = 0;
      this.log('info', 'webhook listener: connected again');
      // What was queued while no one listened: look now rather than at the next poll. Not on
      // the first connect: the workers' first polls are spread on purpose (Outbox.work).
      this.onQueued();
    } catch (error) {
      reconnect(error instanceof Error ? error.message : String(error));
    }
  }
}

import 'reflect-metadata';
import crypto from 'node:crypto';
import { App, startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';
import { retryDelaySeconds } from '../src/modules/webhook/webhook.worker';
import { TargetPolicy } from '../src/modules/webhook/webhook.target';
import { startReceiver } from './support/receiver';
import { ok, postGraphQL, startTestServer, TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';
import { sleep, until } from './support/wait';

/*
 * Webhooks: changes queued in the writing transaction (the outbox) and posted, signed, to
 * a receiver on 127.0.0.1 (allowed here with WEBHOOK_ALLOW_NETWORKS; refused by default).
 * The crash test (SIGKILL between commit and delivery) is in webhooks-crash.test.ts.
 */

/** The README's recipe, as a receiver would copy it. */
function verify(secret: string, header: string, body: string, toleranceSeconds = 300): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return (
    Math.abs(Date.now() / 1000 - Number(t)) <= toleranceSeconds &&
    v1?.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected))
  );
}

const CREATE = `mutation ($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id url changeTypes version } secret userErrors { field code message } }
}`;
const UPDATE = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { version } userErrors { code message } } }`;
const DELIVERIES = `query ($status: WebhookDeliveryStatus) {
  webhooks(first: 10) { nodes { id deliveries(first: 100, status: $status) { totalCount nodes { id status attempts lastResponseStatus lastError change { id entityType } } } } }
}`;

const LOCAL = { WEBHOOK_ALLOW_NETWORKS: '127.0.0.0/8' };
/** Retries within milliseconds, so the tests need not wait for the real backoff. */
const FAST_RETRIES = { WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '200', WEBHOOK_POLL_MS: '50' };

interface Delivered {
  id: string;
  webhookId: string;
  change: { id: string; kind: string; entityType: string; entityId: string; dataVersion: string; fields: string[] };
}

async function coordinatorOf(server: TestServer) {
  return bearer(await issueTestToken(server.db, Role.COORDINATOR, { name: 'Koordination' }));
}

async function create(server: TestServer, headers: Record<string, string>, input: object) {
  return ok(await server.gql(CREATE, { input }, headers)).createWebhook;
}

const DELETE = `mutation ($id: ID!) { deleteWebhook(input: { id: $id }) { deletedId userErrors { code } } }`;

/** Writers, each on an organisation of its own, `perWriter` updates each; the ids of the changes, from the feed. */
async function burst(server: TestServer, headers: Record<string, string>, writers: number, perWriter: number, urls: string[] = [`${server.base}/graphql`]) {
  const start = ok(await server.gql(`{ changes(last: 1) { pageInfo { endCursor } } }`)).changes.pageInfo.endCursor;
  const listed = ok(await server.gql(`query ($n: Int) { organisations(first: $n, filter: { isCategory: false }) { nodes { id version } } }`, { n: writers })).organisations.nodes;
  expect(listed).toHaveLength(writers);
  await Promise.all(
    listed.map(async (org: { id: string; version: number }, w: number) => {
      let version = org.version;
      for (let i = 0; i < perWriter; i++) {
        const url = urls[(w + i) % urls.length];
        const result = ok(await postGraphQL(url, { query: UPDATE, variables: { input: { id: org.id, expectedVersion: version, patch: { description: `Stand ${w}.${i}` } } } }, headers)).updateOrganisation;
        expect(result.userErrors).toEqual([]);
        version = result.organisation.version;
      }
    }),
  );
  const ids: string[] = [];
  for (let cursor = start; ; ) {
    const page = ok(await server.gql(`query ($after: String) { changes(first: 100, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`, { after: cursor })).changes;
    ids.push(...page.nodes.map((n: { id: string }) => n.id));
    if (!page.pageInfo.hasNextPage) return ids;
    cursor = page.pageInfo.endCursor;
  }
}

describe('where deliveries may go', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    // Nothing is sent from here: the webhooks below point at a public address.
    server = await startTestServer({ seed: false, env: { WEBHOOK_WORKERS: '0' } });
    coordinator = await coordinatorOf(server);
  });
  afterAll(() => server.stop());

  test.each([
    'http://127.0.0.1/hooks',
    'http://127.0.0.1:8080/hooks',
    'http://localhost/hooks',
    'http://[::1]/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/hooks',
    'http://192.168.178.1/hooks',
    'http://0.0.0.0/hooks',
  ])('%s is refused by default, nothing created', async (url) => {
    const result = await create(server, coordinator, { url });
    expect(result.webhook).toBeNull();
    expect(result.secret).toBeNull();
    expect(result.userErrors).toEqual([{ field: 'url', code: 'PRIVATE_TARGET', message: expect.stringContaining('WEBHOOK_ALLOW_NETWORKS') }]);
  });

  test('malformed URLs, credentials and unknown types are userErrors; nothing is created', async () => {
    for (const [input, field, code] of [
      [{ url: 'ftp://example.org/x' }, 'url', 'INVALID_URL'],
      [{ url: 'kein url' }, 'url', 'INVALID_URL'],
      [{ url: 'https://user:pw@93.184.215.14/x' }, 'url', 'INVALID_URL'],
      [{ url: `https://93.184.215.14/${'x'.repeat(2001)}` }, 'url', 'TOO_LONG'],
      [{ url: 'https://93.184.215.14/x', changeTypes: ['Organisation', 'ApiToken'] }, 'changeTypes.1', 'UNKNOWN'],
    ] as const) {
      const result = await create(server, coordinator, input);
      expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    }
    expect(ok(await server.gql(`{ webhooks { totalCount } }`, {}, coordinator)).webhooks.totalCount).toBe(0);
  });

  test('a public address is taken; the secret is shown once; only coordinators create and list', async () => {
    const result = await create(server, coordinator, { url: 'https://93.184.215.14/hooks', changeTypes: ['Organisation'], description: 'Website' });
    expect(result.userErrors).toEqual([]);
    expect(result.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(result.webhook).toEqual({ id: expect.any(String), url: 'https://93.184.215.14/hooks', changeTypes: ['Organisation'], version: 1 });
    const listed = ok(await server.gql(`{ webhooks { nodes { id url description } } }`, {}, coordinator)).webhooks.nodes;
    expect(listed).toEqual([{ id: result.webhook.id, url: 'https://93.184.215.14/hooks', description: 'Website' }]);
    // The secret is not in the audit trail either.
    const stored = await server.db.query<{ changes: object }>(`select changes from audit_entry where entity_type = 'Webhook'`);
    expect(JSON.stringify(stored)).not.toContain(result.secret);

    const anonymous = await server.gql(`{ webhooks { totalCount } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const partner = bearer(await issueTestToken(server.db, Role.PARTNER_EDITOR, { name: 'Partner' }));
    const refused = await server.gql(CREATE, { input: { url: 'https://93.184.215.14/x' } }, partner);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const deleted = ok(await server.gql(DELETE, { id: result.webhook.id }, coordinator)).deleteWebhook;
    expect(deleted).toEqual({ deletedId: result.webhook.id, userErrors: [] });
    expect(ok(await server.gql(`{ webhooks { totalCount } }`, {}, coordinator)).webhooks.totalCount).toBe(0);
  });

  test('updateWebhook checks the new URL as createWebhook does, renews the secret on request, refuses a stale version', async () => {
    const { webhook, secret } = await create(server, coordinator, { url: 'https://93.184.215.14/alt' });
    const UPDATE_WEBHOOK = `mutation ($input: UpdateWebhookInput!) {
      updateWebhook(input: $input) { webhook { url changeTypes description version } secret userErrors { field code } }
    }`;
    const update = async (input: object) => ok(await server.gql(UPDATE_WEBHOOK, { input: { id: webhook.id, ...input } }, coordinator)).updateWebhook;
    expect(await update({ expectedVersion: 1, patch: { url: 'http://10.0.0.5/hooks' } })).toEqual({ webhook: null, secret: null, userErrors: [{ field: 'patch.url', code: 'PRIVATE_TARGET' }] });
    const changed = await update({ expectedVersion: 1, patch: { url: 'https://93.184.215.14/neu', changeTypes: ['Forum'], description: 'Neu' }, renewSecret: true });
    expect(changed.userErrors).toEqual([]);
    expect(changed.webhook).toEqual({ url: 'https://93.184.215.14/neu', changeTypes: ['Forum'], description: 'Neu', version: 2 });
    expect(changed.secret).toMatch(/^whsec_/);
    expect(changed.secret).not.toBe(secret);
    const stale = await server.gql(UPDATE_WEBHOOK, { input: { id: webhook.id, expectedVersion: 1, patch: { description: 'Alt' } } }, coordinator);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await update({ expectedVersion: 2, patch: { changeTypes: [] } })).webhook.changeTypes).toBeNull();
    const one = `query ($id: ID!) { webhook(id: $id) { id url version } }`;
    expect(ok(await server.gql(one, { id: webhook.id }, coordinator)).webhook).toEqual({ id: webhook.id, url: 'https://93.184.215.14/neu', version: 3 });
    expect(ok(await server.gql(DELETE, { id: webhook.id }, coordinator)).deleteWebhook.deletedId).toBe(webhook.id);
    expect(ok(await server.gql(one, { id: webhook.id }, coordinator)).webhook).toBeNull();
    expect((await server.gql(one, { id: webhook.id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const again = await server.gql(DELETE, { id: webhook.id }, coordinator);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('at most 50 live webhooks: the 51st is a userError, and deleting one makes room', async () => {
    await server.db.query(
      `insert into webhook (id, url, secret) select gen_random_uuid(), 'https://93.184.215.14/' || n, 'whsec_x' from generate_series(1, 50) n`,
    );
    const refused = await create(server, coordinator, { url: 'https://93.184.215.14/eins-zu-viel' });
    expect(refused.userErrors).toEqual([{ field: 'url', code: 'TOO_MANY', message: expect.stringContaining('50 webhooks') }]);
    await server.db.query(`update webhook set archived_at = now() where url = 'https://93.184.215.14/1'`);
    expect((await create(server, coordinator, { url: 'https://93.184.215.14/eins-zu-viel' })).userErrors).toEqual([]);
    await server.db.query(`update webhook set archived_at = now() where archived_at is null`);
  });

  test('delivered and parked deliveries older than WEBHOOK_KEEP_DAYS are forgotten, and all of a deleted webhook; recent and pending ones are kept', async () => {
    const { webhook } = await create(server, coordinator, { url: 'https://93.184.215.14/alt-und-neu' });
    const { webhook: gone } = await create(server, coordinator, { url: 'https://93.184.215.14/geloescht' });
    const uuidOf = async (url: string) => (await server.db.query<{ id: string }>(`select id from webhook where url = ?`, [url]))[0].id;
    const [kept, deleted] = [await uuidOf('https://93.184.215.14/alt-und-neu'), await uuidOf('https://93.184.215.14/geloescht')];
    const [{ id: change }] = await server.db.query<{ id: string }>(`select id from audit_entry limit 1`);
    // A delivery as it stands `daysAgo` days after it was delivered, or parked, or last tried.
    const row = (hook: string, n: number, status: string, daysAgo: number) =>
      server.db.query(
        `insert into webhook_delivery (id, webhook_id, change_id, data_version, status, attempts, retry_until, next_attempt_at, last_attempt_at, delivered_at, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 1, now() + interval '1 day', now() + interval '1 day', now() - make_interval(days => ?),
                 case when ? = 'DELIVERED' then now() - make_interval(days => ?) end, now() - make_interval(days => ?))`,
        [hook, change, n, status, daysAgo, status, daysAgo, daysAgo],
      );
    for (let n = 1; n <= 3; n++) await row(kept, n, 'DELIVERED', 40);
    await row(kept, 4, 'DELIVERED', 1);
    await row(kept, 5, 'FAILED', 40);
    await row(kept, 6, 'FAILED', 29);
    await row(kept, 7, 'PENDING', 40);
    for (const [n, status] of ['DELIVERED', 'FAILED', 'PENDING'].entries()) await row(deleted, n + 1, status, 1);
    const left = async (hook: string) => await server.db.query<{ status: string; old: boolean }>(
      `select status, created_at < now() - interval '30 days' as old from webhook_delivery where webhook_id = ? order by data_version`, [hook]);
    expect(await left(kept)).toHaveLength(7);
    expect(ok(await server.gql(DELETE, { id: gone.id }, coordinator)).deleteWebhook.deletedId).toBe(gone.id);
    expect(await left(deleted)).toHaveLength(3);
    // Another replica, with a worker: it forgets when it first has nothing to send (the
    // pending rows here wait a day for their next try).
    const replica = await startApp(
      loadConfig({ DATABASE_URL: server.db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED: 'false', WEBHOOK_WORKERS: '1', WEBHOOK_KEEP_DAYS: '30' }),
      createLogger('silent'),
    );
    try {
      const deadline = Date.now() + 10_000;
      while (((await left(kept)).length > 3 || (await left(deleted)).length > 0) && Date.now() < deadline) await sleep(50);
      expect(await left(kept)).toEqual([
        { status: 'DELIVERED', old: false },
        { status: 'FAILED', old: false },
        { status: 'PENDING', old: true },
      ]);
      expect(await left(deleted)).toEqual([]);
    } finally {
      await replica.stop();
    }
    await server.gql(DELETE, { id: webhook.id }, coordinator);
  });

  test('the policy reads mapped, link-local and allowed networks as it should', () => {
    const strict = new TargetPolicy([]);
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '169.254.169.254', 'fd00::1', 'fe80::1', '100.64.0.1', '172.31.255.255'].filter((a) => !strict.refusal(a))).toEqual([]);
    expect(['93.184.215.14', '8.8.8.8', '2a00:1450:4001:82a::200e', '172.32.0.1'].filter((a) => strict.refusal(a))).toEqual([]);
    const opened = new TargetPolicy(['10.20.0.0/16']);
    expect([opened.refusal('10.20.3.4'), !!opened.refusal('10.21.0.1')]).toEqual([undefined, true]);
  });

  test('a name is looked up at delivery time and refused when an address it resolves to is not allowed (DNS rebinding)', async () => {
    const lookup = (policy: TargetPolicy, all: boolean) =>
      new Promise<{ error?: string; addresses?: unknown }>((resolve) =>
        policy.lookup('localhost', { all }, (error, addresses) => resolve(error ? { error: (error as NodeJS.ErrnoException).code } : { addresses })),
      );
    expect(await lookup(new TargetPolicy([]), true)).toEqual({ error: 'ETARGETREFUSED' });
    expect(await lookup(new TargetPolicy([]), false)).toEqual({ error: 'ETARGETREFUSED' });
    const opened = new TargetPolicy(['127.0.0.0/8', '::1/128']);
    expect((await lookup(opened, true)).addresses).toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) })]));
    expect((await lookup(opened, false)).addresses).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await new TargetPolicy([]).refusalOfUrl('http://localhost:8080/x')).toMatch(/^its host localhost resolves to/);
    expect(await opened.refusalOfUrl('http://localhost:8080/x')).toBeUndefined();
  });

  test('the retry delays grow exponentially with jitter and stop growing at the cap', () => {
    const config = { retryBaseMs: 10_000, retryMaxMs: 3_600_000 };
    expect([1, 2, 3].map((n) => retryDelaySeconds(n, config, () => 1))).toEqual([10, 20, 40]);
    expect(retryDelaySeconds(1, config, () => 0)).toBe(5);
    expect(retryDelaySeconds(30, config, () => 1)).toBe(3600);
    // Retried for 24 hours: about 17 attempts, not thousands.
    let total = 0;
    let attempts = 0;
    while (total < 86_400) total += retryDelaySeconds(++attempts, config, () => 1);
    expect(attempts).toBeLessThan(40);
  });
});

describe('delivery', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...LOCAL, ...FAST_RETRIES } });
    coordinator = await coordinatorOf(server);
  });
  afterAll(() => server.stop());

  test('two replicas deliver every change of a burst of 200 writes exactly once, in order, signed', async () => {
    const receiver = await startReceiver();
    const second: App = await startApp(
      loadConfig({ DATABASE_URL: server.db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED: 'false', RATE_LIMIT_TOKEN_POINTS: '1000000', ...LOCAL, ...FAST_RETRIES }),
      createLogger('silent'),
    );
    try {
      const { webhook, secret, userErrors } = await create(server, coordinator, { url: receiver.url, changeTypes: ['Organisation'] });
      expect(userErrors).toEqual([]);
      const changes = await burst(server, coordinator, 8, 25, [`${server.base}/graphql`, second.url]);
      expect(changes).toHaveLength(200);

      expect(await until(() => receiver.accepted().length >= 200, 60_000)).toBe(true);
      await sleep(300); // anything sent twice would arrive by now
      const bodies = receiver.received.map((r) => JSON.parse(r.body) as Delivered);
      expect(receiver.received.length).toBe(200);
      expect(bodies.map((b) => b.change.id).sort()).toEqual([...changes].sort());
      // In the feed's order: the data versions rise from one delivery to the next.
      const versions = bodies.map((b) => BigInt(b.change.dataVersion));
      versions.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(versions[i]));
      for (const [i, r] of receiver.received.entries()) {
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['x-webhook-id']).toBe(bodies[i].id);
        expect(r.headers['x-webhook-attempt']).toBe('1');
        expect(verify(secret, String(r.headers['x-signature']), r.body)).toBe(true);
        expect(bodies[i].webhookId).toBe(webhook.id);
      }
      expect(new Set(bodies.map((b) => b.id)).size).toBe(200);
      // A tampered body or another secret does not verify.
      const first = receiver.received[0];
      expect(verify(secret, String(first.headers['x-signature']), first.body.replace('UPDATED', 'CREATED'))).toBe(false);
      expect(verify('whsec_other', String(first.headers['x-signature']), first.body)).toBe(false);

      const listed = ok(await server.gql(DELIVERIES, { status: 'DELIVERED' }, coordinator)).webhooks.nodes[0].deliveries;
      expect(listed.totalCount).toBe(200);
      expect(listed.nodes[0]).toEqual({ id: bodies[199].id, status: 'DELIVERED', attempts: 1, lastResponseStatus: 200, lastError: null, change: { id: bodies[199].change.id, entityType: 'Organisation' } });
      await server.gql(DELETE, { id: webhook.id }, coordinator);
    } finally {
      await second.stop();
      await receiver.close();
    }
  }, 120_000);

  test('after a receiver answered 500 for a while, it gets every change again, each accepted once', async () => {
    let failing = true;
    const receiver = await startReceiver(() => (failing ? 500 : 200));
    const { webhook, secret } = await create(server, coordinator, { url: receiver.url });
    const changes = await burst(server, coordinator, 4, 5);
    expect(await until(() => receiver.received.length >= 5, 10_000)).toBe(true);
    expect(receiver.accepted()).toHaveLength(0);
    // Only the head of the queue is tried while it fails: the rest wait their turn.
    const tried = new Set(receiver.received.map((r) => JSON.parse(r.body).change.id));
    expect(tried.size).toBe(1);
    const pending = ok(await server.gql(DELIVERIES, { status: 'PENDING' }, coordinator)).webhooks.nodes[0].deliveries;
    expect(pending.totalCount).toBe(20);
    const head = pending.nodes.find((n: { attempts: number }) => n.attempts > 0);
    expect(head).toMatchObject({ lastResponseStatus: 500, lastError: 'answered 500: nicht jetzt' });

    failing = false;
    expect(await until(() => receiver.accepted().length >= 20, 30_000)).toBe(true);
    await sleep(300);
    const accepted = receiver.accepted().map((r) => JSON.parse(r.body) as Delivered);
    expect(accepted.map((b) => b.change.id)).toEqual(changes);
    expect(receiver.accepted().every((r) => verify(secret, String(r.headers['x-signature']), r.body))).toBe(true);
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    const attempts = (outcome: string) => Number(metrics.match(new RegExp(`^ig_webhook_delivery_attempts_total\\{outcome="${outcome}"\\} (\\d+)`, 'm'))?.[1]);
    expect(attempts('failed')).toBe(receiver.received.length - 20);
    expect(attempts('delivered')).toBeGreaterThanOrEqual(20);
    expect(metrics).toMatch(/^ig_webhook_deliveries_pending 0$/m);
    expect(Number(receiver.accepted()[0].headers['x-webhook-attempt'])).toBeGreaterThan(1);
    // Every attempt carries the same idempotency key for the same change.
    const keys = new Map<string, Set<string>>();
    for (const r of receiver.received) keys.set(JSON.parse(r.body).change.id, (keys.get(JSON.parse(r.body).change.id) ?? new Set()).add(String(r.headers['x-webhook-id'])));
    expect([...keys.values()].every((k) => k.size === 1)).toBe(true);
    await server.gql(DELETE, { id: webhook.id }, coordinator);
    await receiver.close();
  }, 60_000);
});

describe('a write of one replica wakes the workers of another (LISTEN/NOTIFY)', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    // The replica that writes sends nothing itself.
    server = await startTestServer({ env: { ...LOCAL, WEBHOOK_WORKERS: '0' } });
    coordinator = await coordinatorOf(server);
  });
  afterAll(() => server.stop());

  test('each change arrives at once although the sending replica polls only once a minute, also after its listening connection was cut', async () => {
    const receiver = await startReceiver();
    const sender: App = await startApp(
      loadConfig({ DATABASE_URL: server.db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED: 'false', WEBHOOK_WORKERS: '1', WEBHOOK_POLL_MS: '60000', ...LOCAL }),
      createLogger('silent'),
    );
    const [org] = ok(await server.gql(`{ organisations(first: 1, filter: { isCategory: false }) { nodes { id } } }`)).organisations.nodes;
    const change = async (n: number) => {
      const { version } = ok(await server.gql(`query ($id: ID!) { node(id: $id) { ... on Organisation { version } } }`, { id: org.id })).node;
      const input = { id: org.id, expectedVersion: version, patch: { description: `Weckruf ${n}` } };
      expect(ok(await server.gql(UPDATE, { input }, coordinator)).updateOrganisation.userErrors).toEqual([]);
    };
    const listening = async () =>
      (await server.db.query(`select 1 from pg_stat_activity where application_name = 'integration-graph webhook listener' and query ilike 'listen%'`)).length;
    try {
      expect(await create(server, coordinator, { url: receiver.url, changeTypes: ['Organisation'] })).toMatchObject({ userErrors: [] });
      const deadline = Date.now() + 10_000;
      while ((await listening()) === 0 && Date.now() < deadline) await sleep(20);
      expect(await listening()).toBe(1);
      // Three writes, each waited for: a minute's poll could catch one of them at most.
      for (let n = 1; n <= 3; n++) {
        await change(n);
        expect(await until(() => receiver.accepted().length >= n, 10_000)).toBe(true);
      }
      // The connection is cut (a database restart, a proxy): the listener opens it again and
      // looks for what was queued meanwhile.
      expect((await server.db.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'integration-graph webhook listener'`)).length).toBe(1);
      await change(4);
      expect(await until(() => receiver.accepted().length >= 4, 10_000)).toBe(true);
      await change(5);
      expect(await until(() => receiver.accepted().length >= 5, 10_000)).toBe(true);
      expect(receiver.received).toHaveLength(5);
    } finally {
      await sender.stop();
      await receiver.close();
    }
    // Stopped with the server: no listener is left.
    expect(await listening()).toBe(0);
  }, 60_000);
});

describe('delivery to a name', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ env: { WEBHOOK_ALLOW_NETWORKS: '127.0.0.0/8,::1/128', ...FAST_RETRIES } });
    coordinator = await coordinatorOf(server);
  });
  afterAll(() => server.stop());

  test('a URL with a host name is resolved, checked and delivered to', async () => {
    const receiver = await startReceiver();
    const { webhook, userErrors } = await create(server, coordinator, { url: receiver.url.replace('127.0.0.1', 'localhost') });
    expect(userErrors).toEqual([]);
    const [change] = await burst(server, coordinator, 1, 1);
    expect(await until(() => receiver.accepted().length === 1, 10_000)).toBe(true);
    expect(JSON.parse(receiver.accepted()[0].body)).toMatchObject({ webhookId: webhook.id, change: { id: change } });
    await receiver.close();
  });
});

describe('parking and retrying', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...LOCAL, ...FAST_RETRIES, WEBHOOK_RETRY_WINDOW_SECONDS: '1' } });
    coordinator = await coordinatorOf(server);
  });
  afterAll(() => server.stop());

  test('a delivery that fails for its whole retry window is parked as FAILED; retryWebhookDelivery sends it again', async () => {
    let status = 503;
    const receiver = await startReceiver(() => status);
    await create(server, coordinator, { url: receiver.url });
    const [change] = await burst(server, coordinator, 1, 1);
    const failed = async () => ok(await server.gql(DELIVERIES, { status: 'FAILED' }, coordinator)).webhooks.nodes[0].deliveries;
    const deadline = Date.now() + 15_000;
    while ((await failed()).totalCount === 0 && Date.now() < deadline) await sleep(100);
    const [parked] = (await failed()).nodes;
    expect(parked).toMatchObject({ status: 'FAILED', lastResponseStatus: 503, change: { id: change } });
    // Every attempt is on record (how many fit in the window depends on the machine's pace).
    const attempts = receiver.received.length;
    expect(parked.attempts).toBe(attempts);
    await sleep(300);
    expect(receiver.received.length).toBe(attempts); // parked: no more tries

    status = 200;
    const retried = ok(await server.gql(`mutation ($id: ID!) { retryWebhookDelivery(input: { id: $id }) { delivery { id status } } }`, { id: parked.id }, coordinator));
    // Queued again (or, with a worker polling every 50 ms, already sent on).
    expect(retried.retryWebhookDelivery.delivery).toEqual({ id: parked.id, status: expect.stringMatching(/^(PENDING|DELIVERED)$/) });
    expect(await until(() => receiver.accepted().length === 1, 10_000)).toBe(true);
    expect(JSON.parse(receiver.accepted()[0].body).id).toBe(parked.id);
    const again = ok(await server.gql(DELIVERIES, { status: 'DELIVERED' }, coordinator)).webhooks.nodes[0].deliveries.nodes;
    expect(again).toEqual([expect.objectContaining({ id: parked.id, status: 'DELIVERED', lastResponseStatus: 200 })]);

    const unknown = await server.gql(`mutation { retryWebhookDelivery(input: { id: "bm9uZQ" }) { delivery { id } } }`, {}, coordinator);
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await receiver.close();
  }, 60_000);
});

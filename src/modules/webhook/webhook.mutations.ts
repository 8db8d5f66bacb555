import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { randomBytes } from 'node:crypto';
import type { Context } from '../../graph/context';
import { ApiError } from '../../graph/errors';
import { uuidOf } from '../../graph/node';
import { ApiToken } from '../auth/api-token.entity';
import { CoordinatorOnly } from '../auth/policy';
import { FEED_TYPES } from '../audit/changes.sql';
import { UserError, userErrorsOf, write } from '../common/write';
import { DeliveryStatus, Webhook as WebhookEntity, WebhookDelivery as DeliveryEntity } from './webhook.entity';
import { CreateWebhookInput, DeleteWebhookInput, RetryWebhookDeliveryInput, UpdateWebhookInput } from './webhook.inputs';
import { countWebhooks, readDelivery, readWebhook } from './webhook.loaders';
import { asDelivery, asWebhook } from './webhook.resolver';
import { TargetPolicy } from './webhook.target';
import { CreateWebhookPayload, DeleteWebhookPayload, RetryWebhookDeliveryPayload, UpdateWebhookPayload, Webhook } from './webhook.type';

/*
 * The webhook writes, for coordinators: create one (its secret is shown once), change it or
 * renew its secret, delete it, send one of its deliveries again. Each through the write path.
 */

/**
 * Live webhooks at most: every write queues a delivery for each one that wants its change,
 * in its own transaction, so their number is part of what a write costs.
 */
export const MAX_WEBHOOKS = 50;

/** A secret of 32 random bytes; the prefix says what it is wherever it turns up. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Problems with a webhook's URL and change types (fields under `prefix`), as userErrors,
 * after the input's own rules. The URL's host is resolved: it must be public.
 */
async function webhookProblems(
  input: { url?: string | null; changeTypes?: string[] | null },
  problems: UserError[],
  policy: TargetPolicy,
  prefix = '',
): Promise<UserError[]> {
  const failed = (field: string) => problems.some((p) => p.field === `${prefix}${field}` || p.field.startsWith(`${prefix}${field}.`));
  if (input.url != null && !failed('url')) {
    const syntax = TargetPolicy.urlProblem(input.url);
    const refusal = syntax ? undefined : await policy.refusalOfUrl(input.url);
    if (syntax) problems.push({ field: `${prefix}url`, message: syntax, code: 'INVALID_URL' });
    else if (refusal) problems.push({ field: `${prefix}url`, message: `is refused: ${refusal}. Such targets need the server's WEBHOOK_ALLOW_NETWORKS.`, code: 'PRIVATE_TARGET' });
  }
  if (!failed('changeTypes')) {
    (input.changeTypes ?? []).forEach((type, i) => {
      if (!(FEED_TYPES as readonly string[]).includes(type)) {
        problems.push({ field: `${prefix}changeTypes.${i}`, message: `is not a type of the change feed; use ${FEED_TYPES.join(', ')}`, code: 'UNKNOWN' });
      }
    });
  }
  return problems;
}

/** The change types as stored: null for all (also types the feed gains later). */
const storedTypes = (types: string[] | null | undefined) => (types?.length ? [...new Set(types)] : null);

@Resolver(() => Webhook)
export class WebhookMutations {
  @Mutation(() => CreateWebhookPayload, {
    description:
      'Creates a webhook (coordinators): from the next write on, each change of its types is posted to its URL. ' +
      'The signing secret is in the payload, once.',
  })
  @CoordinatorOnly()
  async createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() ctx: Context): Promise<CreateWebhookPayload> {
    const userErrors = await webhookProblems(input, await userErrorsOf(input), ctx.shared.outbox.policy);
    if ((await countWebhooks(ctx)) >= MAX_WEBHOOKS) {
      userErrors.push({ field: 'url', message: `there are ${MAX_WEBHOOKS} webhooks already, the most there may be; delete one that is no longer used`, code: 'TOO_MANY' });
    }
    if (userErrors.length) return { webhook: null, secret: null, userErrors };
    const secret = newSecret();
    const uuid = await write(ctx, async (tx) => {
      const webhook = Object.assign(new WebhookEntity(), {
        url: input.url,
        changeTypes: storedTypes(input.changeTypes),
        description: input.description?.trim() || null,
        secret,
        createdBy: tx.em.getReference(ApiToken, ctx.viewer!.tokenId),
      });
      tx.em.persist(webhook);
      tx.audit({
        action: 'CREATE',
        entityType: 'Webhook',
        entityId: webhook.id,
        changes: { url: { before: null, after: webhook.url }, changeTypes: { before: null, after: webhook.changeTypes ?? null } },
      });
      return webhook.id;
    });
    return { webhook: asWebhook((await readWebhook(ctx, uuid))!), secret, userErrors: [] };
  }

  @Mutation(() => UpdateWebhookPayload, {
    description: 'Changes a webhook\'s URL, change types or description, or renews its secret (coordinators). Queued deliveries go to the new URL.',
  })
  @CoordinatorOnly()
  async updateWebhook(@Arg('input', () => UpdateWebhookInput) input: UpdateWebhookInput, @Ctx() ctx: Context): Promise<UpdateWebhookPayload> {
    const userErrors = await webhookProblems(input.patch, await userErrorsOf(input), ctx.shared.outbox.policy, 'patch.');
    if (userErrors.length) return { webhook: null, secret: null, userErrors };
    const secret = input.renewSecret ? newSecret() : null;
    const uuid = await write(ctx, async (tx) => {
      const webhook = await tx.load(WebhookEntity, 'Webhook', input.id, 'input.id', { expectedVersion: input.expectedVersion });
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const set = <K extends 'url' | 'changeTypes' | 'description'>(key: K, value: WebhookEntity[K]) => {
        if (JSON.stringify(webhook[key] ?? null) === JSON.stringify(value ?? null)) return;
        changes[key] = { before: webhook[key] ?? null, after: value ?? null };
        webhook[key] = value;
      };
      const { url, changeTypes, description } = input.patch;
      if (url != null) set('url', url);
      if (changeTypes !== undefined) set('changeTypes', storedTypes(changeTypes));
      if (description !== undefined) set('description', description?.trim() || null);
      if (secret) {
        webhook.secret = secret;
        // That it changed, never the secret itself.
        changes.secret = { before: 'renewed', after: 'renewed' };
      }
      tx.audit({ action: 'UPDATE', entityType: 'Webhook', entityId: webhook.id, changes });
      return webhook.id;
    });
    return { webhook: asWebhook((await readWebhook(ctx, uuid))!), secret, userErrors: [] };
  }

  @Mutation(() => DeleteWebhookPayload, { description: 'Deletes a webhook (coordinators): nothing more is sent to it, also of what was queued, and its deliveries are forgotten.' })
  @CoordinatorOnly()
  async deleteWebhook(@Arg('input', () => DeleteWebhookInput) input: DeleteWebhookInput, @Ctx() ctx: Context): Promise<DeleteWebhookPayload> {
    await write(ctx, async (tx) => {
      const webhook = await tx.load(WebhookEntity, 'Webhook', input.id, 'input.id');
      webhook.archivedAt = new Date();
      tx.audit({ action: 'ARCHIVE', entityType: 'Webhook', entityId: webhook.id, changes: { archivedAt: { before: null, after: webhook.archivedAt.toISOString() } } });
    });
    return { deletedId: input.id, userErrors: [] };
  }

  @Mutation(() => RetryWebhookDeliveryPayload, {
    description:
      'Sends a delivery again (coordinators): a FAILED one, one waiting for its next try, or a DELIVERED one. It is queued at once, ' +
      'ahead of its webhook\'s newer changes, and retried for another 24 hours.',
  })
  @CoordinatorOnly()
  async retryWebhookDelivery(@Arg('input', () => RetryWebhookDeliveryInput) input: RetryWebhookDeliveryInput, @Ctx() ctx: Context): Promise<RetryWebhookDeliveryPayload> {
    const uuid = uuidOf(input.id, 'input.id', 'WebhookDelivery');
    const window = ctx.shared.outbox.config.retryWindowSeconds;
    await write(ctx, async (tx) => {
      const delivery = await tx.em.findOne(DeliveryEntity, { id: uuid, webhook: { archivedAt: null } });
      if (!delivery) throw new ApiError('NOT_FOUND', `No delivery with id ${input.id} (or its webhook was deleted)`, { argument: 'input.id' });
      const before = delivery.status;
      Object.assign(delivery, { status: DeliveryStatus.PENDING, nextAttemptAt: new Date(), retryUntil: new Date(Date.now() + window * 1000) });
      tx.audit({ action: 'RETRY', entityType: 'WebhookDelivery', entityId: delivery.id, changes: { status: { before, after: DeliveryStatus.PENDING } } });
    });
    // Read before the workers are woken: the answer shows the delivery as queued, not as
    // whatever a worker made of it a moment later.
    const delivery = asDelivery((await readDelivery(ctx, uuid))!);
    ctx.shared.outbox.wake();
    return { delivery, userErrors: [] };
  }
}

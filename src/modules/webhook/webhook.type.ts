import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Change } from '../audit/changes.resolver';
import { UserError } from '../common/write';
import { DeliveryStatus } from './webhook.entity';

registerEnumType(DeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Queued, or failed and waiting for its next try (see nextAttemptAt).' },
    DELIVERED: { description: 'The endpoint answered with a 2xx status; listed for WEBHOOK_KEEP_DAYS (30 days by default).' },
    FAILED: { description: 'Every try for 24 hours failed; parked until retried with retryWebhookDelivery, or forgotten after WEBHOOK_KEEP_DAYS (30 days by default).' },
  },
});

@ObjectType('Webhook', {
  description:
    'An endpoint that receives the change feed: each change of the types it asked for is posted to its URL as JSON, signed with its ' +
    'secret (X-Signature), in the order of the feed, retried for 24 hours. The README has the contract.',
})
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Where the deliveries are posted.' })
  url!: string;

  @Field(() => [String], { nullable: true, description: 'The change feed\'s entry types it receives (as in `changes(filter: {types})`); null: all of them.' })
  changeTypes!: string[] | null;

  @Field(() => String, { nullable: true, description: 'What it is for, e.g. "Website der Stadt: Partnerseiten".' })
  description!: string | null;

  @Field(() => Int, { description: 'Goes up with every change; send it back as expectedVersion.' })
  version!: number;

  @Field(() => Date)
  createdAt!: string;

  uuid!: string;
}

@ObjectType('WebhookDelivery', { description: 'One change sent (or to be sent) to one webhook, with the outcome of its last attempt.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery; sent as X-Webhook-Id and as `id` in the body: the idempotency key, the same on every attempt.' })
  id!: string;

  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;

  @Field(() => Change, { description: 'The change it carries; re-read the changed entry by its id for the new state.' })
  change!: Change;

  @Field(() => Int, { description: 'How many times it was sent.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When it is sent next (PENDING only).' })
  nextAttemptAt!: string | null;

  @Field(() => Date, { description: 'Until when it is retried; a failure after that parks it as FAILED.' })
  retryUntil!: string;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: string | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer; null when there was none (refused, timed out).' })
  lastResponseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed: the status and the start of the answer, or the network error.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: string | null;

  @Field(() => Date, { description: 'When the change was queued: in the transaction that made it.' })
  createdAt!: string;
}

@ObjectType({ description: 'The result of createWebhook.' })
export class CreateWebhookPayload {
  @Field(() => Webhook, { nullable: true, description: 'The webhook; null when nothing was written.' })
  webhook!: Webhook | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret, shown this once: keep it where the receiver can read it. Deliveries are signed with it (X-Signature).',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Problems with the input; when there are any, nothing was written.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of updateWebhook.' })
export class UpdateWebhookPayload {
  @Field(() => Webhook, { nullable: true, description: 'The webhook as it is now; null when nothing was written.' })
  webhook!: Webhook | null;

  @Field(() => String, { nullable: true, description: 'The new signing secret, when renewSecret asked for one: shown this once.' })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Problems with the input; when there are any, nothing was written.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleteWebhook.' })
export class DeleteWebhookPayload {
  @Field(() => ID, { nullable: true, description: 'The webhook deleted; nothing more is sent to it.' })
  deletedId!: string | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of retryWebhookDelivery.' })
export class RetryWebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery as read right after: PENDING, or already DELIVERED when a worker was quicker.' })
  delivery!: WebhookDelivery | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

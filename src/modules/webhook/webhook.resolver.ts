import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, EdgeType, mapNodes, PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { toGlobalId, uuidOf } from '../../graph/node';
import { CoordinatorOnly } from '../auth/policy';
import { asChange } from '../audit/changes.resolver';
import { DeliveryStatus } from './webhook.entity';
import { DeliveryRow, deliveryPage, readWebhook, WebhookRow, webhookPage } from './webhook.loaders';
import { Webhook, WebhookDelivery } from './webhook.type';

/*
 * Webhooks as coordinators read them: the webhooks, and what was delivered to each and how.
 * Creating, changing, deleting and retrying are in webhook.mutations.ts; the sending is the
 * outbox's (webhook.worker.ts).
 */

@ObjectType({ description: 'A webhook in a list.' })
class WebhookEdge extends EdgeType(Webhook, 'webhook') {}

@ObjectType({ description: 'A page of webhooks, newest first.' })
class WebhookConnection extends ConnectionType(WebhookEdge, Webhook, 'webhook') {}

@ObjectType({ description: 'A delivery in a list.' })
class WebhookDeliveryEdge extends EdgeType(WebhookDelivery, 'delivery') {}

@ObjectType({ description: 'A page of deliveries, newest change first.' })
class WebhookDeliveryConnection extends ConnectionType(WebhookDeliveryEdge, WebhookDelivery, 'delivery') {}

export const asWebhook = (row: WebhookRow): Webhook => ({ ...row, id: toGlobalId('Webhook', row.uuid) });

export const asDelivery = (row: DeliveryRow): WebhookDelivery => ({ ...row, id: toGlobalId('WebhookDelivery', row.deliveryUuid), change: asChange(row) });

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => WebhookConnection, { description: 'The webhooks, newest first (coordinators).' })
  @CoordinatorOnly()
  async webhooks(@Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return mapNodes(await webhookPage(ctx, pageRequest(page, info)), asWebhook);
  }

  @Query(() => Webhook, { nullable: true, description: 'One webhook by its id (coordinators); null when there is none, or it was deleted.' })
  @CoordinatorOnly()
  async webhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Webhook | null> {
    const row = await readWebhook(ctx, uuidOf(id, 'id', 'Webhook'));
    return row ? asWebhook(row) : null;
  }

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'What was sent to it, newest change first; `status: FAILED` lists what was parked after 24 hours of failures.',
  })
  async deliveries(
    @Root() webhook: Webhook,
    @Args() page: PageArgs,
    @Arg('status', () => DeliveryStatus, { nullable: true }) status: DeliveryStatus | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return mapNodes(await deliveryPage(ctx, webhook.uuid, status, pageRequest(page, info)), asDelivery);
  }
}

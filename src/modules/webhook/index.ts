import type { FeatureModule } from '../common/feature-module';
import { Webhook, WebhookDelivery } from './webhook.entity';
import { WebhookDeliveryResolver, WebhookResolver } from './webhook.resolver';

export const webhookModule: FeatureModule = {
  entities: [Webhook, WebhookDelivery],
  resolvers: [WebhookResolver, WebhookDeliveryResolver],
  ids: ['Webhook', 'WebhookDelivery'],
};

declare module '../../graph/node' {
  interface IdTypes {
    Webhook: true;
    WebhookDelivery: true;
  }
}

import type { FeatureModule } from '../common/feature-module';
import { Webhook, WebhookDelivery } from './webhook.entity';
import { WebhookMutations } from './webhook.mutations';
import { WebhookResolver } from './webhook.resolver';

export const webhookModule: FeatureModule = {
  entities: [Webhook, WebhookDelivery],
  resolvers: [WebhookResolver, WebhookMutations],
  ids: ['Webhook', 'WebhookDelivery'],
};

declare module '../../graph/node' {
  interface IdTypes {
    Webhook: true;
    WebhookDelivery: true;
  }
}

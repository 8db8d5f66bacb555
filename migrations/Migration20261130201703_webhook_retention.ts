import { Migration } from '@mikro-orm/migrations';

/** The delivered deliveries by when, for forgetting them after WEBHOOK_KEEP_DAYS. */
export class Migration20261130201703_webhook_retention extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "webhook_delivery_delivered_idx" on "webhook_delivery" ("delivered_at") where "status" = 'DELIVERED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "webhook_delivery_delivered_idx";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/** The parked deliveries by their last attempt, for forgetting them after WEBHOOK_KEEP_DAYS. */
export class Migration20261130231000_webhook_failed_retention extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "webhook_delivery_failed_idx" on "webhook_delivery" ("last_attempt_at") where "status" = 'FAILED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "webhook_delivery_failed_idx";`);
  }

}

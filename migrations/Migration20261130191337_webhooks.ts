import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks: the endpoints coordinators register, and the outbox of deliveries the write path
 * queues for them in each writing transaction (see src/modules/webhook).
 */
export class Migration20261130191337_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "webhook" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "archived_at" timestamptz null, "url" text not null, "change_types" text[] null, "description" text null, "secret" text not null, "created_by_id" uuid null, constraint "webhook_pkey" primary key ("id"));`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "webhook_id" uuid not null, "change_id" uuid not null, "data_version" bigint not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "retry_until" timestamptz not null, "last_attempt_at" timestamptz null, "last_response_status" int null, "last_error" text null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_change_id_index" on "webhook_delivery" ("change_id");`);
    this.addSql(`create index "webhook_delivery_pending_idx" on "webhook_delivery" ("webhook_id", "data_version", "change_id") where "status" = 'PENDING';`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_webhook_id_data_version_change_id_unique" unique ("webhook_id", "data_version", "change_id");`);

    this.addSql(`alter table "webhook" add constraint "webhook_created_by_id_foreign" foreign key ("created_by_id") references "api_token" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_webhook_id_foreign" foreign key ("webhook_id") references "webhook" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_change_id_foreign" foreign key ("change_id") references "audit_entry" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_webhook_id_foreign";`);

    this.addSql(`drop table if exists "webhook" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
  }

}

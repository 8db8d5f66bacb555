import { Migration } from '@mikro-orm/migrations';

/**
 * The change feed: each audit entry carries the data version its write committed as, the
 * feed's order. Entries from before get 0 (they come first, in id order).
 */
export class Migration20261130170000_change_feed extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "data_version" bigint not null default 0;`);
    this.addSql(`create index "audit_entry_data_version_id_index" on "audit_entry" ("data_version", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit_entry_data_version_id_index";`);
    this.addSql(`alter table "audit_entry" drop column "data_version";`);
  }

}

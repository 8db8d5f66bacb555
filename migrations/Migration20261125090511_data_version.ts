import { Migration } from '@mikro-orm/migrations';

/** The data version: one number that every write moves on (see DataVersion). */
export class Migration20261125090511_data_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_version" ("id" smallint not null default 1, "version" bigint not null default 0, "stamp" uuid not null default gen_random_uuid(), constraint "data_version_pkey" primary key ("id"));`);
    this.addSql(`insert into "data_version" ("id", "version") values (1, 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "data_version" cascade;`);
  }

}

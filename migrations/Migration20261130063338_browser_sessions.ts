import { Migration } from '@mikro-orm/migrations';

/** Browser sign-ins: an access key exchanged for a session cookie (only its hash is kept). */
export class Migration20261130063338_browser_sessions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "session" ("id" uuid not null, "secret_hash" text not null, "token_id" uuid not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "ended_at" timestamptz null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`alter table "session" add constraint "session_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "session_token_id_index" on "session" ("token_id");`);

    this.addSql(`alter table "session" add constraint "session_token_id_foreign" foreign key ("token_id") references "api_token" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "session" cascade;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/**
 * Partner self-service: API tokens (hashed secrets, roles, organisations), contact persons
 * and public contact channels, membership requests, the audit trail, and `archived_at` on
 * every table (nothing is deleted).
 */
export class Migration20261125084654_partner_self_service extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_token" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "archived_at" timestamptz null, "name" text not null, "secret_hash" text not null, "prefix" text not null, "role" text check ("role" in ('PARTNER_EDITOR', 'COORDINATOR', 'ADMIN')) not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "created_by_id" uuid null, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz not null default now(), "actor_token_id" uuid null, "actor_role" text not null, "actor_name" text not null, "action" text not null, "entity_type" text not null, "entity_id" uuid not null, "organisation_id" uuid null, "changes" jsonb not null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_token_id_index" on "audit_entry" ("actor_token_id");`);
    this.addSql(`create index "audit_entry_organisation_id_index" on "audit_entry" ("organisation_id");`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`);

    this.addSql(`create table "contact_person" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "archived_at" timestamptz null, "organisation_id" uuid not null, "name" text not null, "function" text null, "email" text null, "phone" text null, "languages" text[] not null default '{}', "position" int not null default 0, constraint "contact_person_pkey" primary key ("id"));`);
    this.addSql(`create index "contact_person_organisation_id_index" on "contact_person" ("organisation_id");`);

    this.addSql(`create table "api_token_organisation" ("api_token_id" uuid not null, "organisation_id" uuid not null, constraint "api_token_organisation_pkey" primary key ("api_token_id", "organisation_id"));`);

    this.addSql(`create table "membership_request" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "archived_at" timestamptz null, "organisation_id" uuid not null, "target_type" text check ("target_type" in ('FORUM', 'BODY', 'PROJECT')) not null, "forum_id" uuid null, "body_id" uuid null, "project_id" uuid null, "role" text not null, "message" text null, "status" text check ("status" in ('PENDING', 'APPROVED', 'REJECTED')) not null default 'PENDING', "requested_by_id" uuid null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_note" text null, constraint "membership_request_pkey" primary key ("id"));`);
    this.addSql(`create index "membership_request_organisation_id_index" on "membership_request" ("organisation_id");`);

    this.addSql(`alter table "api_token" add constraint "api_token_created_by_id_foreign" foreign key ("created_by_id") references "api_token" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "contact_person" add constraint "contact_person_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_token_organisation" add constraint "api_token_organisation_api_token_id_foreign" foreign key ("api_token_id") references "api_token" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_token_organisation" add constraint "api_token_organisation_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "membership_request" add constraint "membership_request_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership_request" add constraint "membership_request_forum_id_foreign" foreign key ("forum_id") references "forum" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership_request" add constraint "membership_request_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership_request" add constraint "membership_request_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership_request" add constraint "membership_request_requested_by_id_foreign" foreign key ("requested_by_id") references "api_token" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "membership_request" add constraint "membership_request_decided_by_id_foreign" foreign key ("decided_by_id") references "api_token" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "body" add column "archived_at" timestamptz null;`);

    this.addSql(`alter table "field_of_action" add column "archived_at" timestamptz null;`);

    this.addSql(`alter table "forum" add column "archived_at" timestamptz null;`);

    this.addSql(`alter table "organisation" add column "archived_at" timestamptz null, add column "email" text null, add column "phone" text null, add column "languages" text[] not null default '{}', add column "offers" text[] not null default '{}';`);

    this.addSql(`alter table "forum_membership" add column "archived_at" timestamptz null;`);

    this.addSql(`alter table "body_membership" add column "archived_at" timestamptz null;`);

    this.addSql(`alter table "project" add column "archived_at" timestamptz null;`);

    this.addSql(`alter table "project_participation" add column "archived_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_token" drop constraint "api_token_created_by_id_foreign";`);

    this.addSql(`alter table "api_token_organisation" drop constraint "api_token_organisation_api_token_id_foreign";`);

    this.addSql(`alter table "membership_request" drop constraint "membership_request_requested_by_id_foreign";`);

    this.addSql(`alter table "membership_request" drop constraint "membership_request_decided_by_id_foreign";`);

    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "contact_person" cascade;`);

    this.addSql(`drop table if exists "api_token_organisation" cascade;`);

    this.addSql(`drop table if exists "membership_request" cascade;`);

    this.addSql(`alter table "body" drop column "archived_at";`);

    this.addSql(`alter table "body_membership" drop column "archived_at";`);

    this.addSql(`alter table "field_of_action" drop column "archived_at";`);

    this.addSql(`alter table "forum" drop column "archived_at";`);

    this.addSql(`alter table "forum_membership" drop column "archived_at";`);

    this.addSql(`alter table "organisation" drop column "archived_at", drop column "email", drop column "phone", drop column "languages", drop column "offers";`);

    this.addSql(`alter table "project" drop column "archived_at";`);

    this.addSql(`alter table "project_participation" drop column "archived_at";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261130104125_social_areas extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "social_area" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "archived_at" timestamptz null, "slug" text not null, "name" text not null, "kind" text check ("kind" in ('CITY', 'CORE_CITY', 'CITY_DISTRICT', 'OUTER_DISTRICT')) not null, "parent_id" uuid null, "position" int not null, "description" text null, "social_city_programme" text null, "sources" text[] not null default '{}', constraint "social_area_pkey" primary key ("id"));`);
    this.addSql(`alter table "social_area" add constraint "social_area_slug_unique" unique ("slug");`);
    this.addSql(`create index "social_area_parent_id_index" on "social_area" ("parent_id");`);
    this.addSql(`create index "social_area_name_trgm_idx" on "social_area" using gin (ig_fold("name") gin_trgm_ops);`);
    this.addSql(`create index "social_area_search_idx" on "social_area" using gin (ig_search_document("name", "social_city_programme", "description"));`);

    this.addSql(`create table "organisation_service_area" ("organisation_id" uuid not null, "social_area_id" uuid not null, constraint "organisation_service_area_pkey" primary key ("organisation_id", "social_area_id"));`);

    this.addSql(`alter table "social_area" add constraint "social_area_parent_id_foreign" foreign key ("parent_id") references "social_area" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organisation_service_area" add constraint "organisation_service_area_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "organisation_service_area" add constraint "organisation_service_area_social_area_id_foreign" foreign key ("social_area_id") references "social_area" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organisation" add column "address_street" text null, add column "address_postal_code" text null, add column "address_city" text null, add column "address_social_area_id" uuid null;`);
    this.addSql(`alter table "organisation" add constraint "organisation_address_social_area_id_foreign" foreign key ("address_social_area_id") references "social_area" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "organisation_address_social_area_id_index" on "organisation" ("address_social_area_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "social_area" drop constraint "social_area_parent_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_address_social_area_id_foreign";`);

    this.addSql(`alter table "organisation_service_area" drop constraint "organisation_service_area_social_area_id_foreign";`);

    this.addSql(`drop table if exists "social_area" cascade;`);

    this.addSql(`drop table if exists "organisation_service_area" cascade;`);

    this.addSql(`drop index "organisation_address_social_area_id_index";`);
    this.addSql(`alter table "organisation" drop column "address_street", drop column "address_postal_code", drop column "address_city", drop column "address_social_area_id";`);
  }

}

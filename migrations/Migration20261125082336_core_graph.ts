import { Migration } from '@mikro-orm/migrations';

/**
 * The core partner graph: organisations, fields of action, forums, bodies, projects and
 * their links, plus the search machinery every searchable table indexes:
 * - `ig_german`: the German text search configuration with umlauts folded before stemming,
 *   so "Auslanderburo" and "Ausländerbüro" meet (stop words dropped first);
 * - `ig_fold(text)`: lower case without accents, for trigram (typo) matching;
 * - `ig_search_document(a, b, c)`: the weighted document of a row.
 */
export class Migration20261125082336_core_graph extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists unaccent with schema public;`);
    this.addSql(`create extension if not exists pg_trgm with schema public;`);
    this.addSql(`create text search configuration public.ig_german (copy = pg_catalog.german);`);
    // Stop words are dropped before umlauts are folded ("für" is one, "fur" is not).
    this.addSql(`create text search dictionary public.ig_german_stop (template = pg_catalog.simple, stopwords = german, accept = false);`);
    this.addSql(`alter text search configuration public.ig_german alter mapping for hword, hword_part, word with public.ig_german_stop, public.unaccent, pg_catalog.german_stem;`);
    this.addSql(`create function public.ig_fold(text) returns text language sql immutable parallel safe strict
      as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;`);
    this.addSql(`create function public.ig_search_document(a text, b text, c text) returns tsvector language sql immutable parallel safe
      as $$ select setweight(to_tsvector('public.ig_german'::regconfig, coalesce(a, '')), 'A')
                || setweight(to_tsvector('public.ig_german'::regconfig, coalesce(b, '')), 'B')
                || setweight(to_tsvector('public.ig_german'::regconfig, coalesce(c, '')), 'C') $$;`);

    this.addSql(`create table "body" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "slug" text not null, "name" text not null, "short_name" text null, "kind" text check ("kind" in ('STEERING_GROUP', 'ADVISORY_BOARD', 'PROJECT_GROUP', 'COORDINATION_OFFICE', 'WORKSHOP', 'OTHER')) not null, "description" text null, "position" int not null, constraint "body_pkey" primary key ("id"));`);
    this.addSql(`alter table "body" add constraint "body_slug_unique" unique ("slug");`);
    this.addSql(`create index "body_name_trgm_idx" on "body" using gin (ig_fold("name") gin_trgm_ops);`);
    this.addSql(`create index "body_search_idx" on "body" using gin (ig_search_document("name", "short_name", "description"));`);

    this.addSql(`create table "field_of_action" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "code" text not null, "name" text not null, "name_en" text not null, "description" text null, "position" int not null, constraint "field_of_action_pkey" primary key ("id"));`);
    this.addSql(`alter table "field_of_action" add constraint "field_of_action_code_unique" unique ("code");`);
    this.addSql(`create index "field_of_action_name_trgm_idx" on "field_of_action" using gin (ig_fold("name") gin_trgm_ops);`);
    this.addSql(`create index "field_of_action_search_idx" on "field_of_action" using gin (ig_search_document("name", "name_en", "description"));`);

    this.addSql(`create table "forum" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "code" text not null, "name" text not null, "topic" text not null, "focus" text null, "description" text null, "position" int not null, constraint "forum_pkey" primary key ("id"));`);
    this.addSql(`alter table "forum" add constraint "forum_code_unique" unique ("code");`);
    this.addSql(`create index "forum_name_trgm_idx" on "forum" using gin (ig_fold("name") gin_trgm_ops);`);
    this.addSql(`create index "forum_search_idx" on "forum" using gin (ig_search_document("name", "focus", "topic"));`);

    this.addSql(`create table "forum_field_of_action" ("forum_id" uuid not null, "field_of_action_id" uuid not null, constraint "forum_field_of_action_pkey" primary key ("forum_id", "field_of_action_id"));`);

    this.addSql(`create table "organisation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "slug" text not null, "name" text not null, "short_name" text null, "kind" text check ("kind" in ('FEDERAL_AUTHORITY', 'STATE_AUTHORITY', 'DISTRICT_AUTHORITY', 'MUNICIPALITY', 'MUNICIPAL_DEPARTMENT', 'EMPLOYMENT_AGENCY', 'WELFARE_ASSOCIATION', 'CHURCH', 'TRADE_UNION', 'FOUNDATION', 'MIGRANT_ORGANISATION', 'ASSOCIATION', 'SCHOOL', 'SCHOOL_AUTHORITY', 'DAYCARE_PROVIDER', 'ADULT_EDUCATION', 'COURSE_PROVIDER', 'EMPLOYMENT_PROVIDER', 'CHAMBER', 'HOUSING_COMPANY', 'SPORTS_ORGANISATION', 'ADVISORY_COUNCIL', 'COMMITTEE', 'NEIGHBOURHOOD_MANAGEMENT', 'WORKING_GROUP', 'OTHER')) not null, "level" text check ("level" in ('FEDERAL', 'STATE', 'DISTRICT', 'CITY', 'CIVIL_SOCIETY', 'PRIVATE')) not null, "description" text null, "website" text null, "is_category" boolean not null default false, "parent_id" uuid null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`alter table "organisation" add constraint "organisation_slug_unique" unique ("slug");`);
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);
    this.addSql(`create index "organisation_level_index" on "organisation" ("level");`);
    this.addSql(`create index "organisation_parent_id_index" on "organisation" ("parent_id");`);
    this.addSql(`create index "organisation_name_trgm_idx" on "organisation" using gin (ig_fold("name") gin_trgm_ops);`);
    this.addSql(`create index "organisation_search_idx" on "organisation" using gin (ig_search_document("name", "short_name", "description"));`);

    this.addSql(`create table "forum_membership" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "forum_id" uuid not null, "organisation_id" uuid not null, "role" text check ("role" in ('CHAIR', 'MEMBER', 'COORDINATION')) not null default 'MEMBER', constraint "forum_membership_pkey" primary key ("id"));`);
    this.addSql(`create index "forum_membership_organisation_id_index" on "forum_membership" ("organisation_id");`);
    this.addSql(`alter table "forum_membership" add constraint "forum_membership_forum_id_organisation_id_unique" unique ("forum_id", "organisation_id");`);

    this.addSql(`create table "body_membership" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "body_id" uuid not null, "organisation_id" uuid not null, "role" text check ("role" in ('CHAIR', 'MEMBER', 'COORDINATION')) not null default 'MEMBER', constraint "body_membership_pkey" primary key ("id"));`);
    this.addSql(`create index "body_membership_organisation_id_index" on "body_membership" ("organisation_id");`);
    this.addSql(`alter table "body_membership" add constraint "body_membership_body_id_organisation_id_unique" unique ("body_id", "organisation_id");`);

    this.addSql(`create table "organisation_field_of_action" ("organisation_id" uuid not null, "field_of_action_id" uuid not null, constraint "organisation_field_of_action_pkey" primary key ("organisation_id", "field_of_action_id"));`);

    this.addSql(`create table "project" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "slug" text not null, "name" text not null, "short_name" text null, "description" text null, "status" text check ("status" in ('PLANNED', 'ACTIVE', 'COMPLETED')) not null, "is_lighthouse" boolean not null default false, constraint "project_pkey" primary key ("id"));`);
    this.addSql(`alter table "project" add constraint "project_slug_unique" unique ("slug");`);
    this.addSql(`create index "project_name_trgm_idx" on "project" using gin (ig_fold("name") gin_trgm_ops);`);
    this.addSql(`create index "project_search_idx" on "project" using gin (ig_search_document("name", "short_name", "description"));`);

    this.addSql(`create table "project_field_of_action" ("project_id" uuid not null, "field_of_action_id" uuid not null, constraint "project_field_of_action_pkey" primary key ("project_id", "field_of_action_id"));`);

    this.addSql(`create table "project_forum" ("project_id" uuid not null, "forum_id" uuid not null, constraint "project_forum_pkey" primary key ("project_id", "forum_id"));`);

    this.addSql(`create table "project_participation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "project_id" uuid not null, "organisation_id" uuid not null, "role" text check ("role" in ('LEAD', 'PARTNER', 'FUNDER')) not null default 'PARTNER', constraint "project_participation_pkey" primary key ("id"));`);
    this.addSql(`create index "project_participation_organisation_id_index" on "project_participation" ("organisation_id");`);
    this.addSql(`alter table "project_participation" add constraint "project_participation_project_id_organisation_id_unique" unique ("project_id", "organisation_id");`);

    this.addSql(`alter table "forum_field_of_action" add constraint "forum_field_of_action_forum_id_foreign" foreign key ("forum_id") references "forum" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "forum_field_of_action" add constraint "forum_field_of_action_field_of_action_id_foreign" foreign key ("field_of_action_id") references "field_of_action" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organisation" add constraint "organisation_parent_id_foreign" foreign key ("parent_id") references "organisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "forum_membership" add constraint "forum_membership_forum_id_foreign" foreign key ("forum_id") references "forum" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "forum_membership" add constraint "forum_membership_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "body_membership" add constraint "body_membership_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "body_membership" add constraint "body_membership_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organisation_field_of_action" add constraint "organisation_field_of_action_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "organisation_field_of_action" add constraint "organisation_field_of_action_field_of_action_id_foreign" foreign key ("field_of_action_id") references "field_of_action" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_field_of_action" add constraint "project_field_of_action_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_field_of_action" add constraint "project_field_of_action_field_of_action_id_foreign" foreign key ("field_of_action_id") references "field_of_action" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_forum" add constraint "project_forum_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_forum" add constraint "project_forum_forum_id_foreign" foreign key ("forum_id") references "forum" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_participation" add constraint "project_participation_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_participation" add constraint "project_participation_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "body_membership" drop constraint "body_membership_body_id_foreign";`);

    this.addSql(`alter table "forum_field_of_action" drop constraint "forum_field_of_action_field_of_action_id_foreign";`);

    this.addSql(`alter table "organisation_field_of_action" drop constraint "organisation_field_of_action_field_of_action_id_foreign";`);

    this.addSql(`alter table "project_field_of_action" drop constraint "project_field_of_action_field_of_action_id_foreign";`);

    this.addSql(`alter table "forum_field_of_action" drop constraint "forum_field_of_action_forum_id_foreign";`);

    this.addSql(`alter table "forum_membership" drop constraint "forum_membership_forum_id_foreign";`);

    this.addSql(`alter table "project_forum" drop constraint "project_forum_forum_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_parent_id_foreign";`);

    this.addSql(`alter table "forum_membership" drop constraint "forum_membership_organisation_id_foreign";`);

    this.addSql(`alter table "body_membership" drop constraint "body_membership_organisation_id_foreign";`);

    this.addSql(`alter table "organisation_field_of_action" drop constraint "organisation_field_of_action_organisation_id_foreign";`);

    this.addSql(`alter table "project_participation" drop constraint "project_participation_organisation_id_foreign";`);

    this.addSql(`alter table "project_field_of_action" drop constraint "project_field_of_action_project_id_foreign";`);

    this.addSql(`alter table "project_forum" drop constraint "project_forum_project_id_foreign";`);

    this.addSql(`alter table "project_participation" drop constraint "project_participation_project_id_foreign";`);

    this.addSql(`drop table if exists "body" cascade;`);

    this.addSql(`drop table if exists "field_of_action" cascade;`);

    this.addSql(`drop table if exists "forum" cascade;`);

    this.addSql(`drop table if exists "forum_field_of_action" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "forum_membership" cascade;`);

    this.addSql(`drop table if exists "body_membership" cascade;`);

    this.addSql(`drop table if exists "organisation_field_of_action" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "project_field_of_action" cascade;`);

    this.addSql(`drop table if exists "project_forum" cascade;`);

    this.addSql(`drop table if exists "project_participation" cascade;`);

    this.addSql(`drop function if exists public.ig_search_document(text, text, text);`);
    this.addSql(`drop function if exists public.ig_fold(text);`);
    this.addSql(`drop text search configuration if exists public.ig_german;`);
    this.addSql(`drop text search dictionary if exists public.ig_german_stop;`);
  }

}

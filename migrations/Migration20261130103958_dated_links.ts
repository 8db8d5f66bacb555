import { Migration } from '@mikro-orm/migrations';

const LINKS = [
  { table: 'forum_membership', target: 'forum_id' },
  { table: 'body_membership', target: 'body_id' },
  { table: 'project_participation', target: 'project_id' },
];

/**
 * Dated links: a membership or participation holds from `since` until `until` (the first day
 * it no longer holds), either unknown (null), with the reason it ended. A link removed so far
 * was archived; it now ends on the day it was archived (in Wetzlar's time zone) with no
 * reason recorded. One organisation may now have several periods with one target (left and
 * came back), so the unique pair gives way to an exclusion constraint: periods of a pair
 * never overlap. Organisations gain the day they joined the network (null: unknown).
 */
export class Migration20261130103958_dated_links extends Migration {

  override async up(): Promise<void> {
    // For "=" on text inside a GiST exclusion constraint.
    this.addSql(`create extension if not exists btree_gist with schema public;`);
    this.addSql(`alter table "organisation" add column "since" date null;`);
    for (const { table, target } of LINKS) {
      this.addSql(`alter table "${table}" drop constraint "${table}_${target}_organisation_id_unique";`);
      this.addSql(`alter table "${table}" add column "since" date null, add column "until" date null, add column "end_reason" text check ("end_reason" in ('LEFT', 'ROLE_CHANGED', 'TARGET_ENDED', 'ORGANISATION_CLOSED', 'OTHER')) null;`);
      this.addSql(`update "${table}" set "until" = ("archived_at" at time zone 'Europe/Berlin')::date, "archived_at" = null where "archived_at" is not null;`);
      // The pair as one text key that no read names, so that reads keep to the btree indexes (link.entity.ts).
      this.addSql(`alter table "${table}" add constraint "${table}_no_overlap" exclude using gist (("${target}"::text || ':' || "organisation_id"::text) with =, daterange("since", "until", '[)') with &&);`);
      this.addSql(`create index "${table}_${target}_organisation_id_index" on "${table}" ("${target}", "organisation_id");`);
      this.addSql(`alter table "${table}" add constraint ${table}_period_check check(since is null or until is null or since <= until);`);
    }
  }

  override async down(): Promise<void> {
    // Back to one row per pair: the latest period stays, archived when it has ended.
    for (const { table, target } of LINKS) {
      this.addSql(`alter table "${table}" drop constraint "${table}_no_overlap";`);
      this.addSql(`drop index "${table}_${target}_organisation_id_index";`);
      this.addSql(`alter table "${table}" drop constraint ${table}_period_check;`);
      this.addSql(
        `delete from "${table}" l using "${table}" newer where newer."${target}" = l."${target}" and newer."organisation_id" = l."organisation_id"
         and (coalesce(newer."since", '-infinity'), newer."id") > (coalesce(l."since", '-infinity'), l."id");`,
      );
      this.addSql(`update "${table}" set "archived_at" = "until"::timestamptz where "until" is not null;`);
      this.addSql(`alter table "${table}" drop column "since", drop column "until", drop column "end_reason";`);
      this.addSql(`alter table "${table}" add constraint "${table}_${target}_organisation_id_unique" unique ("${target}", "organisation_id");`);
    }
    this.addSql(`alter table "organisation" drop column "since";`);
  }

}

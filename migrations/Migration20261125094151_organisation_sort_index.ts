import { Migration } from '@mikro-orm/migrations';

/** Lists of organisations are alphabetical: an index in that order lets a page be read off it. */
export class Migration20261125094151_organisation_sort_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "organisation_sort_idx" on "organisation" (ig_fold("name"), "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "organisation_sort_idx";`);
  }

}

import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import socialAreas from '../data/social-areas.json';
import wetzlar from '../data/wetzlar.json';
import { BUMP_DATA_VERSION } from './data-version';

/** The shape of src/data/wetzlar.json (the data set a domain expert reviews). */
export interface DataSet {
  fieldsOfAction: { code: string; name: string; nameEn: string; description?: string }[];
  organisations: {
    slug: string; name: string; shortName?: string; kind: string; level: string; description?: string;
    website?: string; isCategory?: boolean; parent?: string; fieldsOfAction?: string[];
  }[];
  forums: { code: string; name: string; topic: string; focus?: string; description?: string; fieldsOfAction: string[]; members: string[] }[];
  bodies: { slug: string; name: string; kind: string; description?: string; members: { organisation: string; role?: string }[] }[];
  projects: {
    slug: string; name: string; shortName?: string; status: string; isLighthouse?: boolean; description?: string;
    fieldsOfAction: string[]; forums: string[]; participants: { organisation: string; role?: string }[];
  }[];
  /** The social areas (src/data/social-areas.json): sources by key, the areas in order, who serves which. */
  socialAreas?: {
    sources: Record<string, string>;
    areas: { slug: string; name: string; kind: string; parent?: string; description?: string; socialCityProgramme?: string; sources: string[] }[];
    serviceAreas: { organisation: string; areas: string[] }[];
  };
}

export const WETZLAR: DataSet = { ...(wetzlar as Omit<DataSet, 'socialAreas'>), socialAreas };

export interface SeedResult {
  inserted: number;
}

/**
 * Loads a data set idempotently, in one transaction: rows are matched by their natural key
 * (slug or code) and only missing rows and links are inserted, so running it twice changes
 * nothing and never overwrites what partners edited since.
 */
export async function seed(orm: MikroORM, data: DataSet = WETZLAR): Promise<SeedResult> {
  let inserted = 0;
  await orm.em.getKnex().transaction(async (trx) => {
    const run = async (sql: string, params: unknown[]) => {
      const result = await trx.raw(sql, params as never[]);
      inserted += result.rowCount ?? 0;
    };
    const id = (table: string, keyColumn: string, key: string) =>
      trx.raw(`(select id from "${table}" where "${keyColumn}" = ?)`, [key]);

    for (const [position, f] of data.fieldsOfAction.entries()) {
      await run(
        `insert into field_of_action (id, code, name, name_en, description, position) values (?, ?, ?, ?, ?, ?) on conflict (code) do nothing`,
        [randomUUID(), f.code, f.name, f.nameEn, f.description ?? null, position + 1],
      );
    }
    const areas = data.socialAreas;
    for (const [position, a] of (areas?.areas ?? []).entries()) {
      await run(
        `insert into social_area (id, slug, name, kind, position, description, social_city_programme, sources)
         values (?, ?, ?, ?, ?, ?, ?, array(select json_array_elements_text(?::json))) on conflict (slug) do nothing`,
        // The sources as JSON: knex would spread an array into a list of placeholders.
        [randomUUID(), a.slug, a.name, a.kind, position + 1, a.description ?? null, a.socialCityProgramme ?? null, JSON.stringify(a.sources.map((key) => areas!.sources[key] ?? key))],
      );
    }
    for (const a of (areas?.areas ?? []).filter((a) => a.parent)) {
      await run(`update social_area set parent_id = ? where slug = ? and parent_id is null`, [id('social_area', 'slug', a.parent!), a.slug]);
    }
    for (const o of data.organisations) {
      await run(
        `insert into organisation (id, slug, name, short_name, kind, level, description, website, is_category)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (slug) do nothing`,
        [randomUUID(), o.slug, o.name, o.shortName ?? null, o.kind, o.level, o.description ?? null, o.website ?? null, o.isCategory ?? false],
      );
    }
    // Parents in a second pass: the data file need not list a parent before its children.
    for (const o of data.organisations.filter((o) => o.parent)) {
      await run(`update organisation set parent_id = ? where slug = ? and parent_id is null`, [id('organisation', 'slug', o.parent!), o.slug]);
    }
    const link = (table: string, a: [string, unknown], b: [string, unknown], extra: Record<string, unknown> = {}) => {
      const columns = [a[0], b[0], ...Object.keys(extra)];
      const values = [a[1], b[1], ...Object.values(extra)];
      return run(
        `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict do nothing`,
        values,
      );
    };
    const fieldId = (code: string) => id('field_of_action', 'code', code);
    for (const o of data.organisations) {
      for (const code of o.fieldsOfAction ?? []) {
        await link('organisation_field_of_action', ['organisation_id', id('organisation', 'slug', o.slug)], ['field_of_action_id', fieldId(code)]);
      }
    }
    for (const s of areas?.serviceAreas ?? []) {
      for (const slug of s.areas) {
        await link('organisation_service_area', ['organisation_id', id('organisation', 'slug', s.organisation)], ['social_area_id', id('social_area', 'slug', slug)]);
      }
    }
    for (const [position, f] of data.forums.entries()) {
      await run(
        `insert into forum (id, code, name, topic, focus, description, position) values (?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing`,
        [randomUUID(), f.code, f.name, f.topic, f.focus ?? null, f.description ?? null, position + 1],
      );
      for (const code of f.fieldsOfAction) {
        await link('forum_field_of_action', ['forum_id', id('forum', 'code', f.code)], ['field_of_action_id', fieldId(code)]);
      }
      for (const slug of f.members) {
        await link('forum_membership', ['forum_id', id('forum', 'code', f.code)], ['organisation_id', id('organisation', 'slug', slug)], { id: randomUUID(), role: 'MEMBER' });
      }
    }
    for (const [position, b] of data.bodies.entries()) {
      await run(
        `insert into body (id, slug, name, kind, description, position) values (?, ?, ?, ?, ?, ?) on conflict (slug) do nothing`,
        [randomUUID(), b.slug, b.name, b.kind, b.description ?? null, position + 1],
      );
      for (const m of b.members) {
        await link('body_membership', ['body_id', id('body', 'slug', b.slug)], ['organisation_id', id('organisation', 'slug', m.organisation)], { id: randomUUID(), role: m.role ?? 'MEMBER' });
      }
    }
    for (const p of data.projects) {
      await run(
        `insert into project (id, slug, name, short_name, description, status, is_lighthouse) values (?, ?, ?, ?, ?, ?, ?) on conflict (slug) do nothing`,
        [randomUUID(), p.slug, p.name, p.shortName ?? null, p.description ?? null, p.status, p.isLighthouse ?? false],
      );
      for (const code of p.fieldsOfAction) {
        await link('project_field_of_action', ['project_id', id('project', 'slug', p.slug)], ['field_of_action_id', fieldId(code)]);
      }
      for (const code of p.forums) {
        await link('project_forum', ['project_id', id('project', 'slug', p.slug)], ['forum_id', id('forum', 'code', code)]);
      }
      for (const m of p.participants) {
        await link('project_participation', ['project_id', id('project', 'slug', p.slug)], ['organisation_id', id('organisation', 'slug', m.organisation)], { id: randomUUID(), role: m.role ?? 'PARTNER' });
      }
    }
    if (inserted > 0) await trx.raw(BUMP_DATA_VERSION);
  });
  return { inserted };
}

/** True when the database holds no organisation yet (start-up seeds only then). */
export async function isEmpty(orm: MikroORM): Promise<boolean> {
  const result = await orm.em.getKnex().raw('select not exists (select 1 from organisation) as empty');
  return result.rows[0].empty as boolean;
}

import type { MikroORM } from '@mikro-orm/postgresql';
import { BUMP_DATA_VERSION } from './data-version';

/** Every synthetic entry says so, in its slug, name and description. */
export const SYNTHETIC_MARK = 'SYNTHETISCHE DEMODATEN – keine echte Organisation, nur für Last- und Skalierungstests.';

/**
 * Adds `count` SYNTHETIC organisations, with synthetic forums, bodies and projects and their
 * memberships, for benchmarks and scale tests. Made in PostgreSQL with generate_series in one
 * transaction, deterministic (setseed): the same count gives the same data. Shaped like a
 * large region: forums of about 60 members, bodies of about 10, projects of 3 to 8
 * partners, a fifth of the organisations in two forums. The links carry histories over the
 * six years before today (see writeHistories); the links holding today are those above.
 */
export async function generateSynthetic(orm: MikroORM, count: number): Promise<{ organisations: number; forums: number; bodies: number; projects: number }> {
  const forums = Math.max(5, Math.round(count / 80));
  const bodies = Math.max(2, Math.round(count / 200));
  const projects = Math.max(5, Math.round(count / 25));
  await orm.em.getKnex().transaction(async (trx) => {
    const run = (sql: string, params: unknown[] = []) => trx.raw(sql, params as never[]);
    await run('select setseed(0.42)');
    await run(
      `insert into organisation (id, slug, name, kind, level, description, is_category)
       select gen_random_uuid(), 'synthetic-' || lpad(i::text, 6, '0'), 'Synthetische Organisation ' || lpad(i::text, 6, '0'),
              (array['FEDERAL_AUTHORITY','STATE_AUTHORITY','DISTRICT_AUTHORITY','MUNICIPALITY','MUNICIPAL_DEPARTMENT','EMPLOYMENT_AGENCY',
                'WELFARE_ASSOCIATION','CHURCH','TRADE_UNION','FOUNDATION','MIGRANT_ORGANISATION','ASSOCIATION','SCHOOL','SCHOOL_AUTHORITY',
                'DAYCARE_PROVIDER','ADULT_EDUCATION','COURSE_PROVIDER','EMPLOYMENT_PROVIDER','CHAMBER','HOUSING_COMPANY','SPORTS_ORGANISATION',
                'ADVISORY_COUNCIL','NEIGHBOURHOOD_MANAGEMENT','WORKING_GROUP'])[1 + (i * 7 + floor(random() * 3)::int) % 24],
              (array['FEDERAL','STATE','DISTRICT','CITY','CIVIL_SOCIETY','PRIVATE'])[1 + floor(random() * 6)::int],
              ?, false
       from generate_series(1, ?) i`,
      [SYNTHETIC_MARK, count],
    );
    await run(
      `create temporary table synthetic_org on commit drop as
       select id, row_number() over (order by slug) as i from organisation where slug like 'synthetic-%'`,
    );
    // A tenth of them belong to one of the first twentieth (departments of a city, member groups).
    await run(
      `update organisation o set parent_id = p.id from synthetic_org s, synthetic_org p
       where o.id = s.id and s.i % 10 = 0 and p.i = 1 + (s.i * 13) % greatest(1, (select count(*) / 20 from synthetic_org)) and p.id <> s.id`,
    );
    await run(
      `insert into organisation_field_of_action (organisation_id, field_of_action_id)
       select distinct s.id, f.id from synthetic_org s cross join lateral (
         select id from field_of_action order by position offset (s.i % 5) limit 1 + floor(random() * 3)::int) f
       on conflict do nothing`,
    );
    await run(
      `insert into forum (id, code, name, topic, description, position)
       select gen_random_uuid(), 'SYN-' || lpad(i::text, 4, '0'), 'Synthetisches Forum ' || i, 'Synthetisches Thema ' || (i % 7), ?, 1000 + i
       from generate_series(1, ?) i`,
      [SYNTHETIC_MARK, forums],
    );
    await run(
      `insert into forum_membership (id, forum_id, organisation_id)
       select gen_random_uuid(), f.id, s.id from synthetic_org s
       join (select id, row_number() over (order by code) as k from forum where code like 'SYN-%') f on f.k = 1 + s.i % ?
       where random() < 0.6
       union all
       select gen_random_uuid(), f.id, s.id from synthetic_org s
       join (select id, row_number() over (order by code) as k from forum where code like 'SYN-%') f on f.k = 1 + (s.i * 7 + 3) % ?
       where random() < 0.2 and (s.i * 7 + 3) % ? <> s.i % ?
       on conflict do nothing`,
      [forums, forums, forums, forums],
    );
    await run(
      `insert into body (id, slug, name, kind, description, position)
       select gen_random_uuid(), 'synthetic-body-' || i, 'Synthetisches Gremium ' || i, (array['STEERING_GROUP','ADVISORY_BOARD','PROJECT_GROUP','WORKSHOP'])[1 + i % 4], ?, 1000 + i
       from generate_series(1, ?) i`,
      [SYNTHETIC_MARK, bodies],
    );
    await run(
      `insert into body_membership (id, body_id, organisation_id)
       select gen_random_uuid(), b.id, s.id from synthetic_org s
       join (select id, row_number() over (order by slug) as k from body where slug like 'synthetic-body-%') b on b.k = 1 + s.i % ?
       where s.i % 20 = 0
       on conflict do nothing`,
      [bodies],
    );
    await run(
      `insert into project (id, slug, name, description, status, is_lighthouse)
       select gen_random_uuid(), 'synthetic-project-' || i, 'Synthetisches Projekt ' || i, ?, (array['PLANNED','ACTIVE','COMPLETED'])[1 + i % 3], false
       from generate_series(1, ?) i`,
      [SYNTHETIC_MARK, projects],
    );
    await run(
      `insert into project_participation (id, project_id, organisation_id, role)
       select gen_random_uuid(), p.id, s.id, case when s.i % 7 = 0 then 'LEAD' else 'PARTNER' end from synthetic_org s
       join (select id, row_number() over (order by slug) as k from project where slug like 'synthetic-project-%') p
         on p.k = 1 + (s.i * 3) % ?
       where random() < 0.55
       on conflict do nothing`,
      [projects],
    );
    await writeHistories(run);
    await run(BUMP_DATA_VERSION);
  });
  // Fresh statistics, or the planner treats the new tables as empty.
  await orm.em.getKnex().raw('analyze');
  return { organisations: count, forums, bodies, projects };
}

type Run = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * Gives the synthetic links realistic histories, for the monitoring's demos and benchmarks,
 * without changing which links hold today (every row added here has ended):
 * - every link started on a day spread over the six years before today;
 * - departures: a quarter of the organisations left a forum they belonged to for a while,
 *   a sixth a project (LEFT, or OTHER for some projects);
 * - rejoins: one forum membership in twelve had an earlier period, ended a few months before
 *   the current one started;
 * - role changes: one forum membership in sixteen started as MEMBER and became CHAIR on a
 *   day in between (the first period ends ROLE_CHANGED that day, the second starts then);
 * - each organisation joined the network on the day of its first link.
 * No day after today is written. Periods of one pair never overlap: an added period that
 * would is left out (ON CONFLICT DO NOTHING on the exclusion constraint).
 */
async function writeHistories(run: Run): Promise<void> {
  const today = `(now() at time zone 'Europe/Berlin')::date`;
  const SIX_YEARS = 6 * 365;
  for (const table of ['forum_membership', 'body_membership', 'project_participation']) {
    await run(`update ${table} m set since = ${today} - floor(random() * ${SIX_YEARS})::int from synthetic_org s where m.organisation_id = s.id`);
  }
  // Rejoins: an earlier period of the same pair, a gap of two months to a year before this one.
  await run(
    `insert into forum_membership (id, forum_id, organisation_id, role, since, until, end_reason)
     select gen_random_uuid(), m.forum_id, m.organisation_id, 'MEMBER', m.since - m.gap - m.length, m.since - m.gap, 'LEFT'
     from (select m.*, 60 + floor(random() * 300)::int as gap, 90 + floor(random() * 600)::int as length
           from forum_membership m join synthetic_org s on s.id = m.organisation_id where random() < 1.0 / 12) m
     on conflict do nothing`,
  );
  // Departures: a period in another forum (or project) that ended before today.
  await run(
    `insert into forum_membership (id, forum_id, organisation_id, role, since, until, end_reason)
     select gen_random_uuid(), f.id, d.id, 'MEMBER', d.since, d.since + d.length, 'LEFT'
     from (select s.id, s.i, ${today} - floor(random() * ${SIX_YEARS})::int as since, 60 + floor(random() * 900)::int as length
           from synthetic_org s where random() < 0.25) d
     join (select id, row_number() over (order by code) as k, count(*) over () as n from forum where code like 'SYN-%') f on f.k = 1 + (d.i * 11 + 5) % f.n
     where d.since + d.length < ${today}
     on conflict do nothing`,
  );
  await run(
    `insert into project_participation (id, project_id, organisation_id, role, since, until, end_reason)
     select gen_random_uuid(), p.id, d.id, 'PARTNER', d.since, d.since + d.length, case when d.i % 3 = 0 then 'OTHER' else 'LEFT' end
     from (select s.id, s.i, ${today} - floor(random() * ${SIX_YEARS})::int as since, 90 + floor(random() * 700)::int as length
           from synthetic_org s where random() < 1.0 / 6) d
     join (select id, row_number() over (order by slug) as k, count(*) over () as n from project where slug like 'synthetic-project-%') p on p.k = 1 + (d.i * 5 + 2) % p.n
     where d.since + d.length < ${today}
     on conflict do nothing`,
  );
  // Role changes: the current membership splits on a day between its start and today.
  await run(
    `create temporary table synthetic_role on commit drop as
     select m.id, m.since as first_since, m.since + 1 + floor(random() * (${today} - m.since - 1))::int as changed
     from forum_membership m join synthetic_org s on s.id = m.organisation_id
     where m.until is null and m.since < ${today} - 1 and random() < 1.0 / 16`,
  );
  await run(`update forum_membership m set since = r.changed, role = 'CHAIR' from synthetic_role r where m.id = r.id`);
  await run(
    `insert into forum_membership (id, forum_id, organisation_id, role, since, until, end_reason)
     select gen_random_uuid(), m.forum_id, m.organisation_id, 'MEMBER', r.first_since, r.changed, 'ROLE_CHANGED'
     from synthetic_role r join forum_membership m on m.id = r.id`,
  );
  await run(
    `update organisation o set since = f.first from (
       select organisation_id, min(since) as first from (
         select organisation_id, since from forum_membership union all
         select organisation_id, since from body_membership union all
         select organisation_id, since from project_participation) l
       group by organisation_id) f, synthetic_org s
     where o.id = s.id and f.organisation_id = o.id`,
  );
}

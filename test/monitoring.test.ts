import 'reflect-metadata';
import { toGlobalId } from '../src/graph/node';
import { bumpDataVersion } from './support/database';
import { ok, startTestServer, type TestServer } from './support/server';
import { bearer, issueTestToken, Role } from './support/tokens';

/*
 * "How did the partner network develop?" A small history, built through the API as a
 * coordinator would record it (joins, a role change, a departure and a rejoin, an ending on
 * a period's last day, an organisation closed), checked against counts made here in plain
 * TypeScript, day by day, for every indicator and every interval.
 */

type Kind = 'FORUM' | 'BODY' | 'PROJECT';
interface Org { key: string; kind: string; level: string; fields: string[]; archived?: string }
interface LinkEvent { org: string; type: Kind; target: string; since: string; until?: string; reason?: string }

const FIELDS = [
  { code: 'I', name: 'Bildung' },
  { code: 'II', name: 'Arbeit' },
  { code: 'III', name: 'Wohnen' },
];
const FORUMS = [
  { code: 'I', name: 'Forum <b>"A"</b> & Co' },
  { code: 'II', name: 'Forum B' },
];
const ORGS: Org[] = [
  { key: 'a', kind: 'WELFARE_ASSOCIATION', level: 'CIVIL_SOCIETY', fields: ['I'] },
  { key: 'b', kind: 'SCHOOL', level: 'CITY', fields: ['I', 'II'] },
  { key: 'c', kind: 'CHURCH', level: 'CIVIL_SOCIETY', fields: ['II'] },
  { key: 'd', kind: 'FOUNDATION', level: 'PRIVATE', fields: [] },
  { key: 'e', kind: 'MUNICIPALITY', level: 'CITY', fields: ['I'], archived: '2024-06-10' },
];
/** The periods of each link (as rows end up): a role change ends one and starts the next. */
const LINKS: LinkEvent[] = [
  { org: 'a', type: 'FORUM', target: 'I', since: '2023-02-15', until: '2023-08-01', reason: 'ROLE_CHANGED' },
  { org: 'a', type: 'FORUM', target: 'I', since: '2023-08-01', until: '2024-03-31', reason: 'LEFT' },
  { org: 'a', type: 'FORUM', target: 'I', since: '2024-07-01' },
  { org: 'a', type: 'FORUM', target: 'II', since: '2023-05-10' },
  { org: 'b', type: 'FORUM', target: 'I', since: '2023-01-01', until: '2023-06-30', reason: 'LEFT' },
  { org: 'b', type: 'PROJECT', target: 'p1', since: '2023-06-30' },
  { org: 'c', type: 'BODY', target: 'b1', since: '2023-04-01', until: '2023-10-01', reason: 'OTHER' },
  { org: 'c', type: 'FORUM', target: 'II', since: '2024-01-15' },
  { org: 'd', type: 'PROJECT', target: 'p1', since: '2024-11-05' },
  { org: 'e', type: 'PROJECT', target: 'p1', since: '2023-03-01' },
];
const FROM = '2022-07-01';
const TO = '2024-12-31';

// ---- The expected values, counted day by day from the history above ----

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

function expectedPeriods(interval: string): { label: string; start: string; end: string }[] {
  const months = { MONTH: 1, QUARTER: 3, YEAR: 12 }[interval]!;
  const out = [];
  let [y, m] = FROM.split('-').map(Number);
  m = Math.floor((m - 1) / months) * months + 1;
  for (;;) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    if (start > TO) break;
    const next = m + months > 12 ? `${y + 1}-${String(m + months - 12).padStart(2, '0')}-01` : `${y}-${String(m + months).padStart(2, '0')}-01`;
    const end = addDays(next, -1);
    const label = interval === 'MONTH' ? start.slice(0, 7) : interval === 'QUARTER' ? `${y}-Q${(m - 1) / 3 + 1}` : String(y);
    out.push({ label, start: start < FROM ? FROM : start, end: end > TO ? TO : end });
    [y, m] = next.split('-').map(Number);
  }
  return out;
}

const holds = (l: LinkEvent, day: string) => l.since <= day && (!l.until || l.until > day);
const standing = (o: Org, day: string) => !o.archived || o.archived > day;
const orgOf = (key: string) => ORGS.find((o) => o.key === key)!;

function linksOn(day: string) {
  return LINKS.filter((l) => holds(l, day) && standing(orgOf(l.org), day));
}
function activeOn(day: string): Org[] {
  const keys = new Set(linksOn(day).map((l) => l.org));
  return ORGS.filter((o) => keys.has(o.key));
}

function expectedValues(interval: string): Map<string, number[]> {
  const periods = expectedPeriods(interval);
  const series = new Map<string, number[]>();
  const put = (code: string, i: number, value: number) => {
    if (!series.has(code)) series.set(code, periods.map(() => 0));
    series.get(code)![i] = value;
  };
  const kinds = new Set<string>();
  const levels = new Set<string>();
  periods.forEach((p) => activeOn(p.end).forEach((o) => (kinds.add(o.kind), levels.add(o.level))));
  periods.forEach((p, i) => {
    const active = activeOn(p.end);
    put('active_partners', i, active.length);
    for (const f of FIELDS) put(`active_partners.field.${f.code}`, i, active.filter((o) => o.fields.includes(f.code)).length);
    for (const k of kinds) put(`active_partners.kind.${k}`, i, active.filter((o) => o.kind === k).length);
    for (const v of levels) put(`active_partners.level.${v}`, i, active.filter((o) => o.level === v).length);
    const within = (day?: string) => !!day && day >= p.start && day <= p.end;
    const continuesRole = (l: LinkEvent) => LINKS.some((r) => r.org === l.org && r.target === l.target && r.reason === 'ROLE_CHANGED' && r.until === l.since);
    put('links_started', i, LINKS.filter((l) => within(l.since) && !continuesRole(l)).length);
    put('links_ended', i, LINKS.filter((l) => within(l.until) && l.reason !== 'ROLE_CHANGED').length);
    const links = linksOn(p.end);
    for (const f of FORUMS) put(`forum_members.${f.code}`, i, links.filter((l) => l.type === 'FORUM' && l.target === f.code).length);
    put('coverage_cells_filled', i, new Set(active.flatMap((o) => o.fields.map((f) => `${f}|${o.kind}`))).size);
    put('fields_without_partners', i, FIELDS.filter((f) => !active.some((o) => o.fields.includes(f.code))).length);
    // The partner graph, by brute force over pairs.
    const contexts = (o: Org) => new Set(links.filter((l) => l.org === o.key).map((l) => `${l.type}:${l.target}`));
    const share = (x: Org, y: Org) => [...contexts(x)].some((c) => contexts(y).has(c));
    let edges = 0;
    for (let a = 0; a < active.length; a++) for (let b = a + 1; b < active.length; b++) if (share(active[a], active[b])) edges++;
    const n = active.length;
    put('network_density', i, n < 2 ? 0 : (2 * edges) / (n * (n - 1)));
    const group = new Map<string, number>();
    let groups = 0;
    for (const o of active) {
      if (group.has(o.key)) continue;
      groups++;
      const queue = [o];
      group.set(o.key, groups);
      while (queue.length) {
        const x = queue.pop()!;
        for (const y of active) if (!group.has(y.key) && share(x, y)) (group.set(y.key, groups), queue.push(y));
      }
    }
    put('connected_groups', i, groups);
    const multi = active.filter((o) => new Set(links.filter((l) => l.org === o.key && l.type === 'FORUM').map((l) => l.target)).size > 1).length;
    put('cross_linked_share', i, n === 0 ? 0 : multi / n);
  });
  return series;
}

// ---- The server, the history, the query ----

const MONITORING = `query ($from: Date!, $to: Date!, $interval: MonitoringInterval!, $filter: MonitoringFilter) {
  monitoring(from: $from, to: $to, interval: $interval, filter: $filter) {
    from to interval periods { label start end }
    indicators { code group key label labelEn definition definitionEn unit measure values { period start end value } }
  }
}`;

let server: TestServer;
let headers: Record<string, string>;
const ids: Record<string, string> = {};

async function insert(table: string, row: Record<string, unknown>): Promise<string> {
  const columns = Object.keys(row);
  const [{ id }] = await server.db.query<{ id: string }>(
    `insert into ${table} (id, ${columns.join(', ')}) values (gen_random_uuid(), ${columns.map(() => '?').join(', ')}) returning id`,
    Object.values(row),
  );
  return id;
}

async function link(mutation: string, input: Record<string, unknown>) {
  const data = ok(await server.gql(`mutation ($input: ${mutation.replace(/^(add|remove)/, (m) => (m === 'add' ? '' : 'Remove'))}Input!) { ${mutation}(input: $input) { userErrors { code message } } }`, { input }, headers));
  expect(data[mutation].userErrors).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  headers = bearer(await issueTestToken(server.db, Role.COORDINATOR));
  const fieldIds: Record<string, string> = {};
  for (const [i, f] of FIELDS.entries()) fieldIds[f.code] = await insert('field_of_action', { code: f.code, name: f.name, name_en: f.name, position: i + 1 });
  for (const [i, f] of FORUMS.entries()) ids[`FORUM:${f.code}`] = toGlobalId('Forum', await insert('forum', { code: f.code, name: f.name, topic: 'Thema', position: i + 1 }));
  ids['BODY:b1'] = toGlobalId('Body', await insert('body', { slug: 'b1', name: 'Steuerungsgruppe', kind: 'STEERING_GROUP', position: 1 }));
  ids['PROJECT:p1'] = toGlobalId('Project', await insert('project', { slug: 'p1', name: 'Projekt', status: 'ACTIVE' }));
  for (const o of ORGS) {
    const uuid = await insert('organisation', { slug: `org-${o.key}`, name: `Organisation ${o.key.toUpperCase()}`, kind: o.kind, level: o.level });
    ids[o.key] = toGlobalId('Organisation', uuid);
    for (const f of o.fields) await server.db.query('insert into organisation_field_of_action (organisation_id, field_of_action_id) values (?, ?)', [uuid, fieldIds[f]]);
  }
  await bumpDataVersion(server.db);
  // The history as a coordinator records it, in the order it happened. A role change is one
  // addForumMember with the new role: it ends the old role's period (ROLE_CHANGED) that day.
  const MUTATION = { FORUM: ['addForumMember', 'removeForumMember', 'forumId', 'MEMBER'], BODY: ['addBodyMember', 'removeBodyMember', 'bodyId', 'MEMBER'], PROJECT: ['addProjectParticipant', 'removeProjectParticipant', 'projectId', 'PARTNER'] } as const;
  const events = LINKS.flatMap((l) => [
    { day: l.since, l, end: false },
    ...(l.until ? [{ day: l.until, l, end: true }] : []),
  ]).sort((x, y) => x.day.localeCompare(y.day) || Number(y.end) - Number(x.end));
  for (const { l, end } of events) {
    const [add, remove, targetField, role] = MUTATION[l.type];
    const base = { [targetField]: ids[`${l.type}:${l.target}`], organisationId: ids[l.org] };
    // The period after a role change starts with another role; the first one with the default.
    const changed = LINKS.some((r) => r.org === l.org && r.target === l.target && r.reason === 'ROLE_CHANGED' && r.until === l.since);
    if (end && l.reason === 'ROLE_CHANGED') continue;
    if (end) await link(remove, { ...base, until: l.until, reason: l.reason });
    else await link(add, { ...base, role: changed ? 'CHAIR' : role, since: l.since });
  }
  // Organisation E closed; its link was never ended.
  await server.db.query(`update organisation set archived_at = (date '2024-06-10')::timestamp at time zone 'Europe/Berlin' where slug = 'org-e'`);
  await bumpDataVersion(server.db);
}, 60_000);

afterAll(() => server?.stop());

const monitoring = async (variables: Record<string, unknown>) => ok(await server.gql(MONITORING, variables, headers)).monitoring;

describe('monitoring a hand-built history', () => {
  test('the history was recorded as planned: a role change, a departure and a rejoin', async () => {
    const rows = await server.db.query<{ n: number }>(`select count(*)::int as n from forum_membership where end_reason = 'ROLE_CHANGED'`);
    expect(rows[0].n).toBe(1);
  });

  test.each(['MONTH', 'QUARTER', 'YEAR'])('every indicator per %s matches counts made day by day', async (interval) => {
    const result = await monitoring({ from: FROM, to: TO, interval });
    expect(result.periods).toEqual(expectedPeriods(interval));
    const expected = expectedValues(interval);
    const got = new Map<string, number[]>(result.indicators.map((i: any) => [i.code, i.values.map((v: any) => v.value)]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [code, values] of expected) {
      const actual = got.get(code)!;
      expect({ code, values: actual.map((v) => Math.round(v * 1e9) / 1e9) }).toEqual({ code, values: values.map((v) => Math.round(v * 1e9) / 1e9) });
    }
    // Every value stands in its period, with that period's days.
    for (const indicator of result.indicators) expect(indicator.values.map((v: any) => [v.period, v.start, v.end])).toEqual(result.periods.map((p: any) => [p.label, p.start, p.end]));
  });

  test('an empty period yields zeros, not gaps', async () => {
    const result = await monitoring({ from: '2022-07-01', to: '2022-12-31', interval: 'QUARTER' });
    expect(result.periods.map((p: any) => p.label)).toEqual(['2022-Q3', '2022-Q4']);
    for (const indicator of result.indicators) {
      // Every field is then without partners; everything else counts nothing.
      expect({ code: indicator.code, values: indicator.values.map((v: any) => v.value) })
        .toEqual({ code: indicator.code, values: indicator.code === 'fields_without_partners' ? [3, 3] : [0, 0] });
    }
    // Fields and forums are there with zeros; kinds and levels only where some period has one.
    expect(result.indicators.map((i: any) => i.code)).toEqual(expect.arrayContaining(['active_partners.field.III', 'forum_members.II', 'fields_without_partners']));
  });

  test('a link ending on a period\'s last day does not hold that day; one starting that day does', async () => {
    const result = await monitoring({ from: '2023-04-01', to: '2023-06-30', interval: 'QUARTER' });
    const value = (code: string) => result.indicators.find((i: any) => i.code === code).values[0].value;
    // B left Forum I on 2023-06-30 (its first day no longer in) and joined P1 that day.
    expect(value('forum_members.I')).toBe(1); // A only
    expect(value('links_ended')).toBe(1);
    expect(value('links_started')).toBe(3); // A in Forum II, C in B1, B in P1
  });

  test('a role change is neither a departure nor a join; a rejoin is a new start', async () => {
    const q3 = await monitoring({ from: '2023-07-01', to: '2023-09-30', interval: 'QUARTER' });
    const value = (r: any, code: string) => r.indicators.find((i: any) => i.code === code).values[0].value;
    expect(value(q3, 'links_started')).toBe(0);
    expect(value(q3, 'links_ended')).toBe(0);
    const q3of2024 = await monitoring({ from: '2024-07-01', to: '2024-09-30', interval: 'QUARTER' });
    expect(value(q3of2024, 'links_started')).toBe(1);
    expect(value(q3of2024, 'forum_members.I')).toBe(1);
  });

  test('a filter narrows every indicator to the organisations it selects', async () => {
    const result = await monitoring({ from: '2024-10-01', to: '2024-12-31', interval: 'QUARTER', filter: { levels: ['CIVIL_SOCIETY'] } });
    const value = (code: string) => result.indicators.find((i: any) => i.code === code)?.values[0].value;
    expect(value('active_partners')).toBe(2); // A and C
    expect(value('active_partners.level.CIVIL_SOCIETY')).toBe(2);
    expect(value('active_partners.level.CITY')).toBeUndefined();
    expect(value('network_density')).toBe(1); // A and C share Forum II
    const byField = await monitoring({ from: '2024-10-01', to: '2024-12-31', interval: 'QUARTER', filter: { fieldOfAction: 'II' } });
    expect(byField.indicators.find((i: any) => i.code === 'active_partners').values[0].value).toBe(2); // B and C
  });

  test('each indicator says what it counts, in German and English, and whether it is a stock or a flow', async () => {
    const result = await monitoring({ from: '2024-01-01', to: '2024-03-31', interval: 'QUARTER' });
    const field = result.indicators.find((i: any) => i.code === 'active_partners.field.I');
    expect(field).toMatchObject({ group: 'active_partners.field', key: 'I', label: 'Aktive Partner nach Handlungsfeld – Handlungsfeld I Bildung', unit: 'COUNT', measure: 'STOCK' });
    expect(field.labelEn).toBe('Active partners by field of action – Field of action I Bildung');
    expect(result.indicators.find((i: any) => i.code === 'links_started')).toMatchObject({ measure: 'FLOW', unit: 'COUNT' });
    expect(result.indicators.find((i: any) => i.code === 'network_density')).toMatchObject({ measure: 'STOCK', unit: 'SHARE' });
    for (const i of result.indicators) {
      expect(i.definition.length).toBeGreaterThan(40);
      expect(i.definitionEn).toMatch(/period/);
    }
  });

  test('a range that ends after today counts until today', async () => {
    const result = await monitoring({ from: '2024-01-01', to: '2999-12-31', interval: 'YEAR' });
    const last = result.periods[result.periods.length - 1];
    expect(result.to).toBe(last.end);
    expect(last.end <= new Date().toISOString().slice(0, 10) || last.end.slice(0, 4) === String(new Date().getFullYear())).toBe(true);
  });
});

describe('monitoring refuses what it cannot answer', () => {
  test('from after to', async () => {
    const res = await server.gql(MONITORING, { from: '2024-05-01', to: '2024-01-01', interval: 'MONTH' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/from \(2024-05-01\) is after to \(2024-01-01\)/);
  });

  test('more than 240 periods', async () => {
    const res = await server.gql(MONITORING, { from: '2000-01-01', to: '2024-12-31', interval: 'MONTH' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/300 periods of month; at most 240/);
  });

  test('a date that is none', async () => {
    const res = await server.gql(MONITORING, { from: '2024-02-30', to: '2024-12-31', interval: 'MONTH' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the downloads', () => {
  const get = (path: string) => fetch(`${server.base}${path}`);

  test('monitoring.csv: one row per period and indicator, in long format', async () => {
    const res = await get(`/export/monitoring.csv?from=${FROM}&to=${TO}&interval=QUARTER`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const text = await res.text();
    const lines = text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('period,period_start,period_end,indicator,key,label_de,label_en,unit,measure,value');
    const result = await monitoring({ from: FROM, to: TO, interval: 'QUARTER' });
    expect(lines.length - 1).toBe(result.periods.length * result.indicators.length);
    expect(lines).toContain('2023-Q2,2023-04-01,2023-06-30,forum_members.I,I,"Mitglieder je Fachforum – Forum <b>""A""</b> & Co","Members per forum – Forum <b>""A""</b> & Co",COUNT,STOCK,1');
  });

  test('monitoring.csv defaults to the last five years, quarterly', async () => {
    const text = await (await get('/export/monitoring.csv')).text();
    const periods = new Set(text.trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[0]));
    expect(periods.size).toBe(21);
    expect([...periods].every((p) => /^\d{4}-Q[1-4]$/.test(p))).toBe(true);
  });

  test('monitoring.html: a printable report with charts drawn on the server, every text escaped', async () => {
    const res = await get(`/export/monitoring.html?from=${FROM}&to=${TO}&interval=YEAR`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<svg');
    expect(html).toContain('@media print');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>"A"</b>');
    expect(html).toContain('Forum &lt;b&gt;&quot;A&quot;&lt;/b&gt; &amp; Co');
  });

  test.each([
    ['an unknown parameter', '/export/monitoring.csv?form=2024-01-01', /monitoring.csv has no parameter "form"/],
    ['a date that is none', '/export/monitoring.html?from=2024-13-01', /from must be a date/],
    ['from after to', '/export/monitoring.csv?from=2024-05-01&to=2024-01-01', /is after to/],
    ['an unknown interval', '/export/monitoring.csv?interval=WEEK', /"interval": "WEEK" is not one of MONTH, QUARTER, YEAR/],
  ])('%s is refused with 400 and BAD_USER_INPUT', async (_, path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(message);
  });
});

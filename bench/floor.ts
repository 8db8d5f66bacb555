import http from 'node:http';
import { Pool } from 'pg';

/*
 * The "floor" of `npm run bench:load`: the answers of the four load-benchmark operations, each
 * built by ONE hand-written SQL statement (json_build_object / json_agg) and served by plain
 * node:http, with no GraphQL library, no cache, no rate limit. It only knows these four
 * operations (by operationName) and their fixed selections; it is a yardstick, not a server.
 *
 *   node dist/bench/floor.js [DATABASE_URL] [PORT]     (or DATABASE_URL / PORT in the environment)
 *
 * Orders and filters repeat the server's (see NodeSource, paginate, searchSql): alphabetical by
 * ig_fold(name) then id, forums by position then id, projects by ig_fold(coalesce(short_name, name)),
 * archived rows left out everywhere.
 */

const databaseUrl = process.argv[2] ?? process.env.DATABASE_URL;
const port = Number(process.argv[3] ?? process.env.PORT ?? 4100);
if (!databaseUrl) {
  console.error('usage: node dist/bench/floor.js DATABASE_URL [PORT]');
  process.exit(2);
}

/** The server's global id, base64url of `Type:uuid` without padding, computed in SQL. */
const gid = (type: string, column: string) =>
  `rtrim(translate(encode(convert_to('${type}:' || ${column}::text, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

const DIRECTORY_PAGE = `
select json_build_object('organisations', json_build_object(
  'totalCount', (select count(*)::int from organisation where archived_at is null),
  'nodes', coalesce((
    select json_agg(json_build_object(
      'id', ${gid('Organisation', 'o.id')}, 'slug', o.slug, 'name', o.name, 'kind', o.kind, 'level', o.level,
      'parent', (select json_build_object('name', p.name) from organisation p where p.id = o.parent_id and p.archived_at is null),
      'fieldsOfAction', coalesce((
        select json_agg(json_build_object('code', fa.code) order by fa.position, fa.id)
        from organisation_field_of_action x join field_of_action fa on fa.id = x.field_of_action_id
        where x.organisation_id = o.id and fa.archived_at is null), '[]'::json),
      'forums', json_build_object('nodes', coalesce((
        select json_agg(json_build_object('code', f.code, 'name', f.name) order by f.position, f.id)
        from (select fo.code, fo.name, fo.position, fo.id
              from forum_membership m join forum fo on fo.id = m.forum_id
              where m.organisation_id = o.id and m.until is null and fo.archived_at is null
              order by fo.position, fo.id limit 5) f), '[]'::json))
    ) order by o.sort, o.id)
    from (select o.*, ig_fold(o.name) as sort from organisation o where o.archived_at is null order by ig_fold(o.name), o.id limit 20) o
  ), '[]'::json)
))::text as data`;

const ORGANISATION_DETAIL = `
select json_build_object('organisation', (
  select json_build_object(
    'id', ${gid('Organisation', 'o.id')}, 'name', o.name, 'description', o.description,
    'parent', (
      select json_build_object('name', p.name,
        'parent', (select json_build_object('name', g.name) from organisation g where g.id = p.parent_id and g.archived_at is null))
      from organisation p where p.id = o.parent_id and p.archived_at is null),
    'children', json_build_object('nodes', coalesce((
      select json_agg(json_build_object('name', c.name) order by c.sort, c.id)
      from (select c.name, ig_fold(c.name) as sort, c.id from organisation c
            where c.parent_id = o.id and c.archived_at is null order by 2, 3 limit 10) c), '[]'::json)),
    'forums', json_build_object('edges', coalesce((
      select json_agg(json_build_object('role', f.role, 'node', json_build_object('name', f.name,
        'members', json_build_object(
          'totalCount', (select count(*)::int from forum_membership mm join organisation mo on mo.id = mm.organisation_id
                         where mm.forum_id = f.id and mm.until is null and mo.archived_at is null),
          'nodes', coalesce((
            select json_agg(json_build_object('name', mo.name) order by mo.sort, mo.id)
            from (select mo.name, ig_fold(mo.name) as sort, mo.id
                  from forum_membership mm join organisation mo on mo.id = mm.organisation_id
                  where mm.forum_id = f.id and mm.until is null and mo.archived_at is null
                  order by 2, 3 limit 10) mo), '[]'::json)))) order by f.position, f.id)
      from (select m.role, fo.name, fo.position, fo.id from forum_membership m join forum fo on fo.id = m.forum_id
            where m.organisation_id = o.id and m.until is null and fo.archived_at is null
            order by fo.position, fo.id limit 10) f), '[]'::json)),
    'projects', json_build_object('edges', coalesce((
      select json_agg(json_build_object('role', pp.role, 'node', json_build_object('name', pp.name)) order by pp.sort, pp.id)
      from (select m.role, pr.name, ig_fold(coalesce(pr.short_name, pr.name)) as sort, pr.id
            from project_participation m join project pr on pr.id = m.project_id
            where m.organisation_id = o.id and m.until is null and pr.archived_at is null
            order by 3, 4 limit 10) pp), '[]'::json))
  )
  from organisation o where o.slug = $1 and o.archived_at is null
))::text as data`;

const COVERAGE_MATRIX = `
with counts as (
  select x.field_of_action_id as field, o.kind as value, count(distinct o.id)::int as count,
         grouping(x.field_of_action_id, o.kind) as g
  from organisation_field_of_action x
  join organisation o on o.id = x.organisation_id and o.archived_at is null
  join field_of_action f on f.id = x.field_of_action_id and f.archived_at is null
  group by grouping sets ((x.field_of_action_id, o.kind), (x.field_of_action_id), ())
),
cols as (select coalesce(array_agg(kind order by kind), '{}') as vals from (select distinct kind from organisation where archived_at is null) k)
select json_build_object('coverage', json_build_object(
  'columns', (select to_json(vals) from cols),
  'total', coalesce((select c.count from counts c where c.g = 3), 0),
  'rows', coalesce((
    select json_agg(json_build_object(
      'fieldOfAction', json_build_object('code', f.code),
      'total', coalesce((select c.count from counts c where c.g = 1 and c.field = f.id), 0),
      'cells', coalesce((
        select json_agg(json_build_object('kind', u.v, 'count', coalesce((select c.count from counts c where c.g = 0 and c.field = f.id and c.value = u.v), 0)) order by u.n)
        from cols, unnest(cols.vals) with ordinality u(v, n)), '[]'::json)
    ) order by f.position, f.id)
    from field_of_action f where f.archived_at is null), '[]'::json)
))::text as data`;

/** The server's search (searchSql), with the words as parameters: $1 tsquery, $2 text, $3 transliterated, $4… one per word of 3+ letters. */
const DOC = `ig_search_document(o."name", o."short_name", o."description")`;
const NAME = `ig_fold(o."name")`;
const TSQ = `to_tsquery('public.ig_german', $1)`;
/** One LIKE per word (as the server does), so that every branch can come off a GIN index. */
const fuzzySearch = (fragments: number) => `
with hits as materialized (
  select o.id, o.slug, o.name, ${NAME} as sort,
         (ts_rank_cd(${DOC}, ${TSQ}) + word_similarity(ig_fold($2), ${NAME}) + similarity(${NAME}, ig_fold($2)))::float8 as rank
  from organisation o
  where o.archived_at is null
    and (${DOC} @@ ${TSQ} or ${NAME} % ig_fold($2) or ig_fold($2) <% ${NAME} or ig_fold($3) <% ${NAME}
         ${fragments ? `or (${Array.from({ length: fragments }, (_, i) => `${NAME} like '%' || ig_fold($${4 + i}) || '%'`).join(' and ')})` : ''})
)
select json_build_object('organisations', json_build_object(
  'totalCount', (select count(*)::int from hits),
  'nodes', coalesce((
    select json_agg(json_build_object('slug', h.slug, 'name', h.name) order by h.rank desc, h.sort, h.id)
    from (select * from hits order by rank desc, sort, id limit 10) h), '[]'::json)
))::text as data`;

/** The server's searchTerms(), reduced to what the SQL above needs. */
function searchParams(raw: string): unknown[] {
  const words = raw.normalize('NFC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 16) ?? [];
  const translit = (w: string) => w.replace(/ae/gi, 'a').replace(/oe/gi, 'o').replace(/ue/gi, 'u');
  const variants = words.map(translit);
  return [
    words.map((w, i) => (variants[i] === w ? `${w}:*` : `(${w}:* | ${variants[i]}:*)`)).join(' & '),
    words.join(' '),
    variants.join(' '),
    ...variants.filter((w) => [...w].length >= 3),
  ];
}

const pool = new Pool({ connectionString: databaseUrl, max: 10 });

/** operationName → the statement and its parameters. */
function statementFor(body: { operationName?: string; variables?: Record<string, unknown> }): { text: string; values: unknown[] } | null {
  switch (body.operationName) {
    case 'DirectoryPage':
      return { text: DIRECTORY_PAGE, values: [] };
    case 'OrganisationDetail':
      return { text: ORGANISATION_DETAIL, values: [String(body.variables?.slug ?? '')] };
    case 'CoverageMatrix':
      return { text: COVERAGE_MATRIX, values: [] };
    case 'FuzzySearch': {
      // The workload's search string; the floor does not parse the query text.
      const values = searchParams(String(body.variables?.search ?? 'Jugendammt'));
      return { text: fuzzySearch(values.length - 3), values };
    }
    default:
      return null;
  }
}

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, '{"errors":[{"message":"not found"}]}');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const statement = statementFor(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!statement) return send(res, 400, '{"errors":[{"message":"unknown operation"}]}');
      const result = await pool.query<{ data: string }>({ text: statement.text, values: statement.values });
      send(res, 200, `{"data":${result.rows[0].data}}`);
    } catch (error) {
      send(res, 500, JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
    }
  });
});

server.listen(port, '127.0.0.1', () => console.error(`floor listening on http://127.0.0.1:${port}/graphql`));

const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

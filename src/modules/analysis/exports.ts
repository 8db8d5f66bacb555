import type { ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SqlRunner } from '../../db/database';
import { badInput } from '../../graph/errors';
import type { Download } from '../../http/server';
import { MembershipTarget } from '../link/link.enums';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { asOfDay, type Day, parseDay, today } from '../../graph/day';
import { toGlobalId, type NodeTypeName } from '../../graph/node';
import { LINK_KINDS_IN_ORDER } from '../link/link.sql';
import {
  affiliations, COVERAGE_DIMENSIONS, coverageTable, liveOrganisationCount, organisationAttributes, organisationBatches, organisationLabels,
  type AffiliationRow, type CoverageBy, type ExportRow,
} from './analysis.sql';
import { checkFilterCode, type NetworkCache, type NetworkFilter, type NetworkView } from './network.compute';

/*
 * Downloads for analysts' tools, streamed in batches (keyset pages of the database) so that
 * memory stays flat however large the directory is: CSV for spreadsheets, GraphML for
 * Gephi, GEXF and a pair of CSVs (elements, connections) for Gephi and Kumu, and HSDS 3 JSON
 * for directory tools that speak Open Referral.
 */

const BATCH = 500;

/** The client closed the connection before the download ended. */
class ClientGone extends Error {
  constructor() {
    super('The client closed the connection during the download');
  }
}

/**
 * Writes a chunk, waiting when the client reads slower than we write. Throws ClientGone
 * when the client has gone: the download stops (its generator with it) instead of waiting
 * for a 'drain' that never comes.
 */
async function send(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed) throw new ClientGone();
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (gone: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (gone) reject(new ClientGone());
      else resolve();
    };
    const onDrain = () => settle(false);
    const onClose = () => settle(true);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

let inProgress = 0;

/** Downloads still streaming in this process; a client that went away must not leave one behind. */
export const downloadsInProgress = () => inProgress;

async function counted(download: () => Promise<void>): Promise<void> {
  inProgress++;
  try {
    await download();
  } finally {
    inProgress--;
  }
}

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end in
 * CRLF. A text that a spreadsheet would run as a formula (= + - @ tab or CR at the start)
 * gets a leading apostrophe, the usual guard against formula injection (OWASP "CSV
 * Injection"). Always, not only for Excel (?bom=1): LibreOffice and Google Sheets run
 * formulas from plain CSV too, and partners write these texts.
 */
export const csvField = (value: unknown): string => {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const CSV_COLUMNS = [
  'id', 'slug', 'name', 'short_name', 'kind', 'level', 'parent', 'is_category', 'website', 'email', 'phone', 'languages', 'offers',
  'fields_of_action', 'forums', 'bodies', 'projects', 'updated_at',
] as const;

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, for Excel. */
  bom?: boolean;
  /** The day the directory is read as of (default today). */
  asOf?: Day;
}

export async function exportOrganisationsCsv(sql: SqlRunner, res: ServerResponse, options: CsvOptions = {}): Promise<void> {
  await counted(async () => {
    // The first batch before the first byte: a database that does not answer is then an
    // error response (503), not a download that breaks off after its header.
    const batches = organisationBatches(sql, BATCH, options.asOf ?? today());
    const first = await batches.next();
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': 'attachment; filename="organisations.csv"' });
    // A byte-order mark only on request (?bom=1): Excel wants it to read UTF-8, RFC 4180 readers do not.
    await send(res, `${options.bom ? '\ufeff' : ''}${CSV_COLUMNS.join(',')}\r\n`);
    for (let batch = first; !batch.done; batch = await batches.next()) {
      const rows = batch.value;
      await send(
        res,
        rows
          .map((r) =>
            [r.id, r.slug, r.name, r.short_name, r.kind, r.level, r.parent, r.is_category, r.website, r.email, r.phone, r.languages, r.offers, r.fields, r.forums, r.bodies, r.projects, r.updated_at]
              .map(csvField)
              .join(','),
          )
          .join('\r\n') + '\r\n',
      );
    }
    res.end();
  });
}

const COVERAGE_CSV_COLUMNS = ['field_of_action', 'field_of_action_name', 'dimension', 'column', 'column_name', 'count'] as const;

/**
 * The coverage matrix for spreadsheets: one line per field of action × column (kind, level
 * or finest social area) with its count, as `coverage(by:)` counts. Small (at most a few
 * hundred lines): read in one statement, before the first byte.
 */
export async function exportCoverageCsv(sql: SqlRunner, res: ServerResponse, options: CsvOptions & { by: CoverageBy }): Promise<void> {
  await counted(async () => {
    const rows = await coverageTable(sql, options.by, options.asOf ?? today());
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': 'attachment; filename="coverage.csv"' });
    const lines = rows.map((r) => [r.field_of_action, r.field_of_action_name, options.by, r.column, r.column_name, r.count].map(csvField).join(','));
    await send(res, `${options.bom ? '\ufeff' : ''}${[COVERAGE_CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`);
    res.end();
  });
}

/**
 * HSDS 3 service areas of an organisation. HSDS attaches service areas to services; the
 * directory knows organisations, not services, so they stand on the organization (its
 * service_id null), one per social area it states; the extent is the area's place in the
 * city as text ("Niedergirmes, Kernstadt, Wetzlar").
 */
const hsdsServiceAreas = (r: ExportRow) =>
  r.service_areas.map((a) => ({
    id: `${r.id}-area-${a.slug}`,
    service_id: null,
    name: a.name,
    description: a.description ?? '',
    extent: a.extent,
    extent_type: 'text',
    uri: null,
    x_integration_graph: { slug: a.slug, kind: a.kind },
  }));

/**
 * The organisation's address as one HSDS 3 physical location with one address. Social areas
 * are all in Wetzlar, so an address placed in one is in Hessen; otherwise the state is not
 * known (null).
 */
const hsdsLocations = (r: ExportRow) => {
  if (!r.address_street) return [];
  const location = `${r.id}-location`;
  return [
    {
      id: location,
      location_type: 'physical',
      organization_id: r.id,
      name: r.name,
      addresses: [
        {
          id: `${r.id}-address`,
          location_id: location,
          address_1: r.address_street,
          address_2: null,
          city: r.address_city,
          region: r.address_social_area_name,
          state_province: r.address_social_area ? 'Hessen' : null,
          postal_code: r.address_postal_code,
          country: 'DE',
          address_type: 'physical',
        },
      ],
      x_integration_graph: { social_area: r.address_social_area },
    },
  ];
};

/**
 * Open Referral HSDS 3.0 organizations, in the paginated envelope of the HSDS API (one page
 * holding all of them). Contact persons are personal data and stay out of this public export.
 */
export async function exportHsds(sql: SqlRunner, res: ServerResponse, day: Day = today(), modifiedAfter?: string): Promise<void> {
  await counted(() => writeHsds(sql, res, day, modifiedAfter));
}

async function writeHsds(sql: SqlRunner, res: ServerResponse, day: Day, modifiedAfter?: string): Promise<void> {
  const n = await liveOrganisationCount(sql, day, modifiedAfter);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="hsds.json"' });
  await send(res, `{"total_items":${n},"total_pages":1,"page_number":1,"size":${n},"first_page":true,"last_page":true,"empty":${n === 0},"contents":[`);
  let first = true;
  for await (const rows of organisationBatches(sql, BATCH, day, modifiedAfter)) {
    const items = rows.map((r) =>
      JSON.stringify({
        id: r.id,
        name: r.name,
        alternate_name: r.short_name,
        description: r.description ?? '',
        email: r.email,
        website: r.website,
        parent_organization_id: r.parent_id,
        phones: r.phone ? [{ id: `${r.id}-phone`, organization_id: r.id, number: r.phone, languages: [] }] : [],
        locations: hsdsLocations(r),
        service_areas: hsdsServiceAreas(r),
        // Not part of HSDS: where the organisation stands in the programme (tools ignore unknown fields).
        x_integration_graph: { slug: r.slug, kind: r.kind, level: r.level, is_category: r.is_category, fields_of_action: r.fields?.split(';') ?? [], languages: r.languages, offers: r.offers },
      }),
    );
    await send(res, (first ? '' : ',') + items.join(','));
    first = false;
  }
  await send(res, ']}');
  res.end();
}

const xml = (value: unknown) =>
  String(value ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 does not allow.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * The network in GraphML, for Gephi: node attributes kind, level and the measures; edge
 * weight and contexts. A filter selects from the network of the current data version (see
 * network.view.ts).
 */
export async function exportGraphml(sql: SqlRunner, cache: NetworkCache, res: ServerResponse, filter: NetworkFilter = {}, day: Day = today()): Promise<void> {
  await counted(() => writeGraphml(sql, cache, res, filter, day));
}

async function writeGraphml(sql: SqlRunner, cache: NetworkCache, res: ServerResponse, filter: NetworkFilter, day: Day): Promise<void> {
  const view = await cache.get(sql, filter, day);
  res.writeHead(200, { 'content-type': 'application/graphml+xml; charset=utf-8', 'content-disposition': 'attachment; filename="network.graphml"' });
  await send(
    res,
    `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="slug" for="node" attr.name="slug" attr.type="string"/>
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="level" for="node" attr.name="level" attr.type="string"/>
  <key id="degree" for="node" attr.name="degree" attr.type="int"/>
  <key id="weightedDegree" for="node" attr.name="weightedDegree" attr.type="int"/>
  <key id="betweenness" for="node" attr.name="betweenness" attr.type="double"/>
  <key id="community" for="node" attr.name="community" attr.type="int"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="contexts" for="edge" attr.name="contexts" attr.type="string"/>
  <graph id="integration-graph" edgedefault="undirected">
`,
  );
  for (let i = 0; i < view.nodeCount; i += BATCH) {
    const batch = Array.from(view.order.subarray(i, i + BATCH), (n) => view.node(n));
    const info = new Map(
      (await organisationLabels(sql, batch.map((n) => n.uuid))).map((o) => [o.id, o]),
    );
    await send(
      res,
      batch
        .map((n) => {
          const o = info.get(n.uuid);
          return `    <node id="${n.uuid}"><data key="label">${xml(o?.name)}</data><data key="slug">${xml(o?.slug)}</data><data key="kind">${xml(o?.kind)}</data><data key="level">${xml(o?.level)}</data><data key="degree">${n.degree}</data><data key="weightedDegree">${n.weightedDegree}</data><data key="betweenness">${n.betweenness}</data><data key="community">${n.community}</data></node>\n`;
        })
        .join(''),
    );
  }
  let id = 0;
  for await (const edges of view.edges(BATCH)) {
    await send(
      res,
      edges
        .map((e) => `    <edge id="e${id++}" source="${e.source}" target="${e.target}"><data key="weight">${e.weight}</data><data key="contexts">${e.contexts.map((c) => `${c.type}:${c.uuid}`).join(' ')}</data></edge>\n`)
        .join(''),
    );
  }
  await send(res, '  </graph>\n</graphml>\n');
  res.end();
}

/*
 * The affiliation network for Gephi (GEXF 1.3) and Kumu (or Gephi's spreadsheet import): the
 * organisations of a network view and the forums, bodies and projects they belong to, one
 * edge per link, with its type, role and dates. Two organisations share an edge's target
 * exactly when `network` links them (the same view, the same links of the same day).
 */

const TARGET_TYPE: Record<MembershipTarget, NodeTypeName> = {
  [MembershipTarget.FORUM]: 'Forum',
  [MembershipTarget.BODY]: 'Body',
  [MembershipTarget.PROJECT]: 'Project',
};

/** The view's organisations in batches of uuids. */
function* viewBatches(view: NetworkView): Generator<string[]> {
  for (let i = 0; i < view.nodeCount; i += BATCH) yield Array.from(view.order.subarray(i, i + BATCH), (n) => view.node(n).uuid);
}

const contextKinds = (filter: NetworkFilter) => (filter.contexts?.length ? filter.contexts : LINK_KINDS_IN_ORDER);
const organisationId = (uuid: string) => toGlobalId('Organisation', uuid);
const targetId = (link: AffiliationRow) => toGlobalId(TARGET_TYPE[link.type], link.target_id);

/**
 * The view's organisations, then the targets their links reach, as `write` formats them; the
 * links themselves come from `links` in a second pass (nodes precede edges in GEXF).
 */
async function writeAffiliationNodes(
  sql: SqlRunner,
  res: ServerResponse,
  view: NetworkView,
  filter: NetworkFilter,
  day: Day,
  write: { organisation(o: { id: string; name: string; kind: string; level: string; fields: string[] }): string; target(link: AffiliationRow): string },
): Promise<void> {
  const targets = new Map<string, AffiliationRow>();
  for (const uuids of viewBatches(view)) {
    const [organisations, links] = await Promise.all([organisationAttributes(sql, uuids), affiliations(sql, uuids, day, contextKinds(filter))]);
    for (const link of links) if (!targets.has(targetId(link))) targets.set(targetId(link), link);
    await send(res, organisations.map(write.organisation).join(''));
  }
  await send(res, [...targets.values()].map(write.target).join(''));
}

async function writeAffiliationEdges(sql: SqlRunner, res: ServerResponse, view: NetworkView, filter: NetworkFilter, day: Day, write: (link: AffiliationRow, n: number) => string) {
  let n = 0;
  for (const uuids of viewBatches(view)) {
    await send(res, (await affiliations(sql, uuids, day, contextKinds(filter))).map((link) => write(link, n++)).join(''));
  }
}

/** The affiliation network in GEXF 1.3, dated: an edge starts on its link's first day and ends on its last, where they are recorded. */
export async function exportGexf(sql: SqlRunner, cache: NetworkCache, res: ServerResponse, filter: NetworkFilter = {}, day: Day = today()): Promise<void> {
  await counted(async () => {
    const view = await cache.get(sql, filter, day);
    res.writeHead(200, { 'content-type': 'application/gexf+xml; charset=utf-8', 'content-disposition': 'attachment; filename="network.gexf"' });
    await send(
      res,
      `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta lastmodifieddate="${today()}">
    <creator>integration-graph</creator>
    <description>Organisations of the Modellregion Integration Wetzlar and the forums, bodies and projects they belong to, as of ${day}</description>
  </meta>
  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date" timerepresentation="interval">
    <attributes class="node" mode="static">
      <attribute id="type" title="type" type="string"/>
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="level" title="level" type="string"/>
      <attribute id="fields" title="fields" type="string"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="type" title="type" type="string"/>
      <attribute id="role" title="role" type="string"/>
    </attributes>
    <nodes>
`,
    );
    await writeAffiliationNodes(sql, res, view, filter, day, {
      organisation: (o) =>
        `      <node id="${xml(organisationId(o.id))}" label="${xml(o.name)}"><attvalues><attvalue for="type" value="ORGANISATION"/><attvalue for="kind" value="${xml(o.kind)}"/><attvalue for="level" value="${xml(o.level)}"/><attvalue for="fields" value="${xml(o.fields.join(' '))}"/></attvalues></node>\n`,
      target: (t) => `      <node id="${xml(targetId(t))}" label="${xml(t.target_name)}"><attvalues><attvalue for="type" value="${t.type}"/></attvalues></node>\n`,
    });
    await send(res, '    </nodes>\n    <edges>\n');
    await writeAffiliationEdges(sql, res, view, filter, day, (link, n) => {
      const dates = `${link.since ? ` start="${link.since}"` : ''}${link.last_day ? ` end="${link.last_day}"` : ''}`;
      return `      <edge id="e${n}" source="${xml(organisationId(link.organisation_id))}" target="${xml(targetId(link))}"${dates}><attvalues><attvalue for="type" value="${link.type}"/><attvalue for="role" value="${xml(link.role)}"/></attvalues></edge>\n`;
    });
    await send(res, '    </edges>\n  </graph>\n</gexf>\n');
    res.end();
  });
}

/**
 * The elements of the affiliation network as CSV for Kumu (ID, Label first; several values
 * separated by |) and Gephi's spreadsheet import (Id, Label).
 */
export async function exportNetworkElements(sql: SqlRunner, cache: NetworkCache, res: ServerResponse, filter: NetworkFilter = {}, day: Day = today()): Promise<void> {
  await counted(async () => {
    const view = await cache.get(sql, filter, day);
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': 'attachment; filename="kumu-elements.csv"' });
    await send(res, 'ID,Label,Type,Kind,Level,Fields of action\r\n');
    await writeAffiliationNodes(sql, res, view, filter, day, {
      organisation: (o) => [organisationId(o.id), o.name, 'Organisation', o.kind, o.level, o.fields.join('|')].map(csvField).join(',') + '\r\n',
      target: (t) => [targetId(t), t.target_name, TARGET_TYPE[t.type], '', '', ''].map(csvField).join(',') + '\r\n',
    });
    res.end();
  });
}

/**
 * The connections (links) of the affiliation network as CSV: From and To for Kumu, the same
 * ids as Source and Target for Gephi; the link's context (FORUM, BODY, PROJECT), role, and
 * first and last day where recorded.
 */
export async function exportNetworkConnections(sql: SqlRunner, cache: NetworkCache, res: ServerResponse, filter: NetworkFilter = {}, day: Day = today()): Promise<void> {
  await counted(async () => {
    const view = await cache.get(sql, filter, day);
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': 'attachment; filename="kumu-connections.csv"' });
    await send(res, 'From,To,Source,Target,Context,Role,Start,End\r\n');
    await writeAffiliationEdges(sql, res, view, filter, day, (link) => {
      const [from, to] = [organisationId(link.organisation_id), targetId(link)];
      return [from, to, from, to, link.type, link.role, link.since, link.last_day].map(csvField).join(',') + '\r\n';
    });
    res.end();
  });
}

/*
 * Query parameters. Each download takes the parameters it names and nothing else; a name it
 * does not know or a value it cannot read is BAD_USER_INPUT (HTTP 400), raised before any
 * header is written, rather than a download that silently ignores what the client meant.
 */

/** Checks the names; each given once. */
export function checkNames(params: URLSearchParams, file: string, known: readonly string[]): void {
  for (const name of new Set(params.keys())) {
    if (!known.includes(name)) {
      throw badInput(`${file} has no parameter ${quote(name)}; ${known.length ? `it takes ${known.join(', ')}` : 'it takes none'}`, name);
    }
    if (params.getAll(name).length > 1) throw badInput(`Give ${quote(name)} once; separate several values with commas`, name);
  }
}

/** A client's text in a message, shortened. */
export const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** A comma-separated list of enum values, deduplicated and sorted; null when absent. */
export function enumList<T extends string>(params: URLSearchParams, name: string, values: readonly T[]): T[] | null {
  const given = params.get(name);
  if (given === null) return null;
  const items = given.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw badInput(`${quote(name)} needs at least one of ${values.join(', ')}`, name);
  const bad = items.find((item) => !values.includes(item as T));
  if (bad !== undefined) throw badInput(`${quote(name)}: ${quote(bad)} is not one of ${values.join(', ')}`, name);
  return [...new Set(items as T[])].sort();
}

/** A forum or field-of-action code; null when absent. */
function code(params: URLSearchParams, name: string): string | null {
  const given = params.get(name);
  return given === null ? null : checkFilterCode(given, quote(name), name);
}

/** The day of `?asOf=YYYY-MM-DD`, the same for every download: default today, a later day reads as today. */
export function asOfFromQuery(params: URLSearchParams): Day {
  const given = params.get('asOf');
  return asOfDay(given === null ? null : parseDay(given, quote('asOf')));
}

/** The network filter of /export/network.graphml?kinds=A,B&levels=…&fieldOfAction=I&forum=III&contexts=FORUM&asOf=…. */
export function networkFilterFromQuery(params: URLSearchParams, file = 'network.graphml'): NetworkFilter {
  checkNames(params, file, ['kinds', 'levels', 'fieldOfAction', 'forum', 'contexts', 'asOf']);
  return {
    kinds: enumList(params, 'kinds', Object.values(OrganisationKind)),
    levels: enumList(params, 'levels', Object.values(GovernanceLevel)),
    fieldOfAction: code(params, 'fieldOfAction'),
    forum: code(params, 'forum'),
    contexts: enumList(params, 'contexts', Object.values(MembershipTarget)),
  };
}

/** `?bom=1` (a byte-order mark, for Excel) or `0`, the same for every CSV download; absent: none. */
export function bomFromQuery(params: URLSearchParams): boolean {
  const bom = params.get('bom');
  if (bom !== null && bom !== '0' && bom !== '1') throw badInput(`"bom" is 0 or 1, got ${quote(bom)}`, 'bom');
  return bom === '1';
}

/** The options of /export/organisations.csv?bom=1&asOf=…. */
export function csvOptionsFromQuery(params: URLSearchParams): CsvOptions {
  checkNames(params, 'organisations.csv', ['bom', 'asOf']);
  return { bom: bomFromQuery(params), asOf: asOfFromQuery(params) };
}

/** The options of /export/coverage.csv?by=SOCIAL_AREA&bom=1&asOf=… (by: KIND, the default, LEVEL or SOCIAL_AREA). */
export function coverageCsvOptionsFromQuery(params: URLSearchParams): CsvOptions & { by: CoverageBy } {
  checkNames(params, 'coverage.csv', ['by', 'bom', 'asOf']);
  const by = params.get('by') ?? 'KIND';
  if (!COVERAGE_DIMENSIONS.includes(by as CoverageBy)) throw badInput(`"by" is one of ${COVERAGE_DIMENSIONS.join(', ')}, got ${quote(by)}`, 'by');
  return { by: by as CoverageBy, bom: bomFromQuery(params), asOf: asOfFromQuery(params) };
}

/**
 * /export/hsds.json takes `asOf` and, as the HSDS API names it, `modified_after` (ISO-8601
 * time): only organisations changed since (see modifiedAfter). Returns that time, if given.
 */
export function checkHsdsQuery(params: URLSearchParams): string | undefined {
  checkNames(params, 'hsds.json', ['asOf', 'modified_after']);
  const given = params.get('modified_after');
  if (given === null) return undefined;
  // A date, or a date and time with its zone: what the HSDS API takes; nothing else is guessed at.
  const time = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(given) ? new Date(given) : null;
  if (!time || Number.isNaN(time.getTime())) {
    throw badInput(`"modified_after" is a time in ISO-8601, e.g. 2026-11-30T12:00:00Z or 2026-11-30, got ${quote(given)}`, 'modified_after');
  }
  return time.toISOString();
}

/**
 * A Kumu sheet under its name (the API contract's, kumu-*.csv) and under the name it had
 * first (network-*.csv), kept working for links made to it.
 */
function kumu(name: string, send: (res: ServerResponse, params: URLSearchParams, name: string) => Promise<void>): [string, Download][] {
  const former = name.replace(/^kumu-/, 'network-');
  return [
    [name, (res, params) => send(res, params, name)],
    [former, (res, params) => send(res, params, former)],
  ];
}

/** The downloads under /export/, by file name, for the HTTP server. */
export function exportRoutes(orm: MikroORM, network: NetworkCache): Map<string, Download> {
  return new Map<string, Download>([
    ['organisations.csv', async (res, params) => exportOrganisationsCsv(new SqlRunner(orm), res, csvOptionsFromQuery(params))],
    [
      'hsds.json',
      async (res, params) => {
        const modifiedAfter = checkHsdsQuery(params);
        await exportHsds(new SqlRunner(orm), res, asOfFromQuery(params), modifiedAfter);
      },
    ],
    ['coverage.csv', async (res, params) => exportCoverageCsv(new SqlRunner(orm), res, coverageCsvOptionsFromQuery(params))],
    ['network.graphml', async (res, params) => exportGraphml(new SqlRunner(orm), network, res, networkFilterFromQuery(params), asOfFromQuery(params))],
    ['network.gexf', async (res, params) => exportGexf(new SqlRunner(orm), network, res, networkFilterFromQuery(params, 'network.gexf'), asOfFromQuery(params))],
    ...kumu('kumu-elements.csv', (res, params, name) => exportNetworkElements(new SqlRunner(orm), network, res, networkFilterFromQuery(params, name), asOfFromQuery(params))),
    ...kumu('kumu-connections.csv', (res, params, name) => exportNetworkConnections(new SqlRunner(orm), network, res, networkFilterFromQuery(params, name), asOfFromQuery(params))),
  ]);
}

import { randomUUID } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { type AddressInfo, isIP } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE_FOR_CLIENTS } from '../db/unavailable';
import type { Context } from '../graph/context';
import type { Refusal } from '../graph/rate-limit';
import { clearedSessionCookie, sessionCookie, sessionCookieOf, type StartedSession } from '../modules/auth/sessions';
import type { Logger } from '../log';
import { explorerHtml, EXPLORER_STATIC_PATH, serveExplorerAsset } from './explorer';
import { Metrics, RequestInfo, routeOf } from './observability';
import type { WebApp } from './web-app';

/** Largest request body accepted, in bytes: a GraphQL query is small. */
export const MAX_BODY_BYTES = 256 * 1024;
/** How much of a body declared too large is read (and discarded) so that its 413 reaches the client. */
const MAX_DRAINED_BYTES = 4 * 1024 * 1024;

export interface HttpDeps {
  apollo: ApolloServer<Context>;
  /** The context of a request, from its Authorization header and client address. */
  context: (request: { authorization?: string; cookie?: string; clientAddress: string; info: RequestInfo }) => Promise<Context>;
  metrics: Metrics;
  log: Logger;
  /** Proxies in front that append to X-Forwarded-For (TRUST_PROXY; 0: the socket's address is the client's). */
  trustProxy: number;
  /** Longest query text accepted, in bytes (the parser's token limit bounds the rest). */
  maxQueryBytes: number;
  /** True when the database answers. */
  ready: () => Promise<boolean>;
  /** Downloads under /export/, by file name; each checks its parameters, then streams its answer. */
  exports: Map<string, Download>;
  /** Charges a request outside GraphQL to the client address's rate-limit budget; a refusal says when to come back. */
  admit: (clientAddress: string, points: number) => Promise<Refusal | null>;
  /** Points one download spends (RATE_LIMIT_EXPORT_POINTS). */
  downloadPoints: number;
  /** Browser sessions: an access key exchanged for a cookie, and ended again. */
  sessions: { start(key: string): Promise<StartedSession>; end(value: string): Promise<boolean> };
  /** Origins whose pages may call the API (CORS_ORIGINS); empty: none. */
  corsOrigins: ReadonlySet<string>;
  /** The web app's pages and assets. */
  webApp: WebApp;
}

/** Points a sign-in spends: guessing keys (256 random bits) is hopeless, and stays slow too. */
const SIGN_IN_POINTS = 10;

/** An export: throws a GraphQLError with code BAD_USER_INPUT for bad parameters, before writing anything. */
export type Download = (res: ServerResponse, params: URLSearchParams) => Promise<void>;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      // Refused, but read on (and discard) before answering: a client still sending would
      // otherwise meet a closed socket (EPIPE) instead of the 413. A body far beyond the
      // limit is not read to its end: the connection is cut.
      const refuse = () => reject(new HttpError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`));
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > MAX_DRAINED_BYTES) req.destroy();
      });
      req.on('end', refuse);
      req.on('close', refuse);
      req.on('error', refuse);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return; // already refused: read on and discard, so the 413 reaches the client
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        reject(new HttpError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The client's address, as rate limits key it. Each of the `trustProxy` proxies in front
 * appends the address it was connected from to X-Forwarded-For, so the client is the
 * `trustProxy`-th entry from the right; anything left of it the client may have written
 * itself. An IPv6 client is keyed by its /64, the block one subscriber gets: one address
 * each would let a single host cycle through billions of budgets.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: number): string {
  let address = socketAddress ?? '';
  if (trustProxy > 0 && forwardedFor !== undefined) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((h) => h.trim()).filter(Boolean);
    const hop = hops[Math.max(0, hops.length - trustProxy)];
    // Not an address (a proxy that writes "unknown", a port): the proxy's own, which limits more, not less.
    if (hop && isIP(hop)) address = hop;
  }
  return rateLimitKey(address) || 'unknown';
}

/** IPv4 as it is (also when mapped into IPv6), IPv6 as its /64 prefix. */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.toLowerCase().split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  // An IPv4 tail (::1.2.3.4) is two groups; only the first four groups matter here.
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A GraphQL-shaped error for failures before GraphQL runs (body too large, not JSON). */
function sendRequestError(res: ServerResponse, status: number, message: string, extensions: Record<string, unknown> = { code: 'BAD_REQUEST' }) {
  if (status === 413) res.setHeader('connection', 'close');
  sendJson(res, status, { errors: [{ message, extensions }] });
}

/**
 * How deep a request's JSON may nest. The API's deepest input is a handful of levels; walks
 * over deeper values (serialising variables for a cache key, say) recurse once per level and
 * would run out of stack.
 */
export const MAX_JSON_DEPTH = 32;

/** True when the JSON text opens more than `max` arrays or objects inside each other; one pass, no recursion. */
export function nestedDeeperThan(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** The query text of a GraphQL request, wherever it came: to measure it before anything parses it. */
function queryText(body: unknown, url: URL): string | undefined {
  if (body && typeof body === 'object' && typeof (body as { query?: unknown }).query === 'string') return (body as { query: string }).query;
  return url.searchParams.get('query') ?? undefined;
}

async function handleGraphQL(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo) {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  for (const name of ['variables', 'extensions']) {
    const value = url.searchParams.get(name);
    if (value !== null && nestedDeeperThan(value, MAX_JSON_DEPTH)) throw new HttpError(400, `The ${name} parameter nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (req.method === 'POST') {
    const raw = await readBody(req);
    if ((headers.get('content-type') ?? '').includes('json')) {
      if (nestedDeeperThan(raw, MAX_JSON_DEPTH)) throw new HttpError(400, `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'The request body is not valid JSON');
      }
    } else {
      body = raw;
    }
  }
  const query = queryText(body, url);
  if (query !== undefined && Buffer.byteLength(query) > deps.maxQueryBytes) {
    return sendRequestError(res, 400, `The query text is ${Buffer.byteLength(query)} bytes long; at most ${deps.maxQueryBytes} are allowed`, {
      code: 'QUERY_TOO_COMPLEX',
      bytes: Buffer.byteLength(query),
      maxBytes: deps.maxQueryBytes,
    });
  }
  const result = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () =>
      deps.context({
        authorization: headers.get('authorization'),
        cookie: headers.get('cookie'),
        clientAddress: clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustProxy),
        info,
      }),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    // With its length known, the answer leaves in one write, not as chunked-encoding pieces.
    res.setHeader('content-length', Buffer.byteLength(result.body.string));
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** Answers 429 when the client address's budget cannot pay `points`; true when it did. */
async function refusedFor(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, points: number): Promise<boolean> {
  const refused = await deps.admit(clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustProxy), points);
  if (!refused) return false;
  res.setHeader('retry-after', String(refused.retryAfterSeconds));
  sendRequestError(res, 429, refused.message, { code: 'RATE_LIMITED', retryAfterSeconds: refused.retryAfterSeconds });
  return true;
}

/**
 * CORS for the API and the downloads: pages of the origins in CORS_ORIGINS may call them
 * from the browser. Credentials are never allowed: the session cookie is SameSite=Strict and
 * stays with the web app of this server.
 */
function allowOrigin(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (deps.corsOrigins.size) res.setHeader('vary', 'Origin');
  if (origin && deps.corsOrigins.has(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', 'content-type, authorization, apollo-require-preflight, x-request-id');
      res.setHeader('access-control-max-age', '600');
    }
  }
}

/** True when the browser reached us over HTTPS: directly, or as a trusted proxy says. */
function overHttps(req: IncomingMessage, trustProxy: number): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const proto = trustProxy > 0 ? String(req.headers['x-forwarded-proto'] ?? '').split(',').pop()?.trim() : '';
  return proto === 'https';
}

/**
 * POST /auth/session with `{ "key": "<access key>" }`: a session cookie for the key's
 * token (201), or UNAUTHENTICATED (401). DELETE /auth/session: signs out (204). The
 * answers are never cached.
 */
async function handleSession(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const secure = overHttps(req, deps.trustProxy);
  res.setHeader('cache-control', 'no-store');
  if (req.method === 'DELETE') {
    const value = sessionCookieOf(req.headers.cookie);
    if (value) await deps.sessions.end(value);
    res.setHeader('set-cookie', clearedSessionCookie(secure));
    return void res.writeHead(204).end();
  }
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST, DELETE');
    return sendRequestError(res, 405, 'Sign in with POST, sign out with DELETE');
  }
  // JSON only: a form on another site cannot send it without asking first (CORS), which it is not allowed.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return sendRequestError(res, 415, 'Send the access key as JSON: { "key": "igt_…" } with Content-Type: application/json');
  }
  const raw = await readBody(req);
  let key: unknown;
  try {
    key = nestedDeeperThan(raw, MAX_JSON_DEPTH) ? undefined : (JSON.parse(raw) as { key?: unknown } | null)?.key;
  } catch {
    key = undefined;
  }
  if (typeof key !== 'string' || key === '') return sendRequestError(res, 400, 'Send the access key as JSON: { "key": "igt_…" }');
  if (await refusedFor(deps, req, res, SIGN_IN_POINTS)) return;
  try {
    const session = await deps.sessions.start(key);
    res.setHeader('set-cookie', sessionCookie(session.value, session.expiresAt, secure));
    const { name, role, expiresAt: tokenExpiresAt } = session.viewer;
    return sendJson(res, 201, { viewer: { name, role, tokenExpiresAt }, sessionExpiresAt: session.expiresAt });
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') return sendRequestError(res, 401, error.message, { code: 'UNAUTHENTICATED' });
    throw error;
  }
}

/** The HTTP routes: GraphQL, its explorer, the exports, sign-in, the health checks and the metrics. */
export function createHttpServer(deps: HttpDeps): http.Server {
  const server = http.createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const info: RequestInfo = { id: typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID() };
    res.setHeader('x-request-id', info.id);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf((req.url ?? '/').split('?')[0], (name) => deps.exports.has(name));
      deps.metrics.observeHttp(route, req.method ?? 'GET', res.statusCode, seconds);
      if (route === '/metrics' || route.startsWith('/health')) return;
      // No query text, variables or addresses: only what identifies the request and how it went.
      deps.log('info', 'request', {
        requestId: info.id, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000),
        operation: info.operationName, outcome: info.outcome,
      });
    });
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      if (path === '/graphql' || path === '/graphql/' || path.startsWith('/export/')) {
        allowOrigin(deps, req, res);
        // A preflight: its answer is in the headers (none for an origin not allowed).
        if (req.method === 'OPTIONS') return res.writeHead(204).end();
      }
      if (path === '/auth/session') return await handleSession(deps, req, res);
      if (path === '/metrics' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
        return res.end(await deps.metrics.registry.metrics());
      }
      if (path === '/health/live') return sendJson(res, 200, { status: 'ok' });
      if (path === '/health/ready') {
        const ok = await deps.ready().catch(() => false);
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down' });
      }
      if (path.startsWith('/export/') && req.method === 'GET') {
        const download = deps.exports.get(path.slice('/export/'.length));
        if (!download) return sendJson(res, 404, { error: 'not found', exports: [...deps.exports.keys()].map((name) => `/export/${name}`) });
        if (await refusedFor(deps, req, res, deps.downloadPoints)) return;
        return await download(res, url.searchParams);
      }
      if (path.startsWith(EXPLORER_STATIC_PATH) && req.method === 'GET') {
        if (await serveExplorerAsset(req, res, path)) return;
        return sendJson(res, 404, { error: 'not found' });
      }
      if (path === '/graphql' || path === '/graphql/') {
        // A browser (no query in the URL, accepts HTML) gets the explorer.
        if (req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(explorerHtml());
        }
        return await handleGraphQL(deps, req, res, url, info);
      }
      if (deps.webApp.serve(req, res, path)) return;
      if (path === '/' && !deps.webApp.built) {
        // Without a built web app (`npm run build` makes it), the explorer is the front page.
        res.writeHead(302, { location: '/graphql' });
        return res.end();
      }
      sendJson(res, 404, { error: 'not found', hint: 'The API is at /graphql' });
    } catch (error) {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendRequestError(res, error.status, error.message);
      // A download's parameters that do not fit (an unknown kind, a parameter it does not take).
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') return sendRequestError(res, 400, error.message, error.extensions);
      if (isDatabaseUnavailable(error)) {
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        return sendRequestError(res, 503, UNAVAILABLE_MESSAGE_FOR_CLIENTS, { code: 'SERVICE_UNAVAILABLE' });
      }
      deps.log('error', 'unexpected error', { requestId: info.id, error: error instanceof Error ? error.name : typeof error });
      sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  // A request (headers and body) must arrive within these, so that slow senders cannot hold
  // connections open by the thousand (Node's defaults: 60 s and 5 min).
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
}

/** How long a client may take to send one request. */
export const REQUEST_TIMEOUT_MS = 20_000;

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

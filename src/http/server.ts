import { randomUUID } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { Context } from '../graph/context';
import type { Logger } from '../log';
import { explorerHtml, EXPLORER_STATIC_PATH, serveExplorerAsset } from './explorer';
import { Metrics, RequestInfo, routeOf } from './observability';

/** Largest request body accepted, in bytes: a GraphQL query is small. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpDeps {
  apollo: ApolloServer<Context>;
  /** The context of a request, from its Authorization header and client address. */
  context: (request: { authorization?: string; clientAddress: string; info: RequestInfo }) => Promise<Context>;
  metrics: Metrics;
  log: Logger;
  /** Trust X-Forwarded-For (set TRUST_PROXY behind a load balancer, never without one). */
  trustProxy: boolean;
  /** True when the database answers. */
  ready: () => Promise<boolean>;
  /** Downloads under /export/, by file name; each streams its answer. */
  exports: Record<string, (res: ServerResponse, params: URLSearchParams) => Promise<void>>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`));
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

/** The client's address: the socket's, or behind a trusted proxy the first of X-Forwarded-For. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A GraphQL-shaped error for failures before GraphQL runs (body too large, not JSON). */
function sendRequestError(res: ServerResponse, status: number, message: string) {
  if (status === 413) res.setHeader('connection', 'close');
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

async function handleGraphQL(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo) {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    const raw = await readBody(req);
    if ((headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'The request body is not valid JSON');
      }
    } else {
      body = raw;
    }
  }
  const result = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => deps.context({ authorization: headers.get('authorization'), clientAddress: clientAddress(req, deps.trustProxy), info }),
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

/** The HTTP routes: GraphQL, its explorer, the exports, the health checks and the metrics. */
export function createHttpServer(deps: HttpDeps): http.Server {
  return http.createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const info: RequestInfo = { id: typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID() };
    res.setHeader('x-request-id', info.id);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf((req.url ?? '/').split('?')[0]);
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
        const download = deps.exports[path.slice('/export/'.length)];
        if (!download) return sendJson(res, 404, { error: 'not found', exports: Object.keys(deps.exports).map((name) => `/export/${name}`) });
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
      if (path === '/') {
        res.writeHead(302, { location: '/graphql' });
        return res.end();
      }
      sendJson(res, 404, { error: 'not found', hint: 'The API is at /graphql' });
    } catch (error) {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendRequestError(res, error.status, error.message);
      sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipped = promisify(gzip);

/*
 * The web app (web/, built by Vite into web/dist) served at `/`: its hashed assets under
 * /assets/ for a year, and index.html for every other page path the app routes itself
 * (/organisation/vhs, /forum/III, …), never cached, so a new build is seen at once.
 */

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The pages' security headers: everything from this server only (the app loads nothing
 * from elsewhere), no framing by other sites, no referrer to the sites it links to.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** Scripts, styles and other text compress well; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.txt', '.html']);

export class WebApp {
  private readonly root: string;
  private readonly index: string;
  /**
   * Assets gzipped once, on first request (compressed in the thread pool, not on the event
   * loop), kept for the life of the process: the build's assets are a megabyte or two and
   * never change under a running server (their names carry their hash).
   */
  private readonly compressed = new Map<string, Promise<Buffer>>();

  constructor(root: string) {
    this.root = path.resolve(root);
    this.index = path.join(this.root, 'index.html');
  }

  /** False when the app was not built (the API still works; `/` then points to the explorer). */
  get built(): boolean {
    return existsSync(this.index);
  }

  /** Serves an asset or, for a page path, index.html; false when the path is neither. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname.startsWith('/assets/')) {
      const file = path.resolve(this.root, `.${decodeURIComponentSafe(pathname)}`);
      // Only files inside the build: no "..", no symlink tricks through the name.
      if (!file.startsWith(this.root + path.sep) || !isFile(file)) return false;
      const cacheControl = 'public, max-age=31536000, immutable';
      if (COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        void this.sendGzipped(res, file, cacheControl);
      } else {
        this.send(res, file, cacheControl, COMPRESSIBLE.has(path.extname(file)) ? { vary: 'Accept-Encoding' } : {});
      }
      return true;
    }
    // A page of the app: a browser asks for HTML. Anything else under an unknown path is a 404.
    if (!(req.headers.accept ?? '').includes('text/html') || !this.built) return false;
    this.send(res, this.index, 'no-cache', PAGE_HEADERS);
    return true;
  }

  private async sendGzipped(res: ServerResponse, file: string, cacheControl: string): Promise<void> {
    let body = this.compressed.get(file);
    if (!body) {
      body = readFile(file).then((raw) => gzipped(raw, { level: 9 }));
      this.compressed.set(file, body);
      body.catch(() => this.compressed.delete(file));
    }
    try {
      const bytes = await body;
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-encoding': 'gzip',
        'content-length': bytes.length,
        'cache-control': cacheControl,
        vary: 'Accept-Encoding',
      });
      res.end(res.req?.method === 'HEAD' ? undefined : bytes);
    } catch {
      res.destroy();
    }
  }

  private send(res: ServerResponse, file: string, cacheControl: string, headers: Record<string, string> = {}): void {
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': cacheControl,
      ...headers,
    });
    if (res.req?.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

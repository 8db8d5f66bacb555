import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import path from 'node:path';
import { directoryFilter, readDirectoryState, writeDirectoryState } from '../web/src/lib/directory-state';
import { startTestServer, TestServer } from './support/server';

/**
 * The web app as the server delivers it (the browser tests in web/e2e drive it), and the
 * directory's URL state, which is cheaper to test here than in a browser.
 */
const DIST = path.resolve(__dirname, '..', 'web', 'dist');

describe('served at /', () => {
  let server: TestServer;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first (`npm test` does)');
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const html = { accept: 'text/html,application/xhtml+xml' };

  test('every page path of the app gets index.html, uncached, with a policy that allows nothing from elsewhere', async () => {
    for (const page of ['/', '/organisation/jugendamt', '/forum/III', '/analyse/netzwerk']) {
      const res = await fetch(`${server.base}${page}`, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  test('the hashed assets are served for a year; nothing outside the build is', async () => {
    const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1];
    const res = await fetch(`${server.base}${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Compressed for browsers that say they take gzip (all do): the same bytes, a third of the size.
    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      http.get(`${server.base}${script}`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(zipped.encoding).toBe('gzip');
    const raw = fs.readFileSync(path.join(DIST, script));
    expect(zlib.gunzipSync(zipped.body).equals(raw)).toBe(true);
    expect(zipped.body.length).toBeLessThan(raw.length / 2);
    for (const probe of ['/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/nope.js']) {
      expect((await fetch(`${server.base}${probe}`)).status).toBe(404);
    }
  });

  test('the API and the explorer stay where they were; a non-HTML request for an unknown path is a JSON 404', async () => {
    expect((await fetch(`${server.base}/graphql`, { headers: html })).headers.get('content-type')).toContain('text/html');
    const res = await fetch(`${server.base}/nirgends`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not found' });
  });
});

describe("the directory's state in the URL", () => {
  test('read and written back it gives the same URL, in a fixed order, without empty values', () => {
    const params = new URLSearchParams('level=FEDERAL&q=Jugendammt&kind=SCHOOL&kind=CHURCH&field=I&forum=&project=fruehstart');
    const written = writeDirectoryState(readDirectoryState(params)).toString();
    expect(written).toBe('q=Jugendammt&kind=CHURCH&kind=SCHOOL&level=FEDERAL&field=I&project=fruehstart');
    expect(writeDirectoryState(readDirectoryState(new URLSearchParams(written))).toString()).toBe(written);
  });

  test('values the API would refuse are dropped; a search is cut at 200 characters', () => {
    const state = readDirectoryState(new URLSearchParams(`kind=NOPE&kind=SCHOOL&kind=SCHOOL&level=MOON&q=${'x'.repeat(500)}`));
    expect(state.kinds).toEqual(['SCHOOL']);
    expect(state.levels).toEqual([]);
    expect(state.q).toHaveLength(200);
  });

  test("the API's filter leaves out what is not set", () => {
    expect(directoryFilter(readDirectoryState(new URLSearchParams('q=%20%20&field=II')))).toEqual({
      search: undefined, kinds: undefined, levels: undefined, fieldOfAction: 'II', forum: undefined, project: undefined,
    });
  });
});

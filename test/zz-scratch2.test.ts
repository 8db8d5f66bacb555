import http from 'node:http';
import { startTestServer, TestServer } from './support/server';
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(() => server.stop());
function chunked(url: string, size: number): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => resolve(`${res.statusCode} ${body}`)); res.on('error', (e) => resolve('res error ' + e));
    });
    req.on('error', (e) => resolve('req error ' + e.message));
    const chunk = 'x'.repeat(16 * 1024);
    req.write('{"query":"{ forums { totalCount } }","variables":{"pad":"');
    let sent = 0;
    const pump = () => { while (sent < size) { sent += chunk.length; if (!req.write(chunk)) { req.once('drain', pump); return; } } req.end('"}}'); };
    pump();
  });
}
test('explore', async () => {
  console.log('chunked small', await chunked(server.app.url, 16 * 1024));
  console.log('chunked big', await chunked(server.app.url, 400 * 1024));
  const stream = new ReadableStream({ start(c) { for (let i = 0; i < 30; i++) c.enqueue(new TextEncoder().encode('x'.repeat(16 * 1024))); c.close(); } });
  try {
    const res = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as any);
    console.log('fetch stream', res.status, await res.text());
  } catch (e) { console.log('fetch stream threw', String(e), String((e as any).cause)); }
});

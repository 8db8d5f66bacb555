import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a webhook receiver got, with the status it answered (undefined: no answer). */
export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered?: number;
}

/**
 * A webhook receiver on 127.0.0.1: records every request; `answer` decides the status of
 * each (a number), or to keep the request hanging (null) until `release`.
 */
export async function startReceiver(answer: (request: Received) => number | null = () => 200) {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  let decide = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const status = decide(request);
      if (status === null) {
        hanging.add(res);
        return;
      }
      request.answered = status;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nicht jetzt');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/integration-graph`,
    received,
    /** The requests answered with a 2xx status. */
    accepted: () => received.filter((r) => r.answered !== undefined && r.answered < 300),
    answerWith(next: (request: Received) => number | null) {
      decide = next;
    },
    /** Cuts the hanging requests off (no answer). */
    dropHanging() {
      for (const res of hanging) res.socket?.destroy();
      hanging.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got. */
export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers a request with (status, body), after an optional pause. */
export type Reply = (request: Received) => { status: number; body?: string; delayMs?: number };

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Requests to one path (`/a`): each endpoint of a test gets its own path. */
  at(path: string): Received[];
  reply: Reply;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every request and answers per `reply` (200 by default). */
export async function startReceiver(reply: Reply = () => ({ status: 200 })): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    at: (path) => receiver.received.filter((r) => r.path === path),
    reply,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Received = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      receiver.received.push(request);
      const answer = receiver.reply(request);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

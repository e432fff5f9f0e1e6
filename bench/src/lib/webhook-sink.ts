import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../../../server/src/platform/db.ts';

export const ORDER_AND_PAYMENT_EVENTS = [
  'order.created',
  'order.paid',
  'order.shipped',
  'order.delivered',
  'order.completed',
  'order.cancelled',
  'payment.captured',
  'payment.refunded',
];

export interface WebhookSink {
  /** Requests the receiver got. */
  received(): number;
  /** Waits up to `waitMs` for the server's deliveries to finish; counts them. */
  report(waitMs?: number): Promise<{ received: number; succeeded: number; open: number; drainMs: number }>;
  close(): Promise<void>;
}

/**
 * A local receiver (node:http, answers 204) registered as a platform endpoint subscribed to `types`,
 * so the server's webhook runner delivers every such event to it during a benchmark.
 */
export async function startWebhookSink(db: Db, types = ORDER_AND_PAYMENT_EVENTS): Promise<WebhookSink> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204);
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const now = new Date();
  await db
    .insertInto('webhookEndpoints')
    .values({
      shopId: null,
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench`,
      eventTypes: types,
      state: 'enabled',
      disabledReason: null,
      secret: `whsec_${Buffer.alloc(24, 3).toString('base64')}`,
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdBy: 0,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    })
    .execute();
  const count = async () =>
    (
      await sql<{ succeeded: number; open: number; undispatched: number }>`
        select (select count(*) from webhook_deliveries where state = 'succeeded')::int as succeeded,
               (select count(*) from webhook_deliveries where state <> 'succeeded')::int as open,
               (select count(*) from outbox_events where dispatched_at is null)::int as undispatched`.execute(
        db,
      )
    ).rows[0]!;
  return {
    received: () => received,
    async report(waitMs = 60_000) {
      const start = Date.now();
      let c = await count();
      while ((c.open > 0 || c.undispatched > 0) && Date.now() - start < waitMs) {
        await new Promise((r) => setTimeout(r, 100));
        c = await count();
      }
      return { received, succeeded: c.succeeded, open: c.open + c.undispatched, drainMs: Date.now() - start };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A shop's system on the Xinren API with @xinren/sdk: list the orders to ship with an API key, ship
 * one, and receive signed webhooks (order.paid …) in a node:http server.
 *
 *   XINREN_URL=http://localhost:3000 XINREN_API_KEY=xr_… XINREN_SHOP_ID=1 \
 *   XINREN_WEBHOOK_SECRET=whsec_… node --import tsx sdk/examples/shop-integration.ts
 *
 * The key needs the scopes orders:read and orders:ship (商家后台 → 开放平台 → API 密钥); the secret is
 * the one shown when the webhook endpoint was added (开放平台 → 消息推送), pointing at this receiver
 * (http://localhost:4000/webhooks by default: plain http is accepted for localhost, and a receiver on
 * the server's machine needs the server started with XINREN_WEBHOOKS_PRIVATE_NETWORKS=allow).
 * sdk/test/client.integration.test.ts runs these functions against the real server.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  createXinrenClient,
  idempotencyKey,
  verifyWebhook,
  type WebhookEvent,
  XinrenApiError,
  type XinrenClient,
} from '@xinren/sdk';

/** A client that calls the API with a shop's API key (`xr_…`). */
export function connect(baseUrl: string, apiKey: string): XinrenClient {
  return createXinrenClient({ baseUrl, token: apiKey, userAgent: 'acme-erp/1.0' });
}

/** Every paid order of the shop, page after page (the SDK follows the list's pages). */
export async function ordersToShip(xr: XinrenClient, shopId: number) {
  const orders = [];
  for await (const order of xr.paginate('/api/v1/shops/{id}/orders', {
    params: { path: { id: shopId }, query: { state: 'paid', limit: 50 } },
  })) {
    orders.push({ id: order.id, totalFen: order.totalFen, paidAt: order.paidAt });
  }
  return orders;
}

/**
 * Ships an order. A retry after a lost answer is safe: the same waybill again answers 409, which
 * means it is already done.
 */
export async function shipOrder(xr: XinrenClient, shopId: number, orderId: number, trackingNumber: string) {
  try {
    const shipped = await xr.POST('/api/v1/shops/{id}/orders/{orderId}/shipment', {
      params: { path: { id: shopId, orderId } },
      body: { carrier: 'sandbox', trackingNumber },
    });
    return shipped.orderState;
  } catch (error) {
    if (error instanceof XinrenApiError && error.status === 409) return 'shipped';
    throw error; // e.g. 403 insufficient_scope: the key lacks orders:ship
  }
}

/**
 * Withdraws the shop's balance: an operation that takes an Idempotency-Key. One key per intended
 * withdrawal, reused on every retry, so a lost answer never pays out twice. (The SDK sends a fresh
 * key by itself when you give none; give your own to make retries safe.)
 */
export async function withdraw(xr: XinrenClient, shopId: number, amountFen: number) {
  const key = idempotencyKey();
  for (let attempt = 1; ; attempt++) {
    try {
      return await xr.POST('/api/v1/shops/{id}/withdrawals', {
        params: { path: { id: shopId }, header: { 'idempotency-key': key } },
        body: { amountFen },
      });
    } catch (error) {
      const retryable = error instanceof XinrenApiError && (error.status === 0 || error.status >= 500);
      if (!retryable || attempt === 3) throw error;
    }
  }
}

/**
 * A webhook receiver's handler (for `http.createServer`): verifies the signature on the raw body,
 * answers 2xx quickly, and handles each event once (retries and replays carry the same event id).
 */
export function webhookHandler(
  secret: string,
  onEvent: (event: WebhookEvent) => void | Promise<void>,
): http.RequestListener {
  const seen = new Set<string>(); // keep this in your database in production
  return async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    let event: WebhookEvent;
    try {
      event = verifyWebhook(secret, req.headers, rawBody);
    } catch {
      res.writeHead(400).end('bad signature');
      return;
    }
    if (!seen.has(event.id)) {
      seen.add(event.id);
      await onEvent(event);
    }
    res.writeHead(204).end();
  };
}

async function main() {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`set ${name}`);
    return value;
  };
  const xr = connect(process.env.XINREN_URL ?? 'http://localhost:3000', env('XINREN_API_KEY'));
  const shopId = Number(env('XINREN_SHOP_ID'));

  const orders = await ordersToShip(xr, shopId);
  console.log(`${orders.length} paid orders to ship`);
  const first = orders[0];
  if (first) console.log(`order ${first.id}:`, await shipOrder(xr, shopId, first.id, `SB${Date.now()}`));

  const port = Number(process.env.PORT ?? 4000);
  const receiver = http.createServer(
    webhookHandler(env('XINREN_WEBHOOK_SECRET'), (event) => {
      if (event.type === 'order.paid')
        console.log(`order ${event.data.orderId} paid: ${event.data.totalFen} fen`);
      else console.log(`${event.type} ${event.id}`);
    }),
  );
  receiver.listen(port, () => console.log(`webhooks: http://localhost:${port}/webhooks`));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

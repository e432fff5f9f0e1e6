import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvents } from '../src/platform/outbox.ts';
import { buildShop } from './builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from './harness.ts';
import { startReceiver, type WebhookReceiver } from './webhook-receiver.ts';

/**
 * XINREN_WEBHOOKS_PRIVATE_NETWORKS=deny (docs/webhooks.md "Private networks"): an endpoint may not
 * name a private host when registered or changed, and a delivery to a receiver whose address is
 * private (a literal IP, or a name resolving to one: DNS rebinding) fails with the refusal recorded.
 */

let ctx: TestContext;
let receiver: WebhookReceiver;
let shop: Awaited<ReturnType<typeof buildShop>>;

beforeAll(async () => {
  ctx = await createTestContext({ webhooksPrivateNetworks: 'deny' });
  receiver = await startReceiver();
  shop = await buildShop(ctx);
});
afterAll(async () => {
  await receiver?.close();
});

const base = () => `/api/v1/shops/${shop.shopId}/webhooks`;
const reason = 'must not point to a private network address';

describe('private networks denied', () => {
  it('refuses an endpoint URL naming a private host with 400 naming url, writing nothing', async () => {
    const owner = api(ctx.app).as(shop.owner.token);
    const before = await tableCounts(ctx.db);
    for (const url of [
      'http://127.0.0.1:9000/hooks',
      'http://localhost:3000/hooks',
      'https://10.0.0.5/',
      'https://172.16.3.4/hooks',
      'https://192.168.1.20/hooks',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://169.254.169.254/latest/meta-data/',
      'https://0.0.0.0/',
    ]) {
      const res = await owner.post(base(), { url, eventTypes: ['order.paid'] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.fields, url).toEqual([{ field: 'url', reason }]);
    }
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses changing an endpoint to a private host', async () => {
    const owner = api(ctx.app).as(shop.owner.token);
    const created = await owner.post(base(), {
      url: 'https://erp.invalid/hooks',
      eventTypes: ['order.paid'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const patched = await owner.patch(`${base()}/${created.body.id}`, { url: 'https://169.254.169.254/' });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.fields).toEqual([{ field: 'url', reason }]);
    const after = await owner.get(`${base()}/${created.body.id}`);
    expect(after.body.url).toBe('https://erp.invalid/hooks');
  });

  it('refuses delivering to a private address (a literal IP, or a name resolving to one) and records why', async () => {
    // rows written directly: endpoints registered while private networks were allowed, or a public
    // name that now resolves to 127.0.0.1 (localhost stands in for a rebinding name)
    const port = new URL(receiver.url).port;
    const urls = [`http://127.0.0.1:${port}/literal`, `http://localhost:${port}/resolved`];
    const now = ctx.clock.now();
    const ids: number[] = [];
    for (const url of urls) {
      const row = await ctx.db
        .insertInto('webhookEndpoints')
        .values({
          shopId: shop.shopId,
          url,
          eventTypes: ['order.paid'],
          state: 'enabled',
          disabledReason: null,
          secret: `whsec_${randomBytes(24).toString('base64')}`,
          previousSecret: null,
          previousSecretExpiresAt: null,
          createdBy: shop.owner.id,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await ctx.db
      .transaction()
      .execute((tx) =>
        emitEvents(tx, [{ type: 'order.paid', shopId: shop.shopId, resource: 'order:ssrf-1', data: {} }]),
      );
    // (the previous test's erp.invalid endpoint gets one too: it fails, unresolved or unreachable)
    const counts = await ctx.webhooks.runOnce();
    expect(counts).toMatchObject({ attempted: 3, succeeded: 0, retrying: 3 });
    expect(receiver.received).toEqual([]);
    for (const endpointId of ids) {
      const [delivery] = await ctx.db
        .selectFrom('webhookDeliveries')
        .selectAll()
        .where('endpointId', '=', endpointId)
        .execute();
      expect(delivery).toMatchObject({ state: 'retrying', lastStatusCode: null });
      expect(delivery!.lastError).toMatch(/^refused: private network address \((localhost|127\.0\.0\.1|::1)/);
      const attempts = await ctx.db
        .selectFrom('webhookAttempts')
        .selectAll()
        .where('deliveryId', '=', delivery!.id)
        .execute();
      expect(attempts).toHaveLength(1);
      expect(attempts[0]!.error).toMatch(/^refused: private network address/);
      expect(attempts[0]!.statusCode).toBeNull();
    }
  });
});

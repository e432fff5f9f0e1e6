import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { recordViolation } from '../src/modules/governance/index.ts';
import { grantTestCredits } from '../src/modules/growth/growth.test-support.ts';
import {
  buildBuyer,
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildStaff,
  buildUser,
} from './builders.ts';
import type { TestContext } from './harness.ts';
import { draftProduct, pay, placeOrder, send, shipOrder } from './route-inventory.ts';

// The records the fuzz cases point at (fuzz.integration.test.ts), so that a malformed field is not
// hidden behind a 404 or a record in the wrong state.

export const unique = () => randomBytes(4).toString('hex');
const ok = (res: { status: number; body: unknown }, what: string) => {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};

export /** Records made for one route: ids by parameter or field name, and the caller when it is not the usual one. */
interface Fresh {
  ids: Record<string, number | undefined>;
  token?: string;
}

/** Shared records, per-route fresh ones (`fresh[label]()`), and baseline fields the schema cannot tell. */
export async function arrangeFuzzRecords(ctx: TestContext) {
  async function arrange() {
    const shopA = await buildShop(ctx);
    const shopB = await buildShop(ctx);
    const buyer = await buildBuyer(ctx);
    const otherBuyer = await buildBuyer(ctx);
    const creator = await buildUser(ctx, 'creator');
    const ops = await buildOps(ctx);
    const otherOps = await buildOps(ctx, ['reviewer']);
    const staff = await buildStaff(ctx, shopA.shopId);
    const product = await buildListedProduct(ctx, shopA.shopId);
    // what buyers order: the cases change `product` (images send it back to review, delist, …)
    const onSale = await buildListedProduct(ctx, shopA.shopId, {
      skus: [{ priceFen: 100, stock: 10_000_000 }],
    });
    const draft = await draftProduct(ctx, shopA);
    // routes open to creators and merchants are called by the creator (the first kind named)
    const session = await buildLiveSession(ctx, { hostUserId: creator.id });

    const paid = await buildPaidOrder(ctx, { buyer, shopId: shopA.shopId, skuId: onSale.skuIds[0] });
    const delivered = await buildPaidOrder(ctx, { buyer, shopId: shopA.shopId, skuId: onSale.skuIds[0] });
    const shipmentId = await deliver(shopA, delivered.orderId);
    const line = await ctx.db
      .selectFrom('orderLines')
      .select('id')
      .where('orderId', '=', delivered.orderId)
      .executeTakeFirstOrThrow();
    const unpaid = ok(
      await send(ctx.app, 'POST', '/api/v1/checkout', {
        token: buyer.token,
        body: { items: [{ skuId: onSale.skuIds[0], quantity: 1 }] },
        headers: { 'idempotency-key': `fuzz-${unique()}` },
      }),
      'checkout',
    );
    const png = await sharp(randomBytes(8 * 8 * 3), { raw: { width: 8, height: 8, channels: 3 } })
      .png()
      .toBuffer();
    const image = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shopA.shopId}/products/${product.productId}/images`,
      headers: { authorization: `Bearer ${shopA.owner.token}`, 'content-type': 'image/png' },
      payload: png,
    });
    const imageId: number = ok({ status: image.statusCode, body: image.json() }, 'image upload').id;
    const evidence = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/evidence-files',
      headers: { authorization: `Bearer ${buyer.token}`, 'content-type': 'image/png' },
      payload: png,
    });
    const fileId: number = ok({ status: evidence.statusCode, body: evidence.json() }, 'evidence upload').id;
    const payment = await ctx.db
      .selectFrom('payments')
      .select('id')
      .where('groupId', '=', paid.groupId)
      .executeTakeFirstOrThrow();
    const violation = await ctx.db.transaction().execute((tx) =>
      recordViolation(
        tx,
        {
          shopId: shopA.shopId,
          code: 'false_advertising',
          subject: { type: 'product', id: product.productId },
          evidence: { text: '证据' },
          source: 'system',
          recordedBy: null,
        },
        { now: ctx.clock.now(), settings: ctx.settings },
      ),
    );

    const brand = await ctx.db
      .insertInto('brands')
      .values({ name: `品牌-${unique()}` })
      .returning('id')
      .executeTakeFirstOrThrow();

    return {
      shopA,
      onSale,
      png,
      users: { buyer, merchant: shopA.owner, creator, ops },
      // the record behind `<collection>/{param}`; ops routes get records whose change hides nothing
      collections: {
        shops: shopA.shopId,
        'ops/shops': shopB.shopId,
        staff: staff.id,
        products: product.productId,
        'ops/products': draft,
        skus: product.skuIds[0]!,
        images: imageId,
        sessions: session.sessionId,
        pins: product.productId,
        orders: paid.orderId,
        'order-groups': unpaid.groupId as number,
        payments: payment.id,
        shipments: shipmentId,
        buyers: otherBuyer.id,
        accounts: otherOps.id,
        violations: violation.id,
        categories: shopA.categoryId,
      } as Record<string, number>,
      // body fields by name
      fields: {
        skuId: onSale.skuIds[0]!,
        productId: product.productId,
        categoryId: shopA.categoryId,
        mainCategoryId: shopA.categoryId,
        orderId: delivered.orderId,
        orderLineId: line.id,
        evidenceFileId: fileId,
        fileId,
        imageId,
        shopId: shopA.shopId,
        userId: staff.id,
        liveSessionId: session.sessionId,
        sessionId: session.sessionId,
        buyerId: otherBuyer.id,
        violationId: violation.id,
        brandId: brand.id,
      } as Record<string, number>,
    };
  }

  /** Ships a paid order and drives the sandbox parcel to delivered; returns the shipment id. */
  async function deliver(shop: Parameters<typeof shipOrder>[1], orderId: number): Promise<number> {
    const shipmentId = await shipOrder(ctx, shop, orderId);
    for (const event of ['picked_up', 'in_transit', 'delivered']) {
      ok(
        await send(ctx.app, 'POST', `/api/v1/shipments/${shipmentId}/sandbox-events`, {
          token: shop.owner.token,
          body: { event },
        }),
        event,
      );
    }
    return shipmentId;
  }

  const world = await arrange();

  // Webhooks: shop A's endpoint with a delivery, and a platform endpoint, for the read cases.
  const shopWebhook = await webhookWithDelivery('shop');
  Object.assign(world.collections, {
    webhooks: shopWebhook.ids.endpointId!,
    deliveries: shopWebhook.ids.deliveryId!,
    'ops/webhooks': (await webhookWithDelivery('ops')).ids.endpointId!,
  });

  /**
   * A fresh webhook endpoint of shop A or of the platform (written directly: the create cases may have
   * reached the limit of 20) with a test event's delivery that gave up, so that it can be replayed.
   */
  async function webhookWithDelivery(owner: 'shop' | 'ops'): Promise<Fresh> {
    const now = ctx.clock.now();
    const endpoint = await ctx.db
      .insertInto('webhookEndpoints')
      .values({
        shopId: owner === 'shop' ? world.shopA.shopId : null,
        url: WEBHOOK_ENDPOINT.url,
        eventTypes: WEBHOOK_ENDPOINT.eventTypes,
        state: 'enabled',
        disabledReason: null,
        secret: `whsec_${randomBytes(24).toString('base64')}`,
        createdBy: world.users.merchant.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const base = owner === 'shop' ? `/api/v1/shops/${world.shopA.shopId}/webhooks` : '/api/v1/ops/webhooks';
    const token = owner === 'shop' ? world.users.merchant.token : world.users.ops.token;
    const test = ok(await send(ctx.app, 'POST', `${base}/${endpoint.id}/test`, { token }), 'webhook test');
    await ctx.db
      .updateTable('webhookDeliveries')
      .set({ state: 'failed' })
      .where('id', '=', test.id)
      .execute();
    return { ids: { endpointId: endpoint.id, deliveryId: test.id } };
  }

  async function violationOfShopA(): Promise<number> {
    const view = await ctx.db.transaction().execute((tx) =>
      recordViolation(
        tx,
        {
          shopId: world.shopA.shopId,
          code: 'false_advertising',
          subject: { type: 'product', id: world.collections.products! },
          evidence: { text: '证据' },
          source: 'system',
          recordedBy: null,
        },
        { now: ctx.clock.now(), settings: ctx.settings },
      ),
    );
    return view.id;
  }

  type RequestState =
    | 'pending_merchant'
    | 'rejected'
    | 'in_arbitration'
    | 'awaiting_return'
    | 'return_shipped'
    | 'awaiting_reship';

  /** A fresh after-sales request on a delivered order, brought to `state` through the API. */
  async function requestIn(state: RequestState): Promise<Fresh> {
    const { buyer, merchant } = world.users;
    const paid = await buildPaidOrder(ctx, {
      buyer,
      shopId: world.shopA.shopId,
      skuId: world.onSale.skuIds[0],
    });
    await deliver(world.shopA, paid.orderId);
    const line = await ctx.db
      .selectFrom('orderLines')
      .select('id')
      .where('orderId', '=', paid.orderId)
      .executeTakeFirstOrThrow();
    const [type, reason] =
      state === 'awaiting_return' || state === 'return_shipped'
        ? ['return_refund', 'dont_like']
        : state === 'awaiting_reship'
          ? ['resend', 'missing_parts']
          : ['refund_only', 'quality_issue'];
    const as = (user: { token: string }, path: string, body?: unknown) =>
      send(ctx.app, 'POST', `/api/v1/aftersales/requests${path}`, { token: user.token, body });
    const opened = ok(
      await send(ctx.app, 'POST', '/api/v1/aftersales/requests', {
        token: buyer.token,
        body: { orderId: paid.orderId, orderLineId: line.id, type, reason, quantity: 1 },
        headers: { 'idempotency-key': `fuzz-${unique()}` },
      }),
      'after-sales request',
    );
    const id: number = opened.id;
    const call =
      state === 'pending_merchant' || state === 'rejected' || state === 'in_arbitration'
        ? ok(
            await as(merchant, `/${id}/communications`, { channel: 'phone', summary: '电话沟通过了' }),
            'call',
          )
        : { id: undefined };
    if (state === 'rejected' || state === 'in_arbitration') {
      ok(await as(merchant, `/${id}/reject`, { communicationId: call.id, reason: '无质量问题' }), 'reject');
    }
    if (state === 'in_arbitration') ok(await as(buyer, `/${id}/escalate`, { reason: '不同意' }), 'escalate');
    // a return may start awaiting the parcel (no-reason returns do); otherwise it waits for the merchant's yes
    if (
      opened.state === 'pending_merchant' &&
      !['pending_merchant', 'rejected', 'in_arbitration'].includes(state)
    ) {
      ok(await as(merchant, `/${id}/approve`), 'approve');
    }
    if (state === 'return_shipped') {
      ok(
        await as(buyer, `/${id}/return-shipment`, {
          carrier: 'sf',
          trackingNumber: `SF${unique()}${unique()}`,
        }),
        'return',
      );
    }
    return { ids: { id, communicationId: call.id, orderId: paid.orderId, orderLineId: line.id } };
  }

  /** A delivered order of the buyer in shop A. */
  async function deliveredOrder(): Promise<{ orderId: number; orderLineId: number }> {
    const { buyer } = world.users;
    const paid = await buildPaidOrder(ctx, {
      buyer,
      shopId: world.shopA.shopId,
      skuId: world.onSale.skuIds[0],
    });
    await deliver(world.shopA, paid.orderId);
    const line = await ctx.db
      .selectFrom('orderLines')
      .select('id')
      .where('orderId', '=', paid.orderId)
      .executeTakeFirstOrThrow();
    return { orderId: paid.orderId, orderLineId: line.id };
  }

  /** A live room of a fresh creator (one room per host), called by that creator. */
  async function liveRoom(): Promise<Fresh> {
    const host = await buildUser(ctx, 'creator');
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: host.id }, { state: 'live' });
    return { ids: { id: sessionId, productId: world.onSale.productId }, token: host.token };
  }

  const listed = async () => (await buildListedProduct(ctx, world.shopA.shopId)).productId;
  const unpaidOrder = () => placeOrder(ctx, world.users.buyer, world.onSale.skuIds[0]!);

  /** An active SKU protection (平台主动保障) on a fresh product of shop A, for ops to clear. */
  async function activeSkuProtection(): Promise<Fresh> {
    const { productId, skuIds } = await buildListedProduct(ctx, world.shopA.shopId);
    const row = await ctx.db
      .insertInto('skuProtections')
      .values({
        skuId: skuIds[0]!,
        productId,
        shopId: world.shopA.shopId,
        categoryId: world.shopA.categoryId,
        rateBp: 2_000,
        baselineBp: 200,
        eligibleOrders: 20,
        qualityRefunds: 4,
        inputs: JSON.stringify({ rule: 'sku_quality_spike' }),
        explanationZh: '品退率异常',
        explanationEn: 'quality refunds spiked',
        detectedAt: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ids: { id: row.id } };
  }

  /** A product of shop A submitted for review. */
  async function productInReview(): Promise<Fresh> {
    const id = await draftProduct(ctx, world.shopA);
    const url = `/api/v1/shops/${world.shopA.shopId}/products/${id}/submit`;
    ok(await send(ctx.app, 'POST', url, { token: world.users.merchant.token }), 'submit');
    return { ids: { id } };
  }

  /** An evidence image uploaded by `user`. */
  async function upload(user: { token: string }): Promise<number> {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/evidence-files',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'image/png' },
      payload: world.png,
    });
    return ok({ status: res.statusCode, body: res.json() }, 'upload').id;
  }

  /** The buyer as a rights holder (made once; 409 when the fuzzing made it already). */
  async function rightsHolder() {
    const body = { name: '品牌方', contact: 'ip@brand.example' };
    const res = await send(ctx.app, 'POST', '/api/v1/ip/rights-holders', {
      token: world.users.buyer.token,
      body,
    });
    if (res.status !== 201 && res.status !== 409) ok(res, 'rights holder');
  }

  /** A care case on a fresh order: claimed by the ops caller, with a contact that reached the buyer, or resolved and asking the buyer. */
  async function careCase(stage: 'claimed' | 'reached' | 'asked') {
    const order = await buildPaidOrder(ctx, { shopId: world.shopA.shopId, skuId: world.onSale.skuIds[0] });
    const now = ctx.clock.now();
    const ops = world.users.ops.id;
    const row = await ctx.db
      .insertInto('careCases')
      .values({
        rule: 'repeat_aftersales',
        buyerId: order.buyer.id,
        orderId: order.orderId,
        shopId: world.shopA.shopId,
        state: stage === 'asked' ? 'resolved' : 'claimed',
        facts: JSON.stringify({ requests: 2 }),
        happenedAt: now,
        detectedAt: now,
        dueAt: now,
        configVersion: 1,
        claimedBy: ops,
        claimedAt: now,
        ...(stage === 'asked'
          ? {
              outcome: 'apologised' as const,
              resolvedBy: ops,
              resolvedAt: now,
              surveyState: 'asked' as const,
              surveyExpiresAt: new Date(now.getTime() + 86_400_000),
            }
          : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (stage === 'reached')
      await ctx.db
        .insertInto('careContacts')
        .values({ caseId: row.id, byUser: ops, channel: 'phone', reached: true, note: '已联系', at: now })
        .execute();
    return { ids: { id: row.id }, ...(stage === 'asked' ? { token: order.buyer.token } : {}) };
  }

  /** The buyer's IP complaint against a fresh product of shop A, upheld by ops. */
  async function upheldComplaint(): Promise<number> {
    await rightsHolder();
    const body = {
      productId: await listed(),
      reason: 'counterfeit',
      text: '售假',
      evidenceFileIds: [world.fields.fileId],
    };
    const filed = ok(
      await send(ctx.app, 'POST', '/api/v1/ip/complaints', { token: world.users.buyer.token, body }),
      'complaint',
    );
    const decision = { uphold: true, note: '核实' };
    const url = `/api/v1/ip/complaints/${filed.id}/decision`;
    ok(await send(ctx.app, 'POST', url, { token: world.users.ops.token, body: decision }), 'uphold');
    return filed.id;
  }

  /** A fresh buyer (its own default address) with a second address, called by that buyer. */
  async function ownAddress(): Promise<Fresh> {
    const buyer = await buildBuyer(ctx);
    const body = { recipient: '张三', phone: '13800001234', regionCode: '330106', detail: '文三路 2 号' };
    const address = ok(
      await send(ctx.app, 'POST', '/api/v1/me/addresses', { token: buyer.token, body }),
      'address',
    );
    return { ids: { id: address.id }, token: buyer.token };
  }

  // Records a route needs in a given state, made fresh for it (earlier routes may have moved the shared ones).
  /** The buyer's conversation with shop A (product rules §8.1), opened through the API. */
  async function conversation(): Promise<Fresh> {
    const opened = ok(
      await send(ctx.app, 'POST', '/api/v1/chat/conversations', {
        token: world.users.buyer.token,
        body: { shopId: world.shopA.shopId },
      }),
      'open conversation',
    );
    return { ids: { id: opened.id }, token: world.users.buyer.token };
  }

  /** A keyword reply of shop A (customer service, §8.3). */
  async function keywordReply(): Promise<Fresh> {
    const url = `/api/v1/shops/${world.shopA.shopId}/chat/keyword-replies`;
    const body = { keywords: [`词${unique()}`], answer: '自动回复' };
    const created = ok(
      await send(ctx.app, 'POST', url, { token: world.users.merchant.token, body }),
      'keyword',
    );
    return { ids: { replyId: created.id } };
  }

  /** A session of the buyer with shop A that a person served and closed (it asks for a rating). */
  async function closedChatSession(): Promise<Fresh> {
    const { ids } = await conversation();
    const token = world.users.buyer.token;
    const url = `/api/v1/chat/conversations/${ids.id}/messages`;
    const asked = ok(
      await send(ctx.app, 'POST', url, { token, body: { kind: 'text', text: '转人工' } }),
      'ask',
    );
    const merchant = world.users.merchant.token;
    ok(await send(ctx.app, 'POST', url, { token: merchant, body: { kind: 'text', text: '您好' } }), 'answer');
    const close = `/api/v1/chat/sessions/${asked.sessionId}/close`;
    ok(await send(ctx.app, 'POST', close, { token: merchant, body: {} }), 'close');
    return { ids: { id: asked.sessionId }, token };
  }

  /** A canned reply of shop A (the workstation, §8.2). */
  async function cannedReply(): Promise<Fresh> {
    const url = `/api/v1/shops/${world.shopA.shopId}/chat/canned-replies`;
    const body = { title: `短语${unique()}`, text: '您好，有什么可以帮您？' };
    const created = ok(
      await send(ctx.app, 'POST', url, { token: world.users.merchant.token, body }),
      'canned',
    );
    return { ids: { replyId: created.id } };
  }

  /** A session of shop A waiting for a person, and the staff member online to take it over (§8.2). */
  async function waitingChatSession(): Promise<Fresh> {
    const { ids } = await conversation();
    const human = `/api/v1/chat/conversations/${ids.id}/human`;
    const asked = ok(await send(ctx.app, 'POST', human, { token: world.users.buyer.token }), 'human');
    await ctx.db
      .insertInto('chatAgents')
      .values({
        shopId: world.shopA.shopId,
        userId: world.collections.staff!,
        status: 'online',
        statusAt: ctx.clock.now(),
      })
      .onConflict((oc) => oc.columns(['shopId', 'userId']).doUpdateSet({ status: 'online' }))
      .execute();
    return { ids: { id: asked.sessionId, toAgentId: world.collections.staff } };
  }

  const FRESH: Record<string, () => Promise<Fresh>> = {
    // webhooks: an endpoint of its own for each write (a change or a delete changes it)
    'PATCH /api/v1/shops/{id}/webhooks/{endpointId}': () => webhookWithDelivery('shop'),
    'DELETE /api/v1/shops/{id}/webhooks/{endpointId}': () => webhookWithDelivery('shop'),
    'POST /api/v1/shops/{id}/webhooks/{endpointId}/rotate-secret': () => webhookWithDelivery('shop'),
    'POST /api/v1/shops/{id}/webhooks/{endpointId}/test': () => webhookWithDelivery('shop'),
    'POST /api/v1/shops/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/replay': () =>
      webhookWithDelivery('shop'),
    'PATCH /api/v1/ops/webhooks/{endpointId}': () => webhookWithDelivery('ops'),
    'DELETE /api/v1/ops/webhooks/{endpointId}': () => webhookWithDelivery('ops'),
    'POST /api/v1/ops/webhooks/{endpointId}/rotate-secret': () => webhookWithDelivery('ops'),
    'POST /api/v1/ops/webhooks/{endpointId}/test': () => webhookWithDelivery('ops'),
    'POST /api/v1/ops/webhooks/{endpointId}/deliveries/{deliveryId}/replay': () => webhookWithDelivery('ops'),
    'GET /api/v1/ops/webhooks/{endpointId}/deliveries/{deliveryId}': () => webhookWithDelivery('ops'),
    'PUT /api/v1/shops/{id}/chat/canned-replies/{replyId}': cannedReply,
    'DELETE /api/v1/shops/{id}/chat/canned-replies/{replyId}': cannedReply,
    'POST /api/v1/chat/sessions/{id}/transfer': waitingChatSession,
    'PUT /api/v1/shops/{id}/chat/keyword-replies/{replyId}': keywordReply,
    'DELETE /api/v1/shops/{id}/chat/keyword-replies/{replyId}': keywordReply,
    'GET /api/v1/chat/sessions/{id}/rating': closedChatSession,
    'POST /api/v1/chat/sessions/{id}/rating': closedChatSession,
    'GET /api/v1/chat/conversations/{id}': conversation,
    'GET /api/v1/chat/conversations/{id}/messages': conversation,
    'POST /api/v1/chat/conversations/{id}/messages': conversation,
    'POST /api/v1/chat/conversations/{id}/read': conversation,
    'POST /api/v1/ops/aftersales/sku-protections/{id}/clear': () => activeSkuProtection(),
    'POST /api/v1/aftersales/requests': async () => ({ ids: await deliveredOrder() }),
    'POST /api/v1/orders/{id}/reviews': async () => {
      const { orderId, orderLineId } = await deliveredOrder();
      const token = world.users.buyer.token;
      ok(await send(ctx.app, 'POST', `/api/v1/orders/${orderId}/confirm-receipt`, { token }), 'confirm');
      return { ids: { id: orderId, orderLineId } };
    },
    'POST /api/v1/ops/appeals/{id}/decision': async () => {
      const url = `/api/v1/shops/${world.shopA.shopId}/violations/${await violationOfShopA()}/appeals`;
      const token = world.users.merchant.token;
      const appeal = ok(await send(ctx.app, 'POST', url, { token, body: { text: '我们已整改' } }), 'appeal');
      return { ids: { id: appeal.id } };
    },
    'POST /api/v1/shops/{id}/products/{productId}/submit': async () => ({
      ids: { productId: await draftProduct(ctx, world.shopA) },
    }),
    'POST /api/v1/shops/{id}/products/{productId}/delist': async () => ({
      ids: { productId: await listed() },
    }),
    'POST /api/v1/ops/products/{id}/approve': productInReview,
    'POST /api/v1/ops/products/{id}/reject': productInReview,
    'POST /api/v1/ops/products/{id}/block': async () => ({ ids: { id: await listed() } }),
    'POST /api/v1/orders/{id}/cancel': async () => ({ ids: { id: (await unpaidOrder()).orderId } }),
    'POST /api/v1/payments/{id}/sandbox-notify': async () => {
      const { groupId } = await unpaidOrder();
      return { ids: { id: await pay(ctx, world.users.buyer, groupId, 'timeout') } };
    },
    'POST /api/v1/shipments/{id}/sandbox-events': async () => {
      const paid = await buildPaidOrder(ctx, { buyer: world.users.buyer, skuId: world.onSale.skuIds[0] });
      return { ids: { id: await shipOrder(ctx, world.shopA, paid.orderId) } };
    },
    'POST /api/v1/ip/certifications/{id}/decision': async () => {
      await rightsHolder();
      const brand = await ctx.db
        .insertInto('brands')
        .values({ name: `品牌-${unique()}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const body = { brandId: brand.id, trademarkNo: '12345', evidenceFileIds: [world.fields.fileId] };
      const filed = await send(ctx.app, 'POST', '/api/v1/ip/certifications', {
        token: world.users.buyer.token,
        body,
      });
      return { ids: { id: ok(filed, 'certification').id } };
    },
    'POST /api/v1/ip/complaints/{id}/counter-notice': async () => ({
      ids: { id: await upheldComplaint(), evidenceFileId: await upload(world.users.merchant) },
    }),
    'POST /api/v1/ip/complaints/{id}/counter-notice/decision': async () => {
      const id = await upheldComplaint();
      const body = { text: '正品，有进货凭证', evidenceFileIds: [await upload(world.users.merchant)] };
      const url = `/api/v1/ip/complaints/${id}/counter-notice`;
      ok(await send(ctx.app, 'POST', url, { token: world.users.merchant.token, body }), 'counter-notice');
      return { ids: { id } };
    },
    // growth (product rules §7.5): a product of its own to boost, with credits to spend; listed products to claim for
    'POST /api/v1/shops/{id}/boosts': async () => {
      await grantTestCredits(ctx.db, world.shopA.shopId, 100_000, ctx.clock.now());
      return { ids: { targetId: (await buildListedProduct(ctx, world.shopA.shopId)).productId } };
    },
    'POST /api/v1/shops/{id}/growth/rewards': async () => {
      for (let i = 0; i < 3; i++) await buildListedProduct(ctx, world.shopA.shopId);
      return { ids: {} };
    },
    // flash sales (秒杀): a SKU of its own for each route (a SKU has one open sale at a time)
    'POST /api/v1/shops/{id}/flash-sales': async () => ({
      ids: { skuId: (await buildListedProduct(ctx, world.shopA.shopId)).skuIds[0] },
    }),
    'POST /api/v1/shops/{id}/flash-sales/{saleId}/cancel': async () => {
      const { skuIds } = await buildListedProduct(ctx, world.shopA.shopId);
      const url = `/api/v1/shops/${world.shopA.shopId}/flash-sales`;
      const body = { ...BASELINE['POST /api/v1/shops/{id}/flash-sales'], skuId: skuIds[0] };
      const sale = ok(
        await send(ctx.app, 'POST', url, { token: world.users.merchant.token, body }),
        'flash sale',
      );
      return { ids: { saleId: sale.id } };
    },
    'POST /api/v1/live/sessions/{id}/flash-sales': async () => {
      const { productId, skuIds } = await buildListedProduct(ctx, world.shopA.shopId);
      const host = world.users.merchant;
      const { sessionId } = await buildLiveSession(
        ctx,
        { hostUserId: host.id, shopId: world.shopA.shopId },
        { state: 'live' },
      );
      await ctx.db
        .insertInto('livePins')
        .values({ sessionId, productId, commissionBp: 0, pinnedBy: host.id })
        .execute();
      return { ids: { id: sessionId, skuId: skuIds[0] }, token: host.token };
    },
    // freight templates: one of its own for each route (an edit or a delete changes it)
    // A buyer of its own with an address to change: the shared buyer keeps its default address for checkout.
    // An NPS survey offered to a fresh buyer (one answer each: earlier cases may have answered one).
    'POST /api/v1/me/surveys/{id}/answer': async () => {
      const order = await buildPaidOrder(ctx, { shopId: world.shopA.shopId, skuId: world.onSale.skuIds[0] });
      const now = ctx.clock.now();
      const survey = await ctx.db
        .insertInto('npsInvitations')
        .values({
          orderId: order.orderId,
          shopId: world.shopA.shopId,
          buyerId: order.buyer.id,
          configVersion: 1,
          offeredAt: now,
          expiresAt: new Date(now.getTime() + 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ids: { id: survey.id }, token: order.buyer.token };
    },
    // Care (§8.6): a case held by the ops caller (one buyer, order and rule each), or a buyer's question.
    'POST /api/v1/ops/care/cases/{id}/contacts': () => careCase('claimed'),
    'POST /api/v1/ops/care/cases/{id}/compensations': () => careCase('claimed'),
    'POST /api/v1/ops/care/cases/{id}/outcome': () => careCase('reached'),
    'POST /api/v1/me/care/surveys/{id}/answer': () => careCase('asked'),
    'PATCH /api/v1/me/addresses/{id}': ownAddress,
    'DELETE /api/v1/me/addresses/{id}': ownAddress,
    'POST /api/v1/me/addresses/{id}/default': ownAddress,
    'PUT /api/v1/shops/{id}/freight-templates/{templateId}': freightTemplate,
    // API keys: a shop of its own (the cases may fill shop A's 20 keys), its owner revokes a key of it
    'POST /api/v1/shops/{id}/api-keys/{keyId}/revoke': async () => {
      const shop = await buildShop(ctx);
      const made = await send(ctx.app, 'POST', `/api/v1/shops/${shop.shopId}/api-keys`, {
        token: shop.owner.token,
        body: { name: '仓库系统', scopes: ['orders:read'] },
      });
      return { ids: { id: shop.shopId, keyId: ok(made, 'API key').key.id }, token: shop.owner.token };
    },
    'DELETE /api/v1/shops/{id}/freight-templates/{templateId}': freightTemplate,
    'POST /api/v1/live/sessions/{id}/pins': liveRoom,
    'DELETE /api/v1/live/sessions/{id}/pins/{productId}': async () => {
      const room = await liveRoom();
      const body = { productId: world.onSale.productId };
      ok(
        await send(ctx.app, 'POST', `/api/v1/live/sessions/${room.ids.id}/pins`, { token: room.token, body }),
        'pin',
      );
      return room;
    },
    'POST /api/v1/live/sessions/{id}/comments': async () => ({ ids: (await liveRoom()).ids }),
    'POST /api/v1/ops/live/sessions/{id}/terminate': async () => ({ ids: (await liveRoom()).ids }),
    'POST /api/v1/ops/live/sessions/{id}/emergency-stop': async () => ({ ids: (await liveRoom()).ids }),
    'POST /api/v1/aftersales/requests/{id}/evidence': () => requestIn('pending_merchant'),
    'POST /api/v1/aftersales/requests/{id}/return-shipment': () => requestIn('awaiting_return'),
    'POST /api/v1/aftersales/requests/{id}/cancel': () => requestIn('pending_merchant'),
    'POST /api/v1/aftersales/requests/{id}/escalate': () => requestIn('rejected'),
    'POST /api/v1/aftersales/requests/{id}/approve': () => requestIn('pending_merchant'),
    'POST /api/v1/aftersales/requests/{id}/communications': () => requestIn('pending_merchant'),
    'POST /api/v1/aftersales/requests/{id}/reject': () => requestIn('pending_merchant'),
    'POST /api/v1/aftersales/requests/{id}/confirm-receipt': () => requestIn('return_shipped'),
    'POST /api/v1/aftersales/requests/{id}/extend-receipt': () => requestIn('return_shipped'),
    'POST /api/v1/aftersales/requests/{id}/reshipment': () => requestIn('awaiting_reship'),
    'POST /api/v1/ops/arbitrations/{id}/decision': () => requestIn('in_arbitration'),
  };

  async function freightTemplate() {
    const url = `/api/v1/shops/${world.shopA.shopId}/freight-templates`;
    const body = { ...FREIGHT_TEMPLATE, name: `模板${unique()}` };
    const created = ok(
      await send(ctx.app, 'POST', url, { token: world.users.merchant.token, body }),
      'template',
    );
    return { ids: { templateId: created.id } };
  }

  // Fields the sample would get wrong in a way that stops every case early (a type that does not fit the order).
  const BASELINE: Record<string, Record<string, unknown>> = {
    'POST /api/v1/shops/{id}/webhooks': WEBHOOK_ENDPOINT,
    'POST /api/v1/ops/webhooks': WEBHOOK_ENDPOINT,
    'PATCH /api/v1/shops/{id}/webhooks/{endpointId}': {
      ...WEBHOOK_ENDPOINT,
      description: '仓储系统',
      enabled: true,
    },
    'PATCH /api/v1/ops/webhooks/{endpointId}': {
      ...WEBHOOK_ENDPOINT,
      description: '数据中台',
      enabled: true,
    },
    'PUT /api/v1/shops/{id}/chat/settings': {
      welcome: '欢迎光临',
      offHoursReply: null,
      serviceHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
      routing: 'last_agent',
      botEnabled: true,
    },
    'POST /api/v1/shops/{id}/chat/keyword-replies': { keywords: ['包邮'], answer: '满 59 元包邮' },
    'PUT /api/v1/shops/{id}/chat/keyword-replies/{replyId}': { keywords: ['发票'], answer: '可以开发票' },
    'POST /api/v1/chat/sessions/{id}/rating': { rating: 'good' },
    'POST /api/v1/chat/conversations/{id}/messages': { kind: 'text', text: '请问什么时候发货？' },
    'POST /api/v1/chat/conversations': { shopId: world.shopA.shopId },
    'POST /api/v1/shops/{id}/freight-templates': FREIGHT_TEMPLATE,
    'POST /api/v1/shops/{id}/boosts': { targetType: 'product', hours: 1 },
    'POST /api/v1/shops/{id}/growth/rewards': { step: 'list_products' },
    'POST /api/v1/ops/growth/payouts': { quarter: '2026-Q3', expectedRebateFen: 0 },
    'POST /api/v1/ops/growth/programmes/new-merchant': {
      effectiveFrom: '2031-01-01T00:00:00Z',
      boost: { creditsPerHour: 100, weightBp: 3000, maxHours: 24 },
      newShopBoost: { weightBp: 2000, days: 30 },
      steps: [{ code: 'list_products', metric: 'listed_products', threshold: 3, rewardCredits: 200 }],
    },
    'POST /api/v1/ops/growth/programmes/active-seller': {
      effectiveFrom: '2031-01-01T00:00:00Z',
      tiers: [
        {
          minLiveHours: 10,
          minLiveDays: 5,
          minProductVideos: 3,
          minFollowerGain: 20,
          minListedProducts: 5,
          rewardCredits: 1000,
          rebateBp: 100,
          rebateCapFen: 200_000,
        },
      ],
    },
    'PUT /api/v1/shops/{id}/freight-templates/{templateId}': FREIGHT_TEMPLATE,
    'POST /api/v1/shops/{id}/flash-sales': {
      priceFen: 5_000,
      stockCap: 10,
      perBuyerLimit: 1,
      startsAt: new Date(ctx.clock.now().getTime() + 600_000).toISOString(),
      endsAt: new Date(ctx.clock.now().getTime() + 4_200_000).toISOString(),
    },
    'POST /api/v1/live/sessions/{id}/flash-sales': {
      priceFen: 5_000,
      stockCap: 10,
      perBuyerLimit: 1,
      durationSeconds: 300,
    },
    'POST /api/v1/aftersales/requests': { type: 'refund_only', reason: 'quality_issue', quantity: 1 },
    // the bulk price edit names a SKU of a product of shop A (clearing its 划线价 changes nothing)
    'POST /api/v1/shops/{id}/products/bulk-prices': {
      skus: [
        { productId: world.collections.products, skuId: world.collections.skus, originalPriceFen: null },
      ],
    },
    'POST /api/v1/aftersales/requests/{id}/evidence': { text: '补充说明' },
    'POST /api/v1/ops/trust/policies': {
      checkpoint: 'order_placement',
      rules: [
        {
          id: 'fuzz-rule',
          description: 'fuzz',
          when: { feature: 'buyer.orders_1h', op: '>', value: 10 },
          outcome: 'review',
          reason: { zh: '测试', en: 'fuzz' },
        },
      ],
    },
  };

  return { world, fresh: FRESH, baselines: BASELINE };
}

/** A webhook endpoint the URL and event-type rules accept (the sample's strings would be refused first). */
const WEBHOOK_ENDPOINT = { url: 'https://erp.example.com/hooks', eventTypes: ['order.paid'] };

/** A valid template: region codes that exist (the sample's six digits would be refused before anything else). */
const FREIGHT_TEMPLATE = {
  mode: 'piece',
  firstUnits: 1,
  firstFen: 800,
  extraUnits: 1,
  extraFen: 200,
  freeOverFen: 9_900,
  isDefault: true,
  regions: [{ codes: ['650000'], firstFen: 2_000, extraFen: 500, remote: true }],
  excludedCodes: ['710000'],
};

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { recordViolation } from '../src/modules/governance/index.ts';
import type { Access } from '../src/platform/access.ts';
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
import { type FuzzCase, fuzzCases, type Hints, type JsonSchema, type RouteShape } from './fuzz-cases.ts';
import { createTestContext } from './harness.ts';
import {
  type DocumentedRoute,
  documentedRoutes,
  draftProduct,
  pay,
  placeOrder,
  readOpenApi,
  send,
  shipOrder,
} from './route-inventory.ts';

// Issue 13: every write route, fed malformed bodies, parameters and headers, answers below 500 and
// writes nothing when it refuses; every read gets the path and query cases. The routes and their
// schemas come from the served OpenAPI document, so a new route is fuzzed without being listed here.
// FUZZ_DEBUG=1 prints each route's baseline answer and status counts (a baseline refused early hides
// the rest of its cases).

const ctx = await createTestContext();
const routes = documentedRoutes(await readOpenApi(ctx.app));

const unique = () => randomBytes(4).toString('hex');
const ok = (res: { status: number; body: unknown }, what: string) => {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};

// ---- The records the cases point at, so that a malformed field is not hidden behind a 404. ----

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
      ? ok(await as(merchant, `/${id}/communications`, { channel: 'phone', summary: '电话沟通过了' }), 'call')
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

/** Records made for one route: ids by parameter or field name, and the caller when it is not the usual one. */
interface Fresh {
  ids: Record<string, number | undefined>;
  token?: string;
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

// Records a route needs in a given state, made fresh for it (earlier routes may have moved the shared ones).
const FRESH: Record<string, () => Promise<Fresh>> = {
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
  'POST /api/v1/shops/{id}/products/{productId}/delist': async () => ({ ids: { productId: await listed() } }),
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

// Fields the sample would get wrong in a way that stops every case early (a type that does not fit the order).
const BASELINE: Record<string, Record<string, unknown>> = {
  'POST /api/v1/aftersales/requests': { type: 'refund_only', reason: 'quality_issue', quantity: 1 },
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

let uniqueNames = 0;

/**
 * Real ids by name: path parameters get the record of the collection they follow (`shops/{id}` →
 * shop A), fields get the record they name (`skuId` → a SKU on sale); `fresh` records come first.
 */
function hintsFor(route: DocumentedRoute, fresh: Record<string, number | undefined>): Hints {
  const byParam = new Map<string, number>();
  for (const [, collection, param] of route.path.matchAll(/([\w-]+)\/\{(\w+)\}/g)) {
    const ops = route.path.startsWith(`/api/v1/ops/${collection}`)
      ? world.collections[`ops/${collection}`]
      : undefined;
    const value = ops ?? world.collections[collection!];
    if (value !== undefined) byParam.set(param!, value);
  }
  return (name, schema) => {
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    // a name or login already taken answers 409 before anything else is looked at
    if (type === 'string' && (name === 'login' || name === 'name')) return `fuzz${++uniqueNames}`;
    if (type !== 'integer') return undefined;
    return fresh[name] ?? byParam.get(name) ?? world.fields[name];
  };
}

/** A principal the route admits: the rightful owner of the arranged records where there is one. */
function tokenFor(access: Access): string | undefined {
  if (access === 'public') return undefined;
  if (access === 'user') return world.users.buyer.token;
  if ('ops' in access) return world.users.ops.token;
  const kind = access.kinds[0] as 'buyer' | 'merchant' | 'creator' | 'ops';
  return world.users[kind].token;
}

/** BASELINE with the arranged records in. */
function baselineOf(label: string): Record<string, unknown> | undefined {
  if (label === 'POST /api/v1/videos') return { shopId: world.shopA.shopId };
  if (label === 'POST /api/v1/ops/trust/blacklist') return { userId: world.fields.buyerId };
  if (label === 'POST /api/v1/ops/violations') {
    const subject = { type: 'product', id: world.collections.products };
    return { shopId: world.shopA.shopId, code: 'false_advertising', subject };
  }
  return BASELINE[label];
}

function shapeOf(route: DocumentedRoute): RouteShape {
  const operation = route.operation as DocumentedRoute['operation'] & {
    parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  };
  const content = (operation.requestBody?.content ?? {}) as Record<string, { schema?: JsonSchema }>;
  const json = content['application/json']?.schema;
  const binary = Object.entries(content)
    .filter(([, media]) => media.schema?.format === 'binary')
    .map(([type]) => type);
  return {
    method: route.method,
    path: route.path,
    parameters: operation.parameters ?? [],
    body: json,
    binaryTypes: json === undefined && binary.length > 0 ? binary : undefined,
    baseline: baselineOf(route.label),
    image: world.png,
  };
}

// ---- "Nothing was written": every committed row change is noted by a trigger of this test's database. ----

const tables = (
  await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(ctx.db)
).rows.map((r) => r.name);

// Row-level, so a conditional update that matches nothing (how a refusal is often found) notes nothing;
// the note is part of the request's transaction, so a rolled-back write leaves none.
await sql
  .raw(`
    create table fuzz_writes (table_name text not null);
    create function fuzz_note_write() returns trigger language plpgsql as $$
      begin insert into fuzz_writes values (tg_table_name); return null; end $$;
    ${tables
      .map(
        (t) => `create trigger fuzz_write after insert or update or delete on "${t}"
        for each row execute function fuzz_note_write();`,
      )
      .join('\n')}`)
  .execute(ctx.db);

// Tables a refused request may write by design: a stored refusal replays as the same answer; a
// failed sign-in counts towards the limit.
const WRITTEN_ON_REFUSAL = new Set(['idempotency_keys', 'rate_limits']);

/** Tables written since the previous call. */
async function changedTables(): Promise<string[]> {
  const noted = await sql<{ name: string }>`select distinct table_name as name from fuzz_writes`.execute(
    ctx.db,
  );
  if (noted.rows.length === 0) return [];
  await sql`delete from fuzz_writes`.execute(ctx.db);
  return noted.rows.map((r) => r.name).sort();
}

async function run(route: DocumentedRoute, c: FuzzCase, token: string | undefined) {
  const url = `${route.path.replace(/\{(\w+)\}/g, (_, name: string) => c.params[name]!)}${c.query ? `?${c.query}` : ''}`;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (route.operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key')) {
    headers['idempotency-key'] = `fuzz-${unique()}-${unique()}`;
  }
  for (const [name, value] of Object.entries(c.headers)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  let payload: string | Buffer | undefined;
  if (c.body && 'json' in c.body) {
    payload = JSON.stringify(c.body.json);
    headers['content-type'] = 'application/json';
  } else if (c.body) {
    payload = c.body.raw;
    headers['content-type'] = c.body.contentType;
  }
  const res = await ctx.app.inject({ method: route.method as 'POST', url, headers, payload });
  let body: any;
  try {
    body = res.json();
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body };
}

const writeRoutes = routes.filter((r) => r.method !== 'GET');
// Reads get the path and query cases; an event stream never ends, so it is left to its own tests.
const readRoutes = routes.filter(
  (r) => r.method === 'GET' && r.label !== 'GET /api/v1/live/sessions/{id}/events',
);

describe('fuzzing every route', () => {
  it('finds the write routes in the OpenAPI document', () => {
    expect(writeRoutes.length).toBeGreaterThan(90);
  });

  it('sees an insert, an update and a delete, and no change after a read', async () => {
    await changedTables();
    await send(ctx.app, 'GET', '/api/v1/me', { token: world.users.buyer.token });
    expect(await changedTables()).toEqual([]);
    const brand = await ctx.db
      .insertInto('brands')
      .values({ name: `b-${unique()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await changedTables()).toEqual(['brands']);
    await ctx.db
      .updateTable('brands')
      .set({ name: `b-${unique()}` })
      .where('id', '=', brand.id)
      .execute();
    expect(await changedTables()).toEqual(['brands']);
    await ctx.db.deleteFrom('brands').where('id', '=', brand.id).execute();
    expect(await changedTables()).toEqual(['brands']);
  });

  for (const route of [...writeRoutes, ...readRoutes]) {
    it(`${route.label}: no 5xx, nothing written on a refusal`, async () => {
      const fresh = (await FRESH[route.label]?.()) ?? { ids: {} };
      const cases = fuzzCases(shapeOf(route), hintsFor(route, fresh.ids));
      const problems: string[] = [];
      const statuses: Record<number, number> = {};
      const started = Date.now();
      await changedTables();
      for (const c of cases) {
        // logging out revokes the token: each case signs out a fresh account
        const token =
          route.label === 'POST /api/v1/auth/logout'
            ? (await buildBuyer(ctx)).token
            : (fresh.token ?? tokenFor(route.access));
        if (route.label === 'POST /api/v1/auth/logout') await changedTables();
        const res = await run(route, c, token);
        const changed = await changedTables();
        if (changed.includes('rate_limits')) {
          // every case from one address: the sign-in limit would answer 429 to the rest of them
          await sql`delete from rate_limits`.execute(ctx.db);
          await changedTables();
        }
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (process.env.FUZZ_DEBUG && c.name === 'baseline')
          console.log(`${route.label} baseline ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        if (res.status >= 500) {
          problems.push(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        } else if (res.status >= 400) {
          const written = changed.filter((t) => !WRITTEN_ON_REFUSAL.has(t));
          if (written.length > 0) problems.push(`${c.name}: ${res.status} but wrote ${written.join(', ')}`);
        }
      }
      if (route.method !== 'GET' && route.label !== 'POST /api/v1/auth/logout') {
        // the same valid request twice at once: a unique constraint or a lost race must not answer 500
        const [again] = fuzzCases(shapeOf(route), hintsFor(route, fresh.ids));
        const token = fresh.token ?? tokenFor(route.access);
        const pair = await Promise.all([run(route, again!, token), run(route, again!, token)]);
        for (const res of pair.filter((r) => r.status >= 500)) {
          problems.push(`baseline twice at once: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
        await changedTables();
        await sql`delete from rate_limits`.execute(ctx.db);
        await changedTables();
      }
      if (process.env.FUZZ_DEBUG)
        console.log(
          `${route.label}: ${cases.length} cases ${Date.now() - started} ms ${JSON.stringify(statuses)}`,
        );
      expect(problems, route.label).toEqual([]);
    }, 120_000);
  }

  it('generates thousands of malformed requests', () => {
    const count = (list: DocumentedRoute[]) =>
      list.reduce((n, route) => n + fuzzCases(shapeOf(route), hintsFor(route, {})).length, 0);
    const [writes, reads] = [count(writeRoutes), count(readRoutes)];
    if (process.env.FUZZ_DEBUG) console.log(`fuzz: ${writes} write and ${reads} read cases`);
    expect(writes).toBeGreaterThan(4_000);
    expect(reads).toBeGreaterThan(2_000);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, type TestUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let buyer: TestUser;
let owner: TestUser;
let arbiter: TestUser;
let order: { orderId: number; lineId: number; lineFen: number };
let pendingId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  const product = await guaranteedProduct(ctx, { priceFen: 9_900 });
  owner = product.owner;
  const delivered = await rig.deliveredOrder(product, undefined, 2);
  buyer = delivered.buyer;
  order = delivered;
  const other = await rig.deliveredOrder(product, buyer);
  const opened = await rig.open(buyer, {
    orderId: other.orderId,
    orderLineId: other.lineId,
    type: 'refund_only',
    reason: 'quality_issue',
    quantity: 1,
  });
  expect(opened.status).toBe(201);
  pendingId = opened.body.id;
  arbiter = await buildOps(ctx, ['arbiter']);
});

type Call = () => Promise<{ status: number; body: any }>;

/**
 * Each call answers `status` naming `field`, and nothing changes. A refusal found by the use case is
 * stored as the Idempotency-Key's answer (a replay gets it again), so that table is left out.
 */
async function expectRefused(cases: [string, Call, number, string][]) {
  const before = await tableCounts(ctx.db);
  const answers: string[] = [];
  for (const [label, call, , field] of cases) {
    const res = await call();
    const fields: string[] = (res.body?.error?.details?.fields ?? []).map((x: any) => x.field);
    answers.push(
      `${label}: ${res.status} ${fields.includes(field) ? field : `fields ${JSON.stringify(fields)}`}`,
    );
  }
  expect(answers).toEqual(cases.map(([label, , status, field]) => `${label}: ${status} ${field}`));
  const { idempotency_keys: _a, ...after } = await tableCounts(ctx.db);
  const { idempotency_keys: _b, ...was } = before;
  expect(after).toEqual(was);
}

describe('POST /aftersales/requests refuses bad input', () => {
  const good = () => ({
    orderId: order.orderId,
    orderLineId: order.lineId,
    type: 'return_refund',
    reason: 'quality_issue',
    quantity: 1,
  });
  const open = (body: object) => () => rig.open(buyer, body);

  it('names the field and writes nothing', async () => {
    await expectRefused([
      ['no order', open({ ...good(), orderId: undefined }), 400, 'orderId'],
      ['order id zero', open({ ...good(), orderId: 0 }), 400, 'orderId'],
      ['order id as a string', open({ ...good(), orderId: String(order.orderId) }), 400, 'orderId'],
      ['line of another order', open({ ...good(), orderLineId: order.lineId + 100_000 }), 400, 'orderLineId'],
      ['unknown type', open({ ...good(), type: 'refund_everything' }), 400, 'type'],
      ['system-only type', open({ ...good(), type: 'late_shipment_compensation' }), 400, 'type'],
      [
        'unshipped refund on a delivered order',
        open({ ...good(), type: 'refund_only_unshipped' }),
        400,
        'type',
      ],
      ['unknown reason', open({ ...good(), reason: 'because' }), 400, 'reason'],
      ['quantity zero', open({ ...good(), quantity: 0 }), 400, 'quantity'],
      ['quantity above the line', open({ ...good(), quantity: 3 }), 400, 'quantity'],
      ['fractional quantity', open({ ...good(), quantity: 1.5 }), 400, 'quantity'],
      ['amount above the paid share', open({ ...good(), amountFen: 9_901 }), 400, 'amountFen'],
      ['amount zero', open({ ...good(), amountFen: 0 }), 400, 'amountFen'],
      ['negative amount', open({ ...good(), amountFen: -1 }), 400, 'amountFen'],
      ['amount in yuan', open({ ...good(), amountFen: 99.5 }), 400, 'amountFen'],
      [
        'guarantee on a plain request',
        open({ ...good(), guaranteeCode: 'damage_refund' }),
        400,
        'guaranteeCode',
      ],
      [
        'claim of a guarantee the line lacks',
        open({ ...good(), type: 'guarantee_claim', guaranteeCode: 'damage_refund' }),
        400,
        'guaranteeCode',
      ],
      [
        'someone else’s evidence file',
        open({ ...good(), evidence: { fileIds: [999_999] } }),
        400,
        'evidence.fileIds',
      ],
      [
        'ten files',
        open({ ...good(), evidence: { fileIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } }),
        400,
        'evidence.fileIds',
      ],
      ['empty evidence text', open({ ...good(), evidence: { text: '  ' } }), 400, 'evidence.text'],
      ['description too long', open({ ...good(), description: 'x'.repeat(1001) }), 400, 'description'],
      ['extra field', open({ ...good(), refundTo: 'wallet' }), 400, 'refundTo'],
      [
        'no Idempotency-Key',
        () => rig.as(buyer).post('/api/v1/aftersales/requests', good()),
        400,
        'idempotency-key',
      ],
    ]);
  });
});

describe('request actions refuse bad input', () => {
  it('names the field and writes nothing', async () => {
    const act =
      (user: TestUser, action: string, body?: object, id = pendingId) =>
      () =>
        rig.act(user, id, action, body);
    await expectRefused([
      ['evidence with nothing', act(buyer, 'evidence', {}), 400, 'text'],
      ['evidence with a stranger’s file', act(buyer, 'evidence', { fileIds: [999_999] }), 400, 'fileIds'],
      [
        'unknown carrier',
        act(buyer, 'return-shipment', { carrier: 'dhl', trackingNumber: 'SF1234567890' }),
        400,
        'carrier',
      ],
      [
        'bad waybill',
        act(buyer, 'return-shipment', { carrier: 'sf', trackingNumber: 'SF-1' }),
        400,
        'trackingNumber',
      ],
      [
        'communication too short',
        act(owner, 'communications', { channel: 'phone', summary: 'ok' }),
        400,
        'summary',
      ],
      [
        'communication by pigeon',
        act(owner, 'communications', { channel: 'pigeon', summary: '飞鸽传书已联系' }),
        400,
        'channel',
      ],
      [
        'reject without communication',
        act(owner, 'reject', { communicationId: 999_999, reason: '无' }),
        400,
        'communicationId',
      ],
      ['reject without reason', act(owner, 'reject', { communicationId: 1 }), 400, 'reason'],
      [
        'decide with an unknown outcome',
        () =>
          rig
            .as(arbiter)
            .post(`/api/v1/ops/arbitrations/${pendingId}/decision`, { outcome: 'maybe', reason: '?' }),
        400,
        'outcome',
      ],
      [
        'request id not a number',
        () => rig.as(owner).post('/api/v1/aftersales/requests/abc/approve'),
        400,
        'id',
      ],
    ]);
  });

  it('actions in the wrong state answer 409 and change nothing', async () => {
    const before = await tableCounts(ctx.db);
    for (const [user, action, body] of [
      [buyer, 'return-shipment', { carrier: 'sf', trackingNumber: 'SF1234567890' }],
      [buyer, 'escalate', { reason: '不同意' }],
      [owner, 'confirm-receipt', undefined],
      [owner, 'extend-receipt', undefined],
      [owner, 'reshipment', { carrier: 'sf', trackingNumber: 'SF1234567890' }],
    ] as const) {
      const res = await rig.act(user, pendingId, action, body);
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(409);
      expect(res.body.error.code).toBe('invalid_transition');
    }
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});

describe('an Idempotency-Key names one request', () => {
  it('a replay of the same opening answers the first answer; the key sent with another body is refused and opens nothing', async () => {
    const fresh = await rig.deliveredOrder(await guaranteedProduct(ctx, { priceFen: 5_000 }), buyer);
    const body = {
      orderId: fresh.orderId,
      orderLineId: fresh.lineId,
      type: 'refund_only',
      reason: 'quality_issue',
    };
    const first = await rig.open(buyer, { ...body, quantity: 1 }, 'open-once-0001');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const replay = await rig.open(buyer, { ...body, quantity: 1 }, 'open-once-0001');
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);

    const before = await tableCounts(ctx.db);
    const other = await rig.open(
      buyer,
      { ...body, reason: 'not_as_described', quantity: 1 },
      'open-once-0001',
    );
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});

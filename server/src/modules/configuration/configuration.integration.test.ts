import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { aftersalesRig, guaranteedProduct } from '../aftersales/aftersales.test-support.ts';
import { defaultPolicy } from './policy.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

describe('versioned after-sales configuration', () => {
  it('starts at version 1 with the defaults of product rules §4–5, readable by anyone', async () => {
    const res = await api(ctx.app).get('/api/v1/configuration/aftersales');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: 1, policy: defaultPolicy });
    expect(res.body.policy.instantRefundBelowFen).toBe(30_000);
    expect(res.body.policy.lateShipment).toEqual({ rateBp: 1_000, minFen: 500, maxFen: 3_000 });
  });

  it('a rule admin changes a deadline: a new version, used by the next decisions, which record it', async () => {
    const admin = await buildOps(ctx, ['rule_admin']);
    const changed = await api(ctx.app, admin.token).post('/api/v1/ops/configuration/aftersales', {
      changes: { merchantResponseMs: 24 * HOUR, lateShipment: { maxFen: 5_000 } },
      note: '缩短商家响应时间 shorter merchant response',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    expect(changed.body.version).toBe(2);
    expect(changed.body.policy.merchantResponseMs).toBe(24 * HOUR);
    // a nested change keeps the keys it did not name
    expect(changed.body.policy.lateShipment).toEqual({ rateBp: 1_000, minFen: 500, maxFen: 5_000 });

    const rig = aftersalesRig(ctx);
    const product = await guaranteedProduct(ctx);
    const order = await rig.deliveredOrder(product);
    const opened = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'quality_issue',
      quantity: 1,
    });
    expect(opened.status).toBe(201);
    expect(opened.body.configVersion).toBe(2);
    expect(new Date(opened.body.deadlineAt).getTime() - ctx.clock.now().getTime()).toBe(24 * HOUR);
    ctx.clock.advance(24 * HOUR);
    await rig.runDue();
    const view = await rig.view(order.buyer, opened.body.id);
    expect(view.body.timeline.at(-1)).toMatchObject({ rule: 'merchant_silence_approves', configVersion: 2 });

    const history = await api(ctx.app, admin.token).get('/api/v1/ops/configuration/aftersales/versions');
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.body.items[0]).toMatchObject({
      createdBy: admin.id,
      note: '缩短商家响应时间 shorter merchant response',
    });
  });

  it('a rejection tells the buyer the resubmit window in force, and its deadline is that window', async () => {
    const admin = await buildOps(ctx, ['rule_admin']);
    const changed = await api(ctx.app, admin.token).post('/api/v1/ops/configuration', {
      changes: { aftersales: { resubmitWindowMs: 72 * HOUR } },
      note: '重新申请期限3天',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    const rig = aftersalesRig(ctx);
    const product = await guaranteedProduct(ctx);
    const order = await rig.deliveredOrder(product);
    const opened = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'quality_issue',
      quantity: 1,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const call = await rig.act(product.owner, opened.body.id, 'communications', {
      channel: 'phone',
      summary: '电话沟通：买家误解了颜色说明',
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const rejected = await rig.act(product.owner, opened.body.id, 'reject', {
      communicationId: call.body.id,
      reason: '商品无问题',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(new Date(rejected.body.deadlineAt).getTime() - ctx.clock.now().getTime()).toBe(72 * HOUR);
    const view = await rig.view(order.buyer, opened.body.id);
    const event = view.body.timeline.find((e: { toState: string }) => e.toState === 'rejected');
    expect(JSON.stringify(event)).toContain('3天内重新提交');
    expect(JSON.stringify(event)).toContain('within 3 days');
    await api(ctx.app, admin.token).post('/api/v1/ops/configuration/aftersales', {
      changes: { resubmitWindowMs: defaultPolicy.resubmitWindowMs },
      note: 'back',
    });
  });

  it('refuses invalid changes naming the field, and writes no version', async () => {
    const admin = await buildOps(ctx, ['rule_admin']);
    const before = await tableCounts(ctx.db);
    for (const [changes, field] of [
      [{ merchantResponseMs: -1 }, 'changes.merchantResponseMs'],
      [{ merchantResponseMs: '48h' }, 'changes.merchantResponseMs'],
      [{ lateShipment: { minFen: 4_000, maxFen: 3_000 } }, 'changes.lateShipment.minFen'],
      [{ maxRequestsPerLine: 0 }, 'changes.maxRequestsPerLine'],
      [{ noSuchKey: 1 }, 'changes.noSuchKey'],
    ] as const) {
      const res = await api(ctx.app, admin.token).post('/api/v1/ops/configuration/aftersales', {
        changes,
        note: 'bad',
      });
      expect(res.status, JSON.stringify(changes)).toBe(400);
      const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${JSON.stringify(fields)} names ${field}`,
      ).toBe(true);
    }
    const noNote = await api(ctx.app, admin.token).post('/api/v1/ops/configuration/aftersales', {
      changes: {},
    });
    expect(noNote.status).toBe(400);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('only rule admins change it', async () => {
    const reviewer = await buildOps(ctx, ['reviewer']);
    const res = await api(ctx.app, reviewer.token).post('/api/v1/ops/configuration/aftersales', {
      changes: { merchantResponseMs: HOUR },
      note: 'not mine to change',
    });
    expect(res.status).toBe(403);
  });
});

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildOps } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { velocity } from './counters.service.ts';
import {
  activatePolicy,
  blacklist,
  createDraft,
  type DecideInput,
  decide,
  isBlacklisted,
  linkEntities,
  linkedAccounts,
  type Rule,
  recordActivities,
  recordActivity,
  startShadow,
} from './index.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const reason = { zh: '原因', en: 'reason' };
const rule = (id: string, when: Rule['when'], outcome: Rule['outcome'] = 'review'): Rule => ({
  id,
  description: id,
  when,
  outcome,
  reason,
});

const run = (input: Omit<DecideInput, 'now'>) =>
  ctx.db.transaction().execute((tx) => decide(tx, { ...input, now: ctx.clock.now() }));

const placeOrders = (n: number, entities: Record<string, string>) =>
  ctx.db.transaction().execute(async (tx) => {
    for (let i = 0; i < n; i++)
      await recordActivity(tx, { counter: 'orders', entities, now: ctx.clock.now() });
  });

let nextSubject = 1_000;
const subject = () => ({ type: 'user', id: nextSubject++ });

describe('decide with the default order-placement policy', () => {
  it('allows an ordinary order, stores the decision with everything it could read', async () => {
    const s = subject();
    const decision = await run({
      checkpoint: 'order_placement',
      subject: s,
      facts: { amount_fen: 9_900, quantity: 1 },
      entities: { buyer: String(s.id), device: 'dev-ordinary' },
    });
    expect(decision).toMatchObject({ outcome: 'allow', fired: [], policyVersion: 1, caseId: null });
    expect(decision.features).toMatchObject({ 'buyer.orders_1h': 0, 'device.orders_1h': 0 });
    const stored = await sql<{ inputs: string; shadow: boolean; policyVersion: number }>`
      select inputs::text, shadow, policy_version from trust_decisions where id = ${decision.decisionId}`.execute(
      ctx.db,
    );
    const inputs = JSON.parse(stored.rows[0]!.inputs);
    expect(stored.rows[0]).toMatchObject({ shadow: false, policyVersion: 1 });
    // every window of every counter, not only what the policy read: backtests need them
    expect(inputs).toMatchObject({
      amount_fen: 9_900,
      'buyer.orders_90d': 0,
      'blacklisted.device': false,
      labels: [],
    });
  });

  it('reviews a buyer past 10 orders in an hour and opens a case; blocks a device past 30', async () => {
    const s = subject();
    const entities = { buyer: String(s.id), device: 'dev-farm' };
    await placeOrders(11, entities);
    const reviewed = await run({ checkpoint: 'order_placement', subject: s, facts: {}, entities });
    expect(reviewed.outcome).toBe('review');
    expect(reviewed.fired.map((f) => f.id)).toEqual(['buyer-velocity']);
    expect(reviewed.fired[0]!.reason).toEqual({
      zh: '下单频率异常',
      en: 'Unusual order rate for this buyer',
    });
    expect(reviewed.features['buyer.orders_1h']).toBe(11);
    expect(reviewed.caseId).not.toBeNull();
    const opened = await ctx.db
      .selectFrom('trustCases')
      .selectAll()
      .where('id', '=', reviewed.caseId!)
      .executeTakeFirstOrThrow();
    expect(opened).toMatchObject({
      decisionId: reviewed.decisionId,
      state: 'open',
      subjectType: 'user',
      subjectId: s.id,
    });

    // 20 other buyers on the same device
    await placeOrders(20, { device: 'dev-farm' });
    const blocked = await run({
      checkpoint: 'order_placement',
      subject: subject(),
      facts: {},
      entities: { device: 'dev-farm' },
    });
    expect(blocked.outcome).toBe('block');
    expect(blocked.features['device.orders_1h']).toBe(31);
    expect(blocked.caseId).toBeNull();
  });

  it('keeps decisions append-only', async () => {
    const decision = await run({ checkpoint: 'order_placement', subject: subject(), facts: {} });
    await expect(
      ctx.db
        .updateTable('trustDecisions')
        .set({ outcome: 'block' })
        .where('id', '=', decision.decisionId)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.db.deleteFrom('trustDecisions').where('id', '=', decision.decisionId).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses facts and entities the checkpoint does not know (a caller bug, named)', async () => {
    await expect(
      run({ checkpoint: 'order_placement', subject: subject(), facts: { rating: 1 } }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ field: 'facts.rating' }] },
    });
    await expect(
      run({ checkpoint: 'order_placement', subject: subject(), facts: { amount_fen: 'a lot' } }),
    ).rejects.toMatchObject({ details: { fields: [{ field: 'facts.amount_fen' }] } });
    await expect(
      run({ checkpoint: 'live_title', subject: subject(), facts: {}, entities: { sku: '1' } }),
    ).rejects.toMatchObject({ details: { fields: [{ field: 'entities.sku' }] } });
  });
});

describe('velocity windows (hourly buckets, the straddling bucket in proportion)', () => {
  it('counts over 1 h, 24 h, 7 d, 30 d and 90 d as the clock moves', async () => {
    ctx.clock.set('2026-12-01T08:00:00Z');
    const key = { entity: 'phone' as const, value: '+86 138 0000 0001', counter: 'orders' };
    await placeOrders(8, { phone: key.value });
    const at = async () =>
      (await velocity(ctx.db, [key], ctx.clock.now())).get('phone|+86 138 0000 0001|orders')!;

    ctx.clock.set('2026-12-01T08:45:00Z');
    expect(await at()).toEqual({ '1h': 8, '24h': 8, '7d': 8, '30d': 8, '90d': 8 });
    // 09:15: the 08:00 bucket overlaps the last hour by 45 minutes
    ctx.clock.set('2026-12-01T09:15:00Z');
    expect((await at())['1h']).toBe(6);
    await placeOrders(2, { phone: '+8613800000001' }); // the same phone, written differently
    expect((await at())['1h']).toBe(8);
    ctx.clock.set('2026-12-01T10:00:00Z');
    expect(await at()).toMatchObject({ '1h': 2, '24h': 10 });
    // a day later at 09:30 the 09:00 bucket of yesterday (2 orders) overlaps the 24 h window by half
    ctx.clock.set('2026-12-02T09:30:00Z');
    expect(await at()).toMatchObject({ '1h': 0, '24h': 1, '7d': 10 });
    ctx.clock.set('2026-12-09T09:00:00Z');
    expect(await at()).toMatchObject({ '7d': 0, '30d': 10, '90d': 10 });
    ctx.clock.set('2027-01-01T09:00:00Z');
    expect(await at()).toMatchObject({ '30d': 0, '90d': 10 });
    ctx.clock.advance(90 * DAY);
    expect(await at()).toEqual({ '1h': 0, '24h': 0, '7d': 0, '30d': 0, '90d': 0 });
  });

  it('a batch of activities is one upsert: repeated entities summed, concurrent batches do not deadlock', async () => {
    ctx.clock.set('2026-12-03T08:00:00Z');
    const batch = (devices: string[]) =>
      ctx.db.transaction().execute((tx) =>
        recordActivities(tx, {
          activities: devices.map((device) => ({ counter: 'orders', entities: { device } })),
          now: ctx.clock.now(),
        }),
      );
    // opposite orders of the same hot devices, many times at once
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        batch(i % 2 ? ['hot-a', 'hot-b', 'hot-a'] : ['hot-b', 'hot-a', 'hot-b']),
      ),
    );
    const counts = await velocity(
      ctx.db,
      ['hot-a', 'hot-b'].map((value) => ({ entity: 'device' as const, value, counter: 'orders' })),
      ctx.clock.now(),
    );
    expect(counts.get('device|hot-a|orders')!['1h']).toBe(15);
    expect(counts.get('device|hot-b|orders')!['1h']).toBe(15);
  });

  it('a rule on a 24 h window sees orders an hour ago but not yesterday’s', async () => {
    ctx.clock.set('2026-12-05T12:00:00Z');
    const address = '上海市 浦东新区 1号';
    await placeOrders(51, { address });
    ctx.clock.advance(23 * HOUR + 30 * MINUTE);
    const within = await run({
      checkpoint: 'order_placement',
      subject: subject(),
      facts: {},
      entities: { address },
    });
    expect(within.fired.map((f) => f.id)).toEqual(['address-velocity']);
    ctx.clock.advance(HOUR);
    const after = await run({
      checkpoint: 'order_placement',
      subject: subject(),
      facts: {},
      entities: { address },
    });
    expect(after.outcome).toBe('allow');
  });
});

describe('shadow and activation', () => {
  it('a shadow version is stored beside the live decision and never enforced; activation swaps atomically', async () => {
    ctx.clock.set('2026-12-10T08:00:00Z');
    const admin = await buildOps(ctx, ['rule_admin']);
    const stricter = await createDraft(ctx.db, {
      checkpoint: 'live_comment',
      rules: [
        rule('any-medium', { feature: 'screening_risk', op: 'in', value: ['medium', 'high'] }, 'block'),
      ],
      userId: admin.id,
      now: ctx.clock.now(),
    });
    expect(stricter).toMatchObject({ version: 2, status: 'draft' });
    await startShadow(ctx.db, { policyId: stricter.id, now: ctx.clock.now() });

    const s = subject();
    const live = await run({ checkpoint: 'live_comment', subject: s, facts: { screening_risk: 'medium' } });
    expect(live).toMatchObject({ outcome: 'review', policyVersion: 1 });
    const rows = await ctx.db
      .selectFrom('trustDecisions')
      .select(['id', 'outcome', 'shadow', 'policyVersion', 'liveDecisionId'])
      .where('subjectId', '=', s.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: live.decisionId, outcome: 'review', shadow: false, policyVersion: 1, liveDecisionId: null },
      {
        id: expect.any(Number),
        outcome: 'block',
        shadow: true,
        policyVersion: 2,
        liveDecisionId: live.decisionId,
      },
    ]);
    // only the enforced review opened a case
    const cases = await ctx.db
      .selectFrom('trustCases')
      .select('decisionId')
      .where('subjectId', '=', s.id)
      .execute();
    expect(cases).toEqual([{ decisionId: live.decisionId }]);

    const activated = await activatePolicy(ctx.db, { policyId: stricter.id, now: ctx.clock.now() });
    expect(activated.status).toBe('active');
    const statuses = await ctx.db
      .selectFrom('trustPolicies')
      .select(['version', 'status'])
      .where('checkpoint', '=', 'live_comment')
      .orderBy('version')
      .execute();
    expect(statuses).toEqual([
      { version: 1, status: 'retired' },
      { version: 2, status: 'active' },
    ]);
    const next = await run({
      checkpoint: 'live_comment',
      subject: subject(),
      facts: { screening_risk: 'medium' },
    });
    expect(next).toMatchObject({ outcome: 'block', policyVersion: 2 });

    // roll back: version 1 again
    const v1 = await ctx.db
      .selectFrom('trustPolicies')
      .select('id')
      .where('checkpoint', '=', 'live_comment')
      .where('version', '=', 1)
      .executeTakeFirstOrThrow();
    await activatePolicy(ctx.db, { policyId: v1.id, now: ctx.clock.now() });
    const back = await run({
      checkpoint: 'live_comment',
      subject: subject(),
      facts: { screening_risk: 'medium' },
    });
    expect(back).toMatchObject({ outcome: 'review', policyVersion: 1 });
  });

  it('concurrent activations leave exactly one active version', async () => {
    const admin = await buildOps(ctx, ['rule_admin']);
    const drafts = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        createDraft(ctx.db, {
          checkpoint: 'video_caption',
          rules: [rule(`r${n}`, { feature: 'screening_risk', op: '==', value: 'high' }, 'block')],
          userId: admin.id,
          now: ctx.clock.now(),
        }),
      ),
    );
    expect(drafts.map((d) => d.version).sort()).toEqual([2, 3, 4, 5]);
    await Promise.all(drafts.map((d) => activatePolicy(ctx.db, { policyId: d.id, now: ctx.clock.now() })));
    const active = await ctx.db
      .selectFrom('trustPolicies')
      .select('id')
      .where('checkpoint', '=', 'video_caption')
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(1);
  });

  it('decisions running while a version is activated each use one whole version', async () => {
    const admin = await buildOps(ctx, ['rule_admin']);
    const draft = await createDraft(ctx.db, {
      checkpoint: 'live_title',
      rules: [rule('all-medium', { feature: 'screening_risk', op: '==', value: 'medium' }, 'block')],
      userId: admin.id,
      now: ctx.clock.now(),
    });
    const decisions = Promise.all(
      Array.from({ length: 20 }, () =>
        run({ checkpoint: 'live_title', subject: subject(), facts: { screening_risk: 'medium' } }),
      ),
    );
    await activatePolicy(ctx.db, { policyId: draft.id, now: ctx.clock.now() });
    for (const d of await decisions)
      expect(d.outcome, `version ${d.policyVersion}`).toBe(d.policyVersion === 1 ? 'review' : 'block');
  });
});

describe('links, blacklist and labels', () => {
  it('a blacklisted merchant coming back with the same phone (written differently) is blocked at onboarding', async () => {
    const banned = await buildBuyer(ctx);
    await linkEntities(ctx.db, {
      userId: banned.id,
      entities: { phone: '138-0013-8000', id_number: '11010519491231002X', device: 'dev-banned' },
      now: ctx.clock.now(),
    });
    expect(await isBlacklisted(ctx.db, { phone: '13800138000' })).toBe(false);
    expect(await linkedAccounts(ctx.db, { device: 'dev-banned', phone: '000' })).toEqual({
      userIds: [banned.id],
      shopIds: [],
    });
    const { added } = await blacklist(ctx.db, {
      userId: banned.id,
      reason: '售假',
      addedBy: null,
      now: ctx.clock.now(),
    });
    expect(added).toBe(3);
    expect(await isBlacklisted(ctx.db, { phone: '138 0013 8000' })).toBe(true);

    const facts = { id_verified: true, business_licence_valid: true };
    const again = await run({
      checkpoint: 'merchant_onboarding',
      subject: subject(),
      facts,
      entities: { phone: '13800138000', device: 'dev-new' },
    });
    expect(again.outcome).toBe('block');
    expect(again.fired.map((f) => f.id)).toEqual(['blacklist-link']);
    expect(again.features).toMatchObject({ 'blacklisted.phone': true, 'blacklisted.device': false });

    const byId = await run({
      checkpoint: 'merchant_onboarding',
      subject: subject(),
      facts,
      entities: { id_number: '11010519491231002x' },
    });
    expect(byId.outcome).toBe('block');
    const clean = await run({
      checkpoint: 'merchant_onboarding',
      subject: subject(),
      facts,
      entities: { phone: '13900139000' },
    });
    expect(clean.outcome).toBe('allow');
  });

  it('after-sales’ high-refund label and 4 requests in 24 h put a request under review', async () => {
    const buyer = await buildBuyer(ctx);
    await ctx.db
      .insertInto('buyerLabels')
      .values({
        buyerId: buyer.id,
        label: 'high_refund',
        inputs: {},
        configVersion: null,
        setBy: 'ops',
        setAt: ctx.clock.now(),
      })
      .execute();
    const entities = { buyer: String(buyer.id) };
    const input = {
      checkpoint: 'aftersales_request' as const,
      subject: { type: 'aftersales_request', id: 1 },
      facts: {},
      entities,
    };
    for (let i = 0; i < 4; i++)
      await recordActivity(ctx.db, { counter: 'refund_requests', entities, now: ctx.clock.now() });
    const reviewed = await run(input);
    expect(reviewed.fired.map((f) => f.id)).toEqual(['high-refund-burst']);
    expect(reviewed.features).toMatchObject({ labels: ['high_refund'], 'buyer.refund_requests_24h': 4 });

    const other = await buildBuyer(ctx);
    for (let i = 0; i < 4; i++)
      await recordActivity(ctx.db, {
        counter: 'refund_requests',
        entities: { buyer: String(other.id) },
        now: ctx.clock.now(),
      });
    expect((await run({ ...input, entities: { buyer: String(other.id) } })).outcome).toBe('allow');
  });

  it('the decision and its case roll back with the caller’s transaction', async () => {
    const s = subject();
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await decide(tx, {
          checkpoint: 'live_comment',
          subject: s,
          facts: { screening_risk: 'medium' },
          now: ctx.clock.now(),
        });
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    const left = await ctx.db
      .selectFrom('trustDecisions')
      .select('id')
      .where('subjectId', '=', s.id)
      .execute();
    expect(left).toEqual([]);
  });
});

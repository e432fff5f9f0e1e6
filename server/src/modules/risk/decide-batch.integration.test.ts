import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import {
  activatePolicy,
  blacklist,
  createDraft,
  decide,
  decideMany,
  recordActivities,
  setLabel,
  startShadow,
} from './index.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-12-01T10:00:00Z');
});

const reason = { zh: '原因', en: 'reason' };
const now = () => ctx.clock.now();

describe('decideMany', () => {
  it('sees what decide sees, item by item (velocity, blacklist, labels), and stores the same rows', async () => {
    await ctx.db.transaction().execute(async (tx) => {
      await recordActivities(tx, {
        activities: [{ counter: 'orders', entities: { buyer: '501', device: 'dev-x' }, count: 3 }],
        now: now(),
      });
      await setLabel(tx, { subject: { type: 'user', id: 502 }, label: 'vip', setBy: null, now: now() });
    });
    const admin = await buildOps(ctx, ['rule_admin']);
    await blacklist(ctx.db, {
      entities: { device: 'dev-bad' },
      reason: 'fraud',
      addedBy: admin.id,
      now: now(),
    });

    const items = [
      {
        subject: { type: 'user', id: 501 },
        facts: { amount_fen: 100 },
        entities: { buyer: '501', device: 'dev-x' },
      },
      {
        subject: { type: 'user', id: 502 },
        facts: { amount_fen: 200 },
        entities: { buyer: '502', device: 'dev-bad' },
      },
    ];
    const batch = await ctx.db.transaction().execute((tx) => decideMany(tx, 'order_placement', now(), items));
    const single = await ctx.db
      .transaction()
      .execute((tx) =>
        Promise.all(items.map((i) => decide(tx, { checkpoint: 'order_placement', ...i, now: now() }))),
      );
    expect(batch.map((d) => d.outcome)).toEqual(single.map((d) => d.outcome));
    expect(batch.map((d) => d.outcome)).toEqual(['allow', 'review']);
    expect(batch.map((d) => d.features)).toEqual(single.map((d) => d.features));
    const stored = await ctx.db
      .selectFrom('trustDecisions')
      .select(['id', 'inputs', 'subjectId'])
      .where(
        'id',
        'in',
        [...batch, ...single].map((d) => d.decisionId),
      )
      .orderBy('id')
      .execute();
    expect(stored.slice(0, 2).map((s) => s.inputs)).toEqual(stored.slice(2).map((s) => s.inputs));
    expect(stored[0]!.inputs).toMatchObject({ 'buyer.orders1h': 3, 'device.orders1h': 3, labels: [] });
    expect(stored[1]!.inputs).toMatchObject({ 'blacklisted.device': true, labels: ['vip'] });
    expect(batch[1]!.caseId).not.toBeNull();
  });

  it('an earlier item that is not blocked counts toward the later ones; a blocked one does not', async () => {
    const admin = await buildOps(ctx, ['rule_admin']);
    const draft = await createDraft(ctx.db, {
      checkpoint: 'order_placement',
      rules: [
        {
          id: 'burst',
          description: 'more than 2 orders in an hour',
          when: { feature: 'buyer.orders_1h', op: '>', value: 2 },
          outcome: 'block',
          reason,
        },
      ],
      userId: admin.id,
      now: now(),
    });
    await activatePolicy(ctx.db, { policyId: draft.id, now: now() });
    const shadow = await createDraft(ctx.db, {
      checkpoint: 'order_placement',
      rules: [
        {
          id: 'all',
          description: 'all',
          when: { feature: 'amount_fen', op: '>', value: 0 },
          outcome: 'review',
          reason,
        },
      ],
      userId: admin.id,
      now: now(),
    });
    await startShadow(ctx.db, { policyId: shadow.id, now: now() });

    const item = (buyer: string, count = 1) => ({
      subject: { type: 'user', id: Number(buyer) },
      facts: { amount_fen: 100 },
      entities: { buyer },
      counts: { counter: 'orders', count },
    });
    const decisions = await ctx.db
      .transaction()
      .execute((tx) =>
        decideMany(tx, 'order_placement', now(), [
          item('601'),
          item('602'),
          item('601', 2),
          item('601'),
          item('601'),
        ]),
      );
    expect(decisions.map((d) => d.outcome)).toEqual(['allow', 'allow', 'allow', 'block', 'block']);
    expect(decisions.map((d) => d.features['buyer.orders_1h'])).toEqual([0, 0, 1, 3, 3]);
    // shadow decisions stored beside each, never enforced, no case opened for them
    const shadows = await ctx.db
      .selectFrom('trustDecisions')
      .select(['liveDecisionId', 'outcome'])
      .where('shadow', '=', true)
      .where(
        'liveDecisionId',
        'in',
        decisions.map((d) => d.decisionId),
      )
      .execute();
    expect(shadows).toHaveLength(5);
    expect(shadows.every((s) => s.outcome === 'review')).toBe(true);
    expect(decisions.every((d) => d.caseId === null)).toBe(true);
  });
});

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { type CaseResolvedHook, resolveCase, resolveOpenCasesOf } from './cases.service.ts';
import { type DecideInput, decide, labelsOf, recordActivity } from './index.ts';

let ctx: TestContext;
let admin: TestUser;
let reviewer: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await buildOps(ctx, ['rule_admin']);
  reviewer = await buildOps(ctx, ['reviewer']);
});

let nextOrder = 5_000_000;
/** One order placed as checkout places it: decided, then counted unless blocked. */
async function placeOrder(buyer: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const entities = { buyer: String(buyer) };
    const decision = await decide(tx, {
      checkpoint: 'order_placement',
      subject: { type: 'order', id: nextOrder++ },
      facts: { amount_fen: 1_000, quantity: 1, account_age_days: 100, live: false },
      entities,
      now,
    });
    if (decision.outcome !== 'block') await recordActivity(tx, { counter: 'orders', entities, now });
    return decision;
  });
}

const openCasesOf = (checkpoint: string, subjects: { type: string; id: number }[]) =>
  ctx.db
    .selectFrom('trustCases')
    .selectAll()
    .select(
      sql<number>`(select count(*)::int from trust_case_hits h where h.case_id = trust_cases.id)`.as(
        'hitCount',
      ),
    )
    .where('checkpoint', '=', checkpoint)
    .where('state', '<>', 'resolved')
    .where((eb) =>
      eb.or(subjects.map((s) => eb.and([eb('subjectType', '=', s.type), eb('subjectId', '=', s.id)]))),
    )
    .orderBy('id')
    .execute();

describe('review cases ops can work: one open case per checkpoint, rule and subject', () => {
  it('200 orders from 3 buyers over the velocity rule make 3 cases, whose hits add up to the reviews', async () => {
    const buyers = [910_001, 910_002, 910_003];
    const decisions = [];
    // 80, 70 and 50 orders, interleaved as a load test places them
    const plan = [...Array(80).keys()].flatMap((i) =>
      [buyers[0]!, i < 70 ? buyers[1]! : null, i < 50 ? buyers[2]! : null].filter((b) => b !== null),
    );
    expect(plan).toHaveLength(200);
    for (const buyer of plan) decisions.push({ buyer, ...(await placeOrder(buyer)) });
    const reviews = decisions.filter((d) => d.outcome === 'review');
    // buyer-velocity: more than 10 orders in an hour → review from each buyer's 12th order on
    expect(reviews).toHaveLength(200 - 3 * 11);

    const cases = await openCasesOf(
      'order_placement',
      buyers.map((id) => ({ type: 'user', id })),
    );
    expect(cases).toHaveLength(3);
    expect(cases.every((c) => c.ruleId === 'buyer-velocity')).toBe(true);
    expect(cases.reduce((n, c) => n + c.hitCount, 0)).toBe(reviews.length);
    expect(new Map(cases.map((c) => [c.subjectId, c.hitCount]))).toEqual(
      new Map([
        [buyers[0], 80 - 11],
        [buyers[1], 70 - 11],
        [buyers[2], 50 - 11],
      ]),
    );
    // every review decision names its buyer's case; nothing else opened a case
    const caseOfBuyer = new Map(cases.map((c) => [c.subjectId, c.id]));
    for (const d of reviews) expect(d.caseId).toBe(caseOfBuyer.get(d.buyer));
    const hits = await ctx.db
      .selectFrom('trustCaseHits')
      .select(['caseId', 'subjectType'])
      .where(
        'caseId',
        'in',
        cases.map((c) => c.id),
      )
      .execute();
    expect(hits).toHaveLength(reviews.length);
    expect(new Set(hits.map((h) => h.subjectType))).toEqual(new Set(['order']));

    // the API shows the case with its hit count and latest hits, newest first, each with its order
    const shown = await api(ctx.app, reviewer.token).get(`/api/v1/ops/trust/cases/${cases[0]!.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      subject: { type: 'user', id: buyers[0] },
      ruleId: 'buyer-velocity',
      hitCount: 69,
      state: 'open',
    });
    expect(shown.body.hits).toHaveLength(69);
    expect(shown.body.hits[0].subject.type).toBe('order');
    expect(shown.body.hits[0].decisionId).toBeGreaterThan(shown.body.hits[68].decisionId);
    // opened once: one event, not one per hit
    expect(shown.body.timeline).toHaveLength(1);
  });

  it('concurrent decisions join one case, never two', async () => {
    const buyer = 920_001;
    for (let i = 0; i < 11; i++) await placeOrder(buyer);
    const concurrent = await Promise.all([...Array(16)].map(() => placeOrder(buyer)));
    expect(concurrent.every((d) => d.outcome === 'review')).toBe(true);
    const cases = await openCasesOf('order_placement', [{ type: 'user', id: buyer }]);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.hitCount).toBe(16);
    expect(new Set(concurrent.map((d) => d.caseId))).toEqual(new Set([cases[0]!.id]));
  });

  it('a decision joining a case while ops resolve it waits, then opens a new case, not a hit of the resolved one', async () => {
    const buyer = 925_001;
    for (let i = 0; i < 12; i++) await placeOrder(buyer);
    const [open] = await openCasesOf('order_placement', [{ type: 'user', id: buyer }]);
    let joining: ReturnType<typeof placeOrder> | undefined;
    await resolveCase(
      ctx.db,
      { caseId: open!.id, resolution: 'legit', note: 'ok', userId: reviewer.id, now: ctx.clock.now() },
      {
        // the case row is resolved but not committed: a decision now waits on it
        order_placement: async () => {
          joining ??= placeOrder(buyer);
          await new Promise((r) => setTimeout(r, 300));
        },
      },
    );
    const late = await joining!;
    expect(late.outcome).toBe('review');
    expect(late.caseId).not.toBe(open!.id);
    const [reopened] = await openCasesOf('order_placement', [{ type: 'user', id: buyer }]);
    expect(reopened).toMatchObject({ id: late.caseId, hitCount: 1, state: 'open' });
  });

  it('resolving decides every hit (the hook runs per hit, fraud labels the buyer and each order); the next hit opens a new case', async () => {
    const buyer = 930_001;
    for (let i = 0; i < 14; i++) await placeOrder(buyer);
    const [open] = await openCasesOf('order_placement', [{ type: 'user', id: buyer }]);
    expect(open!.hitCount).toBe(3);
    const calls: Parameters<CaseResolvedHook>[1][] = [];
    const resolved = await resolveCase(
      ctx.db,
      { caseId: open!.id, resolution: 'fraud', note: '刷单', userId: reviewer.id, now: ctx.clock.now() },
      { order_placement: async (_tx, r) => void calls.push(r) },
    );
    expect(resolved.state).toBe('resolved');
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.decisionId)).toEqual(resolved.hits.map((h) => h.decisionId).reverse());
    expect(calls.every((c) => c.subject.type === 'order' && c.caseId === open!.id)).toBe(true);
    expect(resolved.hits.every((h) => h.resolution === 'fraud' && h.resolvedAt !== null)).toBe(true);
    expect(await labelsOf(ctx.db, [{ type: 'user', id: buyer }])).toContain('fraud');
    expect(await labelsOf(ctx.db, [calls[0]!.subject])).toContain('fraud');

    const next = await placeOrder(buyer);
    expect(next.outcome).toBe('review');
    expect(next.caseId).not.toBe(open!.id);
    const [reopened] = await openCasesOf('order_placement', [{ type: 'user', id: buyer }]);
    expect(reopened).toMatchObject({ id: next.caseId, hitCount: 1 });
  });

  it('a hit decided on its own leaves the case open for the others; the last one closes it', async () => {
    const buyer = 940_001;
    for (let i = 0; i < 13; i++) await placeOrder(buyer);
    const [open] = await openCasesOf('order_placement', [{ type: 'user', id: buyer }]);
    const hits = await ctx.db
      .selectFrom('trustCaseHits')
      .select(['subjectType', 'subjectId'])
      .where('caseId', '=', open!.id)
      .orderBy('id')
      .execute();
    expect(hits).toHaveLength(2);
    const decideAlone = (s: { subjectType: string; subjectId: number }) =>
      ctx.db.transaction().execute((tx) =>
        resolveOpenCasesOf(tx, {
          checkpoint: 'order_placement',
          subject: { type: s.subjectType, id: s.subjectId },
          resolution: 'legit',
          note: '',
          userId: reviewer.id,
          now: ctx.clock.now(),
        }),
      );
    expect(await decideAlone(hits[0]!)).toEqual([]);
    expect((await openCasesOf('order_placement', [{ type: 'user', id: buyer }]))[0]!.state).toBe('open');
    expect(await decideAlone(hits[1]!)).toEqual([open!.id]);
    expect(await openCasesOf('order_placement', [{ type: 'user', id: buyer }])).toEqual([]);
  });

  it('a hidden comment gets its own case: a rule over no velocity feature keeps the decision’s subject', async () => {
    const comment = (id: number) =>
      ctx.db.transaction().execute((tx) =>
        decide(tx, {
          checkpoint: 'live_comment',
          subject: { type: 'live_comment', id },
          facts: { screening_risk: 'medium', screening_categories: ['off_platform'] },
          entities: { buyer: '950001' },
          now: ctx.clock.now(),
        } satisfies DecideInput),
      );
    const [a, b] = [await comment(7_000_001), await comment(7_000_002)];
    expect([a.outcome, b.outcome]).toEqual(['review', 'review']);
    expect(a.caseId).not.toBe(b.caseId);
    const cases = await openCasesOf('live_comment', [
      { type: 'live_comment', id: 7_000_001 },
      { type: 'live_comment', id: 7_000_002 },
    ]);
    expect(cases.map((c) => [c.ruleId, c.hitCount])).toEqual([
      ['screening-medium', 1],
      ['screening-medium', 1],
    ]);
  });
});

describe('a rule that sends too much to review is flagged (risk.reviewShareAlert)', () => {
  it('the order-velocity rule of the load above is flagged; the others are not; the setting decides', async () => {
    const share = async () => {
      const res = await api(ctx.app, reviewer.token).get(
        '/api/v1/ops/trust/review-share?checkpoint=order_placement',
      );
      expect(res.status).toBe(200);
      return res.body as {
        decisions: number;
        alert: { shareBp: number; minDecisions: number; windowMs: number };
        rules: { ruleId: string; decisions: number; reviews: number; share: number; flagged: boolean }[];
      };
    };
    const report = await share();
    const reviews = await ctx.db
      .selectFrom('trustDecisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('checkpoint', '=', 'order_placement')
      .where('outcome', '=', 'review')
      .executeTakeFirstOrThrow();
    expect(report.alert).toEqual({ shareBp: 2_000, minDecisions: 50, windowMs: 24 * 3_600_000 });
    expect(report.decisions).toBeGreaterThanOrEqual(200);
    const byRule = new Map(report.rules.map((r) => [r.ruleId, r]));
    expect([...byRule.keys()]).toEqual([
      'buyer-velocity',
      'device-velocity',
      'address-velocity',
      'blacklisted-buyer',
      'shared-device-week',
    ]);
    expect(byRule.get('buyer-velocity')).toMatchObject({ reviews: Number(reviews.n), flagged: true });
    expect(byRule.get('buyer-velocity')!.share).toBeCloseTo(Number(reviews.n) / report.decisions);
    expect(byRule.get('address-velocity')).toMatchObject({ reviews: 0, share: 0, flagged: false });

    const changed = await api(ctx.app, admin.token).post('/api/v1/ops/configuration', {
      changes: { risk: { reviewShareAlert: { shareBp: 9_500 } } },
      note: '送审比例告警调到95%',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    const relaxed = await share();
    expect(relaxed.alert.shareBp).toBe(9_500);
    expect(relaxed.rules.find((r) => r.ruleId === 'buyer-velocity')!.flagged).toBe(false);
    // a share of no use is refused, naming the field
    const bad = await api(ctx.app, admin.token).post('/api/v1/ops/configuration', {
      changes: { risk: { reviewShareAlert: { shareBp: 0 } } },
      note: 'x',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/risk.*reviewShareAlert.*shareBp/);
  });

  it('an unknown checkpoint is a 400 naming the field', async () => {
    const res = await api(ctx.app, reviewer.token).get('/api/v1/ops/trust/review-share?checkpoint=nope');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/checkpoint/);
  });
});

describe('the policy API refuses a literal outside the feature’s values', () => {
  it('400 naming the field, the feature and its values; nothing stored', async () => {
    const res = await api(ctx.app, admin.token).post('/api/v1/ops/trust/policies', {
      checkpoint: 'live_comment',
      rules: [
        {
          id: 'severe',
          description: 'a risk the screener never gives',
          when: {
            all: [
              { feature: 'buyer.comments_1h', op: '>', value: 5 },
              { feature: 'screening_risk', op: '==', value: 'severe' },
            ],
          },
          outcome: 'block',
          reason: { zh: '严重', en: 'severe' },
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      {
        field: 'rules[0].when.all[1].value',
        reason: '"severe" is not a value of feature "screening_risk" (one of: none, low, medium, high)',
      },
    ]);
    const listed = await api(ctx.app, admin.token).get('/api/v1/ops/trust/policies?checkpoint=live_comment');
    expect(listed.body.items.map((p: { version: number }) => p.version)).toEqual([1]);
  });

  it('a decision stating a value outside the fact’s values is refused (400 naming the fact)', async () => {
    await expect(
      ctx.db.transaction().execute((tx) =>
        decide(tx, {
          checkpoint: 'chat_message',
          subject: { type: 'chat_message', id: 1 },
          facts: { screening_risk: 'severe', screening_categories: [] },
          now: ctx.clock.now(),
        }),
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ field: 'facts.screening_risk' }] },
    });
  });
});

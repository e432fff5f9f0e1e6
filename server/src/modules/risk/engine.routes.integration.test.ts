import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { backtestPolicy, type DecideInput, decide, type Rule, recordActivity, setLabel } from './index.ts';

let ctx: TestContext;
let admin: TestUser;
let reviewer: TestUser;
let reviewer2: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await buildOps(ctx, ['rule_admin']);
  reviewer = await buildOps(ctx, ['reviewer']);
  reviewer2 = await buildOps(ctx, ['reviewer']);
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

describe('policy administration', () => {
  it('lists the default version of a checkpoint; reviewers read, only rule admins write', async () => {
    const listed = await api(ctx.app, reviewer.token).get(
      '/api/v1/ops/trust/policies?checkpoint=order_placement',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      version: 1,
      status: 'active',
      checkpoint: 'order_placement',
    });
    expect(listed.body.items[0].rules[0]).toMatchObject({
      id: 'buyer-velocity',
      when: { feature: 'buyer.orders_1h', op: '>', value: 10 },
    });
    const refused = await api(ctx.app, reviewer.token).post('/api/v1/ops/trust/policies', {
      checkpoint: 'order_placement',
      rules: [rule('x', { label: 'fraud' })],
    });
    expect(refused.status).toBe(403);
  });

  it('refuses an invalid draft naming every rule path and reason, and stores nothing', async () => {
    const before = await tableCounts(ctx.db);
    const res = await api(ctx.app, admin.token).post('/api/v1/ops/trust/policies', {
      checkpoint: 'order_placement',
      rules: [
        rule('ok', { linkedTo: 'blacklist', via: ['device'] }),
        rule('typo', { all: [{ label: 'fraud' }, { feature: 'buyer.order_1h', op: '>', value: 3 }] }),
        rule('wrong-type', { feature: 'live', op: '>=', value: 1 }),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.fields).toEqual([
      {
        field: 'rules[1].when.all[1].feature',
        reason: 'unknown feature "buyer.order_1h" for this checkpoint',
      },
      { field: 'rules[2].when.op', reason: '>= does not apply to boolean feature "live"' },
    ]);
    const unknownCheckpoint = await api(ctx.app, admin.token).post('/api/v1/ops/trust/policies', {
      checkpoint: 'checkout',
      rules: [rule('x', { label: 'fraud' })],
    });
    expect(unknownCheckpoint.status).toBe(400);
    expect(unknownCheckpoint.body.error.details.fields[0].field).toMatch(/checkpoint/);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('shadow run through the API: live decisions unchanged, the summary counts disagreements', async () => {
    const draft = await api(ctx.app, admin.token).post('/api/v1/ops/trust/policies', {
      checkpoint: 'review',
      rules: [rule('low-rating', { feature: 'rating', op: '<=', value: 1 }, 'review')],
      note: 'try a stricter review policy',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({
      version: 2,
      status: 'draft',
      note: 'try a stricter review policy',
      createdBy: admin.id,
    });
    const shadow = await api(ctx.app, admin.token).post(`/api/v1/ops/trust/policies/${draft.body.id}/shadow`);
    expect(shadow.body.status).toBe('shadow');

    for (const rating of [1, 1, 5, 4]) {
      const decision = await run({
        checkpoint: 'review',
        subject: { type: 'review', id: rating },
        facts: { rating, has_order: true },
      });
      expect(decision.outcome).toBe('allow');
    }
    const summary = await api(ctx.app, reviewer.token).get(
      `/api/v1/ops/trust/policies/${draft.body.id}/shadow-summary`,
    );
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      checkpoint: 'review',
      decisions: 4,
      agreed: 2,
      disagreed: 2,
      disagreementRate: 0.5,
      matrix: [
        { live: 'allow', shadow: 'allow', count: 2 },
        { live: 'allow', shadow: 'review', count: 2 },
      ],
      shadowRulesFired: [{ id: 'low-rating', count: 2 }],
    });

    const shadows = await api(ctx.app, reviewer.token).get(
      '/api/v1/ops/trust/decisions?checkpoint=review&shadow=true',
    );
    expect(shadows.body.total).toBe(2 + 2);
    expect(shadows.body.items.filter((d: { outcome: string }) => d.outcome === 'review')).toHaveLength(2);
    expect(shadows.body.items[0]).toMatchObject({
      shadow: true,
      policyVersion: 2,
      liveDecisionId: expect.any(Number),
    });
    const reviews = await api(ctx.app, reviewer.token).get(
      '/api/v1/ops/trust/decisions?checkpoint=review&outcome=review',
    );
    expect(reviews.body.items.every((d: { shadow: boolean }) => d.shadow)).toBe(true);
    // shadow reviews open no cases
    const cases = await api(ctx.app, reviewer.token).get('/api/v1/ops/trust/cases?checkpoint=review');
    expect(cases.body.total).toBe(0);

    const stopped = await api(ctx.app, admin.token).post(
      `/api/v1/ops/trust/policies/${draft.body.id}/stop-shadow`,
    );
    expect(stopped.body.status).toBe('retired');
    const again = await api(ctx.app, admin.token).post(
      `/api/v1/ops/trust/policies/${draft.body.id}/stop-shadow`,
    );
    expect(again.status).toBe(409);

    const activated = await api(ctx.app, admin.token).post(
      `/api/v1/ops/trust/policies/${draft.body.id}/activate`,
    );
    expect(activated.body).toMatchObject({ status: 'active', version: 2 });
    const decision = await run({
      checkpoint: 'review',
      subject: { type: 'review', id: 99 },
      facts: { rating: 1 },
    });
    expect(decision).toMatchObject({ outcome: 'review', policyVersion: 2 });
    const policies = await api(ctx.app, reviewer.token).get('/api/v1/ops/trust/policies?checkpoint=review');
    expect(
      policies.body.items.map((p: { version: number; status: string }) => [p.version, p.status]),
    ).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
  });
});

describe('the review queue', () => {
  it('cases are listed, assigned and resolved; a fraud resolution labels the subject for its next decisions', async () => {
    const subject = { type: 'user', id: 777 };
    const decision = await run({ checkpoint: 'live_comment', subject, facts: { screening_risk: 'medium' } });
    expect(decision.outcome).toBe('review');

    const queue = await api(ctx.app, reviewer.token).get(
      '/api/v1/ops/trust/cases?checkpoint=live_comment&state=open',
    );
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(1);
    const opened = queue.body.items[0];
    expect(opened).toMatchObject({
      id: decision.caseId,
      decisionId: decision.decisionId,
      subject,
      state: 'open',
      decision: {
        outcome: 'review',
        fired: [{ id: 'screening-medium' }],
        features: { screening_risk: 'medium' },
      },
    });

    const mine = await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${opened.id}/assign`, {});
    expect(mine.body).toMatchObject({ state: 'assigned', assignee: reviewer.id });
    const handed = await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${opened.id}/assign`, {
      assigneeId: reviewer2.id,
    });
    expect(handed.body.assignee).toBe(reviewer2.id);
    const byAssignee = await api(ctx.app, reviewer2.token).get(
      `/api/v1/ops/trust/cases?assignee=${reviewer2.id}`,
    );
    expect(byAssignee.body.items.map((c: { id: number }) => c.id)).toEqual([opened.id]);
    const notOps = await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${opened.id}/assign`, {
      assigneeId: 2 ** 31,
    });
    expect(notOps.status).toBe(400);
    expect(notOps.body.error.details.fields[0].field).toBe('assigneeId');

    const resolved = await api(ctx.app, reviewer2.token).post(
      `/api/v1/ops/trust/cases/${opened.id}/resolve`,
      {
        resolution: 'fraud',
        note: '引流到站外',
      },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      state: 'resolved',
      resolution: 'fraud',
      resolvedBy: reviewer2.id,
      note: '引流到站外',
    });
    const twice = await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${opened.id}/resolve`, {
      resolution: 'legit',
      note: 'changed my mind',
    });
    expect(twice.status).toBe(409);
    expect(
      (await api(ctx.app, reviewer.token).get(`/api/v1/ops/trust/cases/${opened.id}`)).body.resolution,
    ).toBe('fraud');

    // the label feeds the next decision on the same subject
    const next = await run({
      checkpoint: 'aftersales_request',
      subject: { type: 'aftersales_request', id: 1 },
      facts: {},
      entities: { buyer: String(subject.id) },
    });
    expect(next.fired.map((f) => f.id)).toEqual(['confirmed-fraud']);
    expect(next.features.labels).toEqual(['fraud']);
  });
});

describe('labels and the blacklist', () => {
  it('ops label a subject and take the label off; a rule admin blacklists a user’s identifiers', async () => {
    const body = { subjectType: 'user', subjectId: 4242, label: 'reseller', note: '黄牛' };
    const set = await api(ctx.app, reviewer.token).post('/api/v1/ops/trust/labels', body);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.items).toEqual([
      {
        subject: { type: 'user', id: 4242 },
        label: 'reseller',
        setBy: reviewer.id,
        note: '黄牛',
        at: expect.any(String),
      },
    ]);
    const bad = await api(ctx.app, reviewer.token).post('/api/v1/ops/trust/labels', {
      ...body,
      label: 'Bad Label',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toMatch(/label/);
    const cleared = await api(ctx.app, reviewer.token).post('/api/v1/ops/trust/labels/clear', {
      subjectType: 'user',
      subjectId: 4242,
      label: 'reseller',
    });
    expect(cleared.body.items).toEqual([]);

    const refused = await api(ctx.app, reviewer.token).post('/api/v1/ops/trust/blacklist', {
      entities: { phone: '13700000000' },
      reason: 'x',
    });
    expect(refused.status).toBe(403);
    const empty = await api(ctx.app, admin.token).post('/api/v1/ops/trust/blacklist', {
      reason: 'nothing named',
    });
    expect(empty.status).toBe(400);
    const listed = await api(ctx.app, admin.token).post('/api/v1/ops/trust/blacklist', {
      entities: { phone: '137-0000-0000', device: 'dev-x' },
      reason: '团伙欺诈',
    });
    expect(listed.body).toEqual({ added: 2 });
    const onboarding = await run({
      checkpoint: 'merchant_onboarding',
      subject: { type: 'user', id: 4243 },
      facts: { id_verified: true, business_licence_valid: true },
      entities: { phone: '13700000000' },
    });
    expect(onboarding.outcome).toBe('block');
  });
});

describe('backtest', () => {
  it('the command (xinren backtest) refuses a policy of another checkpoint and replays one of its own', async () => {
    const candidate = await api(ctx.app, admin.token).post('/api/v1/ops/trust/policies', {
      checkpoint: 'order_placement',
      rules: [rule('buyer-velocity-3', { feature: 'buyer.orders_1h', op: '>', value: 3 })],
    });
    const args = { policyId: candidate.body.id as number, json: false };
    await expect(backtestPolicy(ctx.db, { ...args, checkpoint: 'review' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const report = await backtestPolicy(ctx.db, { ...args, checkpoint: 'order_placement' });
    expect(report).toMatchObject({ checkpoint: 'order_placement', policy: { id: candidate.body.id } });
  });

  it('replays stored decisions through a candidate: counts before → after, changes, precision and recall', async () => {
    ctx.clock.set('2026-12-20T10:00:00Z');
    const since = ctx.clock.now().toISOString();
    const orders = { 501: 12, 502: 11, 503: 6, 504: 2 } as Record<number, number>;
    const decisions: Record<number, Awaited<ReturnType<typeof run>>> = {};
    for (const [id, n] of Object.entries(orders)) {
      for (let i = 0; i < n; i++)
        await recordActivity(ctx.db, { counter: 'orders', entities: { buyer: id }, now: ctx.clock.now() });
      decisions[Number(id)] = await run({
        checkpoint: 'order_placement',
        subject: { type: 'user', id: Number(id) },
        facts: { amount_fen: 1_000 },
        entities: { buyer: id },
      });
    }
    expect(Object.values(decisions).map((d) => d.outcome)).toEqual(['review', 'review', 'allow', 'allow']);
    // labels: 501 confirmed fraud, 502 legit; 503 was allowed but later found fraudulent elsewhere
    await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${decisions[501]!.caseId}/resolve`, {
      resolution: 'fraud',
      note: 'fake orders',
    });
    await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${decisions[502]!.caseId}/resolve`, {
      resolution: 'legit',
      note: 'a company buying for staff',
    });
    await setLabel(ctx.db, {
      subject: { type: 'user', id: 503 },
      label: 'fraud',
      setBy: reviewer.id,
      now: ctx.clock.now(),
    });

    const candidate = await api(ctx.app, admin.token).post('/api/v1/ops/trust/policies', {
      checkpoint: 'order_placement',
      rules: [rule('buyer-velocity-5', { feature: 'buyer.orders_1h', op: '>', value: 5 })],
    });
    const res = await api(ctx.app, admin.token).post(
      `/api/v1/ops/trust/policies/${candidate.body.id}/backtest`,
      { since },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      checkpoint: 'order_placement',
      policy: { id: candidate.body.id, status: 'draft' },
      events: 4,
      before: { allow: 2, review: 2, block: 0 },
      after: { allow: 1, review: 3, block: 0 },
      changed: 1,
      transitions: [{ from: 'allow', to: 'review', count: 1 }],
      examples: [
        { subject: { type: 'user', id: 503 }, before: 'allow', after: 'review', fired: ['buyer-velocity-5'] },
      ],
      labelled: 3,
      precisionRecall: {
        before: { truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 },
        after: { truePositives: 2, falsePositives: 1, falseNegatives: 0, precision: 2 / 3, recall: 1 },
      },
    });
    // a window with no events
    const later = await api(ctx.app, admin.token).post(
      `/api/v1/ops/trust/policies/${candidate.body.id}/backtest`,
      {
        since: '2027-01-01T00:00:00Z',
      },
    );
    expect(later.body).toMatchObject({
      events: 0,
      changed: 0,
      precisionRecall: { after: { precision: null, recall: null } },
    });
  });
});

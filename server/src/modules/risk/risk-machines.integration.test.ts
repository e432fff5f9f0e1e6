import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { moveCase } from './case.store.ts';
import { decide } from './index.ts';

let ctx: TestContext;
let reviewer: TestUser;
let reviewer2: TestUser;
let admin: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await buildOps(ctx, ['rule_admin']);
  reviewer = await buildOps(ctx, ['reviewer']);
  reviewer2 = await buildOps(ctx, ['reviewer']);
});

let subjectId = 9_000;
/** A review decision at the live-comment checkpoint opens a case. */
async function openCase(): Promise<number> {
  const decision = await ctx.db.transaction().execute((tx) =>
    decide(tx, {
      checkpoint: 'live_comment',
      subject: { type: 'user', id: ++subjectId },
      facts: { screening_risk: 'medium' },
      now: ctx.clock.now(),
    }),
  );
  expect(decision.caseId).not.toBeNull();
  return decision.caseId!;
}

const caseRow = (id: number) =>
  ctx.db
    .selectFrom('trustCases')
    .select(['state', 'assignee', 'resolution', 'resolvedBy'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const timeline = (id: number) =>
  ctx.db
    .selectFrom('trustCaseEvents')
    .select(['fromState', 'toState', 'assignee', 'actorId'])
    .where('caseId', '=', id)
    .orderBy('id')
    .execute();

describe('review cases move through their machine', () => {
  it('the timeline records opening, each assignment and the resolution, with who did it', async () => {
    const id = await openCase();
    const as = (u: TestUser) => api(ctx.app, u.token);
    expect((await as(reviewer).post(`/api/v1/ops/trust/cases/${id}/assign`, {})).status).toBe(200);
    const handed = await as(reviewer).post(`/api/v1/ops/trust/cases/${id}/assign`, {
      assigneeId: reviewer2.id,
    });
    expect(handed.status).toBe(200);
    const resolved = await as(reviewer2).post(`/api/v1/ops/trust/cases/${id}/resolve`, {
      resolution: 'legit',
      note: '正常评论',
    });
    expect(resolved.status).toBe(200);
    // ops read the same timeline with the case
    expect(
      resolved.body.timeline.map(({ fromState, toState, assignee, actorId }: Record<string, unknown>) => ({
        fromState,
        toState,
        assignee,
        actorId,
      })),
    ).toEqual(await timeline(id));
    expect(resolved.body.timeline.at(-1)).toMatchObject({ note: 'legit: 正常评论' });
    expect(await timeline(id)).toEqual([
      { fromState: null, toState: 'open', assignee: null, actorId: null },
      { fromState: 'open', toState: 'assigned', assignee: reviewer.id, actorId: reviewer.id },
      { fromState: 'assigned', toState: 'assigned', assignee: reviewer2.id, actorId: reviewer.id },
      { fromState: 'assigned', toState: 'resolved', assignee: reviewer2.id, actorId: reviewer2.id },
    ]);
  });

  it('assigning a resolved case is refused with 409 and changes nothing', async () => {
    const id = await openCase();
    const resolved = await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${id}/resolve`, {
      resolution: 'fraud',
      note: '引流',
    });
    expect(resolved.status).toBe(200);
    const before = { row: await caseRow(id), events: await timeline(id) };

    const res = await api(ctx.app, reviewer2.token).post(`/api/v1/ops/trust/cases/${id}/assign`, {});
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'resolved', to: 'assigned' },
    });
    expect({ row: await caseRow(id), events: await timeline(id) }).toEqual(before);
    expect(before.row).toMatchObject({ state: 'resolved', assignee: reviewer.id, resolution: 'fraud' });
  });

  it('a move from a state the case has left matches no row: 409 conflict, nothing written', async () => {
    const id = await openCase();
    await api(ctx.app, reviewer.token).post(`/api/v1/ops/trust/cases/${id}/assign`, {});
    const before = { row: await caseRow(id), events: await timeline(id) };
    // Read as open before the assignment committed (the race a stale read would lose).
    const stale = ctx.db
      .transaction()
      .execute((tx) =>
        moveCase(
          tx,
          { id, state: 'open' },
          'resolved',
          { actorId: reviewer2.id, note: 'stale', now: ctx.clock.now() },
          { resolution: 'legit', note: 'stale', resolvedBy: reviewer2.id, resolvedAt: ctx.clock.now() },
        ),
      );
    await expect(stale).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect({ row: await caseRow(id), events: await timeline(id) }).toEqual(before);
  });
});

describe('policy versions move through their machine', () => {
  const policies = (checkpoint: string) =>
    ctx.db
      .selectFrom('trustPolicies')
      .select(['id', 'version', 'status', 'activatedAt', 'retiredAt'])
      .where('checkpoint', '=', checkpoint)
      .orderBy('version')
      .execute();

  it('stopping the shadow of a draft, or shadowing the active version, is refused with 409 and changes nothing', async () => {
    const as = api(ctx.app, admin.token);
    const draft = await as.post('/api/v1/ops/trust/policies', {
      checkpoint: 'order_placement',
      rules: [
        {
          id: 'buyer-burst',
          description: 'buyer burst',
          when: { feature: 'buyer.orders_1h', op: '>', value: 50 },
          outcome: 'review',
          reason: { zh: '原因', en: 'reason' },
        },
      ],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const before = await policies('order_placement');
    const active = before.find((p) => p.status === 'active')!;

    const stop = await as.post(`/api/v1/ops/trust/policies/${draft.body.id}/stop-shadow`);
    expect(stop.status).toBe(409);
    expect(stop.body.error.code).toBe('invalid_transition');
    const shadowActive = await as.post(`/api/v1/ops/trust/policies/${active.id}/shadow`);
    expect(shadowActive.status).toBe(409);
    expect(shadowActive.body.error.code).toBe('invalid_transition');
    expect(await policies('order_placement')).toEqual(before);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildLiveSession, buildShop, buildUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';

// The live title checkpoint (product rules §6): screening and the decision engine on scheduling and on a
// title change, and the emergency stop of a live session whose title turns high-risk.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const inAnHour = () => new Date(ctx.clock.now().getTime() + HOUR).toISOString();
const titleDecisions = () =>
  ctx.db
    .selectFrom('trustDecisions')
    .select(['subjectType', 'subjectId', 'outcome'])
    .where('checkpoint', '=', 'live_title')
    .where('shadow', '=', false)
    .orderBy('id')
    .execute();

describe('live title checkpoint', () => {
  it('schedules a clean title (decided, allowed)', async () => {
    const creator = await buildUser(ctx, 'creator');
    const res = await api(ctx.app, creator.token).post('/api/v1/live/sessions', {
      title: '冬季羽绒服专场，今晚八点见',
      scheduledAt: inAnHour(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await titleDecisions()).at(-1)).toEqual({
      subjectType: 'user',
      subjectId: creator.id,
      outcome: 'allow',
    });
  });

  it.each(['福利专场 加我薇 信 abc_12345 私下更便宜', '清仓：V信 xy一三八零零一三八零零零'])(
    'refuses a title with an evasive WeChat id at scheduling (%s): 400 naming title, nothing written',
    async (title) => {
      const { shopId, owner } = await buildShop(ctx);
      const before = await ctx.db
        .selectFrom('liveSessions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const res = await api(ctx.app, owner.token).post('/api/v1/live/sessions', {
        title,
        scheduledAt: inAnHour(),
        shopId,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe('title');
      expect(res.body.error.details.fields[0].reason).toContain('off_platform');
      const after = await ctx.db
        .selectFrom('liveSessions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
      expect((await titleDecisions()).at(-1)).toEqual({
        subjectType: 'user',
        subjectId: owner.id,
        outcome: 'block',
      });
    },
  );

  it('a scheduled session may change to a clean title, not to a blocked one', async () => {
    const creator = await buildUser(ctx, 'creator');
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: creator.id });
    const as = api(ctx.app, creator.token);
    const ok = await as.patch(`/api/v1/live/sessions/${sessionId}`, { title: '新品首发：手工陶瓷杯' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.title).toBe('新品首发：手工陶瓷杯');
    const refused = await as.patch(`/api/v1/live/sessions/${sessionId}`, {
      title: '加ｗｘ：ｑｗｅｒ１２３４ 私聊下单',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('title');
    const session = await ctx.db
      .selectFrom('liveSessions')
      .select(['title', 'state'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ title: '新品首发：手工陶瓷杯', state: 'scheduled' });
  });

  it('a live title changed to high-risk off-platform content stops the session at once and records why', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: owner.id, shopId }, { state: 'live' });
    const as = api(ctx.app, owner.token);
    const clean = await as.patch(`/api/v1/live/sessions/${sessionId}`, { title: '直播中：秋冬新款上新' });
    expect(clean.status, JSON.stringify(clean.body)).toBe(200);
    expect(clean.body).toMatchObject({ state: 'live', title: '直播中：秋冬新款上新' });

    const title = '私聊 vx 幺三八 1234 5678 下单更便宜';
    const res = await as.patch(`/api/v1/live/sessions/${sessionId}`, { title });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('terminated');
    const session = await ctx.db
      .selectFrom('liveSessions')
      .select(['state', 'endReason', 'title'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(session.state).toBe('terminated');
    expect(session.endReason).toContain('紧急关播');
    expect(session.endReason).toContain('off_platform');
    expect(session.title).toBe('直播中：秋冬新款上新');

    const violations = await ctx.db
      .selectFrom('governanceViolations')
      .select(['code', 'shopId', 'subjectType', 'subjectId', 'source', 'evidenceText'])
      .where('subjectType', '=', 'live_session')
      .where('subjectId', '=', sessionId)
      .execute();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      code: 'live_high_risk',
      shopId,
      source: 'trust_engine',
    });
    expect(violations[0]!.evidenceText).toContain(title);
    expect((await titleDecisions()).at(-1)).toEqual({
      subjectType: 'live_session',
      subjectId: sessionId,
      outcome: 'block',
    });

    // the time of a live session cannot change, nor anything of a terminated one
    const again = await as.patch(`/api/v1/live/sessions/${sessionId}`, { title: '重新开播' });
    expect(again.status).toBe(409);
  });
});

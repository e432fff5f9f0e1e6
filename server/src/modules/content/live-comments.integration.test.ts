import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildLiveSession, buildUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { gatedContentApp } from './content.test-support.ts';
import { LIVE_COMMENTS_CHANNEL } from './live-comments.service.ts';

let ctx: TestContext;
let rig: Awaited<ReturnType<typeof gatedContentApp>>;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = await gatedContentApp(ctx);
});
afterAll(async () => {
  await rig.app.close();
});

async function liveRoom(state: 'live' | 'scheduled' = 'live') {
  const host = await buildUser(ctx, 'creator');
  return (await buildLiveSession(ctx, { hostUserId: host.id }, { state })).sessionId;
}

const url = (sessionId: number) => `/api/v1/live/sessions/${sessionId}/comments`;

describe('live comments', () => {
  it('a buyer comments in a live room; anyone reads the feed after a cursor; the comment is published', async () => {
    const sessionId = await liveRoom();
    const buyer = await buildBuyer(ctx);
    const heard: string[] = [];
    await ctx.pubsub.subscribe(LIVE_COMMENTS_CHANNEL, (payload) => heard.push(payload));
    rig.verdict = { outcome: 'allow' };

    const first = await api(rig.app, buyer.token).post(url(sessionId), { text: '  主播好！  ' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ sessionId, text: '主播好！', state: 'visible', hiddenReason: null });
    expect(rig.calls.at(-1)).toMatchObject({
      surface: 'live_comment',
      text: '主播好！',
      authorId: buyer.id,
      subject: { type: 'live_comment', id: first.body.id },
    });
    const second = await api(rig.app, buyer.token).post(url(sessionId), { text: '这个多少钱' });

    const all = await api(rig.app).get(url(sessionId));
    expect(all.body.items.map((c: { text: string }) => c.text)).toEqual(['主播好！', '这个多少钱']);
    expect(all.body.next).toBe(second.body.id);
    const after = await api(rig.app).get(`${url(sessionId)}?after=${first.body.id}`);
    expect(after.body.items.map((c: { id: number }) => c.id)).toEqual([second.body.id]);
    const none = await api(rig.app).get(`${url(sessionId)}?after=${second.body.id}`);
    expect(none.body).toEqual({ items: [], next: second.body.id });

    await expect.poll(() => heard.length).toBeGreaterThanOrEqual(2);
    expect(heard.map((p) => JSON.parse(p).id)).toEqual(
      expect.arrayContaining([first.body.id, second.body.id]),
    );
  });

  it('a comment the gate blocks is stored hidden with the reason, shown to its author only, never published', async () => {
    const sessionId = await liveRoom();
    const buyer = await buildBuyer(ctx);
    const heard: string[] = [];
    await ctx.pubsub.subscribe(LIVE_COMMENTS_CHANNEL, (payload) => heard.push(payload));
    rig.verdict = { outcome: 'block', reason: '站外引流：微信号', decisionId: 4242 };
    const blocked = await api(rig.app, buyer.token).post(url(sessionId), { text: '加我 V 信 abc123' });
    expect(blocked.status).toBe(201);
    expect(blocked.body).toMatchObject({ state: 'hidden', hiddenReason: '站外引流：微信号' });
    rig.verdict = { outcome: 'review', reason: '疑似卖惨' };
    const held = await api(rig.app, buyer.token).post(url(sessionId), { text: '家里穷买不起' });
    expect(held.body).toMatchObject({ state: 'hidden', hiddenReason: 'held for review: 疑似卖惨' });
    rig.verdict = { outcome: 'allow' };
    const shown = await api(rig.app, buyer.token).post(url(sessionId), { text: '好看' });

    const feed = await api(rig.app).get(url(sessionId));
    expect(feed.body.items.map((c: { id: number }) => c.id)).toEqual([shown.body.id]);
    // the author, signed in, still reads their held comments (after a reload); another buyer does not
    const mine = await api(rig.app, buyer.token).get(url(sessionId));
    expect(mine.body.items).toMatchObject([
      { id: blocked.body.id, state: 'hidden', hiddenReason: '站外引流：微信号', text: '加我 V 信 abc123' },
      { id: held.body.id, state: 'hidden', hiddenReason: 'held for review: 疑似卖惨' },
      { id: shown.body.id, state: 'visible', hiddenReason: null },
    ]);
    const other = await buildBuyer(ctx);
    const theirs = await api(rig.app, other.token).get(url(sessionId));
    expect(theirs.body.items.map((c: { id: number }) => c.id)).toEqual([shown.body.id]);
    const stored = await ctx.db
      .selectFrom('liveComments')
      .select(['state', 'decisionId'])
      .where('id', '=', blocked.body.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ state: 'hidden', decisionId: 4242 });
    await expect.poll(() => heard.length).toBe(1);
    expect(JSON.parse(heard[0]!).id).toBe(shown.body.id);
  });

  it('refuses comments in a room not on air (409) and in an unknown room (404); the feed of an unknown room is 404', async () => {
    const buyer = await buildBuyer(ctx);
    const scheduled = await liveRoom('scheduled');
    const res = await api(rig.app, buyer.token).post(url(scheduled), { text: '开播了吗' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ state: 'scheduled', key: 'live_not_on_air', params: {} });
    expect((await api(rig.app, buyer.token).post(url(2 ** 31), { text: 'hi' })).status).toBe(404);
    expect((await api(rig.app).get(url(2 ** 31))).status).toBe(404);
  });

  it('only signed-in buyers comment', async () => {
    const sessionId = await liveRoom();
    expect((await api(rig.app).post(url(sessionId), { text: 'hi' })).status).toBe(401);
    const creator = await buildUser(ctx, 'creator');
    expect((await api(rig.app, creator.token).post(url(sessionId), { text: 'hi' })).status).toBe(403);
  });

  it.each([
    [{}, 'text'],
    [{ text: '' }, 'text'],
    [{ text: '   ' }, 'text'],
    [{ text: '评'.repeat(201) }, 'text'],
    [{ text: 'ok', extra: 1 }, 'extra'],
  ])('bad input %j names %s and writes nothing', async (body, field) => {
    const sessionId = await liveRoom();
    const buyer = await buildBuyer(ctx);
    const before = await tableCounts(ctx.db);
    const res = await api(rig.app, buyer.token).post(url(sessionId), body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('a 200-character comment is accepted', async () => {
    const sessionId = await liveRoom();
    const buyer = await buildBuyer(ctx);
    rig.verdict = { outcome: 'allow' };
    expect((await api(rig.app, buyer.token).post(url(sessionId), { text: '好'.repeat(200) })).status).toBe(
      201,
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildPaidOrder } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import { askForHuman, buildConversation, buildServiceDesk, setStatus } from './workstation.test-support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const say = async (token: string, conversationId: number, text: string) => {
  const res = await api(ctx.app, token).post(`/api/v1/chat/conversations/${conversationId}/messages`, {
    kind: 'text',
    text,
  });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as { id: number };
};

describe('the workstation inbox', () => {
  it('lists the longest waiting first with unread counts and the last message; a held buyer message is not shown', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 0, bot: false });
    const owner = api(ctx.app, desk.owner.token);
    const early = await buildConversation(ctx, desk.shopId);
    const late = await buildConversation(ctx, desk.shopId);
    const quiet = await buildConversation(ctx, desk.shopId);
    await say(early.buyer.token, early.conversationId, '第一个问题：什么时候发货');
    ctx.clock.advance(2 * MINUTE);
    await say(late.buyer.token, late.conversationId, '第二个问题：能开发票吗');
    await say(late.buyer.token, late.conversationId, '在吗');

    const waiting = await owner.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=waiting`);
    expect(waiting.status).toBe(200);
    expect(waiting.body.items.map((i: { conversationId: number }) => i.conversationId)).toEqual([
      early.conversationId,
      late.conversationId,
    ]);
    expect(waiting.body.items[1]).toMatchObject({
      unread: 2,
      lastMessage: { sender: 'buyer', kind: 'text', text: '在吗' },
      session: { state: 'queued', agentId: null },
    });
    const all = await owner.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=all`);
    expect(all.body.items.map((i: { conversationId: number }) => i.conversationId)).toEqual([
      early.conversationId,
      late.conversationId,
      quiet.conversationId,
    ]);

    // off-platform contact is held: the shop sees the message before it as the last one
    await say(early.buyer.token, early.conversationId, '加我微信 abc12345 私下便宜点');
    const after = await owner.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=waiting`);
    const first = after.body.items.find(
      (i: { conversationId: number }) => i.conversationId === early.conversationId,
    );
    expect(first.lastMessage?.text ?? null).not.toMatch(/微信/);
  });

  it("mine lists what I serve; the agent's answer stops the waiting", async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    const agent = desk.agents[0]!;
    await setStatus(ctx, desk.shopId, agent, 'online');
    const c = await buildConversation(ctx, desk.shopId);
    await say(c.buyer.token, c.conversationId, '人工');
    await askForHuman(ctx, c);
    const mine = api(ctx.app, agent.token);
    const before = await mine.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=mine`);
    expect(before.body.items).toHaveLength(1);
    await say(agent.token, c.conversationId, '您好，请讲');
    const after = await mine.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=mine`);
    expect(after.body.items[0]).toMatchObject({ waitingSince: null, lastMessage: { sender: 'agent' } });
    const session = await ctx.db
      .selectFrom('chatSessions')
      .select(['firstHumanReplyAt', 'handedOffAt'])
      .where('conversationId', '=', c.conversationId)
      .executeTakeFirstOrThrow();
    expect(session.firstHumanReplyAt).not.toBeNull();
    expect(session.handedOffAt).not.toBeNull();
  });
});

describe('the customer panel and canned replies', () => {
  it("shows the buyer's orders with the shop and past sessions, to the shop's agents only", async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    const c = await buildConversation(ctx, desk.shopId);
    const order = await buildPaidOrder(ctx, { buyer: c.buyer, shopId: desk.shopId });
    await setStatus(ctx, desk.shopId, desk.agents[0]!, 'online');
    const s = await askForHuman(ctx, c);
    await api(ctx.app, desk.agents[0]!.token).post(`/api/v1/chat/sessions/${s.sessionId}/close`);

    const panel = await api(ctx.app, desk.owner.token).get(
      `/api/v1/chat/conversations/${c.conversationId}/customer`,
    );
    expect(panel.status).toBe(200);
    expect(panel.body).toMatchObject({
      buyer: { id: c.buyer.id },
      orderCount: 1,
      orders: [{ id: order.orderId, state: 'paid' }],
      aftersales: [],
      sessions: [{ id: s.sessionId, state: 'closed', closeReason: 'agent' }],
    });
    expect(panel.body.sessions[0].agentName).toBeTruthy();
    // the buyer's own side is not a panel about them
    expect(
      (await api(ctx.app, c.buyer.token).get(`/api/v1/chat/conversations/${c.conversationId}/customer`))
        .status,
    ).toBe(403);
  });

  it('any agent adds, edits and deletes the shop-wide canned replies', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    const agent = api(ctx.app, desk.agents[0]!.token);
    const url = `/api/v1/shops/${desk.shopId}/chat/canned-replies`;
    const created = await agent.post(url, { title: '发货', text: '现货 48 小时内发货', sort: 2 });
    expect(created.status).toBe(201);
    await agent.post(url, { title: '问候', text: '您好，在的', sort: 1 });
    const edited = await api(ctx.app, desk.owner.token).put(`${url}/${created.body.id}`, {
      title: '发货时间',
      text: '今天 16 点前下单当天发',
    });
    expect(edited.body).toMatchObject({ title: '发货时间', sort: 2 });
    const list = await agent.get(url);
    expect(list.body.items.map((r: { title: string }) => r.title)).toEqual(['问候', '发货时间']);
    expect((await agent.delete(`${url}/${created.body.id}`)).status).toBe(200);
    expect((await agent.delete(`${url}/${created.body.id}`)).status).toBe(404);
    expect((await agent.post(url, { title: ' ', text: '空标题' })).status).toBe(400);
  });
});

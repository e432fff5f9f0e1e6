import { beforeAll, describe, expect, it } from 'vitest';
import { buildShop, buildStaff } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import { askForHuman, buildConversation, buildServiceDesk, setStatus } from './workstation.test-support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const sessionOf = (id: number) =>
  ctx.db.selectFrom('chatSessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('routing of conversations to agents (product rules §8.2)', () => {
  it('nobody online: the buyer waits in 待接入; the first agent coming online gets the longest waiting', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    const first = await buildConversation(ctx, desk.shopId);
    const second = await buildConversation(ctx, desk.shopId);
    expect(await askForHuman(ctx, first)).toMatchObject({ state: 'queued', agentId: null });
    ctx.clock.advance(MINUTE);
    await askForHuman(ctx, second);

    const agent = api(ctx.app, desk.agents[0]!.token);
    const waiting = await agent.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=waiting`);
    expect(waiting.status).toBe(200);
    expect(waiting.body.items.map((i: { conversationId: number }) => i.conversationId)).toEqual([
      first.conversationId,
      second.conversationId,
    ]);
    expect(waiting.body.items[0].waitingSince).not.toBeNull();

    expect(await setStatus(ctx, desk.shopId, desk.agents[0]!, 'online')).toEqual({
      status: 'online',
      routed: 2,
    });
    const mine = await agent.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=mine`);
    expect(mine.body.items).toHaveLength(2);
    expect((await agent.get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=waiting`)).body.items).toEqual(
      [],
    );
  });

  it('round robin: each new conversation goes to the online agent given one least recently', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 3, routing: 'round_robin' });
    for (const a of desk.agents) await setStatus(ctx, desk.shopId, a, 'online');
    const got: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      ctx.clock.advance(1_000);
      got.push((await askForHuman(ctx, await buildConversation(ctx, desk.shopId))).agentId);
    }
    const [a, b, c] = desk.agents.map((x) => x.id);
    expect(got).toEqual([a, b, c, a, b, c]);
  });

  it('away agents and agents at their cap get nothing; a freed seat goes to the longest-waiting buyer', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 2, max: 1, routing: 'round_robin' });
    const [a, b] = desk.agents;
    await setStatus(ctx, desk.shopId, a!, 'online');
    const c1 = await buildConversation(ctx, desk.shopId);
    const c2 = await buildConversation(ctx, desk.shopId);
    const s1 = await askForHuman(ctx, c1);
    expect(s1.agentId).toBe(a!.id);
    ctx.clock.advance(1_000);
    // a is at the cap (1), b is away: c2 waits
    expect(await askForHuman(ctx, c2)).toMatchObject({ state: 'queued', agentId: null });

    // a closes c1's session: the seat goes to c2 at once
    const closed = await api(ctx.app, a!.token).post(`/api/v1/chat/sessions/${s1.sessionId}/close`);
    expect(closed.status).toBe(200);
    const s2 = await ctx.db
      .selectFrom('chatSessions')
      .select(['state', 'agentId'])
      .where('conversationId', '=', c2.conversationId)
      .executeTakeFirstOrThrow();
    expect(s2).toEqual({ state: 'serving', agentId: a!.id });

    // going away keeps a's conversations and takes no new one
    await setStatus(ctx, desk.shopId, a!, 'away');
    const c3 = await buildConversation(ctx, desk.shopId);
    expect(await askForHuman(ctx, c3)).toMatchObject({ state: 'queued', agentId: null });
    expect((await sessionOf(s1.sessionId)).state).toBe('closed');
    await setStatus(ctx, desk.shopId, b!, 'online');
    const s3 = await ctx.db
      .selectFrom('chatSessions')
      .select('agentId')
      .where('conversationId', '=', c3.conversationId)
      .executeTakeFirstOrThrow();
    expect(s3.agentId).toBe(b!.id);
  });

  it('last agent: a returning buyer goes to whoever served them last, or round robin when that agent is away', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 2, routing: 'last_agent' });
    const [a, b] = desk.agents;
    await setStatus(ctx, desk.shopId, a!, 'online');
    const conversation = await buildConversation(ctx, desk.shopId);
    const first = await askForHuman(ctx, conversation);
    expect(first.agentId).toBe(a!.id);
    await api(ctx.app, a!.token).post(`/api/v1/chat/sessions/${first.sessionId}/close`);

    // b comes online and was never assigned (round robin would pick b), but the buyer returns to a
    await setStatus(ctx, desk.shopId, b!, 'online');
    ctx.clock.advance(MINUTE);
    const again = await askForHuman(ctx, conversation);
    expect(again.sessionId).not.toBe(first.sessionId);
    expect(again.agentId).toBe(a!.id);
    await api(ctx.app, a!.token).post(`/api/v1/chat/sessions/${again.sessionId}/close`);

    // a away: round robin
    await setStatus(ctx, desk.shopId, a!, 'away');
    ctx.clock.advance(MINUTE);
    expect((await askForHuman(ctx, conversation)).agentId).toBe(b!.id);
  });

  it('concurrent hand-offs never give an agent more than their cap', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 2, max: 5, routing: 'round_robin' });
    for (const a of desk.agents) await setStatus(ctx, desk.shopId, a, 'online');
    const conversations = await Promise.all(
      Array.from({ length: 16 }, () => buildConversation(ctx, desk.shopId)),
    );
    const results = await Promise.all(conversations.map((c) => askForHuman(ctx, c)));
    const served = results.filter((r) => r.state === 'serving');
    expect(served).toHaveLength(10);
    expect(results.filter((r) => r.state === 'queued')).toHaveLength(6);
    const perAgent = await ctx.db
      .selectFrom('chatSessions')
      .select(['agentId', (eb) => eb.fn.countAll<string>().as('n')])
      .where('shopId', '=', desk.shopId)
      .where('state', '=', 'serving')
      .groupBy('agentId')
      .execute();
    expect(perAgent.map((r) => Number(r.n)).sort()).toEqual([5, 5]);
  });
});

describe('taking, transferring and closing', () => {
  it('an agent takes a waiting conversation; a second agent taking it gets 409', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 2 });
    const [a, b] = desk.agents;
    const s = await askForHuman(ctx, await buildConversation(ctx, desk.shopId));
    const take = await api(ctx.app, a!.token).post(`/api/v1/chat/sessions/${s.sessionId}/take`);
    expect(take.body).toEqual({ sessionId: s.sessionId, state: 'serving', agentId: a!.id });
    const again = await api(ctx.app, b!.token).post(`/api/v1/chat/sessions/${s.sessionId}/take`);
    expect(again.status).toBe(409);
    expect(again.body.error.details.key).toBe('chat_session_taken');
  });

  it('transfer: to an online colleague with the note kept; an away colleague is refused; others may not', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 3 });
    const [a, b, c] = desk.agents;
    await setStatus(ctx, desk.shopId, a!, 'online');
    const s = await askForHuman(ctx, await buildConversation(ctx, desk.shopId));
    expect(s.agentId).toBe(a!.id);

    const toAway = await api(ctx.app, a!.token).post(`/api/v1/chat/sessions/${s.sessionId}/transfer`, {
      toAgentId: b!.id,
    });
    expect(toAway.status).toBe(400);
    expect(toAway.body.error.details.fields[0].field).toBe('toAgentId');

    await setStatus(ctx, desk.shopId, b!, 'online');
    const byOther = await api(ctx.app, c!.token).post(`/api/v1/chat/sessions/${s.sessionId}/transfer`, {
      toAgentId: b!.id,
    });
    expect(byOther.status).toBe(409);

    const moved = await api(ctx.app, a!.token).post(`/api/v1/chat/sessions/${s.sessionId}/transfer`, {
      toAgentId: b!.id,
      note: '买家要换货，请跟进',
    });
    expect(moved.body).toEqual({ sessionId: s.sessionId, state: 'serving', agentId: b!.id });
    const event = await ctx.db
      .selectFrom('chatSessionEvents')
      .select(['kind', 'fromAgent', 'toAgent', 'byUser', 'note'])
      .where('sessionId', '=', s.sessionId)
      .where('kind', '=', 'transferred')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      kind: 'transferred',
      fromAgent: a!.id,
      toAgent: b!.id,
      byUser: a!.id,
      note: '买家要换货，请跟进',
    });
    const bMine = await api(ctx.app, b!.token).get(`/api/v1/shops/${desk.shopId}/chat/inbox?status=mine`);
    expect(bMine.body.items[0].session).toMatchObject({ id: s.sessionId, agentId: b!.id });

    // the owner may move anyone's conversation
    const byOwner = await api(ctx.app, desk.owner.token).post(
      `/api/v1/chat/sessions/${s.sessionId}/transfer`,
      {
        toAgentId: a!.id,
      },
    );
    expect(byOwner.status).toBe(200);
  });

  it('closing asks the buyer to rate a session a person served; a closed session cannot close again', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    await setStatus(ctx, desk.shopId, desk.agents[0]!, 'online');
    const conversation = await buildConversation(ctx, desk.shopId);
    const s = await askForHuman(ctx, conversation);
    const agent = api(ctx.app, desk.agents[0]!.token);
    expect((await agent.post(`/api/v1/chat/sessions/${s.sessionId}/close`)).body.state).toBe('closed');
    const rating = await ctx.db
      .selectFrom('chatMessages')
      .select(['sender', 'kind', 'sessionId'])
      .where('conversationId', '=', conversation.conversationId)
      .orderBy('id')
      .execute();
    // 转人工 told the buyer a person was coming; closing asked for the rating.
    expect(rating).toEqual([
      { sender: 'bot', kind: 'text', sessionId: s.sessionId },
      { sender: 'system', kind: 'rating_request', sessionId: s.sessionId },
    ]);
    expect((await agent.post(`/api/v1/chat/sessions/${s.sessionId}/close`)).status).toBe(409);
    expect(await sessionOf(s.sessionId)).toMatchObject({ closeReason: 'agent' });
  });

  it('a quiet bot session closes by itself after 30 minutes; a buyer waiting for a person is kept', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    const quiet = await buildConversation(ctx, desk.shopId);
    const waiting = await buildConversation(ctx, desk.shopId);
    const { ensureOpenSession } = await import('./sessions.service.ts');
    const bot = await ctx.db
      .transaction()
      .execute((tx) =>
        ensureOpenSession(
          tx,
          { id: quiet.conversationId, shopId: desk.shopId, buyerId: quiet.buyer.id },
          ctx.clock.now(),
        ),
      );
    expect(bot).toMatchObject({ state: 'bot', isNew: true });
    const queued = await askForHuman(ctx, waiting);
    ctx.clock.advance(31 * MINUTE);
    await ctx.deadlines.runDue();
    expect(await sessionOf(bot.id)).toMatchObject({ state: 'closed', closeReason: 'idle' });
    expect((await sessionOf(queued.sessionId)).state).toBe('queued');
    // a bot-only session does not ask for a rating
    const messages = await ctx.db
      .selectFrom('chatMessages')
      .select('id')
      .where('conversationId', '=', quiet.conversationId)
      .execute();
    expect(messages).toEqual([]);
  });
});

describe('who may use the workstation', () => {
  it('staff without the CS role get 403; another shop gets 404; the owner always serves', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    const plain = await buildStaff(ctx, desk.shopId);
    const other = await buildShop(ctx);
    const url = `/api/v1/shops/${desk.shopId}/chat/inbox`;
    expect((await api(ctx.app, plain.token).get(url)).status).toBe(403);
    expect((await api(ctx.app, other.owner.token).get(url)).status).toBe(404);
    expect((await api(ctx.app, desk.owner.token).get(url)).status).toBe(200);

    const agents = await api(ctx.app, desk.owner.token).get(`/api/v1/shops/${desk.shopId}/chat/agents`);
    expect(agents.body.items.map((a: { role: string; isAgent: boolean }) => [a.role, a.isAgent])).toEqual([
      ['owner', true],
      ['staff', true],
      ['staff', false],
    ]);
    // only the owner hands out the role; the owner cannot give theirs up
    const byStaff = await api(ctx.app, desk.agents[0]!.token).put(
      `/api/v1/shops/${desk.shopId}/chat/agents/${plain.id}`,
      { isAgent: true },
    );
    expect(byStaff.status).toBe(403);
    const ownerOff = await api(ctx.app, desk.owner.token).put(
      `/api/v1/shops/${desk.shopId}/chat/agents/${desk.owner.id}`,
      { isAgent: false },
    );
    expect(ownerOff.status).toBe(400);
  });

  it('the CS role cannot be taken from someone still serving buyers', async () => {
    const desk = await buildServiceDesk(ctx, { agents: 1 });
    const a = desk.agents[0]!;
    await setStatus(ctx, desk.shopId, a, 'online');
    const s = await askForHuman(ctx, await buildConversation(ctx, desk.shopId));
    const owner = api(ctx.app, desk.owner.token);
    const off = await owner.put(`/api/v1/shops/${desk.shopId}/chat/agents/${a.id}`, { isAgent: false });
    expect(off.status).toBe(409);
    expect(off.body.error.details.key).toBe('chat_agent_has_sessions');
    await api(ctx.app, a.token).post(`/api/v1/chat/sessions/${s.sessionId}/close`);
    const again = await owner.put(`/api/v1/shops/${desk.shopId}/chat/agents/${a.id}`, { isAgent: false });
    expect(again.body).toMatchObject({ userId: a.id, isAgent: false });
  });
});

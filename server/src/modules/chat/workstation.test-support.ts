import { buildBuyer, buildShop, buildStaff, type TestUser } from '../../../test/builders.ts';
import type { TestContext } from '../../../test/harness.ts';
import { api } from '../../../test/harness.ts';
import type { RoutingMode } from './chat.tables.ts';

/** A shop with its owner and `agents` staff members given the CS role (each `max` open sessions, away). */
export async function buildServiceDesk(
  ctx: TestContext,
  opts: { agents: number; max?: number; routing?: RoutingMode; bot?: boolean },
) {
  const shop = await buildShop(ctx);
  const owner = api(ctx.app, shop.owner.token);
  const agents: TestUser[] = [];
  for (let i = 0; i < opts.agents; i++) {
    const staff = await buildStaff(ctx, shop.shopId);
    const res = await owner.put(`/api/v1/shops/${shop.shopId}/chat/agents/${staff.id}`, {
      isAgent: true,
      ...(opts.max ? { maxSessions: opts.max } : {}),
    });
    if (res.status !== 200) throw new Error(`agent role: ${res.status} ${JSON.stringify(res.body)}`);
    agents.push(staff);
  }
  await ctx.db
    .insertInto('chatSettings')
    .values({
      shopId: shop.shopId,
      routing: opts.routing ?? 'round_robin',
      botEnabled: opts.bot ?? true,
      updatedAt: ctx.clock.now(),
    })
    .execute();
  return { ...shop, agents };
}

/** A buyer's conversation with the shop (as the buyer's app opens it), for the workstation's tests. */
export async function buildConversation(ctx: TestContext, shopId: number, buyer?: TestUser) {
  const who = buyer ?? (await buildBuyer(ctx));
  const row = await ctx.db
    .insertInto('chatConversations')
    .values({ shopId, buyerId: who.id, lastMessageAt: ctx.clock.now(), createdAt: ctx.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { conversationId: row.id, buyer: who };
}

/** Sets an agent online or away through the API. */
export async function setStatus(
  ctx: TestContext,
  shopId: number,
  agent: TestUser,
  status: 'online' | 'away',
) {
  const res = await api(ctx.app, agent.token).post(`/api/v1/shops/${shopId}/chat/status`, { status });
  if (res.status !== 200) throw new Error(`status: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { status: string; routed: number };
}

/** The buyer asks for a person (转人工); the session's state and agent after routing. */
export async function askForHuman(
  ctx: TestContext,
  conversation: { conversationId: number; buyer: TestUser },
) {
  const res = await api(ctx.app, conversation.buyer.token).post(
    `/api/v1/chat/conversations/${conversation.conversationId}/human`,
  );
  if (res.status !== 200) throw new Error(`human: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { sessionId: number; state: string; agentId: number | null };
}

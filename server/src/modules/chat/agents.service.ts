import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { accountLogins } from '../identity/index.ts';
import { requireShopMember, type ShopRole, shopMemberIds } from '../shops/index.ts';
import type { AgentStatus } from './chat.tables.ts';
import { requireShopAgent } from './chat-access.ts';
import { routeWaiting } from './routing.service.ts';
import { agentStatusTransitions } from './session.machine.ts';

export interface ChatAgent {
  userId: number;
  login: string;
  displayName: string;
  role: ShopRole;
  /** Serves customers: the owner always, staff when the owner gave them the CS role. */
  isAgent: boolean;
  status: AgentStatus;
  openSessions: number;
  maxSessions: number;
}

/** The shop's people and their customer-service seats (any agent sees them: the transfer list). */
export async function listAgents(db: Executor, principal: Principal, shopId: number): Promise<ChatAgent[]> {
  await requireShopAgent(db, principal, shopId);
  const [members, agents, open] = await Promise.all([
    shopMemberIds(db, shopId),
    db
      .selectFrom('chatAgents')
      .select(['userId', 'status', 'maxSessions'])
      .where('shopId', '=', shopId)
      .execute(),
    db
      .selectFrom('chatSessions')
      .select(['agentId', sql<number>`count(*)::int`.as('n')])
      .where('shopId', '=', shopId)
      .where('state', '=', 'serving')
      .groupBy('agentId')
      .execute(),
  ]);
  const accounts = await accountLogins(db, [...members.keys()]);
  const agentBy = new Map(agents.map((a) => [a.userId, a]));
  const openBy = new Map(open.map((r) => [r.agentId, r.n]));
  return [...members.entries()]
    .sort(([a, ra], [b, rb]) => (ra === rb ? a - b : ra === 'owner' ? -1 : 1))
    .flatMap(([userId, role]) => {
      const account = accounts.get(userId);
      if (!account) return [];
      const seat = agentBy.get(userId);
      return [
        {
          userId,
          ...account,
          role,
          isAgent: role === 'owner' || seat !== undefined,
          status: seat?.status ?? 'away',
          openSessions: openBy.get(userId) ?? 0,
          maxSessions: seat?.maxSessions ?? 20,
        },
      ];
    });
}

/**
 * The owner gives a staff member the CS role or takes it back, and sets anyone's cap of open sessions.
 * The owner always serves. Taking the role from someone still serving buyers is refused: they transfer
 * or close those sessions first, so no buyer is left with nobody.
 */
export async function setAgentRole(
  db: Executor,
  principal: Principal,
  shopId: number,
  userId: number,
  input: { isAgent: boolean; maxSessions?: number },
  clock: Clock,
): Promise<ChatAgent> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  await inTransaction(db, async (tx) => {
    const role = (await shopMemberIds(tx, shopId)).get(userId);
    if (!role) throw notFound('staff member', userId);
    if (!input.isAgent && role === 'owner')
      throw invalidField('isAgent', 'the shop owner always serves customers');
    if (input.isAgent) {
      await tx
        .insertInto('chatAgents')
        .values({ shopId, userId, statusAt: clock.now(), maxSessions: input.maxSessions ?? 20 })
        .onConflict((oc) =>
          oc
            .columns(['shopId', 'userId'])
            .doUpdateSet(input.maxSessions === undefined ? { shopId } : { maxSessions: input.maxSessions }),
        )
        .execute();
      return;
    }
    const serving = await tx
      .selectFrom('chatSessions')
      .select('id')
      .where('shopId', '=', shopId)
      .where('agentId', '=', userId)
      .where('state', '=', 'serving')
      .limit(1)
      .executeTakeFirst();
    if (serving) {
      throw new AppError(
        'conflict',
        `staff member ${userId} still serves buyers; transfer or close those conversations first`,
        {},
        { key: 'chat_agent_has_sessions' },
      );
    }
    await tx.deleteFrom('chatAgents').where('shopId', '=', shopId).where('userId', '=', userId).execute();
  });
  const agent = (await listAgents(db, principal, shopId)).find((a) => a.userId === userId);
  if (!agent) throw notFound('staff member', userId);
  return agent;
}

/**
 * An agent goes online (gets new conversations, and the longest-waiting ones at once) or away (keeps
 * theirs, gets none). The owner's seat is made on first use.
 */
export async function setMyStatus(
  db: Executor,
  principal: Principal,
  shopId: number,
  status: AgentStatus,
  clock: Clock,
): Promise<{ status: AgentStatus; routed: number }> {
  await requireShopAgent(db, principal, shopId);
  return inTransaction(db, async (tx) => {
    const now = clock.now();
    await tx
      .insertInto('chatAgents')
      .values({ shopId, userId: principal.userId, statusAt: now })
      .onConflict((oc) => oc.columns(['shopId', 'userId']).doNothing())
      .execute();
    const seat = await tx
      .selectFrom('chatAgents')
      .select('status')
      .where('shopId', '=', shopId)
      .where('userId', '=', principal.userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (seat.status === status) return { status, routed: 0 };
    // The seat's status moves through its machine; the row is locked above, so the update is the move.
    assertTransition(
      agentStatusTransitions,
      `agent ${principal.userId} of shop ${shopId}`,
      seat.status,
      status,
    );
    await tx
      .updateTable('chatAgents')
      .set({ status, statusAt: now })
      .where('shopId', '=', shopId)
      .where('userId', '=', principal.userId)
      .where('status', '=', seat.status)
      .execute();
    const routed = status === 'online' ? await routeWaiting(tx, shopId, now) : 0;
    return { status, routed };
  });
}

import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { shopMemberIds } from '../shops/index.ts';
import { type AgentLoad, pickAgent } from './routing.rule.ts';
import { moveSession, type SessionRow } from './session-store.ts';
import { shopChatSettings } from './settings.service.ts';

/**
 * The shop's agents with their open sessions, their rows locked: routing, taking and transferring all
 * lock them first, so two conversations routed at once never both see the same free seat.
 */
export async function lockAgentLoads(tx: Tx, shopId: number): Promise<AgentLoad[]> {
  const [agents, members] = await Promise.all([
    tx
      .selectFrom('chatAgents')
      .select(['userId', 'status', 'maxSessions', 'lastAssignedAt'])
      .where('shopId', '=', shopId)
      .orderBy('userId')
      .forUpdate()
      .execute(),
    shopMemberIds(tx, shopId),
  ]);
  const open = await tx
    .selectFrom('chatSessions')
    .select(['agentId', sql<number>`count(*)::int`.as('n')])
    .where('shopId', '=', shopId)
    .where('state', '=', 'serving')
    .groupBy('agentId')
    .execute();
  const openBy = new Map(open.map((r) => [r.agentId, r.n]));
  // An agent row of someone no longer on the staff gets nothing.
  return agents
    .filter((a) => members.has(a.userId))
    .map((a) => ({
      userId: a.userId,
      status: a.status,
      open: openBy.get(a.userId) ?? 0,
      max: a.maxSessions,
      lastAssignedAt: a.lastAssignedAt,
    }));
}

/** Gives the session to `agentId` (routing or an agent taking it): serving, the agent's last assignment. */
export async function assignSession(
  tx: Tx,
  session: SessionRow,
  agentId: number,
  byUser: number | null,
  now: Date,
): Promise<SessionRow> {
  const moved = await moveSession(
    tx,
    session,
    'serving',
    { agentId, handedOffAt: session.handedOffAt ?? now },
    { kind: 'routed', toAgent: agentId, byUser },
    now,
  );
  await tx
    .updateTable('chatAgents')
    .set({ lastAssignedAt: now })
    .where('shopId', '=', session.shopId)
    .where('userId', '=', agentId)
    .execute();
  return moved;
}

/**
 * Routes a queued session by the shop's rule (product rules §8.2); nobody available leaves it queued
 * (the inbox's 待接入). The caller holds the session's lock. Returns the agent, or null.
 */
export async function routeSession(tx: Tx, session: SessionRow, now: Date): Promise<number | null> {
  if (session.state !== 'queued') return session.agentId;
  const [settings, agents, last] = await Promise.all([
    shopChatSettings(tx, session.shopId),
    lockAgentLoads(tx, session.shopId),
    tx
      .selectFrom('chatSessions')
      .select('agentId')
      .where('conversationId', '=', session.conversationId)
      .where('agentId', 'is not', null)
      .where('id', '<>', session.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const agentId = pickAgent({ mode: settings.routing, lastAgentId: last?.agentId ?? null, agents });
  if (agentId === null) return null;
  await assignSession(tx, session, agentId, null, now);
  return agentId;
}

/**
 * Routes the shop's waiting sessions, longest waiting first, while someone is available (an agent came
 * online or freed a seat). Bounded per call; the rest wait for the next occasion or an agent taking them.
 */
export async function routeWaiting(tx: Tx, shopId: number, now: Date, limit = 20): Promise<number> {
  const waiting = await tx
    .selectFrom('chatSessions')
    .selectAll()
    .where('shopId', '=', shopId)
    .where('state', '=', 'queued')
    .orderBy('handedOffAt')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  let routed = 0;
  for (const session of waiting) {
    if ((await routeSession(tx, session, now)) === null) break;
    routed += 1;
  }
  return routed;
}

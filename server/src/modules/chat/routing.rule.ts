import type { AgentStatus, RoutingMode } from './chat.tables.ts';

/** An agent as routing sees them: status, open sessions against their cap, when last given one. */
export interface AgentLoad {
  userId: number;
  status: AgentStatus;
  open: number;
  max: number;
  lastAssignedAt: Date | null;
}

/** Whether the agent may get a new conversation now: online and under their cap. */
export function isAvailable(agent: AgentLoad): boolean {
  return agent.status === 'online' && agent.open < agent.max;
}

/**
 * Who gets a queued session (product rules §8.2), or null to leave it waiting:
 * - 'last_agent': the agent who served this buyer last, when available;
 * - otherwise round robin: the available agent given a session least recently (never first), then the
 *   one with fewer open sessions, then the lower id, so the choice is the same on every process.
 */
export function pickAgent(input: {
  mode: RoutingMode;
  lastAgentId: number | null;
  agents: readonly AgentLoad[];
}): number | null {
  const available = input.agents.filter(isAvailable);
  if (input.mode === 'last_agent' && input.lastAgentId !== null) {
    const last = available.find((a) => a.userId === input.lastAgentId);
    if (last) return last.userId;
  }
  const sorted = [...available].sort(
    (a, b) =>
      (a.lastAssignedAt?.getTime() ?? -1) - (b.lastAssignedAt?.getTime() ?? -1) ||
      a.open - b.open ||
      a.userId - b.userId,
  );
  return sorted[0]?.userId ?? null;
}

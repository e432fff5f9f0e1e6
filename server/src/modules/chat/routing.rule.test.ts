import { describe, expect, it } from 'vitest';
import { type AgentLoad, pickAgent } from './routing.rule.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 2, minute));
const agent = (userId: number, over: Partial<AgentLoad> = {}): AgentLoad => ({
  userId,
  status: 'online',
  open: 0,
  max: 5,
  lastAssignedAt: null,
  ...over,
});

describe('pickAgent', () => {
  it.each([
    ['nobody online → waits', 'round_robin', null, [agent(1, { status: 'away' })], null],
    ['no agents at all → waits', 'round_robin', null, [], null],
    [
      'round robin: least recently assigned first',
      'round_robin',
      null,
      [
        agent(1, { lastAssignedAt: at(5) }),
        agent(2, { lastAssignedAt: at(3) }),
        agent(3, { lastAssignedAt: at(4) }),
      ],
      2,
    ],
    [
      'round robin: never assigned comes before any assigned',
      'round_robin',
      null,
      [agent(1, { lastAssignedAt: at(1) }), agent(2)],
      2,
    ],
    [
      'round robin: ties go to fewer open sessions, then the lower id',
      'round_robin',
      null,
      [agent(3, { open: 2 }), agent(2, { open: 1 }), agent(1, { open: 1 })],
      1,
    ],
    [
      'away agents are skipped',
      'round_robin',
      null,
      [agent(1, { status: 'away' }), agent(2, { lastAssignedAt: at(9) })],
      2,
    ],
    [
      'an agent at their cap is skipped',
      'round_robin',
      null,
      [agent(1, { open: 5 }), agent(2, { open: 4, lastAssignedAt: at(9) })],
      2,
    ],
    ['everyone at their cap → waits', 'last_agent', 1, [agent(1, { open: 5 }), agent(2, { open: 5 })], null],
    [
      'last agent: the one who served the buyer last, even if assigned recently',
      'last_agent',
      2,
      [agent(1), agent(2, { lastAssignedAt: at(9) })],
      2,
    ],
    [
      'last agent away → round robin',
      'last_agent',
      2,
      [agent(1, { lastAssignedAt: at(3) }), agent(2, { status: 'away' })],
      1,
    ],
    [
      'last agent at cap → round robin',
      'last_agent',
      2,
      [agent(1, { lastAssignedAt: at(3) }), agent(2, { open: 5 })],
      1,
    ],
    ['last agent no longer an agent → round robin', 'last_agent', 7, [agent(1)], 1],
    [
      'round robin ignores the last agent',
      'round_robin',
      2,
      [agent(1), agent(2, { lastAssignedAt: at(1) })],
      1,
    ],
  ] as const)('%s', (_name, mode, lastAgentId, agents, expected) => {
    expect(pickAgent({ mode, lastAgentId, agents: agents as readonly AgentLoad[] })).toBe(expected);
  });
});

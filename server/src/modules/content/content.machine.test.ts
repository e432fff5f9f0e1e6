import { describe, expect, it } from 'vitest';
import { reachable, type Transitions } from '../../platform/state-machine.ts';
import {
  canMoveContent,
  contentTransitions,
  liveCommentTransitions,
  screenedMachines,
  statesInto,
} from './content.machine.ts';

describe.each([
  ['review/video', contentTransitions as Transitions<string>],
  ['live comment', liveCommentTransitions as Transitions<string>],
])('%s visibility machine', (_name, table) => {
  it('reaches every state from visible (content is written visible) and has no terminal', () => {
    expect([...reachable(table, 'visible')].sort()).toEqual(Object.keys(table).sort());
    for (const targets of Object.values(table)) expect(targets.length).toBeGreaterThan(0);
  });

  it('names only its own states as targets, and no state moves to itself', () => {
    for (const [from, targets] of Object.entries(table))
      for (const t of targets) {
        expect(Object.keys(table)).toContain(t);
        expect(t).not.toBe(from);
      }
  });
});

describe('content moves', () => {
  it.each([
    ['reviews', 'visible', 'flagged', true],
    ['reviews', 'visible', 'hidden', true],
    ['reviews', 'flagged', 'visible', true],
    ['reviews', 'flagged', 'hidden', true],
    ['reviews', 'hidden', 'visible', true],
    ['reviews', 'hidden', 'flagged', false],
    ['reviews', 'hidden', 'hidden', false],
    ['videos', 'hidden', 'flagged', false],
    ['liveComments', 'visible', 'hidden', true],
    ['liveComments', 'visible', 'flagged', false],
    ['liveComments', 'hidden', 'visible', true],
  ] as const)('%s: %s → %s allowed: %s', (table, from, to, allowed) => {
    expect(canMoveContent(screenedMachines[table], from, to)).toBe(allowed);
  });

  it.each([
    ['reviews', 'visible', ['flagged', 'hidden']],
    ['reviews', 'hidden', ['flagged']],
    ['liveComments', 'visible', ['hidden']],
    ['liveComments', 'hidden', []],
  ] as const)('a case resolution of %s to %s moves the held states %j', (table, to, from) => {
    expect(statesInto(screenedMachines[table], to, ['flagged', 'hidden'])).toEqual(from);
  });
});

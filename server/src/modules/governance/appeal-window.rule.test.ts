import { describe, expect, it } from 'vitest';
import { type AppealInput, appealRefusal } from './appeal-window.rule.ts';

const created = new Date('2026-03-01T00:00:00Z');
const day = 86_400_000;
const base: AppealInput = {
  violationState: 'enforced',
  violationCreatedAt: created,
  appealsSoFar: 0,
  hasPendingAppeal: false,
  now: new Date(created.getTime() + day),
  rules: { appealWindowMs: 7 * day, maxAppealsPerViolation: 2 },
};

describe('appeal window (product rules §6: within governance.appealWindowMs, at most governance.maxAppealsPerViolation)', () => {
  it.each<[string, Partial<AppealInput>, string | null]>([
    ['first appeal on day 1', {}, null],
    ['a warned violation may be appealed', { violationState: 'warned' }, null],
    ['exactly 7 days after', { now: new Date(created.getTime() + 7 * day) }, null],
    ['7 days and a second after', { now: new Date(created.getTime() + 7 * day + 1000) }, 'deadline_passed'],
    ['second appeal after a rejection', { appealsSoFar: 1 }, null],
    ['third appeal', { appealsSoFar: 2 }, 'conflict'],
    ['while one is open', { appealsSoFar: 1, hasPendingAppeal: true }, 'conflict'],
    ['a reversed violation', { violationState: 'reversed' }, 'conflict'],
    [
      'a window shortened to 3 days: day 4 is late',
      {
        now: new Date(created.getTime() + 4 * day),
        rules: { appealWindowMs: 3 * day, maxAppealsPerViolation: 2 },
      },
      'deadline_passed',
    ],
    [
      'one appeal allowed: the second is refused',
      { appealsSoFar: 1, rules: { appealWindowMs: 7 * day, maxAppealsPerViolation: 1 } },
      'conflict',
    ],
  ])('%s', (_name, overrides, code) => {
    expect(appealRefusal({ ...base, ...overrides })?.code ?? null).toBe(code);
  });
});

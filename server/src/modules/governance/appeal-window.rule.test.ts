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
};

describe('appeal window (product rules §6: within 7 days, at most 2)', () => {
  it.each<[string, Partial<AppealInput>, string | null]>([
    ['first appeal on day 1', {}, null],
    ['a warned violation may be appealed', { violationState: 'warned' }, null],
    ['exactly 7 days after', { now: new Date(created.getTime() + 7 * day) }, null],
    ['7 days and a second after', { now: new Date(created.getTime() + 7 * day + 1000) }, 'deadline_passed'],
    ['second appeal after a rejection', { appealsSoFar: 1 }, null],
    ['third appeal', { appealsSoFar: 2 }, 'conflict'],
    ['while one is open', { appealsSoFar: 1, hasPendingAppeal: true }, 'conflict'],
    ['a reversed violation', { violationState: 'reversed' }, 'conflict'],
  ])('%s', (_name, overrides, code) => {
    expect(appealRefusal({ ...base, ...overrides })?.code ?? null).toBe(code);
  });
});

import { describe, expect, it } from 'vitest';
import {
  addCounts,
  CHAT_TARGETS,
  metricFigures,
  noCounts,
  type SessionForMetrics,
  sessionCounts,
} from './chat-metrics.rule.ts';

const t0 = new Date('2026-12-07T02:00:00Z');
const plus = (s: number) => new Date(t0.getTime() + s * 1000);
const session = (over: Partial<SessionForMetrics>): SessionForMetrics => ({
  inServiceHours: true,
  handedOffAt: t0,
  firstHumanReplyAt: null,
  closedAt: null,
  rating: null,
  ...over,
});
const now = plus(3600);

describe('sessionCounts', () => {
  it.each([
    [
      'answered in 30 s',
      session({ firstHumanReplyAt: plus(30) }),
      { counted: 1, answeredIn3m: 1, answered: 1, firstResponseMsSum: 30_000 },
    ],
    [
      'answered at exactly 3 min',
      session({ firstHumanReplyAt: plus(180) }),
      { counted: 1, answeredIn3m: 1, answered: 1 },
    ],
    [
      'answered after 4 min',
      session({ firstHumanReplyAt: plus(240) }),
      { counted: 1, answeredIn3m: 0, answered: 1, firstResponseMsSum: 240_000 },
    ],
    ['closed unanswered', session({ closedAt: plus(60) }), { counted: 1, answeredIn3m: 0, answered: 0 }],
    ['waiting for 1 h', session({}), { counted: 1, answeredIn3m: 0, answered: 0 }],
    [
      'waiting for 1 min: not decided yet',
      session({ handedOffAt: new Date(now.getTime() - 60_000) }),
      { counted: 0 },
    ],
    [
      'the bot answered, nobody asked for a person',
      session({ handedOffAt: null, closedAt: plus(60) }),
      { counted: 0 },
    ],
    [
      'off hours',
      session({ inServiceHours: false, firstHumanReplyAt: plus(30) }),
      { counted: 0, answered: 0 },
    ],
    ['rated good', session({ firstHumanReplyAt: plus(10), rating: 'good' }), { rated: 1, good: 1 }],
    ['rated bad', session({ firstHumanReplyAt: plus(10), rating: 'bad' }), { rated: 1, good: 0 }],
  ] as const)('%s', (_, s, expected) => {
    expect(sessionCounts(s, now)).toMatchObject(expected);
  });
});

describe('metricFigures', () => {
  it('rates in basis points and the mean response of answered sessions', () => {
    const counts = [
      session({ firstHumanReplyAt: plus(20), rating: 'good' }),
      session({ firstHumanReplyAt: plus(40), rating: 'good' }),
      session({ firstHumanReplyAt: plus(300), rating: 'bad' }),
      session({ closedAt: plus(500) }),
    ]
      .map((s) => sessionCounts(s, now))
      .reduce(addCounts, noCounts);
    expect(metricFigures(counts)).toEqual({
      responseRate3mBp: 5_000,
      avgFirstResponseMs: 120_000,
      goodRatingRateBp: 6_667,
    });
  });

  it('says nothing without a base', () => {
    expect(metricFigures(noCounts)).toEqual({
      responseRate3mBp: null,
      avgFirstResponseMs: null,
      goodRatingRateBp: null,
    });
    expect(CHAT_TARGETS.avgFirstResponseMs).toBe(46_800);
  });
});

import { describe, expect, it } from 'vitest';
import { orderTimeline, type TimelineEvent } from './order-timeline.rule.ts';

const created = new Date('2026-12-07T10:00:00Z');
const paidAt = new Date('2026-12-07T10:00:05Z');
const shipped: TimelineEvent = {
  fromState: 'paid',
  toState: 'shipped',
  actorKind: 'merchant',
  actorId: 7,
  note: null,
  at: new Date('2026-12-07T12:00:00Z'),
};
const cancelled: TimelineEvent = {
  fromState: 'pending_payment',
  toState: 'cancelled',
  actorKind: 'system',
  actorId: null,
  note: 'not paid in time',
  at: new Date('2026-12-07T10:15:00Z'),
};

describe('orderTimeline', () => {
  it.each([
    { name: 'waiting for payment', paidAt: null, stored: [], expected: ['pending_payment'] },
    { name: 'paid', paidAt, stored: [], expected: ['pending_payment', 'paid'] },
    {
      name: 'paid, then shipped',
      paidAt,
      stored: [shipped],
      expected: ['pending_payment', 'paid', 'shipped'],
    },
    {
      name: 'cancelled unpaid',
      paidAt: null,
      stored: [cancelled],
      expected: ['pending_payment', 'cancelled'],
    },
  ])('$name', ({ paidAt: paid, stored, expected }) => {
    const timeline = orderTimeline({ buyerId: 3, createdAt: created, paidAt: paid }, stored);
    expect(timeline.map((e) => e.toState)).toEqual(expected);
  });

  it('says who and when as the stored events did', () => {
    const [placed, paid] = orderTimeline({ buyerId: 3, createdAt: created, paidAt }, []);
    expect(placed).toEqual({
      fromState: null,
      toState: 'pending_payment',
      actorKind: 'buyer',
      actorId: 3,
      note: null,
      at: created,
    });
    expect(paid).toEqual({
      fromState: 'pending_payment',
      toState: 'paid',
      actorKind: 'provider',
      actorId: null,
      note: 'payment received',
      at: paidAt,
    });
  });
});

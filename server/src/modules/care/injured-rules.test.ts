import { describe, expect, it } from 'vitest';
import { defaultCare } from '../configuration/index.ts';
import { compensationRefusal } from './compensation-cap.rule.ts';
import { refusedThenBadReview } from './refused-review.rule.ts';
import { repeatAftersales } from './repeat-aftersales.rule.ts';
import { contactStarts, stalledParcelContacted } from './stalled-contact.rule.ts';

const H = 3_600_000;
const t0 = new Date('2026-12-01T00:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);

describe('contacts', () => {
  it.each([
    { name: 'one message', msgs: [[1, 0]], n: 1 },
    {
      name: 'two messages in one session within the gap',
      msgs: [
        [1, 0],
        [1, 0.5],
      ],
      n: 1,
    },
    {
      name: 'two messages in one session an hour apart',
      msgs: [
        [1, 0],
        [1, 1],
      ],
      n: 2,
    },
    {
      name: 'two sessions minutes apart',
      msgs: [
        [1, 0],
        [2, 0.1],
      ],
      n: 2,
    },
    {
      name: 'a burst then another day',
      msgs: [
        [1, 0],
        [1, 0.1],
        [1, 0.2],
        [3, 30],
      ],
      n: 2,
    },
  ])('$name → $n', ({ msgs, n }) => {
    const messages = msgs.map(([s, h]) => ({ sessionId: s!, at: at(h!) }));
    expect(contactStarts(messages, 60)).toHaveLength(n);
  });
});

describe('stalled parcel + contacted twice (§8.6 a)', () => {
  const parcel = { status: 'in_transit', shippedAt: at(0), lastEventAt: at(10) };
  const twice = [
    { sessionId: 1, at: at(40) },
    { sessionId: 2, at: at(70) },
  ];
  it.each([
    { name: 'stalled 72 h and two contacts', parcel, messages: twice, now: at(82), found: true },
    { name: 'stalled 71 h', parcel, messages: twice, now: at(81), found: false },
    { name: 'one contact', parcel, messages: twice.slice(0, 1), now: at(100), found: false },
    {
      name: 'contacts before shipping do not count',
      parcel,
      messages: [{ sessionId: 1, at: at(-5) }, twice[1]!],
      now: at(100),
      found: false,
    },
    {
      name: 'delivered',
      parcel: { ...parcel, status: 'delivered' },
      messages: twice,
      now: at(200),
      found: false,
    },
    {
      name: 'never picked up counts',
      parcel: { ...parcel, status: 'created', lastEventAt: at(0) },
      messages: twice,
      now: at(72),
      found: true,
    },
  ])('$name → $found', ({ parcel, messages, now, found }) => {
    const finding = stalledParcelContacted(
      { parcel: { ...parcel, shippedAt: at(0) }, messages },
      defaultCare,
      now,
    );
    expect(finding !== null).toBe(found);
  });
  it('happened when both held: the later of the stall threshold and the counting contact', () => {
    const late = stalledParcelContacted(
      { parcel, messages: [twice[0]!, { sessionId: 2, at: at(90) }] },
      defaultCare,
      at(100),
    );
    expect(late).toMatchObject({ rule: 'stalled_parcel_contacted', happenedAt: at(90) });
    expect(late!.facts).toMatchObject({ contacts: 2, stalledHours: 90 });
    expect(stalledParcelContacted({ parcel, messages: twice }, defaultCare, at(100))!.happenedAt).toEqual(
      at(82),
    );
  });
});

describe('refused refund then a bad review (§8.6 b)', () => {
  const refusal = { requestId: 7, by: 'merchant' as const, refusedAt: at(10) };
  it.each([
    { name: '1 star after the refusal', reviews: [{ id: 1, rating: 1, createdAt: at(20) }], found: true },
    { name: '2 stars after the refusal', reviews: [{ id: 1, rating: 2, createdAt: at(20) }], found: true },
    { name: '3 stars after the refusal', reviews: [{ id: 1, rating: 3, createdAt: at(20) }], found: false },
    { name: '1 star before the refusal', reviews: [{ id: 1, rating: 1, createdAt: at(5) }], found: false },
    { name: 'no review', reviews: [], found: false },
  ])('$name → $found', ({ reviews, found }) => {
    const finding = refusedThenBadReview({ refusals: [refusal], reviews }, defaultCare);
    expect(finding !== null).toBe(found);
    if (finding) expect(finding.facts).toMatchObject({ requestId: 7, refusedBy: 'merchant', reviewId: 1 });
  });
  it('no refusal: a bad review alone is not a case', () => {
    expect(
      refusedThenBadReview({ refusals: [], reviews: [{ id: 1, rating: 1, createdAt: at(1) }] }, defaultCare),
    ).toBeNull();
  });
});

describe('a second after-sales request on one order (§8.6 c)', () => {
  it.each([
    { requests: 0, found: false },
    { requests: 1, found: false },
    { requests: 2, found: true },
    { requests: 3, found: true },
  ])('$requests requests → $found', ({ requests, found }) => {
    const requestIds = Array.from({ length: requests }, (_, i) => i + 1);
    const finding = repeatAftersales({ requestIds, secondAt: requests >= 2 ? at(1) : null });
    expect(finding !== null).toBe(found);
    if (finding) expect(finding.happenedAt).toEqual(at(1));
  });
});

describe('compensation caps', () => {
  const caps = { perCaseCapFen: 5_000, perDayCapFen: 10_000 };
  it.each([
    { amountFen: 5_000, caseSpentFen: 0, daySpentFen: 0, refused: null },
    { amountFen: 1, caseSpentFen: 5_000, daySpentFen: 0, refused: 'care_case_cap' },
    { amountFen: 3_000, caseSpentFen: 2_000, daySpentFen: 7_000, refused: null },
    { amountFen: 3_000, caseSpentFen: 2_000, daySpentFen: 7_001, refused: 'care_day_cap' },
    { amountFen: 0, caseSpentFen: 0, daySpentFen: 0, refused: 'validation' },
  ])('$amountFen on $caseSpentFen/$daySpentFen → $refused', ({ refused, ...facts }) => {
    const refusal = compensationRefusal(facts, caps);
    if (refused === null) expect(refusal).toBeNull();
    else if (refused === 'validation') expect(refusal?.code).toBe('validation_failed');
    else expect(refusal?.details).toMatchObject({ key: refused });
  });
});

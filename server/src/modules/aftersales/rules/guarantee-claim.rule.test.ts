import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { type GuaranteeClaimInput, guaranteeClaim } from './guarantee-claim.rule.ts';

const H = 3_600_000;
const D = 24 * H;
const deliveredAt = new Date('2024-06-01T10:00:00+08:00');
const afterDelivery = (ms: number) => new Date(deliveredAt.getTime() + ms);

const claim = (overrides: Partial<GuaranteeClaimInput>): GuaranteeClaimInput => ({
  code: 'spoiled_refund',
  lineGuarantees: [
    'spoiled_refund',
    'damage_refund',
    'allergy_refund',
    'melted_refund',
    'segment_refund',
    'used_phone_warranty',
    'authenticity',
    'fake_pays_n',
  ],
  deliveredAt,
  now: afterDelivery(H),
  photoCount: 1,
  ...overrides,
});

describe('claiming a guarantee', () => {
  // Each window: the last millisecond is open, the end instant is closed.
  it.each([
    ['spoiled_refund', '24 h', 24 * H],
    ['damage_refund', '48 h', 48 * H],
    ['allergy_refund', '7 days', 7 * D],
    ['melted_refund', '24 h', 24 * H],
    ['segment_refund', '48 h', 48 * H],
    ['used_phone_warranty', '180 days', 180 * D],
    ['authenticity', '15 days', 15 * D],
  ])('%s is open for %s after delivery', (code, _words, windowMs) => {
    expect(guaranteeClaim(claim({ code, now: afterDelivery(windowMs - 1) }), defaultPolicy)).toEqual({
      ok: true,
      windowEndsAt: afterDelivery(windowMs),
    });
    expect(guaranteeClaim(claim({ code, now: afterDelivery(windowMs) }), defaultPolicy)).toMatchObject({
      ok: false,
      field: 'guaranteeCode',
    });
  });

  it.each<[string, Partial<GuaranteeClaimInput>, string, string]>([
    [
      'a spoiled claim after 24 h',
      { now: afterDelivery(24 * H) },
      'guaranteeCode',
      'spoiled_refund must be claimed within 24 h of delivery; the window ended at 2024-06-02T02:00:00.000Z',
    ],
    [
      'an allergy claim after 7 days',
      { code: 'allergy_refund', now: afterDelivery(8 * D) },
      'guaranteeCode',
      'allergy_refund must be claimed within 7 days of delivery; the window ended at 2024-06-08T02:00:00.000Z',
    ],
    [
      'a spoiled claim without photos',
      { photoCount: 0 },
      'evidence',
      'spoiled_refund claims need at least one photo',
    ],
    [
      'a damage claim without photos',
      { code: 'damage_refund', photoCount: 0 },
      'evidence',
      'damage_refund claims need at least one photo',
    ],
    [
      'an allergy claim without photos',
      { code: 'allergy_refund', photoCount: 0 },
      'evidence',
      'allergy_refund claims need at least one photo',
    ],
    [
      'a melted claim without photos',
      { code: 'melted_refund', photoCount: 0 },
      'evidence',
      'melted_refund claims need at least one photo',
    ],
    [
      'a segment claim without photos',
      { code: 'segment_refund', photoCount: 0 },
      'evidence',
      'segment_refund claims need at least one photo',
    ],
    [
      'a guarantee the line does not carry',
      { lineGuarantees: ['damage_refund'] },
      'guaranteeCode',
      'the order line does not carry spoiled_refund',
    ],
    ['an undelivered order', { deliveredAt: null }, 'order', 'the order has not been delivered'],
    [
      'a guarantee that is not claimed (freight insurance pays by itself)',
      { code: 'freight_insurance', lineGuarantees: ['freight_insurance'] },
      'guaranteeCode',
      'freight_insurance cannot be claimed; claimable: spoiled_refund, damage_refund, allergy_refund, melted_refund, segment_refund, used_phone_warranty, authenticity',
    ],
    [
      'an unknown code, even one named like an object property',
      { code: 'toString', lineGuarantees: ['toString'] },
      'guaranteeCode',
      expect.stringContaining('toString cannot be claimed'),
    ],
    [
      'a counterfeit goes to arbitration',
      { code: 'fake_pays_n' },
      'guaranteeCode',
      "fake_pays_n is not claimed directly: open a return_refund or refund_only request with reason 'counterfeit'; arbitration decides and pays the compensation",
    ],
    [
      'several failures: the line is checked before delivery and photos',
      { lineGuarantees: [], deliveredAt: null, photoCount: 0 },
      'guaranteeCode',
      'the order line does not carry spoiled_refund',
    ],
    [
      'a late claim without photos: lateness is named first',
      { now: afterDelivery(2 * D), photoCount: 0 },
      'guaranteeCode',
      expect.stringContaining('within 24 h of delivery'),
    ],
  ])('refuses %s', (_name, overrides, field, reason) => {
    expect(guaranteeClaim(claim(overrides), defaultPolicy)).toEqual({ ok: false, field, reason });
  });

  it.each(['used_phone_warranty', 'authenticity'])('%s needs no photos', (code) => {
    expect(guaranteeClaim(claim({ code, photoCount: 0 }), defaultPolicy).ok).toBe(true);
  });

  it('follows a changed window', () => {
    const policy = { claimWindows: { ...defaultPolicy.claimWindows, spoiled_refund: 48 * H } };
    expect(guaranteeClaim(claim({ now: afterDelivery(30 * H) }), policy)).toEqual({
      ok: true,
      windowEndsAt: afterDelivery(48 * H),
    });
  });
});

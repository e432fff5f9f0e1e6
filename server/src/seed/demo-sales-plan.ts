import { DAY, HOUR, MINUTE } from '../platform/clock.ts';
import type { Random } from './random.ts';

// The demo calendar is the platform's: days start at 00:00 in Asia/Shanghai.
const LOCAL_OFFSET = 8 * HOUR;

export type QualityReason = 'spoiled' | 'damaged' | 'quality_issue' | 'melted';

export type Step =
  | { kind: 'checkout' }
  | { kind: 'instant_refund' }
  | { kind: 'ship' }
  | { kind: 'track'; event: 'picked_up' | 'in_transit' | 'delivered' }
  | { kind: 'quality_refund'; reason: QualityReason }
  | { kind: 'approve' }
  | { kind: 'confirm' };

export interface PlannedOrder {
  buyer: string;
  /** Index into the shop's SKUs (in id order). */
  sku: number;
  quantity: number;
  steps: { at: Date; step: Step }[];
}

type Range = readonly [number, number];

/**
 * How a demo shop sells and keeps its promises, so that its experience score (product rules §7.1) lands
 * where the demo wants it: how many orders a day, how fast it ships (and how often after the 48 h
 * promise), how long delivery takes, how often goods come back for a quality problem and how fast the
 * merchant answers, how often buyers confirm receipt themselves instead of waiting for the 10 days.
 */
export interface SalesProfile {
  /** The shop's owner login (`merchant<n>`). */
  owner: string;
  /** What the demo shows with it (logged, and read by the seed tests). */
  label: 'excellent' | 'good' | 'poor' | 'not_enough_orders' | 'probation';
  days: number;
  seed: number;
  buyers: readonly string[];
  perDay: Range;
  /** Extra orders on Saturdays and Sundays. */
  weekendExtra: Range;
  instantRefund: number;
  /** Payment → shipment, hours. */
  shipHours: Range;
  /** Share of shipments leaving after the ship-by promise, and then when (hours after payment). */
  late: number;
  lateShipHours: Range;
  /** Shipment → delivery, hours. */
  deliveryHours: Range;
  qualityRefund: number;
  /** No quality refund on orders paid in the last this many days (a shop that fixed its packing). */
  qualityCleanDays: number;
  qualityReasons: readonly QualityReason[];
  /** Buyer's request → merchant's approval, hours. */
  approveHours: Range;
  /** Chance the buyer confirms receipt 1–3 days after delivery (else it auto-confirms after 10). */
  confirm: number;
}

const buyers = (from: number, count: number) => Array.from({ length: count }, (_, i) => `buyer${from + i}`);

/** merchant1's shop as it has always been played: 1–2 orders a day, same-day shipping, few refunds. */
export const MERCHANT1_PROFILE: SalesProfile = {
  owner: 'merchant1',
  label: 'excellent',
  days: 60,
  seed: 20_260_202,
  buyers: buyers(41, 10),
  perDay: [1, 2],
  weekendExtra: [0, 2],
  instantRefund: 0.05,
  shipHours: [2, 20],
  late: 0,
  lateShipHours: [0, 0],
  deliveryHours: [30, 60],
  qualityRefund: 1 / 25,
  // Its last bad batch was over a month ago: nothing in the score's window, hence the badge.
  qualityCleanDays: 36,
  qualityReasons: ['spoiled', 'damaged'],
  approveHours: [1, 10],
  confirm: 0,
};

/**
 * The other demo shops with a sales history (shorter: 20–31 days keep the first start quick), one per
 * profile the reputation pages should show: a good shop without the trust guarantees switched on, a
 * poor one that ships late and sells goods that come back, one with too few orders for a score, one
 * still in probation.
 */
export const EXTRA_PROFILES: readonly SalesProfile[] = [
  {
    ...MERCHANT1_PROFILE,
    owner: 'merchant5',
    label: 'good',
    days: 31,
    seed: 20_261_505,
    buyers: buyers(31, 10),
    perDay: [1, 2],
    weekendExtra: [0, 0],
    shipHours: [6, 30],
    // Good goods, slower parcels: one shipment in five leaves after the 48 h promise.
    late: 0.2,
    lateShipHours: [50, 60],
    deliveryHours: [50, 90],
    qualityRefund: 0,
    qualityCleanDays: 0,
    qualityReasons: ['quality_issue'],
    approveHours: [4, 20],
    confirm: 0.9,
  },
  {
    ...MERCHANT1_PROFILE,
    owner: 'merchant9',
    label: 'poor',
    days: 33,
    seed: 20_261_509,
    buyers: buyers(21, 10),
    perDay: [1, 2],
    weekendExtra: [0, 0],
    instantRefund: 0.08,
    shipHours: [20, 46],
    late: 0.3,
    lateShipHours: [52, 80],
    deliveryHours: [60, 110],
    qualityRefund: 0.1,
    qualityCleanDays: 0,
    qualityReasons: ['melted', 'damaged'],
    approveHours: [20, 40],
    confirm: 0.85,
  },
  {
    ...MERCHANT1_PROFILE,
    owner: 'merchant11',
    label: 'not_enough_orders',
    days: 20,
    seed: 20_261_511,
    buyers: buyers(11, 10),
    perDay: [0, 1],
    weekendExtra: [0, 0],
    instantRefund: 0.03,
    confirm: 0.5,
  },
  {
    ...MERCHANT1_PROFILE,
    owner: 'merchant3',
    label: 'probation',
    days: 20,
    seed: 20_261_503,
    buyers: buyers(11, 10),
    perDay: [0, 1],
    weekendExtra: [0, 1],
    qualityReasons: ['spoiled', 'damaged'],
    confirm: 0.7,
  },
];

/**
 * `days` days of one shop's orders up to yesterday, as its buyers and staff would have made them under
 * `profile`: paid orders each day, shipped, tracked and delivered; some refunded before shipping
 * (极速退款), a share of shipments late, a share of delivered ones refunded for a quality problem and
 * approved by the merchant, some confirmed by the buyer. Steps later than `now` are left out (the order
 * stays where it is). Pure: a seed gives the same history for the same `now`.
 */
export function planHistory(
  random: Random,
  now: Date,
  skuCount: number,
  days = MERCHANT1_PROFILE.days,
  profile: SalesProfile = MERCHANT1_PROFILE,
): PlannedOrder[] {
  const p = profile;
  const todayStart = Math.floor((now.getTime() + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
  const orders: PlannedOrder[] = [];
  // Shares, not chances: every n-th order ships late or comes back, so a 40-order month lands where
  // the demo wants it rather than where the dice fall.
  let lateDue = 0;
  let qualityDue = 0;
  for (let d = days; d >= 1; d -= 1) {
    const dayStart = todayStart - d * DAY;
    const weekday = new Date(dayStart + LOCAL_OFFSET).getUTCDay();
    const count =
      random.int(...p.perDay) + (weekday === 0 || weekday === 6 ? random.int(...p.weekendExtra) : 0);
    for (let n = 0; n < count; n += 1) {
      const paidAt = dayStart + random.int(9, 22) * HOUR + random.int(0, 59) * MINUTE;
      const steps: PlannedOrder['steps'] = [{ at: new Date(paidAt), step: { kind: 'checkout' } }];
      if (random.chance(p.instantRefund)) {
        steps.push({ at: new Date(paidAt + random.int(5, 50) * MINUTE), step: { kind: 'instant_refund' } });
      } else {
        lateDue += p.late;
        const late = lateDue >= 1;
        if (late) lateDue -= 1;
        const shipped = paidAt + random.int(...(late ? p.lateShipHours : p.shipHours)) * HOUR;
        const delivered = shipped + random.int(...p.deliveryHours) * HOUR;
        steps.push(
          { at: new Date(shipped), step: { kind: 'ship' } },
          { at: new Date(shipped + 2 * HOUR), step: { kind: 'track', event: 'picked_up' } },
          { at: new Date(shipped + 14 * HOUR), step: { kind: 'track', event: 'in_transit' } },
          { at: new Date(delivered), step: { kind: 'track', event: 'delivered' } },
        );
        if (d > p.qualityCleanDays) qualityDue += p.qualityRefund;
        if (qualityDue >= 1) {
          qualityDue -= 1;
          const asked = delivered + random.int(2, 30) * HOUR;
          const [first, second = first] = p.qualityReasons as [QualityReason, QualityReason?];
          steps.push(
            {
              at: new Date(asked),
              step: { kind: 'quality_refund', reason: random.chance(0.6) ? first : second },
            },
            { at: new Date(asked + random.int(...p.approveHours) * HOUR), step: { kind: 'approve' } },
          );
        } else if (p.confirm > 0 && random.chance(p.confirm)) {
          steps.push({ at: new Date(delivered + random.int(20, 72) * HOUR), step: { kind: 'confirm' } });
        }
      }
      orders.push({
        buyer: random.pick(p.buyers),
        sku: random.int(0, skuCount - 1),
        quantity: random.chance(0.25) ? 2 : 1,
        steps: steps.filter((s) => s.at.getTime() <= now.getTime()),
      });
    }
  }
  return orders;
}

import type { Tx } from '../../platform/db.ts';
import { canTransition } from '../../platform/state-machine.ts';
import { refusedRequestsSince, repeatRequestsSince } from '../aftersales/index.ts';
import { buyerContactsSince } from '../chat/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { reviewsOfOrders } from '../content/index.ts';
import { stalledParcels } from '../fulfilment/index.ts';
import { orderPartiesOf } from '../orders/index.ts';
import { surveyTransitions } from './care.machine.ts';
import type { CareRule, SurveyState } from './care.tables.ts';
import type { Finding } from './finding.ts';
import { refusedThenBadReview } from './refused-review.rule.ts';
import { repeatAftersales } from './repeat-aftersales.rule.ts';
import { stalledParcelContacted } from './stalled-contact.rule.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface Found {
  buyerId: number;
  orderId: number;
  shopId: number;
  finding: Finding;
}

export interface ScanResult {
  /** Cases put in the queue by this run, per rule. */
  opened: Record<CareRule, number>;
  surveysExpired: number;
}

/**
 * One run of the injured-buyer scan (product rules §8.6): each rule reads its candidates set-based from
 * their owners (stalled parcels, refusals, repeat requests), skips orders that already have a case of
 * that rule, decides with its pure rule, and opens one case per buyer, order and rule (the unique key
 * makes a rerun or a concurrent run harmless). Unanswered satisfaction questions past their deadline
 * expire. All in the caller's transaction.
 */
export async function scanInjuredBuyers(tx: Tx, now: Date): Promise<ScanResult> {
  const { version, config } = await currentConfig(tx);
  const care = config.care;
  const since = new Date(now.getTime() - care.lookbackDays * DAY_MS);
  const found: Found[] = [
    ...(await stalledAndContacted(tx, care, now)),
    ...(await refusedThenReviewed(tx, care, since)),
    ...(await repeatedRequests(tx, since)),
  ];
  const opened: Record<CareRule, number> = {
    stalled_parcel_contacted: 0,
    refused_then_bad_review: 0,
    repeat_aftersales: 0,
  };
  if (found.length > 0) {
    const rows = await tx
      .insertInto('careCases')
      .values(
        found.map((f) => ({
          rule: f.finding.rule,
          buyerId: f.buyerId,
          orderId: f.orderId,
          shopId: f.shopId,
          facts: JSON.stringify(f.finding.facts),
          happenedAt: f.finding.happenedAt,
          detectedAt: now,
          dueAt: new Date(now.getTime() + care.slaHours * HOUR_MS),
          configVersion: version,
        })),
      )
      .onConflict((oc) => oc.columns(['buyerId', 'orderId', 'rule']).doNothing())
      .returning('rule')
      .execute();
    for (const r of rows) opened[r.rule] += 1;
  }
  return { opened, surveysExpired: await expireSurveys(tx, now) };
}

/** Orders of `orderIds` that already have a case of `rule`. */
async function withCase(tx: Tx, rule: CareRule, orderIds: readonly number[]): Promise<Set<number>> {
  if (orderIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('careCases')
    .select('orderId')
    .where('rule', '=', rule)
    .where('orderId', 'in', orderIds)
    .execute();
  return new Set(rows.map((r) => r.orderId));
}

async function stalledAndContacted(
  tx: Tx,
  care: Awaited<ReturnType<typeof currentConfig>>['config']['care'],
  now: Date,
): Promise<Found[]> {
  // A parcel stalled for longer than the lookback has had its chance (and the platform's stall
  // compensation); the window keeps the read small however many parcels were ever lost track of.
  const parcels = await stalledParcels(
    tx,
    new Date(now.getTime() - care.stalledParcelHours * HOUR_MS),
    new Date(now.getTime() - (care.lookbackDays * 24 + care.stalledParcelHours) * HOUR_MS),
  );
  const done = await withCase(
    tx,
    'stalled_parcel_contacted',
    parcels.map((p) => p.orderId),
  );
  const open = parcels.filter((p) => !done.has(p.orderId));
  const parties = new Map(
    (
      await orderPartiesOf(
        tx,
        open.map((p) => p.orderId),
      )
    ).map((o) => [o.id, o]),
  );
  const asked = open.flatMap((p) => {
    const order = parties.get(p.orderId);
    return order ? [{ parcel: p, buyerId: order.buyerId }] : [];
  });
  const contacts = await buyerContactsSince(
    tx,
    asked.map((a) => ({ buyerId: a.buyerId, shopId: a.parcel.shopId, since: a.parcel.shippedAt })),
  );
  const byPair = groupBy(contacts, (c) => `${c.buyerId}:${c.shopId}`);
  return asked.flatMap(({ parcel, buyerId }) => {
    const messages = byPair.get(`${buyerId}:${parcel.shopId}`) ?? [];
    const finding = stalledParcelContacted({ parcel, messages }, care, now);
    return finding ? [{ buyerId, orderId: parcel.orderId, shopId: parcel.shopId, finding }] : [];
  });
}

async function refusedThenReviewed(
  tx: Tx,
  care: Awaited<ReturnType<typeof currentConfig>>['config']['care'],
  since: Date,
): Promise<Found[]> {
  const refusals = await refusedRequestsSince(tx, since);
  const done = await withCase(
    tx,
    'refused_then_bad_review',
    refusals.map((r) => r.orderId),
  );
  const byOrder = groupBy(
    refusals.filter((r) => !done.has(r.orderId)),
    (r) => r.orderId,
  );
  const reviews = groupBy(await reviewsOfOrders(tx, [...byOrder.keys()]), (r) => r.orderId);
  return [...byOrder].flatMap(([orderId, list]) => {
    const first = list[0]!;
    const mine = (reviews.get(orderId) ?? []).filter((r) => r.buyerId === first.buyerId);
    const finding = refusedThenBadReview({ refusals: list, reviews: mine }, care);
    return finding ? [{ buyerId: first.buyerId, orderId, shopId: first.shopId, finding }] : [];
  });
}

async function repeatedRequests(tx: Tx, since: Date): Promise<Found[]> {
  const repeats = await repeatRequestsSince(tx, since);
  const done = await withCase(
    tx,
    'repeat_aftersales',
    repeats.map((r) => r.orderId),
  );
  return repeats
    .filter((r) => !done.has(r.orderId))
    .flatMap((r) => {
      const finding = repeatAftersales(r);
      return finding ? [{ buyerId: r.buyerId, orderId: r.orderId, shopId: r.shopId, finding }] : [];
    });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Satisfaction questions past their deadline expire (the asked state's default action), set-based. */
async function expireSurveys(tx: Tx, now: Date): Promise<number> {
  const from = (Object.keys(surveyTransitions) as SurveyState[]).filter((s) =>
    canTransition(surveyTransitions, s, 'expired'),
  );
  const result = await tx
    .updateTable('careCases')
    .set({ surveyState: 'expired' })
    .where('surveyState', 'in', from)
    .where('surveyExpiresAt', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Batcher } from '../../platform/batcher.ts';
import { type Clock, DAY } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { errorStatus } from '../../platform/errors.ts';
import {
  claimKeys,
  idempotencyKeyOf as keyOf,
  storedResponses,
  storeResponses,
} from '../../platform/idempotency.ts';
import { checkoutBatchSize } from '../../platform/metrics.ts';
import { scheduleDeadlines } from '../../platform/scheduler/schedule-many.ts';
import type { Settings } from '../../platform/settings.ts';
import { returnStock, takeStock } from '../catalog/index.ts';
import { returnFlashStock } from '../flash-sales/index.ts';
import { accountsCreatedAt } from '../identity/index.ts';
import { redeemCoupons, returnCoupons } from '../promotions/index.ts';
import { decideMany, linkUsersEntities, recordActivities } from '../risk/index.ts';
import {
  addPurchases,
  insertOrders,
  lockPurchases,
  type NewGroup,
  type NewLine,
  type NewOrder,
  nextIds,
} from './checkout.sql.ts';
import {
  deliveryEntities,
  flashRefusal,
  newOrder,
  orderActivities,
  skuNeeds,
  takeFlashUnits,
} from './checkout-parts.ts';
import { type CartRequest, type PreparedCart, prepareCarts } from './checkout-prepare.ts';
import { type CheckoutResult, checkoutView } from './checkout-view.ts';
import { allocateStock } from './stock-allocation.rule.ts';

export const CANCEL_UNPAID = 'orders.cancel_unpaid';

export interface CheckoutRequest extends CartRequest {
  idempotencyKey: string;
  /** The buyer's device (`x-device-id`), when the client sends it: a velocity feature of the trust engine. */
  deviceId?: string | undefined;
  /** Pay-at-checkout: start the new group's payment in the same transaction. */
  pay?: { sandboxOutcome: 'succeed' | 'fail' | 'timeout' | null } | undefined;
}

/** Starts payments inside the checkout transaction (the payment module's `startWithCheckout`). */
export type StartPayments = (
  tx: Tx,
  starts: {
    buyerId: number;
    groupId: number;
    amountFen: number;
    orderIds: number[];
    sandboxOutcome: 'succeed' | 'fail' | 'timeout' | null;
    idempotencyKey: string;
  }[],
  now: Date,
) => Promise<Map<number, number>>;

/** The HTTP answer of one checkout: stored as is under its idempotency key and replayed. */
export interface CheckoutOutcome {
  status: number;
  body: CheckoutResult | { error: { code: string; message: string; details: object } };
  replayed: boolean;
  /** With `pay`, on a first answer: the payment started in the checkout transaction. */
  paymentId?: number;
}

// The address and coupons are part of the request: a key sent again with another choice is refused.
const requestHash = (r: CheckoutRequest) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        r.items.map((i) => [i.skuId, i.quantity]),
        r.liveSessionId ?? null,
        r.addressId ?? null,
        r.couponIds ?? null,
      ]),
    )
    .digest('base64url');

function errorOutcome(code: keyof typeof errorStatus, field: string, reason: string): CheckoutOutcome {
  return {
    status: errorStatus[code],
    body: { error: { code, message: `${field}: ${reason}`, details: { fields: [{ field, reason }] } } },
    replayed: false,
  };
}

/**
 * Checkout (product rules §2): concurrent requests of this process are coalesced into batches, each one
 * transaction: claim idempotency keys, price from the catalogue, enforce per-buyer limits, take stock,
 * write order groups, orders, lines, timeline and the 15-minute unpaid-cancel deadline, store the
 * answers. Stock correctness comes from the database (locked conditional updates), never from this
 * process, so any number of server processes can run it.
 */
export class CheckoutService {
  private readonly batcher: Batcher<CheckoutRequest, CheckoutOutcome>;
  private readonly startPayments: StartPayments | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: Settings,
    private readonly log: FastifyBaseLogger,
    options: { maxBatch?: number; concurrency?: number; startPayments?: StartPayments } = {},
  ) {
    this.startPayments = options.startPayments;
    this.batcher = new Batcher((batch) => this.runBatch(batch), {
      maxBatch: options.maxBatch ?? 64,
      concurrency: options.concurrency ?? 1,
    });
  }

  checkout(request: CheckoutRequest): Promise<CheckoutOutcome> {
    return this.batcher.submit(request);
  }

  private async runBatch(batch: CheckoutRequest[]): Promise<CheckoutOutcome[]> {
    checkoutBatchSize.observe(batch.length);
    try {
      return await this.execute(batch);
    } catch (err) {
      if (batch.length === 1) throw err;
      // A batch can fail as a whole (e.g. a deadlock with another process): isolate each request.
      this.log.warn({ err, size: batch.length }, 'checkout batch failed; retrying its requests one by one');
      const outcomes: CheckoutOutcome[] = [];
      for (const request of batch) outcomes.push((await this.execute([request]))[0]!);
      return outcomes;
    }
  }

  private async execute(batch: CheckoutRequest[]): Promise<CheckoutOutcome[]> {
    const now = this.clock.now();
    const hashes = batch.map(requestHash);
    // Later duplicates of a (buyer, key) in this batch replay the first one after commit.
    const firstIndex = new Map<string, number>();
    batch.forEach((r, i) => {
      const k = keyOf(r.buyerId, r.idempotencyKey);
      if (!firstIndex.has(k)) firstIndex.set(k, i);
    });
    const leaders = [...firstIndex.values()];

    const outcomes = await this.db.transaction().execute(async (tx) => {
      const claimed = await claimKeys(
        tx,
        leaders.map((i) => ({ userId: batch[i]!.buyerId, key: batch[i]!.idempotencyKey, hash: hashes[i]! })),
      );
      const fresh = leaders.filter((i) => claimed.has(keyOf(batch[i]!.buyerId, batch[i]!.idempotencyKey)));
      const results = new Map<number, CheckoutOutcome>();
      if (fresh.length > 0) await this.place(tx, now, batch, fresh, results);
      await storeResponses(
        tx,
        fresh.map((i) => ({
          userId: batch[i]!.buyerId,
          key: batch[i]!.idempotencyKey,
          status: results.get(i)!.status,
          body: results.get(i)!.body,
        })),
      );
      return results;
    });

    // Everything not answered above is a replay of a committed first request.
    const missing = batch.map((_, i) => i).filter((i) => !outcomes.has(i));
    if (missing.length > 0) {
      const byKey = await storedResponses(
        this.db,
        missing.map((i) => ({ userId: batch[i]!.buyerId, key: batch[i]!.idempotencyKey })),
      );
      for (const i of missing) {
        const row = byKey.get(keyOf(batch[i]!.buyerId, batch[i]!.idempotencyKey));
        if (!row) throw new Error('idempotency key vanished');
        outcomes.set(
          i,
          row.requestHash !== hashes[i]
            ? errorOutcome(
                'idempotency_key_reused',
                'Idempotency-Key',
                'already used for a different request',
              )
            : { status: row.statusCode, body: row.response as CheckoutOutcome['body'], replayed: true },
        );
      }
    }
    return batch.map((_, i) => outcomes.get(i)!);
  }

  /**
   * The order placement checkpoint (product rules §6, velocity abuse): every planned request of the batch
   * is decided at once (`decideMany`: a handful of statements for the whole batch, earlier requests of
   * a buyer counting toward the later ones). A blocked request is answered 403 order_blocked with the
   * reasons and leaves the batch; a review one is placed, and the engine has opened its case. The
   * delivery phone and address count too (orders to one address: the address-velocity rule).
   */
  private async decidePlacement(
    tx: Tx,
    now: Date,
    batch: CheckoutRequest[],
    plans: Map<number, PreparedCart>,
    results: Map<number, CheckoutOutcome>,
  ) {
    const candidates = [...plans.keys()];
    if (candidates.length === 0) return;
    const buyerIds = [...new Set(candidates.map((i) => batch[i]!.buyerId))];
    const since = await accountsCreatedAt(tx, buyerIds);
    const decisions = await decideMany(
      tx,
      'order_placement',
      now,
      candidates.map((i) => {
        const request = batch[i]!;
        const plan = plans.get(i)!;
        const lines = plan.cart.orders.flatMap((o) => o.lines.map((l) => ({ ...l, shopId: o.shopId })));
        const top = lines.reduce((a, b) => (b.lineFen > a.lineFen ? b : a));
        const created = since.get(request.buyerId) ?? now;
        return {
          subject: { type: 'user', id: request.buyerId },
          facts: {
            amount_fen: plan.cart.totalFen,
            quantity: lines.reduce((n, l) => n + l.quantity, 0),
            account_age_days: Math.floor((now.getTime() - created.getTime()) / DAY),
            live: plan.cart.orders.some((o) => o.liveSessionId !== null),
          },
          // the shop and SKU of the largest line stand for the cart
          entities: {
            buyer: String(request.buyerId),
            shop: String(top.shopId),
            sku: String(top.skuId),
            ...deliveryEntities(request, plan),
          },
          counts: { counter: 'orders', count: plan.cart.orders.length },
        };
      }),
    );
    candidates.forEach((i, n) => {
      const decision = decisions[n]!;
      if (decision.outcome !== 'block') return;
      plans.delete(i);
      const reasons = decision.fired.filter((f) => f.outcome === 'block').map((f) => f.reason);
      results.set(i, {
        status: errorStatus.order_blocked,
        body: {
          error: {
            code: 'order_blocked',
            message: `order refused: ${reasons.map((r) => `${r.zh} (${r.en})`).join('; ') || 'risk control'}`,
            details: { decisionId: decision.decisionId, reasons },
          },
        },
        replayed: false,
      });
    });
  }

  /** Prices, checks limits, stock, flash units and coupons, and writes the orders of the `fresh` requests of a batch. */
  private async place(
    tx: Tx,
    now: Date,
    batch: CheckoutRequest[],
    fresh: number[],
    results: Map<number, CheckoutOutcome>,
  ) {
    const { prepared, facts } = await prepareCarts(
      tx,
      now,
      fresh.map((i) => batch[i]!),
      this.settings.maxLineQuantity,
    );
    const plans = new Map<number, PreparedCart>();
    fresh.forEach((i, n) => {
      const p = prepared[n]!;
      if (p.ok) plans.set(i, p);
      else results.set(i, errorOutcome(p.error.code, p.error.field, p.error.reason));
    });

    await this.decidePlacement(tx, now, batch, plans, results);

    // Per-buyer purchase limits: units already held plus this batch's, in arrival order.
    const limited = [...plans].flatMap(([i, plan]) =>
      plan.cart.orders.flatMap((o) =>
        o.lines
          .filter((l) => facts.get(l.skuId)!.purchaseLimit !== null)
          .map((l) => ({ i, buyerId: batch[i]!.buyerId, line: l })),
      ),
    );
    const pairs = new Map(
      limited.map((l) => [`${l.buyerId}:${l.line.skuId}`, { buyerId: l.buyerId, skuId: l.line.skuId }]),
    );
    const held = await lockPurchases(tx, [...pairs.values()]);
    const rejectedByLimit = new Set<number>();
    for (const { i, buyerId, line } of limited) {
      const k = `${buyerId}:${line.skuId}`;
      const limit = facts.get(line.skuId)!.purchaseLimit!;
      if (rejectedByLimit.has(i)) continue;
      if ((held.get(k) ?? 0) + line.quantity > limit) {
        rejectedByLimit.add(i);
        results.set(
          i,
          errorOutcome('purchase_limit_exceeded', 'items', `at most ${limit} of "${line.title}" per buyer`),
        );
      } else {
        held.set(k, (held.get(k) ?? 0) + line.quantity);
      }
    }
    for (const i of rejectedByLimit) plans.delete(i);

    // Flash units first (flash rows are always locked before SKU rows), then SKU stock; a request
    // refused anywhere gives back what it took.
    const flash = await takeFlashUnits(tx, now, batch, plans);
    for (const [i, code] of flash.refused) {
      plans.delete(i);
      results.set(i, errorOutcome(code, 'items', flashRefusal[code]));
    }

    // Stock: take what the batch wants, hand it out first-come all-or-nothing, return the rest.
    const candidates = [...plans.keys()];
    const needs = candidates.map((i) => skuNeeds(plans.get(i)!));
    const wanted = new Map<number, number>();
    for (const need of needs) for (const [sku, q] of need) wanted.set(sku, (wanted.get(sku) ?? 0) + q);
    const granted = wanted.size > 0 ? await takeStock(tx, wanted) : new Map<number, number>();
    const { accepted, leftover } = allocateStock(needs, granted);
    await returnStock(tx, leftover);
    const stocked = candidates.filter((_, n) => accepted[n]);
    const outOfStock = candidates.filter((_, n) => !accepted[n]);
    for (const i of outOfStock)
      results.set(i, errorOutcome('out_of_stock', 'items', 'not enough stock left'));
    await returnFlashStock(
      tx,
      outOfStock.flatMap((i) => flash.taken.get(i) ?? []),
    );
    if (stocked.length === 0) return;

    // Ids first: a coupon is redeemed by the order that uses it.
    const orderCount = stocked.reduce((n, i) => n + plans.get(i)!.cart.orders.length, 0);
    const ids = await nextIds(tx, stocked.length, orderCount);
    const orderIdsOf = new Map<number, number[]>();
    let nextOrder = 0;
    for (const i of stocked)
      orderIdsOf.set(
        i,
        plans.get(i)!.cart.orders.map(() => ids.orders[nextOrder++]!),
      );
    const uses = stocked.flatMap((i) =>
      plans.get(i)!.cart.orders.flatMap((o, n) =>
        [o.shopCoupon, o.platformCoupon]
          .filter((c) => c !== null)
          .map((c) => ({
            i,
            buyerCouponId: c.buyerCouponId,
            buyerId: batch[i]!.buyerId,
            orderId: orderIdsOf.get(i)![n]!,
          })),
      ),
    );
    const redeemed = uses.length > 0 ? await redeemCoupons(tx, uses, now) : new Set<number>();
    // A coupon another checkout used meanwhile: that request fails whole, its stock, units and other coupons go back.
    const lostCoupon = new Map<number, number>();
    for (const u of uses)
      if (!redeemed.has(u.buyerCouponId) && !lostCoupon.has(u.i)) lostCoupon.set(u.i, u.buyerCouponId);
    if (lostCoupon.size > 0) {
      const failed = [...lostCoupon.keys()];
      const back = new Map<number, number>();
      for (const i of failed)
        for (const [sku, q] of skuNeeds(plans.get(i)!)) back.set(sku, (back.get(sku) ?? 0) + q);
      await returnStock(tx, back);
      await returnFlashStock(
        tx,
        failed.flatMap((i) => flash.taken.get(i) ?? []),
      );
      await returnCoupons(
        tx,
        failed.flatMap((i) => orderIdsOf.get(i)!),
        now,
      );
      for (const [i, couponId] of lostCoupon) {
        const at = batch[i]!.couponIds?.indexOf(couponId) ?? -1;
        results.set(
          i,
          errorOutcome(
            'coupon_unavailable',
            at >= 0 ? `couponIds[${at}]` : 'couponIds',
            `coupon ${couponId} was used meanwhile`,
          ),
        );
      }
    }
    const placed = stocked.filter((i) => !lostCoupon.has(i));
    if (placed.length === 0) return;

    const bought = new Map<string, { buyerId: number; skuId: number; quantity: number }>();
    for (const { i, buyerId, line } of limited) {
      if (!placed.includes(i)) continue;
      const k = `${buyerId}:${line.skuId}`;
      const row = bought.get(k) ?? { buyerId, skuId: line.skuId, quantity: 0 };
      row.quantity += line.quantity;
      bought.set(k, row);
    }
    await addPurchases(tx, [...bought.values()]);
    await recordActivities(tx, {
      activities: placed.flatMap((i) => orderActivities(batch[i]!, plans.get(i)!)),
      now,
    });
    // The buyer uses this delivery phone and address: identifier links of the trust engine.
    await linkUsersEntities(
      tx,
      placed.map((i) => {
        const { phone, address } = deliveryEntities(batch[i]!, plans.get(i)!);
        return { userId: batch[i]!.buyerId, entities: { phone, address } };
      }),
      now,
    );

    const paymentDueAt = new Date(now.getTime() + this.settings.paymentTimeoutMs);
    const groups: NewGroup[] = [];
    const orders: NewOrder[] = [];
    const lines: NewLine[] = [];
    const groupOf = new Map<number, number>();
    for (const i of placed) {
      const plan = plans.get(i)!;
      const groupId = ids.groups[stocked.indexOf(i)]!;
      groupOf.set(i, groupId);
      const buyerId = batch[i]!.buyerId;
      groups.push({ id: groupId, buyerId, totalFen: plan.cart.totalFen });
      const orderIds = orderIdsOf.get(i)!;
      plan.cart.orders.forEach((o, n) => {
        const id = orderIds[n]!;
        orders.push(newOrder(o, { id, groupId, buyerId, paymentDueAt, address: plan.address }));
        for (const l of o.lines) lines.push({ ...l, orderId: id });
      });
      results.set(i, {
        status: 201,
        body: checkoutView(groupId, plan, orderIds, paymentDueAt),
        replayed: false,
      });
    }
    await insertOrders(tx, now, groups, orders, lines);
    await scheduleDeadlines(
      tx,
      orders.map((o) => ({ kind: CANCEL_UNPAID, subjectId: o.id, dueAt: paymentDueAt })),
    );
    const paying = placed.filter((i) => batch[i]!.pay);
    if (this.startPayments && paying.length > 0) {
      const starts = paying.map((i) => {
        const groupId = groupOf.get(i)!;
        return {
          buyerId: batch[i]!.buyerId,
          groupId,
          amountFen: plans.get(i)!.cart.totalFen,
          orderIds: orderIdsOf.get(i)!,
          sandboxOutcome: batch[i]!.pay!.sandboxOutcome,
          idempotencyKey: `${batch[i]!.idempotencyKey}:pay`,
        };
      });
      const paymentIds = await this.startPayments(tx, starts, now);
      for (const i of paying) results.get(i)!.paymentId = paymentIds.get(groupOf.get(i)!);
    }
  }
}

import type { Tx } from '../../platform/db.ts';
import { type FlashTake, returnFlashStock, takeFlashStockOutcomes } from '../flash-sales/index.ts';
import type { Activity } from '../risk/index.ts';
import type { NewOrder } from './checkout.sql.ts';
import type { PreparedCart } from './checkout-prepare.ts';
import type { OrderAddress } from './orders.tables.ts';
import type { PricedOrder } from './pricing.rule.ts';

// The parts of a checkout batch that are about one request: its flash units, stock needs, the trust
// engine's view of it and its order rows.

/** The identity of a checkout request the parts below need. */
interface RequestFacts {
  buyerId: number;
  deviceId?: string | undefined;
}

export const flashRefusal = {
  flash_sale_sold_out: 'the flash sale is sold out or has ended',
  flash_sale_limit: 'over the per-buyer limit of the flash sale',
} as const;

/**
 * Takes the flash-sale units of every flash-priced line of the batch in one call (flash-sales checks the
 * sale's cap and each buyer's limit). A request with a refused take gives back the units its other
 * takes got, and is reported with the first refusal's code.
 */
export async function takeFlashUnits(
  tx: Tx,
  now: Date,
  batch: readonly RequestFacts[],
  plans: Map<number, PreparedCart>,
) {
  const takes = [...plans].flatMap(([i, plan]) =>
    plan.cart.orders.flatMap((o) =>
      o.lines
        .filter((l) => l.flashSaleId !== null)
        .map((l) => ({
          i,
          take: { flashSaleId: l.flashSaleId!, buyerId: batch[i]!.buyerId, quantity: l.quantity },
        })),
    ),
  );
  const taken = new Map<number, FlashTake[]>();
  const refused = new Map<number, 'flash_sale_sold_out' | 'flash_sale_limit'>();
  if (takes.length === 0) return { taken, refused };
  const outcomes = await takeFlashStockOutcomes(
    tx,
    takes.map((t) => t.take),
    now,
  );
  takes.forEach(({ i, take }, n) => {
    const outcome = outcomes[n]!;
    if (outcome === 'taken') taken.set(i, [...(taken.get(i) ?? []), take]);
    else if (!refused.has(i)) refused.set(i, outcome);
  });
  const giveBack = [...refused.keys()].flatMap((i) => taken.get(i) ?? []);
  for (const i of refused.keys()) taken.delete(i);
  await returnFlashStock(tx, giveBack);
  return { taken, refused };
}

/** The units of each SKU a priced cart needs. */
export function skuNeeds(plan: PreparedCart): Map<number, number> {
  const need = new Map<number, number>();
  for (const o of plan.cart.orders)
    for (const l of o.lines) need.set(l.skuId, (need.get(l.skuId) ?? 0) + l.quantity);
  return need;
}

/** The delivery phone and address as the trust engine counts them (it hashes identifiers). */
export function deliveryEntities(request: RequestFacts, plan: PreparedCart) {
  return {
    ...(request.deviceId ? { device: request.deviceId } : {}),
    phone: plan.address.phone,
    address: `${plan.address.regionCode} ${plan.address.detail}`,
  };
}

export function newOrder(
  o: PricedOrder,
  at: { id: number; groupId: number; buyerId: number; paymentDueAt: Date; address: OrderAddress },
): NewOrder {
  const { recipient, phone, regionCode, regionName, detail } = at.address;
  return {
    id: at.id,
    groupId: at.groupId,
    buyerId: at.buyerId,
    shopId: o.shopId,
    itemsFen: o.itemsFen,
    shippingFen: o.shippingFen,
    shopDiscountFen: o.shopDiscountFen,
    platformDiscountFen: o.platformDiscountFen,
    totalFen: o.totalFen,
    shopCouponId: o.shopCoupon?.buyerCouponId ?? null,
    platformCouponId: o.platformCoupon?.buyerCouponId ?? null,
    address: JSON.stringify({ recipient, phone, regionCode, regionName, detail }),
    presaleShipDays: o.presaleShipDays,
    liveSessionId: o.liveSessionId,
    hostUserId: o.hostUserId,
    paymentDueAt: at.paymentDueAt,
  };
}

/** What a placed request adds to the velocity counters: an order per shop, and each SKU bought. */
export function orderActivities(request: RequestFacts, plan: PreparedCart): Activity[] {
  const delivery = deliveryEntities(request, plan);
  return plan.cart.orders.flatMap((o) => [
    { counter: 'orders', entities: { buyer: String(request.buyerId), shop: String(o.shopId), ...delivery } },
    ...o.lines.map((l) => ({ counter: 'orders', entities: { sku: String(l.skuId) } })),
  ]);
}

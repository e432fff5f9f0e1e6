import type { Fen } from '../../platform/money.ts';

export interface CartLine {
  skuId: number;
  quantity: number;
}

/** What checkout needs to know of a SKU, read in one query. */
export interface SkuFacts {
  skuId: number;
  productId: number;
  shopId: number;
  title: string;
  spec: string;
  priceFen: Fen;
  purchaseLimit: number | null;
  productState: string;
  shopState: string;
  platformCommissionBp: number;
  guarantees: string[];
  /** The product's freight template (null: the shop's default), the SKU's weight. */
  freightTemplateId: number | null;
  weightGrams: number;
  /** A pre-sale product's ship-by promise in days after payment (DOMAIN §2: 4–45), else null. */
  presaleShipDays: number | null;
}

/** A flash price running for a SKU now (flash-sales' ActiveFlashSale, what pricing needs of it). */
export interface FlashPrice {
  flashSaleId: number;
  priceFen: Fen;
}

/** The live room the buyer checks out from: products pinned there carry its commission. */
export interface LiveAttribution {
  sessionId: number;
  hostUserId: number;
  /** productId → commission rate of the pin */
  pins: ReadonlyMap<number, number>;
}

export interface PlannedLine {
  skuId: number;
  productId: number;
  title: string;
  spec: string;
  /** The flash price when the line was bought in a running flash sale, else the SKU's price. */
  unitPriceFen: Fen;
  quantity: number;
  lineFen: Fen;
  platformCommissionBp: number;
  creatorCommissionBp: number;
  guarantees: string[];
  flashSaleId: number | null;
  /** The SKU's own price when a flash price applied. */
  listUnitPriceFen: Fen | null;
  freightTemplateId: number | null;
  weightGrams: number;
}

export interface PlannedOrder {
  shopId: number;
  itemsFen: Fen;
  totalFen: Fen;
  liveSessionId: number | null;
  hostUserId: number | null;
  /** The longest pre-sale promise of its lines (null: none is pre-sale, the usual 48 h). */
  presaleShipDays: number | null;
  lines: PlannedLine[];
}

export type PlanError = {
  code: 'validation_failed' | 'product_unavailable' | 'purchase_limit_exceeded';
  field: string;
  reason: string;
};

export type CheckoutPlan =
  | { ok: true; orders: PlannedOrder[]; totalFen: Fen }
  | { ok: false; error: PlanError };

const OPEN_SHOP_STATES = new Set(['probation', 'active', 'restricted']);

/**
 * Turns a cart into one order per shop (product rules §2), priced from the catalogue, never from the
 * client (a SKU in a running flash sale at the flash price). Lines of the same SKU are merged. Products pinned in the live room the buyer checks out
 * from carry the room's attribution and the pin's commission.
 */
export function planCheckout(
  cart: readonly CartLine[],
  skus: ReadonlyMap<number, SkuFacts>,
  live: LiveAttribution | null,
  maxLineQuantity: number,
  flash: ReadonlyMap<number, FlashPrice> = new Map(),
): CheckoutPlan {
  const merged = new Map<number, number>();
  for (const line of cart) merged.set(line.skuId, (merged.get(line.skuId) ?? 0) + line.quantity);

  const byShop = new Map<number, PlannedOrder>();
  let index = 0;
  for (const [skuId, quantity] of merged) {
    const field = `items[${index++}]`;
    const sku = skus.get(skuId);
    if (!sku) return fail('validation_failed', `${field}.skuId`, `unknown SKU ${skuId}`);
    if (sku.productState !== 'listed') {
      return fail('product_unavailable', `${field}.skuId`, `"${sku.title}" is not on sale`);
    }
    if (!OPEN_SHOP_STATES.has(sku.shopState)) {
      return fail('product_unavailable', `${field}.skuId`, `the shop of "${sku.title}" is not open`);
    }
    if (quantity > maxLineQuantity) {
      return fail(
        'validation_failed',
        `${field}.quantity`,
        `at most ${maxLineQuantity} of one SKU per order`,
      );
    }
    if (sku.purchaseLimit !== null && quantity > sku.purchaseLimit) {
      return fail('purchase_limit_exceeded', `${field}.quantity`, `at most ${sku.purchaseLimit} per buyer`);
    }
    const pinned = live?.pins.get(sku.productId);
    const sale = flash.get(skuId);
    const unitPriceFen = sale ? sale.priceFen : sku.priceFen;
    const lineFen = unitPriceFen * quantity;
    let order = byShop.get(sku.shopId);
    if (!order) {
      order = {
        shopId: sku.shopId,
        itemsFen: 0,
        totalFen: 0,
        liveSessionId: null,
        hostUserId: null,
        presaleShipDays: null,
        lines: [],
      };
      byShop.set(sku.shopId, order);
    }
    if (pinned !== undefined && live) {
      order.liveSessionId = live.sessionId;
      order.hostUserId = live.hostUserId;
    }
    order.lines.push({
      skuId,
      productId: sku.productId,
      title: sku.title,
      spec: sku.spec,
      unitPriceFen,
      quantity,
      lineFen,
      platformCommissionBp: sku.platformCommissionBp,
      creatorCommissionBp: pinned ?? 0,
      guarantees: sku.guarantees,
      flashSaleId: sale ? sale.flashSaleId : null,
      listUnitPriceFen: sale ? sku.priceFen : null,
      freightTemplateId: sku.freightTemplateId,
      weightGrams: sku.weightGrams,
    });
    if (sku.presaleShipDays !== null)
      order.presaleShipDays = Math.max(order.presaleShipDays ?? 0, sku.presaleShipDays);
    order.itemsFen += lineFen;
    order.totalFen += lineFen;
  }
  const orders = [...byShop.values()];
  const totalFen = orders.reduce((sum, o) => sum + o.totalFen, 0);
  if (!Number.isSafeInteger(totalFen)) return fail('validation_failed', 'items', 'order total too large');
  return { ok: true, orders, totalFen };
}

function fail(code: PlanError['code'], field: string, reason: string): CheckoutPlan {
  return { ok: false, error: { code, field, reason } };
}

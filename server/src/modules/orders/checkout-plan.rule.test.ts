import { describe, expect, it } from 'vitest';
import { type CartLine, type LiveAttribution, planCheckout, type SkuFacts } from './checkout-plan.rule.ts';

const sku = (skuId: number, over: Partial<SkuFacts> = {}): SkuFacts => ({
  skuId,
  productId: skuId * 10,
  shopId: 1,
  title: `商品${skuId}`,
  spec: '默认',
  priceFen: 1_000,
  purchaseLimit: null,
  productState: 'listed',
  shopState: 'active',
  platformCommissionBp: 500,
  guarantees: ['no_reason_7d'],
  freightTemplateId: null,
  weightGrams: 500,
  presaleShipDays: null,
  ...over,
});

const catalogue = new Map(
  [
    sku(1),
    sku(2, { shopId: 2, priceFen: 2_550 }),
    sku(3, { purchaseLimit: 2 }),
    sku(4, { productState: 'delisted' }),
    sku(5, { shopState: 'suspended' }),
    sku(6, { presaleShipDays: 10 }),
    sku(7, { presaleShipDays: 20, freightTemplateId: 3 }),
  ].map((s) => [s.skuId, s]),
);
const live: LiveAttribution = { sessionId: 7, hostUserId: 70, pins: new Map([[20, 1_500]]) };

describe('planCheckout', () => {
  it('makes one order per shop, priced from the catalogue', () => {
    const plan = planCheckout(
      [
        { skuId: 1, quantity: 2 },
        { skuId: 2, quantity: 1 },
      ],
      catalogue,
      null,
      999,
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.orders.map((o) => [o.shopId, o.totalFen])).toEqual([
      [1, 2_000],
      [2, 2_550],
    ]);
    expect(plan.totalFen).toBe(4_550);
  });

  it('merges repeated lines of one SKU', () => {
    const plan = planCheckout(
      [
        { skuId: 1, quantity: 1 },
        { skuId: 1, quantity: 2 },
      ],
      catalogue,
      null,
      999,
    );
    expect(plan.ok && plan.orders[0]!.lines).toMatchObject([{ skuId: 1, quantity: 3, lineFen: 3_000 }]);
  });

  it('attributes only pinned products to the live room, at the pin commission', () => {
    const plan = planCheckout(
      [
        { skuId: 1, quantity: 1 },
        { skuId: 2, quantity: 1 },
      ],
      catalogue,
      live,
      999,
    );
    if (!plan.ok) throw new Error('expected a plan');
    const [shop1, shop2] = plan.orders;
    expect(shop1).toMatchObject({ liveSessionId: null, hostUserId: null });
    expect(shop1!.lines[0]!.creatorCommissionBp).toBe(0);
    expect(shop2).toMatchObject({ liveSessionId: 7, hostUserId: 70 });
    expect(shop2!.lines[0]!.creatorCommissionBp).toBe(1_500);
  });

  it('prices a SKU in a running flash sale at the flash price, keeping the list price', () => {
    const plan = planCheckout(
      [{ skuId: 1, quantity: 2 }],
      catalogue,
      null,
      999,
      new Map([[1, { flashSaleId: 9, priceFen: 600 }]]),
    );
    if (!plan.ok) throw new Error('expected a plan');
    expect(plan.orders[0]!.lines[0]).toMatchObject({
      unitPriceFen: 600,
      lineFen: 1_200,
      flashSaleId: 9,
      listUnitPriceFen: 1_000,
    });
    expect(plan.totalFen).toBe(1_200);
  });

  it('gives an order the longest pre-sale promise of its lines', () => {
    const plan = planCheckout(
      [
        { skuId: 1, quantity: 1 },
        { skuId: 6, quantity: 1 },
        { skuId: 7, quantity: 1 },
      ],
      catalogue,
      null,
      999,
    );
    if (!plan.ok) throw new Error('expected a plan');
    expect(plan.orders[0]!.presaleShipDays).toBe(20);
    expect(plan.orders[0]!.lines.map((l) => l.freightTemplateId)).toEqual([null, null, 3]);
    const plain = planCheckout([{ skuId: 1, quantity: 1 }], catalogue, null, 999);
    expect(plain.ok && plain.orders[0]!.presaleShipDays).toBeNull();
  });

  const refusals: [string, CartLine[], string, string][] = [
    ['unknown SKU', [{ skuId: 99, quantity: 1 }], 'validation_failed', 'items[0].skuId'],
    ['delisted product', [{ skuId: 4, quantity: 1 }], 'product_unavailable', 'items[0].skuId'],
    ['suspended shop', [{ skuId: 5, quantity: 1 }], 'product_unavailable', 'items[0].skuId'],
    ['over the purchase limit', [{ skuId: 3, quantity: 3 }], 'purchase_limit_exceeded', 'items[0].quantity'],
    [
      'limit reached across merged lines',
      [
        { skuId: 3, quantity: 2 },
        { skuId: 3, quantity: 1 },
      ],
      'purchase_limit_exceeded',
      'items[0].quantity',
    ],
    ['over the per-line maximum', [{ skuId: 1, quantity: 1_000 }], 'validation_failed', 'items[0].quantity'],
  ];
  it.each(refusals)('refuses %s', (_name, cart, code, field) => {
    const plan = planCheckout(cart, catalogue, null, 999);
    expect(plan).toMatchObject({ ok: false, error: { code, field } });
  });
});

import { describe, expect, it } from 'vitest';
import { guaranteeRefusal, isGuaranteeCode, QUALIFICATIONS } from '../modules/catalog/index.ts';
import { DEMO_BRANDS, DEMO_CATEGORIES } from './demo-categories.ts';
import { DEMO_PRODUCTS, productPool } from './demo-products.ts';
import { DEMO_SHOPS } from './demo-shops.ts';

const leaves = DEMO_CATEGORIES.flatMap((root) =>
  root.leaves.map((leaf) => ({ ...root, ...leaf, root: root.name })),
);

describe('demo category tree', () => {
  it.each(leaves.map((l) => [l.root, l.name, l] as const))(
    '%s › %s offers only guarantees its attributes allow',
    (_root, _name, leaf) => {
      for (const code of leaf.defaultGuarantees) {
        expect(isGuaranteeCode(code), code).toBe(true);
        if (isGuaranteeCode(code)) expect(guaranteeRefusal(leaf, code), code).toBeNull();
      }
    },
  );

  it.each(leaves.map((l) => [l.root, l.name, l] as const))(
    '%s › %s requires documents of its own regulated type',
    (_root, _name, leaf) => {
      const types = leaf.requiredQualifications.map(
        (code) => QUALIFICATIONS.find((q) => q.code === code)?.regulatedType,
      );
      if (leaf.regulatedType === null) expect(types).toEqual([]);
      else {
        expect(types.length).toBeGreaterThan(0);
        for (const type of types) expect(type).toBe(leaf.regulatedType);
      }
    },
  );

  it('has unique leaf keys and names', () => {
    expect(new Set(leaves.map((l) => l.key)).size).toBe(leaves.length);
    expect(new Set(leaves.map((l) => l.name)).size).toBe(leaves.length);
  });
});

describe('demo products and shops', () => {
  const leafKeys = new Set(leaves.map((l) => l.key));
  const brands = new Set(DEMO_BRANDS.map((b) => b.name));

  it('gives every product a known leaf and brand, unique title and 1–4 SKUs priced in fen', () => {
    expect(new Set(DEMO_PRODUCTS.map((p) => p.title)).size).toBe(DEMO_PRODUCTS.length);
    for (const p of DEMO_PRODUCTS) {
      expect(leafKeys.has(p.leaf), p.title).toBe(true);
      if (p.brand) expect(brands.has(p.brand), p.title).toBe(true);
      expect(p.skus.length, p.title).toBeGreaterThanOrEqual(1);
      expect(p.skus.length, p.title).toBeLessThanOrEqual(4);
      expect(new Set(p.skus.map(([spec]) => spec)).size, p.title).toBe(p.skus.length);
      for (const [, priceFen] of p.skus)
        expect(Number.isSafeInteger(priceFen) && priceFen > 0, p.title).toBe(true);
    }
  });

  it.each(DEMO_SHOPS.map((s) => [s.name, s] as const))(
    '%s has enough goods of its own to list',
    (_name, shop) => {
      const pool = productPool(shop);
      expect(pool.length).toBeGreaterThanOrEqual(shop.products);
      for (const p of pool) {
        expect(shop.leaves).toContain(p.leaf);
        if (shop.brand) expect(p.brand).toBe(shop.brand);
      }
    },
  );

  it('sells a flagship brand only in its flagship shop', () => {
    for (const shop of DEMO_SHOPS.filter((s) => !s.brand)) {
      const flagshipBrands = DEMO_SHOPS.flatMap((s) => (s.brand ? [s.brand] : []));
      for (const p of productPool(shop)) expect(flagshipBrands).not.toContain(p.brand);
    }
  });
});

import type { Sector } from './demo-categories.ts';
import { FOOD_PRODUCTS } from './demo-products-food.ts';
import { STYLE_PRODUCTS } from './demo-products-style.ts';
import { TECH_PRODUCTS } from './demo-products-tech.ts';
import { DEMO_SHOPS, type DemoShop } from './demo-shops.ts';
import type { ProductTemplate } from './product-template.ts';

export const DEMO_PRODUCTS: readonly ProductTemplate[] = [
  ...FOOD_PRODUCTS,
  ...STYLE_PRODUCTS,
  ...TECH_PRODUCTS,
];

const FLAGSHIP_BRANDS = new Set(DEMO_SHOPS.flatMap((s) => (s.brand ? [s.brand] : [])));

/**
 * What a shop may list: goods of its leaf categories; a flagship shop only its own brand, and a
 * brand that has a flagship shop is sold nowhere else (brand names need authorisation, product rules §6).
 */
export function productPool(shop: DemoShop): ProductTemplate[] {
  return DEMO_PRODUCTS.filter(
    (t) =>
      shop.leaves.includes(t.leaf) &&
      (shop.brand ? t.brand === shop.brand : t.brand === undefined || !FLAGSHIP_BRANDS.has(t.brand)),
  );
}

export interface SectorTraits {
  /** Share of products whose shop offers creators a commission (分销). */
  offerChance: number;
  /** Creator commission range in basis points. */
  commissionBp: readonly [number, number];
  /** Stock per SKU. */
  stock: readonly [number, number];
  blurb: string;
}

export const SECTOR_TRAITS: Record<Sector, SectorTraits> = {
  fresh: {
    offerChance: 0.8,
    commissionBp: [1000, 2500],
    stock: [30, 800],
    blurb: '产地直发，冷链到家，坏果包赔。',
  },
  food: {
    offerChance: 0.8,
    commissionBp: [1000, 2500],
    stock: [100, 3000],
    blurb: '正规SC工厂生产，新鲜日期发货。',
  },
  frozen: {
    offerChance: 0.75,
    commissionBp: [1000, 2000],
    stock: [50, 1000],
    blurb: '全程冷链，干冰保温，化了包退。',
  },
  beauty: {
    offerChance: 0.85,
    commissionBp: [2000, 3500],
    stock: [100, 2000],
    blurb: '正品保障，敏感肌请先做耳后测试。',
  },
  apparel: {
    offerChance: 0.8,
    commissionBp: [1500, 3000],
    stock: [20, 500],
    blurb: '支持7天无理由退换，运费险护航。',
  },
  electronics: {
    offerChance: 0.6,
    commissionBp: [300, 800],
    stock: [20, 500],
    blurb: '全国联保，破损包退。',
  },
  used_phone: {
    offerChance: 0.6,
    commissionBp: [500, 1000],
    stock: [1, 3],
    blurb: '68项专业质检，180天质保，成色如实描述。',
  },
  virtual: {
    offerChance: 0.4,
    commissionBp: [100, 300],
    stock: [9999, 9999],
    blurb: '自动充值，1-10分钟到账。',
  },
  custom: {
    offerChance: 0.7,
    commissionBp: [1000, 2000],
    stock: [50, 200],
    blurb: '下单后定制制作，不支持7天无理由退货。',
  },
};

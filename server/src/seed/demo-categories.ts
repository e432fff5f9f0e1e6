import type { RegulatedType } from '../modules/catalog/index.ts';

/** The demo marketplace's sectors: one root category each. */
export type Sector =
  | 'food'
  | 'fresh'
  | 'frozen'
  | 'beauty'
  | 'apparel'
  | 'electronics'
  | 'used_phone'
  | 'virtual'
  | 'custom';

export type QualificationKind =
  | 'food_production_licence'
  | 'food_business_licence'
  | 'cosmetic_registration'
  | 'cosmetic_filing';

interface CategoryAttributes {
  regulatedType: RegulatedType | null;
  requiredQualifications: QualificationKind[];
  noReasonReturn: boolean;
  perishable: boolean;
  customMade: boolean;
  isVirtual: boolean;
  defaultGuarantees: string[];
  depositFen: number;
  commissionBp: number;
  zeroDepositEligible: boolean;
}

export interface DemoLeaf extends Partial<CategoryAttributes> {
  key: string;
  name: string;
  nameEn: string;
}

export interface DemoRoot extends CategoryAttributes {
  sector: Sector;
  name: string;
  nameEn: string;
  leaves: DemoLeaf[];
}

const plain: Omit<CategoryAttributes, 'defaultGuarantees' | 'depositFen' | 'commissionBp'> = {
  regulatedType: null,
  requiredQualifications: [],
  noReasonReturn: true,
  perishable: false,
  customMade: false,
  isVirtual: false,
  zeroDepositEligible: true,
};

/**
 * The category tree (product rules §2–4). Leaves inherit their root's attributes unless they override
 * them; deposits follow §3 (food ¥20,000, apparel ¥5,000, virtual ¥1,000). Regulated categories
 * (三品一械) are not eligible for 0元开店.
 */
export const DEMO_CATEGORIES: readonly DemoRoot[] = [
  {
    ...plain,
    sector: 'food',
    name: '食品饮料',
    nameEn: 'Food & Drinks',
    regulatedType: 'food',
    requiredQualifications: ['food_production_licence'],
    defaultGuarantees: ['no_reason_7d', 'damage_refund'],
    depositFen: 2_000_000,
    commissionBp: 500,
    zeroDepositEligible: false,
    leaves: [
      { key: 'snacks', name: '休闲零食', nameEn: 'Snacks' },
      { key: 'tea', name: '茶叶冲饮', nameEn: 'Tea & Instant Drinks' },
      { key: 'condiments', name: '粮油调味', nameEn: 'Grain, Oil & Condiments' },
      { key: 'drinks', name: '酒水饮料', nameEn: 'Beverages' },
      { key: 'pastry', name: '糕点礼盒', nameEn: 'Pastry Gift Boxes' },
    ],
  },
  {
    ...plain,
    sector: 'fresh',
    name: '生鲜',
    nameEn: 'Fresh Produce',
    regulatedType: 'food',
    requiredQualifications: ['food_business_licence'],
    noReasonReturn: false,
    perishable: true,
    defaultGuarantees: ['spoiled_refund'],
    depositFen: 2_000_000,
    commissionBp: 500,
    zeroDepositEligible: false,
    leaves: [
      { key: 'fruit', name: '时令水果', nameEn: 'Seasonal Fruit' },
      {
        key: 'durian',
        name: '榴莲',
        nameEn: 'Durian',
        defaultGuarantees: ['spoiled_refund', 'segment_refund'],
      },
      { key: 'seafood', name: '海鲜水产', nameEn: 'Seafood' },
      { key: 'vegetables', name: '新鲜蔬菜', nameEn: 'Vegetables' },
    ],
  },
  {
    ...plain,
    sector: 'frozen',
    name: '冷冻食品',
    nameEn: 'Frozen Food',
    regulatedType: 'food',
    requiredQualifications: ['food_production_licence'],
    noReasonReturn: false,
    perishable: true,
    defaultGuarantees: ['melted_refund'],
    depositFen: 2_000_000,
    commissionBp: 500,
    zeroDepositEligible: false,
    leaves: [
      { key: 'ice_cream', name: '冰淇淋雪糕', nameEn: 'Ice Cream' },
      { key: 'dumplings', name: '速冻面点', nameEn: 'Frozen Dumplings & Buns' },
    ],
  },
  {
    ...plain,
    sector: 'beauty',
    name: '美妆护肤',
    nameEn: 'Beauty & Skincare',
    regulatedType: 'cosmetic',
    requiredQualifications: ['cosmetic_filing'],
    defaultGuarantees: ['no_reason_7d', 'allergy_refund'],
    depositFen: 2_000_000,
    commissionBp: 500,
    zeroDepositEligible: false,
    leaves: [
      { key: 'skincare', name: '面部护肤', nameEn: 'Skincare' },
      { key: 'makeup', name: '彩妆', nameEn: 'Makeup' },
      // Sunscreen is a special-use cosmetic: registration (国妆特字), not a filing.
      {
        key: 'sunscreen',
        name: '防晒',
        nameEn: 'Sunscreen',
        requiredQualifications: ['cosmetic_registration'],
      },
    ],
  },
  {
    ...plain,
    sector: 'apparel',
    name: '服饰鞋包',
    nameEn: 'Apparel, Shoes & Bags',
    defaultGuarantees: ['no_reason_7d', 'freight_insurance'],
    depositFen: 500_000,
    commissionBp: 500,
    leaves: [
      { key: 'menswear', name: '男装', nameEn: 'Menswear' },
      { key: 'womenswear', name: '女装', nameEn: 'Womenswear' },
      { key: 'shoes', name: '鞋靴', nameEn: 'Shoes' },
      { key: 'bags', name: '箱包', nameEn: 'Bags' },
    ],
  },
  {
    ...plain,
    sector: 'electronics',
    name: '数码家电',
    nameEn: 'Electronics & Appliances',
    defaultGuarantees: ['no_reason_7d', 'damage_refund'],
    depositFen: 1_000_000,
    commissionBp: 200,
    leaves: [
      { key: 'phones', name: '手机', nameEn: 'Phones' },
      { key: 'audio', name: '耳机音响', nameEn: 'Headphones & Speakers' },
      { key: 'appliances', name: '小家电', nameEn: 'Small Appliances' },
      { key: 'computers', name: '电脑平板', nameEn: 'Computers & Tablets' },
    ],
  },
  {
    ...plain,
    sector: 'used_phone',
    name: '二手手机',
    nameEn: 'Used Phones',
    defaultGuarantees: ['no_reason_7d', 'used_phone_warranty', 'authenticity'],
    depositFen: 1_000_000,
    commissionBp: 300,
    zeroDepositEligible: false,
    leaves: [
      { key: 'used_apple', name: '二手苹果', nameEn: 'Used iPhone' },
      { key: 'used_android', name: '二手安卓', nameEn: 'Used Android' },
    ],
  },
  {
    ...plain,
    sector: 'virtual',
    name: '虚拟商品',
    nameEn: 'Virtual Goods',
    noReasonReturn: false,
    isVirtual: true,
    defaultGuarantees: [],
    depositFen: 100_000,
    commissionBp: 300,
    leaves: [
      { key: 'top_up', name: '话费充值', nameEn: 'Mobile Top-up' },
      { key: 'memberships', name: '视频会员', nameEn: 'Streaming Memberships' },
    ],
  },
  {
    ...plain,
    sector: 'custom',
    name: '定制商品',
    nameEn: 'Custom-made',
    noReasonReturn: false,
    customMade: true,
    defaultGuarantees: ['damage_refund'],
    depositFen: 500_000,
    commissionBp: 500,
    leaves: [
      { key: 'engraved', name: '刻字饰品', nameEn: 'Engraved Jewellery' },
      { key: 'photo_gifts', name: '照片定制', nameEn: 'Photo Gifts' },
    ],
  },
];

export const DEMO_BRANDS: readonly { name: string; nameEn: string }[] = [
  { name: '三只松鼠', nameEn: 'Three Squirrels' },
  { name: '珀莱雅', nameEn: 'PROYA' },
  { name: '薇诺娜', nameEn: 'Winona' },
  { name: '李宁', nameEn: 'Li-Ning' },
  { name: '小米', nameEn: 'Xiaomi' },
  { name: '华为', nameEn: 'Huawei' },
  { name: '苹果', nameEn: 'Apple' },
  { name: '荣耀', nameEn: 'Honor' },
  { name: 'OPPO', nameEn: 'OPPO' },
  { name: 'vivo', nameEn: 'vivo' },
];

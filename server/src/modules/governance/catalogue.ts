/**
 * The violation catalogue (product rules §6 Enforcement): every code ops, the trust engine, IP protection
 * or the platform itself may record, whether it is `general` (no points) or `serious` (2–100 points),
 * the penalties it carries by default, and a plain description in Chinese and English. Data, not code:
 * the enforcement rule and the services read it, nothing branches on a code.
 */

export type Severity = 'general' | 'serious';
export type SubjectType = 'shop' | 'product' | 'live_session' | 'order' | 'review' | 'content';
export type ViolationSource = 'ops' | 'trust_engine' | 'ip_complaint' | 'system';
export type PenaltyKind =
  | 'warning'
  | 'delist_product'
  | 'listing_ban'
  | 'live_ban'
  | 'traffic_limit'
  | 'fine'
  | 'settlement_freeze'
  | 'shop_restricted'
  | 'shop_closed'
  | 'blacklist';

export const PENALTY_KINDS: readonly PenaltyKind[] = [
  'warning',
  'delist_product',
  'listing_ban',
  'live_ban',
  'traffic_limit',
  'fine',
  'settlement_freeze',
  'shop_restricted',
  'shop_closed',
  'blacklist',
];

/** A penalty a violation carries by default; `days` for time-limited ones, `amountFen` for a fine. */
export type DefaultPenalty =
  | { kind: 'delist_product' }
  | { kind: 'listing_ban' | 'live_ban' | 'traffic_limit' | 'settlement_freeze'; days: number }
  | { kind: 'fine'; amountFen: number }
  | { kind: 'blacklist' };

/** What a stored penalty remembers so that it can be undone (stored as jsonb). */
export interface PenaltyParams {
  days?: number;
  amountFen?: number;
  /** fine: what the deposit actually gave (a shortfall is not chased here). */
  deductedFen?: number;
  deductionId?: number;
  productId?: number;
  /** delist_product: false when the product was not listed (nothing to take down). */
  applied?: boolean;
  /** shop_restricted / shop_closed: the state before (restored when a restriction ends). */
  shopStateBefore?: string;
  refundEntryId?: number;
}

export interface CatalogueEntry {
  severity: Severity;
  /** 0 for general; 2–100 for serious (ops may set another value in that range). */
  points: number;
  subjects: readonly SubjectType[];
  penalties: readonly DefaultPenalty[];
  zh: string;
  en: string;
}

const DAY_PENALTY = (
  kind: 'listing_ban' | 'live_ban' | 'traffic_limit' | 'settlement_freeze',
  days: number,
) => ({ kind, days }) as const;

export const VIOLATION_CATALOGUE = {
  counterfeit_goods: {
    severity: 'serious',
    points: 24,
    subjects: ['product'],
    penalties: [
      { kind: 'delist_product' },
      DAY_PENALTY('listing_ban', 14),
      { kind: 'fine', amountFen: 500_000 },
      DAY_PENALTY('settlement_freeze', 30),
    ],
    zh: '售假：销售假冒商品',
    en: 'Counterfeit goods: selling fakes of a brand',
  },
  ip_infringement: {
    severity: 'serious',
    points: 6,
    subjects: ['product'],
    penalties: [{ kind: 'delist_product' }],
    zh: '侵犯知识产权（商标、著作权、专利）',
    en: 'Intellectual property infringement (trademark, copyright, patent)',
  },
  false_advertising: {
    severity: 'general',
    points: 0,
    subjects: ['product', 'live_session', 'content'],
    penalties: [{ kind: 'delist_product' }],
    zh: '虚假宣传：夸大或不实的商品描述',
    en: 'False advertising: exaggerated or untrue description of goods',
  },
  banned_claim: {
    severity: 'general',
    points: 0,
    subjects: ['product', 'live_session', 'content'],
    penalties: [{ kind: 'delist_product' }],
    zh: '违禁用语：绝对化用语（最好、第一、国家级）或食品宣称医疗功效',
    en: 'Banned claim: absolute terms (best, No. 1, national-level) or medical efficacy claimed for food',
  },
  missing_qualification: {
    severity: 'general',
    points: 0,
    subjects: ['product'],
    penalties: [{ kind: 'delist_product' }],
    zh: '缺少资质：特殊类目商品无有效许可证或注册证号',
    en: 'Missing qualification: regulated goods without a valid licence or registration number',
  },
  off_platform_trade: {
    severity: 'serious',
    points: 12,
    subjects: ['shop', 'order', 'content', 'product'],
    penalties: [{ kind: 'fine', amountFen: 200_000 }, DAY_PENALTY('traffic_limit', 7)],
    zh: '站外交易：引导买家脱离平台交易（电话、微信、链接）',
    en: 'Off-platform trade: steering buyers to trade outside the platform (phone, WeChat, links)',
  },
  fake_shipment: {
    severity: 'serious',
    points: 4,
    subjects: ['order'],
    penalties: [DAY_PENALTY('traffic_limit', 3)],
    zh: '虚假发货：填写无效或与订单无关的运单号',
    en: 'Fake shipment: a tracking number that is invalid or unrelated to the order',
  },
  live_hype: {
    severity: 'general',
    points: 0,
    subjects: ['live_session'],
    penalties: [DAY_PENALTY('traffic_limit', 1)],
    zh: '直播恶意炒作：扮穷、卖惨、摆拍冲突',
    en: 'Live hype: posing as poor, sob stories, staged conflict',
  },
  live_off_platform: {
    severity: 'serious',
    points: 6,
    subjects: ['live_session'],
    penalties: [DAY_PENALTY('live_ban', 7)],
    zh: '直播中引导站外交易',
    en: 'Steering viewers to trade off the platform during a live session',
  },
  live_high_risk: {
    severity: 'serious',
    points: 6,
    subjects: ['live_session'],
    penalties: [DAY_PENALTY('live_ban', 3)],
    zh: '直播高危内容，已紧急关播',
    en: 'High-risk live content: the session was stopped at once',
  },
  review_manipulation: {
    severity: 'serious',
    points: 12,
    subjects: ['review', 'order', 'shop'],
    penalties: [{ kind: 'fine', amountFen: 100_000 }, DAY_PENALTY('traffic_limit', 14)],
    zh: '操纵评价：刷好评、恶意差评对手、以利益换好评',
    en: 'Review manipulation: fake praise, attacks on rivals, paying for good reviews',
  },
  fraudulent_trading: {
    severity: 'serious',
    points: 48,
    subjects: ['shop', 'order'],
    penalties: [{ kind: 'blacklist' }],
    zh: '欺诈交易：虚假交易、骗取货款或补贴',
    en: 'Fraudulent trading: fake orders, obtaining payment or subsidies by deceit',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ViolationCode = keyof typeof VIOLATION_CATALOGUE;
export const VIOLATION_CODES = Object.keys(VIOLATION_CATALOGUE) as ViolationCode[];

export function isViolationCode(code: string): code is ViolationCode {
  return Object.hasOwn(VIOLATION_CATALOGUE, code);
}

export function catalogueEntry(code: ViolationCode): CatalogueEntry {
  return VIOLATION_CATALOGUE[code];
}

/**
 * Trust guarantees (信任购, product rules §4): the one list of codes, with the labels shown as badges and a
 * one-line explanation. Claims, compensation and after-sales reuse these codes.
 */
export const GUARANTEES = [
  {
    code: 'no_reason_7d',
    zh: '7天无理由退货',
    en: '7-day no-reason return',
    explanation:
      'Return within 7 × 24 h counted from 00:00 the day after delivery; not for custom, perishable or virtual goods.',
  },
  {
    code: 'freight_insurance',
    zh: '退货补运费',
    en: 'Return shipping covered',
    explanation: "Pays the buyer's return shipping once the refund completes.",
  },
  {
    code: 'fake_pays_n',
    zh: '假一赔十',
    en: 'Counterfeit pays ten times',
    explanation: 'A counterfeit confirmed by arbitration is refunded plus ten times the amount paid.',
  },
  {
    code: 'authenticity',
    zh: '官方保真',
    en: 'Verified authentic',
    explanation: 'The platform verifies that brand goods are authentic.',
  },
  {
    code: 'spoiled_refund',
    zh: '坏了包退',
    en: 'Refund if spoiled',
    explanation: 'Fresh food that arrives spoiled: claim within 24 h of delivery with photos.',
  },
  {
    code: 'damage_refund',
    zh: '破损包退',
    en: 'Refund if damaged',
    explanation: 'Goods damaged in transit: claim within 48 h of delivery with photos.',
  },
  {
    code: 'allergy_refund',
    zh: '过敏包退',
    en: 'Refund on allergy',
    explanation: 'An allergic reaction to cosmetics: claim within 7 days of delivery with photos.',
  },
  {
    code: 'melted_refund',
    zh: '化了包退',
    en: 'Refund if melted',
    explanation: 'Frozen goods that arrive melted: claim within 24 h of delivery.',
  },
  {
    code: 'segment_refund',
    zh: '少房包退',
    en: 'Refund on missing segments',
    explanation: 'A durian with fewer segments than promised is refunded.',
  },
  {
    code: 'used_phone_warranty',
    zh: '二手手机180天质保',
    en: '180-day used-phone warranty',
    explanation: 'Used phones are covered by a 180-day warranty.',
  },
] as const;

export type Guarantee = (typeof GUARANTEES)[number];
export type GuaranteeCode = Guarantee['code'];

export const GUARANTEE_CODES: readonly GuaranteeCode[] = GUARANTEES.map((g) => g.code);

const byCode = new Map<string, Guarantee>(GUARANTEES.map((g) => [g.code, g]));

export function isGuaranteeCode(code: string): code is GuaranteeCode {
  return byCode.has(code);
}

/**
 * The guarantees a product carries: its category's defaults plus the merchant's opt-in, each once, in
 * the order of GUARANTEES, with labels. Codes this list does not know are dropped.
 */
export function effectiveGuarantees(
  categoryDefaults: readonly string[],
  optIn: readonly string[],
): Guarantee[] {
  const wanted = new Set([...categoryDefaults, ...optIn]);
  return GUARANTEES.filter((g) => wanted.has(g.code));
}

/**
 * Why a buyer asks for after-sales (product rules §5). Subjective reasons qualify for 闪电退货; quality
 * reasons count toward the quality-refund rate (品退率).
 */
export const REASONS = {
  no_reason: { zh: '七天无理由', en: 'No reason', subjective: true, quality: false },
  dont_like: { zh: '不喜欢/不想要', en: "Don't like it", subjective: true, quality: false },
  ordered_wrong: { zh: '拍错/多拍', en: 'Ordered by mistake', subjective: true, quality: false },
  not_shipped_yet: {
    zh: '未发货，不想要了',
    en: 'Not shipped yet, no longer wanted',
    subjective: true,
    quality: false,
  },
  not_received: { zh: '未收到货', en: 'Not received', subjective: false, quality: false },
  quality_issue: { zh: '质量问题', en: 'Quality problem', subjective: false, quality: true },
  damaged: { zh: '商品破损', en: 'Arrived damaged', subjective: false, quality: true },
  not_as_described: { zh: '与描述不符', en: 'Not as described', subjective: false, quality: true },
  wrong_item: { zh: '发错货', en: 'Wrong item sent', subjective: false, quality: true },
  missing_parts: { zh: '少件/漏发', en: 'Parts missing', subjective: false, quality: true },
  counterfeit: { zh: '假冒品牌', en: 'Counterfeit', subjective: false, quality: true },
  spoiled: { zh: '生鲜变质', en: 'Spoiled', subjective: false, quality: true },
  melted: { zh: '融化', en: 'Melted', subjective: false, quality: true },
  allergy: { zh: '过敏', en: 'Allergic reaction', subjective: false, quality: true },
  other: { zh: '其他', en: 'Other', subjective: false, quality: false },
} as const;

export type Reason = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as Reason[];

export function isReason(code: string): code is Reason {
  return code in REASONS;
}

export function isSubjectiveReason(code: string): boolean {
  return isReason(code) && REASONS[code].subjective;
}

export function isQualityReason(code: string): boolean {
  return isReason(code) && REASONS[code].quality;
}

/**
 * Which part of the experience score a complaint speaks to (product rules §7.6): the goods
 * ('quality') or the delivery ('logistics': never arrived, or arrived damaged in transit); null for
 * the subjective and other reasons.
 */
export function complaintKind(code: string): 'quality' | 'logistics' | null {
  if (code === 'not_received' || code === 'damaged') return 'logistics';
  return isQualityReason(code) ? 'quality' : null;
}

export const LOGISTICS_COMPLAINT_REASONS: readonly string[] = REASON_CODES.filter(
  (r) => complaintKind(r) === 'logistics',
);
export const QUALITY_COMPLAINT_REASONS: readonly string[] = REASON_CODES.filter(
  (r) => complaintKind(r) === 'quality',
);

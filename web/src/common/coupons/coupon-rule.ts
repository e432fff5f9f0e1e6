import type { Translate } from '../../i18n/index.tsx';
import type { CouponTerms } from './coupon-types.ts';

/** 折 from the share taken off: 1,000 bp off is 9折, 1,500 bp is 8.5折. */
export function zhe(percentBp: number): string {
  return String(Number(((10_000 - percentBp) / 1_000).toFixed(2)));
}

/** "9" or "8.5" (折) typed by a person as the basis points taken off, or undefined when it is not one. */
export function zheToBp(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d(\.\d)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (value < 1 || value > 9.9) return undefined;
  return Math.round((10 - value) * 1_000);
}

/** The discount in words: 满¥199.00减¥20.00, 9折，最高减¥30.00, 无门槛减¥5.00. */
export function couponRule(t: Translate, money: (fen: number) => string, c: CouponTerms): string {
  if (c.kind === 'threshold')
    return t('coupon.rule.threshold', { threshold: money(c.thresholdFen), discount: money(c.discountFen) });
  if (c.kind === 'no_threshold') return t('coupon.rule.noThreshold', { discount: money(c.discountFen) });
  const vars = {
    rate: zhe(c.percentBp),
    percent: String(c.percentBp / 100),
    threshold: money(c.thresholdFen),
    cap: c.capFen === null ? '' : money(c.capFen),
  };
  if (c.thresholdFen > 0)
    return t(c.capFen === null ? 'coupon.rule.percentThreshold' : 'coupon.rule.percentThresholdCap', vars);
  return t(c.capFen === null ? 'coupon.rule.percent' : 'coupon.rule.percentCap', vars);
}

/** The big figure of a coupon card: ¥20 for an amount off, 9折 / 10% for a percentage. */
export function couponFace(lang: string, money: (fen: number) => string, c: CouponTerms): string {
  if (c.kind !== 'percent') return money(c.discountFen);
  return lang === 'zh' ? `${zhe(c.percentBp)}折` : `${c.percentBp / 100}% off`;
}

import type { Translate } from '../../i18n/index.tsx';

/** A ladder step in words: its metric and target ("上架 3 件商品"); ops' step codes are never shown. */
export const stepName = (t: Translate, step: { metric: string; threshold: number }) =>
  t(`growth.step.${step.metric}` as 'growth.step.listed_products', { n: step.threshold });

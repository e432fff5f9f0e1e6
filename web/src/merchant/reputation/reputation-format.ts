import type { Translate } from '../../i18n/index.tsx';

/** Metrics measured in hours; the others are shares in basis points. */
const HOURS = new Set(['delivery_hours', 'merchant_response_hours', 'refund_hours']);

/** A metric's value in words: a share as a percentage (basis points / 100), a time in hours. */
export function metricValueText(t: Translate, metric: string, value: number | null): string {
  if (value === null) return t('reputation.value.none');
  if (HOURS.has(metric)) return t('reputation.value.hours', { v: trim(value, 1) });
  if (metric === 'chat_first_response_seconds') return t('reputation.value.seconds', { v: trim(value, 1) });
  return t('reputation.value.percent', { v: trim(value / 100, 2) });
}

/** A score with two decimals, or a dash when there is none. */
export const scoreText = (score: number | null) => (score === null ? '—' : score.toFixed(2));

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** The badge tone of a band. */
export function bandTone(band: string): 'ok' | 'warn' | 'bad' | 'neutral' {
  if (band === 'excellent' || band === 'good') return 'ok';
  if (band === 'fair') return 'warn';
  if (band === 'poor') return 'bad';
  return 'neutral';
}

import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n/index.tsx';
import { bandTone, metricValueText, scoreText } from './reputation-format.ts';

const t = ((key: string, vars?: Record<string, string | number>) =>
  `${key}:${JSON.stringify(vars ?? {})}`) as unknown as Translate;

describe('reputation figures in words', () => {
  it.each([
    ['quality_refund_rate', 125, 'reputation.value.percent:{"v":"1.25"}'],
    ['pickup_in_time_rate', 9_500, 'reputation.value.percent:{"v":"95"}'],
    ['delivery_hours', 50.04, 'reputation.value.hours:{"v":"50"}'],
    ['refund_hours', 5.56, 'reputation.value.hours:{"v":"5.6"}'],
    ['negative_review_rate', null, 'reputation.value.none:{}'],
  ] as const)('%s %s → %s', (metric, value, text) => {
    expect(metricValueText(t, metric, value)).toBe(text);
  });

  it.each([
    [4.5, '4.50'],
    [null, '—'],
  ] as const)('score %s → %s', (score, text) => {
    expect(scoreText(score)).toBe(text);
  });

  it.each([
    ['excellent', 'ok'],
    ['fair', 'warn'],
    ['poor', 'bad'],
    ['not_enough_orders', 'neutral'],
  ] as const)('band %s → tone %s', (band, tone) => {
    expect(bandTone(band)).toBe(tone);
  });
});

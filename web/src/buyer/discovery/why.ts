import type { MessageKey, Translate } from '../../i18n/index.tsx';
import { isMessageKey } from '../../i18n/index.tsx';

/** One line of a rank's explanation, as the server sends it. */
export interface RankPart {
  signal: string;
  value: number | boolean | null;
  factor: number;
}

/**
 * "为什么推荐" in words: the signals that moved the rank (factor ≠ 1), largest effect first, each worded
 * by whether it raised or lowered the rank. Relevance is the search itself and is not listed.
 */
export function whyLines(parts: readonly RankPart[], t: Translate): string[] {
  return parts
    .filter((p) => p.factor !== 1 && p.signal !== 'relevance')
    .sort((a, b) => Math.abs(Math.log(b.factor)) - Math.abs(Math.log(a.factor)))
    .flatMap((p) => {
      const key = `discovery.why.${p.signal}.${p.factor > 1 ? 'up' : 'down'}`;
      if (!isMessageKey(key)) return [];
      const value =
        typeof p.value === 'number' ? (Number.isInteger(p.value) ? p.value : p.value.toFixed(1)) : '';
      return [t(key as MessageKey, { value })];
    });
}

import { describe, expect, it } from 'vitest';
import { featurize, hashString, MAX_NGRAM, maxFeatures, mix } from './features.ts';

const features = (text: string, bits = 18) => {
  const out = new Int32Array(maxFeatures(text.length));
  return [...out.subarray(0, featurize(text, bits, out))];
};

describe('hashing', () => {
  it('is stable, seeded and spreads nearby inputs', () => {
    expect(hashString('微信')).toBe(hashString('微信'));
    expect(hashString('微信')).not.toBe(hashString('微信', 1));
    expect(hashString('ab')).not.toBe(hashString('ba'));
    expect(mix(1)).not.toBe(mix(2));
    expect(mix(0xffffffff)).toBeGreaterThanOrEqual(0);
  });
});

describe('featurize', () => {
  // text → how many features: char n-grams (n·MAX_NGRAM minus the short ones at the end), words, word pairs, digit runs
  const ngrams = (n: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) k += Math.min(MAX_NGRAM, n - i);
    return k;
  };
  it.each([
    ['', 0],
    ['微', 1],
    ['加微信', ngrams(3)],
    ['abc', ngrams(3) + 1],
    ['add me', ngrams(6) + 2 + 1],
    ['add me now', ngrams(10) + 3 + 2],
    ['电话13800138000', ngrams(13) + 1],
    ['qq 12345', ngrams(8) + 1 + 1],
    ['好的，ok', ngrams(5) + 1],
  ])('%j gives %i features', (text, count) => {
    expect(features(text)).toHaveLength(count);
  });

  it('reads digits by shape: one number of a length is like another', () => {
    expect(features('电话13800138000')).toEqual(features('电话15912345678'));
    expect(features('电话13800138000')).not.toEqual(features('电话23800138000'));
    expect(features('订单123456')).not.toEqual(features('订单1234567'));
  });

  it('keeps word order in the word pairs', () => {
    expect(features('add me').sort()).not.toEqual(features('me add').sort());
  });

  it('puts every feature in a bucket under 2^bits', () => {
    for (const bits of [8, 12, 18]) {
      for (const f of features('加我微信 tom_2023 call 13800138000 全网最低', bits)) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThan(1 << bits);
      }
    }
  });

  it('fits the buffer maxFeatures sizes, even on the worst shapes', () => {
    for (const text of ['a b c d e f', '1a2b3c4d', 'x'.repeat(50), '1 2 3 4 5']) {
      expect(features(text).length).toBeLessThanOrEqual(maxFeatures(text.length));
    }
  });
});

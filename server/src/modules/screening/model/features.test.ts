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
  // text → how many features: the DISTINCT char n-grams (digits read as '0'), words, word pairs, digit runs
  const ngrams = (text: string) => {
    const seen = new Set<string>();
    const chars = text.replace(/[0-9]/g, '0');
    for (let i = 0; i < chars.length; i++)
      for (let n = 1; n <= MAX_NGRAM && i + n <= chars.length; n++) seen.add(chars.slice(i, i + n));
    return seen.size;
  };
  it.each([
    ['', 0],
    ['微', 1],
    ['加微信', ngrams('加微信')],
    ['abc', ngrams('abc') + 1],
    ['add me', ngrams('add me') + 2 + 1],
    ['add me now', ngrams('add me now') + 3 + 2],
    ['电话13800138000', ngrams('电话13800138000') + 1],
    ['qq 12345', ngrams('qq 12345') + 1 + 1],
    ['好的，ok', ngrams('好的，ok') + 1],
    ['字'.repeat(62), 3],
    ['a'.repeat(62), 3 + 1],
    ['哈哈哈哈哈', 3],
  ])('%j gives %i features', (text, count) => {
    expect(features(text)).toHaveLength(count);
  });

  it('counts presence, not occurrences: repeating a text adds nothing', () => {
    expect(features('哈'.repeat(500))).toEqual(features('哈'.repeat(10)));
    expect(features('加微信加微信加微信')).toEqual(features('加微信加微信'));
    expect(new Set(features('主播好漂亮主播好漂亮')).size).toBe(features('主播好漂亮主播好漂亮').length);
  });

  it('tells a repeated digit from a number of the same length', () => {
    expect(features('11111111111')).not.toEqual(features('13800138000'));
    expect(features('111111')).not.toEqual(features('123456'));
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

import { describe, expect, it } from 'vitest';
import { indexWords, queryWords } from './segment.ts';

describe('Chinese word segmentation', () => {
  it.each([
    ['新疆阿克苏冰糖心苹果', ['苹果', '阿克苏', '新疆']],
    ['iPhone15 手机壳', ['iphone15', '手机']],
    ['pingguo 5斤装', ['pingguo', '5']],
  ])('indexes %s with its words', (title, expected) => {
    const found = indexWords(title).split(' ');
    for (const w of expected) expect(found).toContain(w);
  });

  it.each([
    ['苹果手机', ['苹果', '手机']],
    ['  红富士，苹果！ ', ['红富士', '苹果']],
    ['iPhone', ['iphone']],
    ['，。！', []],
  ])('cuts the query %s into words', (q, expected) => {
    expect(queryWords(q)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { diversify } from './diversity.rule.ts';

const shop = (s: string) => Number(s[0]);

describe('home feed shop variety', () => {
  it.each([
    // [ordered items (shop digit + rank letter), per shop, page size, expected]
    [['1a', '1b', '1c', '2a', '3a'], 2, 3, ['1a', '1b', '2a', '1c', '3a']],
    [['1a', '1b', '1c', '1d'], 2, 4, ['1a', '1b', '1c', '1d']],
    [['1a', '2a', '1b', '1c', '2b', '3a'], 1, 3, ['1a', '2a', '3a', '1b', '2b', '1c']],
    [[], 2, 20, []],
  ])('%j, %i per shop, pages of %i → %j', (items, perShop, pageSize, expected) => {
    expect(diversify(items, shop, perShop, pageSize)).toEqual(expected);
  });
});

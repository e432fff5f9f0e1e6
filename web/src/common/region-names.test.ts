import { describe, expect, it } from 'vitest';
import { regionLabel, regionList } from './region-names.ts';

describe('region names', () => {
  it.each([
    ['650000', '新疆维吾尔自治区'],
    ['810100', '香港特别行政区 香港岛'],
    ['330106', '浙江省 西湖区'],
    ['999999', '999999'],
  ])('%s → %s', (code, name) => expect(regionLabel(code)).toBe(name));

  it('shortens a list and says how many there are past the first few', () => {
    expect(regionList(['650000', '540000'], 'zh')).toBe('新疆、西藏');
    expect(regionList(['710000', '810000', '820000', '450000', '150000'], 'zh', 3)).toBe(
      '台湾、香港、澳门 等 5 个',
    );
    expect(regionList(['710000', '810000', '820000'], 'en', 2)).toBe('台湾、香港 (3 in all)');
  });
});

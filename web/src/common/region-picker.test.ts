import { describe, expect, it } from 'vitest';
import { phoneDigits } from './AddressForm.tsx';
import { isCountyCode, regionText } from './RegionPicker.tsx';

// The web words a region as the server does (addresses/regions.ts), from the same table.
describe('regionText', () => {
  it.each([
    ['330106', '浙江省 杭州市 西湖区'],
    ['110105', '北京市 朝阳区'],
    ['500229', '重庆市 城口县'],
    ['419001', '河南省 济源市'],
    ['650102', '新疆维吾尔自治区 乌鲁木齐市 天山区'],
  ])('%s → %s', (code, text) => {
    expect(regionText(code)).toBe(text);
  });

  it.each([
    ['330106', true],
    ['330100', false],
    ['330000', false],
    ['999999', false],
  ])('isCountyCode(%s) is %s', (code, yes) => {
    expect(isCountyCode(code)).toBe(yes);
  });
});

describe('phoneDigits', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
  ])('%j → %j', (typed, sent) => {
    expect(phoneDigits(typed)).toBe(sent);
  });
});

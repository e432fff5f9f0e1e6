import { describe, expect, it } from 'vitest';
import { addressProblems, maskPhone } from './address.rule.ts';
import { isCountyCode, provinceOf, regionName } from './regions.ts';

describe('regionName', () => {
  it.each([
    ['330106', '浙江省 杭州市 西湖区'],
    ['330100', '浙江省 杭州市'],
    ['330000', '浙江省'],
    ['110101', '北京市 东城区'], // a municipality's city repeats its name: said once
    ['110100', '北京市'],
    ['500101', '重庆市 万州区'],
    ['500229', '重庆市 城口县'], // the city level "县" is a grouping, left out
    ['419001', '河南省 济源市'], // 省直辖县
    ['659001', '新疆维吾尔自治区 石河子市'], // 自治区直辖县级行政区划
    ['441901', '广东省 东莞市 中堂镇'],
    ['810101', '香港特别行政区 香港岛 中西区'],
  ])('%s → %s', (code, name) => {
    expect(regionName(code)).toBe(name);
  });

  it.each(['999999', '330199', '33010', '3301066', 'abcdef', ''])('%s is unknown', (code) => {
    expect(regionName(code)).toBeUndefined();
  });
});

describe('isCountyCode and provinceOf', () => {
  it.each([
    ['330106', true],
    ['110101', true],
    ['330100', false],
    ['330000', false],
    ['999999', false],
    ['33010a', false],
    [' 330106', false],
  ])('isCountyCode(%j) is %s', (code, yes) => {
    expect(isCountyCode(code)).toBe(yes);
  });

  it.each([
    ['650102', '650000'],
    ['330106', '330000'],
    ['110000', '110000'],
  ])('provinceOf(%s) is %s', (code, province) => {
    expect(provinceOf(code)).toBe(province);
  });
});

describe('address rules', () => {
  it.each([
    [{ phone: '13812341234' }, []],
    [{ phone: '19912341234' }, []],
    [{ phone: '12812341234' }, ['phone']],
    [{ phone: '1381234123' }, ['phone']],
    [{ phone: '138-1234-1234' }, ['phone']],
    [{ phone: '+8613812341234' }, ['phone']],
    [{ recipient: '' }, ['recipient']],
    [{ recipient: '欧阳'.repeat(12) }, []],
    [{ recipient: '欧阳'.repeat(13) }, ['recipient']],
    [{ detail: '1号' }, []],
    [{ detail: '路' }, ['detail']],
    [{ detail: '路'.repeat(120) }, []],
    [{ detail: '路'.repeat(121) }, ['detail']],
    [{ regionCode: '330106' }, []],
    [{ regionCode: '330100' }, ['regionCode']],
  ])('%j → %j', (input, fields) => {
    expect(addressProblems(input).map((p) => p.field)).toEqual(fields);
  });

  it.each([
    ['13812341234', '138****1234'],
    ['19900000000', '199****0000'],
    ['123', '***'],
  ])('maskPhone(%s) = %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

import { describe, expect, it } from 'vitest';
import { type FeeItem, type FeeResult, type FeeTemplate, freightFee } from './freight-fee.rule.ts';

// ¥8 the first piece, ¥2 each more, free from ¥99; 新疆 remote (¥20 + ¥5), 乌鲁木齐 overridden again,
// 西湖区 cheaper, 广东 dearer; 西藏 (a province), 香港岛 (a city) and one county of 澳门 not delivered.
const byPiece: FeeTemplate = {
  mode: 'piece',
  firstUnits: 1,
  firstFen: 800,
  extraUnits: 1,
  extraFen: 200,
  freeOverFen: 9900,
  regions: [
    { codes: ['650000'], firstFen: 2000, extraFen: 500, remote: true },
    { codes: ['650100'], firstFen: 1500, extraFen: 300, remote: true },
    { codes: ['330106'], firstFen: 500, extraFen: 100, remote: false },
    { codes: ['440000'], firstFen: 1000, extraFen: 300, remote: false },
  ],
  excludedCodes: ['540000', '810100', '820101'],
};
// First 1000 g ¥10, each started 500 g more ¥3.
const byWeight: FeeTemplate = {
  mode: 'weight',
  firstUnits: 1000,
  firstFen: 1000,
  extraUnits: 500,
  extraFen: 300,
  freeOverFen: null,
  regions: [],
  excludedCodes: [],
};

const item = (quantity: number, lineFen = 1000 * quantity, weightGrams = 0): FeeItem => ({
  quantity,
  weightGrams,
  lineFen,
});
const fee = (fen: number, remote = false): FeeResult => ({ ok: true, fen, free: fen === 0, remote });
const notDelivered = (excludedCode: string): FeeResult => ({
  ok: false,
  reason: 'not_delivered',
  excludedCode,
});

const 杭州上城 = '330102';
const 杭州西湖 = '330106';
const 乌鲁木齐天山 = '650102';
const 喀什市 = '653101';
const 广州天河 = '440106';

describe('the shipping fee of a group of items under one template', () => {
  it.each<[string, FeeTemplate, FeeItem[], string, FeeResult]>([
    ['one piece pays the first unit only', byPiece, [item(1)], 杭州上城, fee(800)],
    ['three pieces pay two extra units', byPiece, [item(2), item(1)], 杭州上城, fee(1200)],
    ['no items, nothing to pay', byPiece, [], 杭州上城, fee(0)],
    ['a county override', byPiece, [item(2)], 杭州西湖, fee(600)],
    ['a province override', byPiece, [item(3)], 广州天河, fee(1600)],
    ['the city rule wins over its province', byPiece, [item(2)], 乌鲁木齐天山, fee(1800, true)],
    ['the province rule elsewhere in it', byPiece, [item(2)], 喀什市, fee(2500, true)],
    ['free over ¥99: exactly ¥99.00', byPiece, [item(1, 9900)], 杭州上城, fee(0)],
    ['one fen short of ¥99 pays', byPiece, [item(1, 9899)], 杭州上城, fee(800)],
    ['free over sums the lines', byPiece, [item(1, 5000), item(1, 4900)], 杭州上城, fee(0)],
    ['free over counts for a non-remote override', byPiece, [item(2, 20000)], 杭州西湖, fee(0)],
    ['a remote region is never free', byPiece, [item(1, 50000)], 喀什市, fee(2000, true)],
    ['an excluded province', byPiece, [item(1)], '540102', notDelivered('540000')],
    ['an excluded city', byPiece, [item(1)], '810101', notDelivered('810100')],
    ['an excluded county', byPiece, [item(1)], '820101', notDelivered('820101')],
    ['the next county is delivered', byPiece, [item(1)], '820102', fee(800)],
    ['excluded even above free-over', byPiece, [item(1, 50000)], '540102', notDelivered('540000')],
    ['weight within the first unit', byWeight, [item(2, 100, 500)], 杭州上城, fee(1000)],
    ['one gram over starts an extra unit', byWeight, [item(1, 100, 1001)], 杭州上城, fee(1300)],
    ['extra units round up', byWeight, [item(2, 100, 800)], 杭州上城, fee(1600)],
    ['exactly two extra units', byWeight, [item(1, 100, 2000)], 杭州上城, fee(1600)],
    ['weightless items pay the first unit', byWeight, [item(3, 100, 0)], 杭州上城, fee(1000)],
    [
      'pieces in units of two',
      { ...byPiece, firstUnits: 2, extraUnits: 2, regions: [] },
      [item(5)],
      杭州上城,
      fee(800 + 2 * 200),
    ],
  ])('%s', (_name, template, items, county, expected) => {
    expect(freightFee(template, items, county)).toEqual(expected);
  });
});

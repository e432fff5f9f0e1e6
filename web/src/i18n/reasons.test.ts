import { describe, expect, it } from 'vitest';
import { reasonIn } from './reasons.ts';

describe('a field reason in the reader’s language', () => {
  it.each([
    ['must NOT have fewer than 1 characters', '不能为空'],
    ['must NOT have fewer than 8 characters', '至少 8 个字'],
    ['must NOT have more than 500 characters', '最多 500 个字'],
    ['at most 500 characters', '最多 500 个字'],
    ['must be 8–128 characters', '需为 8–128 个字'],
    ['must be 1 to 200 characters', '需为 1–200 个字'],
    ['must be >= 1', '不能小于 1'],
    ['must be <= 0.8', '不能大于 0.8'],
    ['must be integer', '必须是整数'],
    ["must have required property 'qualificationNumber'", '必填'],
    ['must be equal to one of the allowed values', '不是可选的值'],
    ['must match pattern "^[a-z]+$"', '格式不正确'],
    ['must match format "date-time"', '需为日期和时间'],
    ['must be in the future', '必须是将来的时间'],
    ['no such product', '没有这个商品'],
    ['unknown category', '没有这个类目'],
    [
      'a partial award is between 1 and 39899 fen (below the requested 39900)',
      '部分支持的金额须在 ¥0.01 到 ¥398.99 之间（低于申请的 ¥399.00）',
    ],
    // money as the page shows it elsewhere: ¥2,499.00, not ¥2499.00
    [
      'a partial award is between 1 and 249899 fen (below the requested 249900)',
      '部分支持的金额须在 ¥0.01 到 ¥2,498.99 之间（低于申请的 ¥2,499.00）',
    ],
  ])('%s → %s', (reason, zh) => {
    expect(reasonIn('zh', reason)).toBe(zh);
    expect(reasonIn('en', reason)).toBe(reason);
  });

  it('leaves a reason it does not know as the server wrote it', () => {
    expect(reasonIn('zh', 'a category cannot move under itself or its descendants')).toBe(
      'a category cannot move under itself or its descendants',
    );
    expect(reasonIn('zh', '资质证号 国妆特字G20209999 在登记库中查无此号')).toBe(
      '资质证号 国妆特字G20209999 在登记库中查无此号',
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { verifyQualification } from './registry.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

describe('qualification registry (product rules §6)', () => {
  const food = ['food_production_licence', 'food_business_licence'] as const;
  const check = (number: string | null, accepted: readonly string[] = food) =>
    verifyQualification(ctx.db, { number, accepted: accepted as typeof food, now: ctx.clock.now() });

  it.each([
    [null, 'missing'],
    ['   ', 'missing'],
    ['SC1063205830031', 'bad_shape'],
    ['粤G妆网备字2020123456', 'bad_shape'],
    ['SC99999999999999', 'not_registered'],
    ['SC10344010600052', 'expired'],
    ['SC12437010200088', 'revoked'],
  ] as const)('%s: %s', async (number, problem) => {
    const result = await check(number);
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) {
      expect(result.reason.zh).toBeTruthy();
      expect(result.reason.en).toBeTruthy();
    }
  });

  it('accepts a valid registered number, written with spaces or full-width', async () => {
    expect(await check('SC10632058300312')).toMatchObject({ ok: true, kind: 'food_production_licence' });
    expect(await check('ＳＣ 1063 2058 3003 12')).toMatchObject({ ok: true, number: 'SC10632058300312' });
    expect(await check('国妆特字G20200456', ['cosmetic_registration', 'cosmetic_filing'])).toMatchObject({
      ok: true,
      holder: '示例化妆品有限公司',
    });
  });

  it('says why a revoked number is refused', async () => {
    const result = await check('国妆特字G20190001', ['cosmetic_registration']);
    expect(result).toMatchObject({ ok: false, problem: 'revoked' });
    if (!result.ok) expect(result.reason.zh).toContain('注册证被注销');
  });
});

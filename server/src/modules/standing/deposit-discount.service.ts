import type { Executor } from '../../platform/db.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { currentReputation } from '../reputation/index.ts';
import type { DepositDiscount } from '../settlement/index.ts';
import { depositDiscountVerdict } from './deposit-discount.rule.ts';

/**
 * Standing's answer to settlement's DepositDiscount port (product rules §7.2): the discount the shop's
 * current experience score earns under the configuration in force. The composition roots provide it.
 */
export const standingDepositDiscount: DepositDiscount = {
  async discountBpOf(db: Executor, shopId: number): Promise<number> {
    const { config } = await readCurrentConfig(db);
    const score = (await currentReputation(db, [shopId])).get(shopId)?.score ?? null;
    const verdict = depositDiscountVerdict(score, config.standing.depositDiscount);
    return verdict.kind === 'discount' ? verdict.discountBp : 0;
  },
};

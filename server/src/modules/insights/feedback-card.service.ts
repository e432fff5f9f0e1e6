import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { repeatCustomerIndex } from '../orders/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { npsWindow, shopNpsReport } from '../surveys/index.ts';

/**
 * The merchant dashboard's feedback card (product rules §7.3): the shop's repeat-customer index at
 * 14/30/90 days, and its NPS beside the platform's over the configured window with the answer counts.
 * Members only; another shop answers 404.
 */
export async function shopFeedbackCard(db: Executor, principal: Principal, shopId: number, now: Date) {
  await requireShopMember(db, principal, shopId);
  const { config } = await readCurrentConfig(db);
  const windowDays = config.feedback.nps.windowDays;
  const [[repeat], nps] = await Promise.all([
    repeatCustomerIndex(db, now, [shopId]),
    shopNpsReport(db, shopId, npsWindow(now, windowDays)),
  ]);
  return {
    repeat: repeat
      ? { d14Bp: repeat.d14Bp, d30Bp: repeat.d30Bp, d90Bp: repeat.d90Bp, cohort: repeat.cohort }
      : { d14Bp: null, d30Bp: null, d90Bp: null, cohort: { d14: 0, d30: 0, d90: 0 } },
    nps: { windowDays, from: nps.from, to: nps.to, shop: nps.shop, platform: nps.platform },
  };
}

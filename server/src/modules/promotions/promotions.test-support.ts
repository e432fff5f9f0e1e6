import type { Db } from '../../platform/db.ts';

/**
 * A platform coupon 满100减10 open for claims now (for an hour), written straight into the table: the
 * claim rush's campaign, in its test and in `bench:coupons`.
 */
export async function insertOpenPlatformCampaign(
  db: Db,
  terms: { createdBy: number; issueCap: number; perBuyerLimit: number },
): Promise<number> {
  const now = Date.now();
  const row = await db
    .insertInto('couponCampaigns')
    .values({
      funder: 'platform',
      shopId: null,
      liveSessionId: null,
      title: '满100减10',
      kind: 'threshold',
      thresholdFen: 10_000,
      discountFen: 1_000,
      percentBp: 0,
      capFen: null,
      claimStartsAt: new Date(now - 60_000),
      claimEndsAt: new Date(now + 3_600_000),
      validDays: 7,
      useEndsAt: null,
      perBuyerLimit: terms.perBuyerLimit,
      issueCap: terms.issueCap,
      state: 'active',
      createdBy: terms.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

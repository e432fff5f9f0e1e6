import { sql } from 'kysely';
import type { Tx } from '../../../platform/db.ts';
import type { Fen } from '../../../platform/money.ts';
import type { Settings } from '../../../platform/settings.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { accounts } from '../../ledger/index.ts';
import { carriesGuarantee, deliveredOrderCount, orderShopAndState } from '../../orders/index.ts';
import { lockShopStatus } from '../../settlement/index.ts';
import { ratioBp } from '../protection/ratio.ts';
import { compensationOf, payCompensation } from './compensation.service.ts';
import { calendarMonth, freightPayout, freightPremium } from './freight-insurance.rule.ts';
import { chargeMerchant } from './merchant-charge.service.ts';
import { lockOrderForMoney } from './order-money.ts';

const INSURANCE = 'freight_insurance';

export interface FreightPremiumCharge {
  premiumFen: Fen;
  returnRateBp: number;
  chargeId: number;
  /** What the merchant could not pay: waived (the fund does not pay its own premium). */
  uncollectedFen: Fen;
  replayed: boolean;
}

/**
 * 退货补运费 premium of a shipped order (product rules §4): when any line carries `freight_insurance`, the
 * shop pays a premium priced from its return rate (return_refund requests per delivered order over the
 * last 90 days), into the guarantee fund; what it cannot pay is waived. One per order. Takes the shop's
 * status lock; null when no line is insured.
 */
export async function chargeFreightPremium(
  tx: Tx,
  input: { orderId: number; shopId: number; now: Date },
  settings: Pick<Settings, 'depositTopUpMs'>,
): Promise<FreightPremiumCharge | null> {
  const { orderId, shopId, now } = input;
  await lockShopStatus(tx, shopId, now);
  const cause = { type: 'freight_premium', id: orderId };
  const earlier = await tx
    .selectFrom('freightPremiums as f')
    .innerJoin('merchantCharges as c', (j) =>
      j.on('c.causeType', '=', cause.type).onRef('c.causeId', '=', 'f.orderId'),
    )
    .select(['f.premiumFen', 'f.returnRateBp', 'c.id as chargeId', 'c.uncollectedFen'])
    .where('f.orderId', '=', orderId)
    .executeTakeFirst();
  if (earlier) return { ...earlier, replayed: true };
  if (!(await isInsured(tx, orderId))) return null;

  const { version, policy } = await currentPolicy(tx);
  const returnRateBp = await shopReturnRateBp(tx, shopId, now, policy.freightInsurance.returnHistoryMs);
  const premiumFen = freightPremium(
    { returnRateBp, payoutFen: policy.freightInsurance.payoutFen },
    policy.freightInsurance,
  );
  await tx
    .insertInto('freightPremiums')
    .values({ orderId, shopId, premiumFen, returnRateBp, configVersion: version, at: now })
    .execute();
  const charge = await chargeMerchant(
    tx,
    {
      shopId,
      orderId,
      amountFen: premiumFen,
      kind: 'freight_premium',
      cause,
      to: accounts.guaranteeFund,
      reason: `freight insurance premium of order ${orderId} (shop return rate ${returnRateBp} bp)`,
      coverShortfall: false,
      now,
    },
    settings,
  );
  return {
    premiumFen,
    returnRateBp,
    chargeId: charge.chargeId,
    uncollectedFen: charge.uncollectedFen,
    replayed: false,
  };
}

export type ReturnFreightOutcome =
  | { status: 'paid'; compensationId: number; amountFen: Fen; capped: boolean; replayed: boolean }
  /** The buyer's payouts this month reached the cap: nothing paid. */
  | { status: 'cap_reached'; paidThisMonthFen: Fen }
  /** The returned line (or, for a whole-order request, every line) is not insured. */
  | { status: 'not_insured' };

/**
 * 退货补运费 payout (product rules §4): once a return_refund of an insured line has refunded, the platform
 * pays the buyer's return shipping (`payoutFen`) from the guarantee fund, capped per buyer per calendar
 * month in the policy's timezone (`monthlyCapFen`): the payout that reaches the cap is cut to what is
 * left. One per order. Takes the shop's status lock, then a lock per buyer (payouts of one buyer are
 * counted one at a time, whichever shop), then the order row.
 */
export async function payReturnFreight(
  tx: Tx,
  input: { requestId: number; orderId: number; buyerId: number; now: Date },
  settings: Pick<Settings, 'depositTopUpMs'>,
): Promise<ReturnFreightOutcome> {
  const { requestId, orderId, buyerId, now } = input;
  const request = await tx
    .selectFrom('aftersalesRequests')
    .select(['orderLineId', 'orderId', 'type'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  if (request.orderId !== orderId || request.type !== 'return_refund')
    throw new RangeError(`request ${requestId} is not a return of order ${orderId}`);
  if (!(await isInsured(tx, orderId, request.orderLineId))) return { status: 'not_insured' };

  const order = await orderShopAndState(tx, orderId);
  if (!order) throw new Error(`order ${orderId} of request ${requestId} not found`);
  await lockShopStatus(tx, order.shopId, now);
  await sql`select pg_advisory_xact_lock(hashtextextended(${`return_freight:${buyerId}`}, 0))`.execute(tx);
  await lockOrderForMoney(tx, orderId, now);
  const earlier = await compensationOf(tx, orderId, 'return_freight');
  if (earlier)
    return {
      status: 'paid',
      compensationId: earlier.id,
      amountFen: earlier.amountFen,
      capped: false,
      replayed: true,
    };

  const { version, policy } = await currentPolicy(tx);
  const month = calendarMonth(now, policy.timezoneOffsetMinutes);
  const paid = await tx
    .selectFrom('compensations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('fen'))
    .where('buyerId', '=', buyerId)
    .where('kind', '=', 'return_freight')
    .where('at', '>=', month.start)
    .where('at', '<', month.end)
    .executeTakeFirstOrThrow();
  const paidThisMonthFen = Number(paid.fen);
  const payout = freightPayout({ paidThisMonthFen }, policy.freightInsurance);
  if (payout.payFen === 0) return { status: 'cap_reached', paidThisMonthFen };
  const compensation = await payCompensation(
    tx,
    {
      orderId,
      requestId,
      kind: 'return_freight',
      amountFen: payout.payFen,
      payer: 'platform',
      rule: INSURANCE,
      inputs: {
        payoutFen: policy.freightInsurance.payoutFen,
        monthlyCapFen: policy.freightInsurance.monthlyCapFen,
        paidThisMonthFen,
        monthStart: month.start.toISOString(),
      },
      configVersion: version,
      now,
    },
    settings,
  );
  return { status: 'paid', amountFen: payout.payFen, capped: payout.capped, ...compensation };
}

/** Whether the line (or, with no line, any line of the order) carries freight insurance, as frozen at checkout. */
export function isInsured(tx: Tx, orderId: number, orderLineId: number | null = null): Promise<boolean> {
  return carriesGuarantee(tx, { orderId, orderLineId, guarantee: INSURANCE });
}

/**
 * The shop's returns per delivered order over the return history window
 * (`aftersales.freightInsurance.returnHistoryMs`), in basis points (at most 100%).
 */
async function shopReturnRateBp(tx: Tx, shopId: number, now: Date, historyMs: number): Promise<number> {
  const since = new Date(now.getTime() - historyMs);
  const row = await sql<{ returns: number }>`
    select count(*)::int as returns from aftersales_requests
    where shop_id = ${shopId} and type = 'return_refund' and state not in ('rejected', 'closed')
      and created_at >= ${since} and created_at <= ${now}`.execute(tx);
  const { returns } = row.rows[0]!;
  const delivered = await deliveredOrderCount(tx, shopId, since, now);
  return Math.min(10_000, ratioBp(returns, delivered));
}

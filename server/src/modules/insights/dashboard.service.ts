import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { type RefundFigures, refundFiguresByCohort } from '../aftersales/protection/index.ts';
import { currentPolicy } from '../configuration/index.ts';
import { type ShopBalances, shopBalances } from '../settlement/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { lastLocalDays, localDate } from './local-days.rule.ts';

export interface DashboardFigures {
  gmvFen: number;
  paidOrders: number;
  refundCount: number;
  refundFen: number;
  refundRequests: number;
  refundRateBp: number;
  eligibleOrders: number;
  qualityRefunds: number;
  qualityRefundRateBp: number;
}

export interface Dashboard {
  shopId: number;
  days: number;
  utcOffsetMinutes: number;
  from: string;
  to: string;
  generatedAt: Date;
  series: (DashboardFigures & { date: string })[];
  totals: DashboardFigures;
  balances: ShopBalances;
}

const NO_REFUNDS: RefundFigures = {
  paidOrders: 0,
  refundRequests: 0,
  excludedFreightAbuseReturns: 0,
  refundRateBp: 0,
  eligibleOrders: 0,
  qualityRefunds: 0,
  qualityRefundRateBp: 0,
};

interface DayRow {
  day: string;
  fen: number;
  n: number;
}

/**
 * The merchant dashboard (issue 6): per local day of the platform calendar, every day present, the
 * GMV and orders paid, the refunds paid back, and the refund and quality-refund rates of the orders
 * paid that day (the definitions of the protection metrics, DOMAIN.md §5); totals; the balances.
 */
export async function shopDashboard(
  db: Executor,
  principal: Principal,
  input: { shopId: number; days: number; now: Date },
): Promise<Dashboard> {
  const { shopId, now } = input;
  await requireShopMember(db, principal, shopId);
  const { policy } = await currentPolicy(db);
  const offset = policy.timezoneOffsetMinutes;
  const days = lastLocalDays(now, offset, input.days);
  const from = days[0]!.start;
  const dayOf = (column: string) =>
    sql<string>`to_char(${sql.ref(column)} at time zone 'UTC' + make_interval(mins => ${offset}), 'YYYY-MM-DD')`;

  const [paid, refunds, rates, balances] = await Promise.all([
    sql<DayRow>`
      select ${dayOf('o.paid_at')} as day, coalesce(sum(o.total_fen), 0)::bigint as fen, count(*)::int as n
      from orders o
      where o.shop_id = ${shopId} and o.paid_at >= ${from} and o.paid_at <= ${now}
      group by 1`.execute(db),
    // Money that went back to buyers of the shop's orders; a refund of a payment that arrived after
    // its order was gone (cause 'payment') was never the shop's sale.
    sql<DayRow>`
      select ${dayOf('r.completed_at')} as day, coalesce(sum(r.amount_fen), 0)::bigint as fen, count(*)::int as n
      from refunds r
      join orders o on o.id = r.order_id
      where o.shop_id = ${shopId} and r.state = 'succeeded' and r.cause_type <> 'payment'
        and r.completed_at >= ${from} and r.completed_at <= ${now}
      group by 1`.execute(db),
    refundFiguresByCohort(db, {
      shopId,
      // The window of the metrics is (from, to]: one millisecond back keeps local midnight in.
      from: new Date(from.getTime() - 1),
      to: now,
      cohortOf: (paidAt) => (paidAt >= from ? localDate(paidAt, offset) : undefined),
    }),
    shopBalances(db, principal, shopId, now),
  ]);

  const paidByDay = new Map(paid.rows.map((r) => [r.day, r]));
  const refundsByDay = new Map(refunds.rows.map((r) => [r.day, r]));
  const figures = (p: DayRow | undefined, r: DayRow | undefined, rate: RefundFigures): DashboardFigures => ({
    gmvFen: Number(p?.fen ?? 0),
    paidOrders: p?.n ?? 0,
    refundCount: r?.n ?? 0,
    refundFen: Number(r?.fen ?? 0),
    refundRequests: rate.refundRequests,
    refundRateBp: rate.refundRateBp,
    eligibleOrders: rate.eligibleOrders,
    qualityRefunds: rate.qualityRefunds,
    qualityRefundRateBp: rate.qualityRefundRateBp,
  });
  const series = days.map(({ date }) => ({
    date,
    ...figures(paidByDay.get(date), refundsByDay.get(date), rates.cohorts.get(date) ?? NO_REFUNDS),
  }));
  const sum = (key: 'gmvFen' | 'paidOrders' | 'refundCount' | 'refundFen') =>
    series.reduce((total, day) => total + day[key], 0);
  return {
    shopId,
    days: input.days,
    utcOffsetMinutes: offset,
    from: days[0]!.date,
    to: days.at(-1)!.date,
    generatedAt: now,
    series,
    totals: {
      gmvFen: sum('gmvFen'),
      paidOrders: sum('paidOrders'),
      refundCount: sum('refundCount'),
      refundFen: sum('refundFen'),
      refundRequests: rates.all.refundRequests,
      refundRateBp: rates.all.refundRateBp,
      eligibleOrders: rates.all.eligibleOrders,
      qualityRefunds: rates.all.qualityRefunds,
      qualityRefundRateBp: rates.all.qualityRefundRateBp,
    },
    balances,
  };
}

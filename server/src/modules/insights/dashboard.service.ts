import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { aftersalesToDo, type RefundFigures, refundFiguresByCohort } from '../aftersales/index.ts';
import { chatToDo } from '../chat/index.ts';
import { currentPolicy } from '../configuration/index.ts';
import { type FulfilmentHooks, ordersToShip } from '../fulfilment/index.ts';
import { violationsToFix } from '../governance/index.ts';
import { paidByLocalDay } from '../orders/index.ts';
import { refundsByLocalDay } from '../payments/index.ts';
import { type ShopBalances, shopBalances } from '../settlement/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { changeBp, dailyRateBp, MIN_ORDERS_FOR_DAILY_RATE } from './daily-rate.rule.ts';
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

export interface DashboardDay extends Omit<DashboardFigures, 'refundRateBp' | 'qualityRefundRateBp'> {
  date: string;
  /** Null on a day with too few orders for a rate to mean anything. */
  refundRateBp: number | null;
  qualityRefundRateBp: number | null;
}

export interface DashboardToDo {
  toShip: { count: number; dueSoon: number; soonestShipByAt: Date | null };
  aftersales: { count: number; soonestDeadlineAt: Date | null };
  violations: { count: number; soonestFixBy: Date | null };
  deposit: { shortfallFen: number; topUpDueAt: Date | null };
  chat: { waiting: number; longestWaitingSince: Date | null };
}

export interface Dashboard {
  shopId: number;
  days: number;
  utcOffsetMinutes: number;
  from: string;
  to: string;
  generatedAt: Date;
  series: DashboardDay[];
  totals: DashboardFigures;
  minOrdersForDailyRate: number;
  previous: {
    from: string;
    to: string;
    totals: DashboardFigures;
    changeBp: { gmvFen: number | null; paidOrders: number | null; refundFen: number | null };
  };
  todo: DashboardToDo;
  balances: ShopBalances;
  /** Requests of the period left out of the rates, and why (product rules §7.6). */
  exclusions: DashboardExclusions;
}

export interface DashboardExclusions {
  highRefundRequests: number;
  freightAbuseReturns: number;
}

/** An order to ship is "about to be late" (即将超时) from 12 h before its ship-by promise. */
export const DUE_SOON_MS = 12 * 3_600_000;

const NO_REFUNDS: RefundFigures = {
  paidOrders: 0,
  refundRequests: 0,
  excludedFreightAbuseReturns: 0,
  excludedHighRefundRequests: 0,
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
 * paid that day (the definitions of the protection metrics, product rules §5); totals, and those of the
 * period before to compare with; what waits for the shop (issue 12); the balances.
 */
export async function shopDashboard(
  db: Executor,
  principal: Principal,
  input: { shopId: number; days: number; now: Date },
  hooks: Pick<FulfilmentHooks, 'refundedLines'>,
): Promise<Dashboard> {
  const { shopId, now } = input;
  await requireShopMember(db, principal, shopId);
  const { policy } = await currentPolicy(db);
  const offset = policy.timezoneOffsetMinutes;
  const days = lastLocalDays(now, offset, input.days);
  const from = days[0]!.start;
  const previousDays = lastLocalDays(new Date(from.getTime() - 1), offset, input.days);
  const previousFrom = previousDays[0]!.start;

  const [paid, refunds, rates, previousRates, balances, toShip, aftersales, violations, chat] =
    await Promise.all([
      paidByLocalDay(db, { shopId, from: previousFrom, to: now, offsetMinutes: offset }),
      // Money that went back to buyers of the shop's orders; a refund of a payment that arrived after
      // its order was gone (cause 'payment') was never the shop's sale.
      refundsByLocalDay(db, { shopId, from: previousFrom, to: now, offsetMinutes: offset }),
      refundFiguresByCohort(db, {
        shopId,
        // The window of the metrics is (from, to]: one millisecond back keeps local midnight in.
        from: new Date(from.getTime() - 1),
        to: now,
        cohortOf: (paidAt) => (paidAt >= from ? localDate(paidAt, offset) : undefined),
      }),
      refundFiguresByCohort(db, {
        shopId,
        from: new Date(previousFrom.getTime() - 1),
        to: new Date(from.getTime() - 1),
        cohortOf: () => 'previous',
      }),
      shopBalances(db, principal, shopId, now),
      // Paid, unshipped orders are few per shop (48 h of them): one page holds them for the due-soon count.
      ordersToShip(db, principal, shopId, now, { limit: 500, offset: 0 }, hooks),
      aftersalesToDo(db, shopId),
      violationsToFix(db, shopId, now),
      chatToDo(db, shopId),
    ]);

  const paidByDay = new Map(paid.map((r) => [r.day, r]));
  const refundsByDay = new Map(refunds.map((r) => [r.day, r]));
  const figures = (p: DayRow | undefined, r: DayRow | undefined, rate: RefundFigures, date: string) => ({
    date,
    figures: {
      gmvFen: Number(p?.fen ?? 0),
      paidOrders: p?.n ?? 0,
      refundCount: r?.n ?? 0,
      refundFen: Number(r?.fen ?? 0),
      refundRequests: rate.refundRequests,
      refundRateBp: rate.refundRateBp,
      eligibleOrders: rate.eligibleOrders,
      qualityRefunds: rate.qualityRefunds,
      qualityRefundRateBp: rate.qualityRefundRateBp,
    } satisfies DashboardFigures,
  });
  const daysOf = (list: { date: string }[]) =>
    list.map(({ date }) =>
      figures(paidByDay.get(date), refundsByDay.get(date), rates.cohorts.get(date) ?? NO_REFUNDS, date),
    );
  const series = daysOf(days).map(({ figures: f, date }) => ({
    date,
    ...f,
    refundRateBp: dailyRateBp(f.paidOrders, f.refundRateBp),
    qualityRefundRateBp: dailyRateBp(f.eligibleOrders, f.qualityRefundRateBp),
  }));
  const totals = sumOf(
    daysOf(days).map((d) => d.figures),
    rates.all,
  );
  const previousTotals = sumOf(
    daysOf(previousDays).map((d) => d.figures),
    previousRates.all,
  );
  return {
    shopId,
    days: input.days,
    utcOffsetMinutes: offset,
    from: days[0]!.date,
    to: days.at(-1)!.date,
    generatedAt: now,
    series,
    totals,
    minOrdersForDailyRate: MIN_ORDERS_FOR_DAILY_RATE,
    previous: {
      from: previousDays[0]!.date,
      to: previousDays.at(-1)!.date,
      totals: previousTotals,
      changeBp: {
        gmvFen: changeBp(totals.gmvFen, previousTotals.gmvFen),
        paidOrders: changeBp(totals.paidOrders, previousTotals.paidOrders),
        refundFen: changeBp(totals.refundFen, previousTotals.refundFen),
      },
    },
    todo: {
      toShip: {
        count: toShip.total,
        dueSoon: toShip.items.filter((o) => o.shipByAt.getTime() - now.getTime() <= DUE_SOON_MS).length,
        soonestShipByAt: toShip.items[0]?.shipByAt ?? null,
      },
      aftersales,
      violations,
      deposit: { shortfallFen: balances.depositShortfallFen, topUpDueAt: balances.settlement.topUpDueAt },
      chat,
    },
    balances,
    exclusions: {
      highRefundRequests: rates.all.excludedHighRefundRequests,
      freightAbuseReturns: rates.all.excludedFreightAbuseReturns,
    },
  };
}

/** Totals over days: sums of the day figures, the rates over all the orders of the period. */
function sumOf(list: DashboardFigures[], rates: RefundFigures): DashboardFigures {
  const sum = (key: 'gmvFen' | 'paidOrders' | 'refundCount' | 'refundFen') =>
    list.reduce((total, day) => total + day[key], 0);
  return {
    gmvFen: sum('gmvFen'),
    paidOrders: sum('paidOrders'),
    refundCount: sum('refundCount'),
    refundFen: sum('refundFen'),
    refundRequests: rates.refundRequests,
    refundRateBp: rates.refundRateBp,
    eligibleOrders: rates.eligibleOrders,
    qualityRefunds: rates.qualityRefunds,
    qualityRefundRateBp: rates.qualityRefundRateBp,
  };
}

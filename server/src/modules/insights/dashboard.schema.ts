import { type TSchema, Type } from '@sinclair/typebox';
import { BasisPoints, Fen, Id, Timestamp } from '../../platform/schemas.ts';
import { BalancesSchema } from '../settlement/index.ts';

export const DashboardQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({ minimum: 7, maximum: 90, default: 30, description: 'how many local days, ending today' }),
  ),
});

const Figures = {
  gmvFen: Type.Integer({ minimum: 0, description: 'amounts of the orders paid (GMV), in fen' }),
  paidOrders: Type.Integer({ minimum: 0 }),
  refundCount: Type.Integer({ minimum: 0, description: 'refunds paid back to buyers' }),
  refundFen: Type.Integer({ minimum: 0, description: 'their amount, in fen' }),
  refundRequests: Type.Integer({
    minimum: 0,
    description: 'refund requests on the orders paid (as GET /shops/{id}/aftersales/metrics)',
  }),
  refundRateBp: Type.Integer({
    minimum: 0,
    description: 'refund rate of the orders paid, in basis points (same definition as the refund metrics)',
  }),
  eligibleOrders: Type.Integer({ minimum: 0, description: 'orders the quality-refund rate counts' }),
  qualityRefunds: Type.Integer({ minimum: 0 }),
  qualityRefundRateBp: BasisPoints,
};

const Null = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const DashboardDaySchema = Type.Object({
  date: Type.String({ format: 'date', description: 'day of the platform calendar (Asia/Shanghai)' }),
  ...Figures,
  refundRateBp: Null(
    Type.Integer({
      minimum: 0,
      description:
        'the day’s refund rate; null when fewer than `minOrdersForDailyRate` orders were paid that day',
    }),
  ),
  qualityRefundRateBp: Null({
    ...BasisPoints,
    description: 'null when the day counts fewer than `minOrdersForDailyRate` eligible orders',
  }),
});

const change = (what: string) =>
  Null(
    Type.Integer({
      description: `change of ${what} against the previous period, in basis points (+1200 = +12%); null when the previous period had none`,
    }),
  );

export const DashboardToDoSchema = Type.Object(
  {
    toShip: Type.Object({
      count: Type.Integer({
        minimum: 0,
        description: 'orders with something left to ship (as GET /shops/{id}/orders-to-ship)',
      }),
      dueSoon: Type.Integer({
        minimum: 0,
        description: 'of them, those whose ship-by promise is less than 12 h away or already broken',
      }),
      soonestShipByAt: Null(Timestamp),
    }),
    aftersales: Type.Object({
      count: Type.Integer({
        minimum: 0,
        description:
          'requests waiting for the merchant (as GET /shops/{id}/aftersales?awaitingMerchant=true)',
      }),
      soonestDeadlineAt: Null(Timestamp),
    }),
    violations: Type.Object({
      count: Type.Integer({
        minimum: 0,
        description: 'warnings the shop can still fix before their deadline',
      }),
      soonestFixBy: Null(Timestamp),
    }),
    deposit: Type.Object({
      shortfallFen: Fen,
      topUpDueAt: Null(Timestamp),
    }),
    chat: Type.Object({
      waiting: Type.Integer({
        minimum: 0,
        description:
          'buyers queued for a person that nobody has taken (as GET /shops/{id}/chat/inbox?status=waiting)',
      }),
      longestWaitingSince: Null(Timestamp),
    }),
  },
  { description: 'what waits for the shop now, each with its soonest deadline' },
);

export const DashboardSchema = Type.Object({
  shopId: Id,
  days: Type.Integer(),
  utcOffsetMinutes: Type.Integer({ description: 'the platform calendar: 480 is Asia/Shanghai' }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date', description: 'today' }),
  generatedAt: Timestamp,
  series: Type.Array(DashboardDaySchema, {
    description:
      'every day from `from` to `to`, zeros included. GMV, orders and the rates are by day of payment (the rates over the orders paid that day, as they stand now); refunds by the day the money went back',
  }),
  totals: Type.Object(Figures, { description: 'over the whole period' }),
  minOrdersForDailyRate: Type.Integer({
    description: 'a day’s rates are shown from this many orders on (one order refunded of one says nothing)',
  }),
  previous: Type.Object(
    {
      from: Type.String({ format: 'date' }),
      to: Type.String({ format: 'date' }),
      totals: Type.Object(Figures),
      changeBp: Type.Object({
        gmvFen: change('GMV'),
        paidOrders: change('the orders paid'),
        refundFen: change('the money refunded'),
      }),
    },
    { description: 'the same number of days just before `from`, to compare with' },
  ),
  todo: DashboardToDoSchema,
  balances: BalancesSchema,
  exclusions: Type.Object(
    {
      highRefundRequests: Type.Integer({
        minimum: 0,
        description: 'requests of buyers labelled high-refund (薅羊毛) on the period’s orders',
      }),
      freightAbuseReturns: Type.Integer({
        minimum: 0,
        description: 'no-quality returns of products flagged for freight abuse (薅运费)',
      }),
    },
    {
      description:
        'requests on the orders paid in the period that the refund and quality-refund rates leave out, and why (product rules §7.6)',
    },
  ),
});

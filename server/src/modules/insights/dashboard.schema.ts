import { Type } from '@sinclair/typebox';
import { BasisPoints, Id, Timestamp } from '../../platform/schemas.ts';
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

export const DashboardDaySchema = Type.Object({
  date: Type.String({ format: 'date', description: 'day of the platform calendar (Asia/Shanghai)' }),
  ...Figures,
});

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
  balances: BalancesSchema,
});

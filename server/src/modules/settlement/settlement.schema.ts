import { Type } from '@sinclair/typebox';
import { Fen, Id, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

export const AmountBody = Type.Object(
  {
    amountFen: Type.Integer({
      minimum: 1,
      maximum: 100_000_000_00,
      description: 'integer fen (1/100 CNY), at least 1 and at most ¥100,000,000',
    }),
  },
  { additionalProperties: false },
);

const HoldReasonSchema = Type.Union([
  Type.Literal('deposit_below_requirement'),
  Type.Literal('deposit_not_topped_up'),
  Type.Literal('governance_penalty'),
]);
const SettlementStateSchema = Type.Union([Type.Literal('frozen'), Type.Literal('settled')]);

export const BalancesSchema = Type.Object({
  shopId: Id,
  pendingFen: Type.Integer({ description: 'buyers’ money in escrow for paid, unsettled orders' }),
  availableFen: Fen,
  depositFen: Fen,
  requiredDepositFen: Fen,
  depositShortfallFen: Fen,
  withdrawableDepositFen: Fen,
  zeroDepositEligible: Type.Boolean({ description: 'all the shop’s categories allow 0元开店' }),
  settlement: Type.Object({
    state: Type.Union([Type.Literal('open'), Type.Literal('frozen')]),
    reason: Type.Union([HoldReasonSchema, Type.Null()]),
    topUpDueAt: Type.Union([Timestamp, Type.Null()]),
    topUpTargetFen: Fen,
  }),
});

export const SettlementSchema = Type.Object({
  id: Id,
  orderId: Id,
  state: SettlementStateSchema,
  holdReason: Type.Union([HoldReasonSchema, Type.Null()]),
  paidFen: Fen,
  refundedFen: Fen,
  platformCommissionFen: Fen,
  creatorCommissionFen: Fen,
  depositWithheldFen: Fen,
  subsidyFen: Type.Integer({
    minimum: 0,
    description:
      "the platform coupon's discount of what was not refunded, paid by the platform (included in merchantFen)",
  }),
  merchantFen: Fen,
  createdAt: Timestamp,
  frozenAt: Type.Union([Timestamp, Type.Null()]),
  settledAt: Type.Union([Timestamp, Type.Null()]),
});
export const SettlementPage = Page(SettlementSchema);
export const SettlementListQuery = Type.Intersect([
  Pagination,
  Type.Object({ state: Type.Optional(SettlementStateSchema) }),
]);

export const WithdrawalSchema = Type.Object({
  id: Id,
  source: Type.Union([
    Type.Literal('merchant_available'),
    Type.Literal('merchant_deposit'),
    Type.Literal('creator_commission'),
  ]),
  shopId: Type.Union([Id, Type.Null()]),
  creatorUserId: Type.Union([Id, Type.Null()]),
  amountFen: Fen,
  provider: Type.String(),
  providerRef: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});
export const WithdrawalPage = Page(WithdrawalSchema);

export const DepositPaymentSchema = Type.Object({
  id: Id,
  shopId: Id,
  amountFen: Fen,
  provider: Type.String(),
  providerRef: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  depositFen: Type.Integer({ description: 'the deposit after this payment' }),
  releasedSettlements: Type.Integer({ description: 'frozen settlements this payment released' }),
});

export const CommissionSchema = Type.Object({
  userId: Id,
  balanceFen: Fen,
  earnedFen: Fen,
  withdrawnFen: Fen,
});

export const CommissionEarningSchema = Type.Object({
  id: Id,
  orderId: Id,
  paidFen: Fen,
  refundedFen: Fen,
  creatorCommissionFen: Fen,
  settledAt: Timestamp,
});
export const CommissionEarningPage = Page(CommissionEarningSchema);

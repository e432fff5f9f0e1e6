import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';

const data = (properties: Record<string, TSchema>) =>
  Type.Object(properties, { additionalProperties: false });

/** Settlement events (migration 0110): `settlements`, `withdrawals` and the deposit's ledger postings. */
export const settlementEvents: EventDefinition[] = [
  {
    type: 'settlement.paid',
    version: 1,
    resource: 'settlement',
    shopScoped: true,
    summary: "An order's settlement was paid to the shop",
    description:
      "Written when an order's settlement settles (after the after-sales window, or when a freeze lifts): merchantFen moved to the shop's available balance, with the split.",
    schema: data({
      settlementId: Id,
      orderId: Id,
      paidFen: Fen,
      refundedFen: Fen,
      platformCommissionFen: Fen,
      creatorCommissionFen: Fen,
      depositWithheldFen: Fen,
      subsidyFen: Fen,
      merchantFen: Type.Integer(),
      settledAt: Timestamp,
    }),
  },
  {
    type: 'withdrawal.paid',
    version: 1,
    resource: 'withdrawal',
    shopScoped: true,
    summary: 'A withdrawal was paid out',
    description:
      "Written when a withdrawal is paid out to the payout provider (from the shop's available balance or from its deposit above the requirement; a creator's commission withdrawal is a platform event without a shop).",
    schema: data({
      withdrawalId: Id,
      source: Type.String(),
      amountFen: Fen,
      provider: Type.String(),
      paidAt: Timestamp,
    }),
  },
  {
    type: 'deposit.changed',
    version: 1,
    resource: 'deposit',
    shopScoped: true,
    summary: "The shop's deposit changed",
    description:
      "Written for every movement of the shop's deposit (a payment in, a deduction for a fine or compensation, a withdrawal, a settlement's withholding): changeFen signed, depositFen the deposit after it, reason the ledger entry's kind.",
    schema: data({
      shopId: Id,
      changeFen: Type.Integer(),
      depositFen: Type.Integer(),
      reason: Type.String(),
      causeType: Type.String(),
      causeId: Id,
      ledgerEntryId: Id,
      changedAt: Timestamp,
    }),
  },
];

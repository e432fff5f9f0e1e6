import { Type } from '@sinclair/typebox';
import { Id, Timestamp } from '../../platform/schemas.ts';

/** Signed: balances and postings may be negative, unlike prices. */
const SignedFen = Type.Integer({ description: 'signed integer fen (1/100 CNY)' });
const AccountCode = Type.String({
  pattern: '^[a-z][a-z_]*(:[1-9][0-9]{0,15})?$',
  maxLength: 80,
  description: 'account code: escrow, platform_commission_revenue, merchant_available:<shopId>, ...',
});
const Cause = Type.Object({ type: Type.String(), id: Id });

export const LedgerReportSchema = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer({ minimum: 0 }),
  unbalancedEntries: Type.Array(
    Type.Object({ entryId: Id, idempotencyKey: Type.String(), sumFen: SignedFen, postings: Type.Integer() }),
  ),
  cachedMismatches: Type.Array(
    Type.Object({ accountCode: Type.String(), cachedFen: SignedFen, postedFen: SignedFen }),
  ),
  negativeBalances: Type.Array(
    Type.Object({ accountCode: Type.String(), balanceFen: SignedFen, lowestBucketFen: SignedFen }),
  ),
  unknownAccounts: Type.Array(Type.String()),
});

export const AccountParams = Type.Object({ code: AccountCode });

export const StatementQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
  { additionalProperties: false },
);

export const AccountStatementSchema = Type.Object({
  account: Type.Object({
    code: Type.String(),
    type: Type.Union([
      Type.Literal('external'),
      Type.Literal('holding'),
      Type.Literal('payable'),
      Type.Literal('revenue'),
      Type.Literal('reserve'),
      Type.Literal('expense'),
    ]),
    ownerKind: Type.Union([Type.Literal('shop'), Type.Literal('user'), Type.Null()]),
    ownerId: Type.Union([Id, Type.Null()]),
    mayGoNegative: Type.Boolean(),
    createdAt: Timestamp,
  }),
  balanceFen: SignedFen,
  postings: Type.Array(
    Type.Object({
      entryId: Id,
      kind: Type.String(),
      cause: Cause,
      memo: Type.Union([Type.String(), Type.Null()]),
      amountFen: SignedFen,
      createdAt: Timestamp,
    }),
  ),
});

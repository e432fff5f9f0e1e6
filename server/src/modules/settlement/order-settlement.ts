import type { Executor } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import type { SettlementState } from './settlement.tables.ts';

export interface OrderSettlement {
  id: number;
  state: SettlementState;
  settledFen: Fen;
  platformCommissionFen: Fen;
  creatorUserId: number | null;
  creatorCommissionFen: Fen;
  depositWithheldFen: Fen;
  merchantFen: Fen;
  /** The platform discount paid to the merchant from the platform's subsidy. */
  subsidyFen: Fen;
  settledAt: Date | null;
}

/**
 * An order's settlement, or null when it has none. After-sales needs it: a refund of an order not
 * settled comes from escrow; of a settled one, back from the merchant (product rules §5).
 */
export async function getOrderSettlement(db: Executor, orderId: number): Promise<OrderSettlement | null> {
  const row = await db
    .selectFrom('settlements')
    .select([
      'id',
      'state',
      'paidFen',
      'refundedFen',
      'platformCommissionFen',
      'creatorUserId',
      'creatorCommissionFen',
      'depositWithheldFen',
      'merchantFen',
      'subsidyFen',
      'settledAt',
    ])
    .where('orderId', '=', orderId)
    .executeTakeFirst();
  if (!row) return null;
  const { paidFen, refundedFen, ...rest } = row;
  return { ...rest, settledFen: paidFen - refundedFen };
}

import type { ColumnType, Generated } from 'kysely';

export type PaymentState = 'pending' | 'succeeded' | 'failed' | 'timed_out';
export type RefundState = 'pending' | 'succeeded' | 'failed';
export type SandboxOutcome = 'succeed' | 'fail' | 'timeout';

export interface PaymentsTable {
  id: Generated<number>;
  groupId: number;
  buyerId: number;
  amountFen: number;
  provider: string;
  sandboxOutcome: SandboxOutcome | null;
  state: ColumnType<PaymentState, PaymentState | undefined>;
  providerRef: string | null;
  failureReason: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
  completedAt: Date | null;
}

export interface RefundsTable {
  id: Generated<number>;
  paymentId: number;
  orderId: number;
  amountFen: number;
  reason: string;
  causeType: string;
  causeId: number;
  state: ColumnType<RefundState, RefundState | undefined>;
  providerRef: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
  completedAt: Date | null;
  /** Where the money came from: escrow (settlement takes it off), or moved back into escrow first. */
  source: ColumnType<RefundSource, RefundSource | undefined>;
  orderLineId: ColumnType<number | null, number | null | undefined>;
}

export type RefundSource = 'escrow' | 'clawback' | 'deposit';

export interface PaymentOrdersTable {
  paymentId: number;
  orderId: number;
}

export interface PaymentsTables {
  payments: PaymentsTable;
  paymentOrders: PaymentOrdersTable;
  refunds: RefundsTable;
}

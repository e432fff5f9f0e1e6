import type { SandboxOutcome } from './payments.tables.ts';

export type ChargeResult =
  | { status: 'succeeded'; providerRef: string }
  | { status: 'failed'; reason: string }
  /** No answer in time: the outcome arrives later through the provider's notification. */
  | { status: 'pending' };

export interface ChargeRequest {
  paymentId: number;
  amountFen: number;
  sandboxOutcome: SandboxOutcome | null;
}

export interface RefundRequest {
  refundId: number;
  paymentId: number;
  amountFen: number;
}

/**
 * What the platform needs from a payment provider. Calls are idempotent by our ids (paymentId,
 * refundId), as real providers' idempotency keys are, so a retried call never charges or refunds twice.
 */
export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(
    request: RefundRequest,
  ): Promise<{ status: 'succeeded'; providerRef: string } | { status: 'failed'; reason: string }>;
}

/**
 * The default provider: succeeds, fails, or never answers (timeout), as each payment asks, so that
 * every path is testable and demonstrable. Its late answers are driven through the sandbox
 * notification route.
 */
export const sandboxProvider: PaymentProvider = {
  name: 'sandbox',
  async charge({ paymentId, sandboxOutcome }) {
    switch (sandboxOutcome ?? 'succeed') {
      case 'succeed':
        return { status: 'succeeded', providerRef: `sandbox-pay-${paymentId}` };
      case 'fail':
        return { status: 'failed', reason: 'sandbox: card declined' };
      case 'timeout':
        return { status: 'pending' };
    }
  },
  async refund({ refundId }) {
    return { status: 'succeeded', providerRef: `sandbox-refund-${refundId}` };
  },
};

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
 * A sandbox provider: succeeds, fails, or never answers (timeout), as each payment asks, so that every
 * path is testable and demonstrable. Like a real provider it keeps the answer of each charge under its
 * idempotency key, the payment id: a charge driven again (a retry after a crash lost the first answer)
 * gets the first answer and charges nothing more. It remembers the latest `memory` charges. Its late
 * answers are driven through the sandbox notification route.
 */
export function createSandboxProvider(memory = 100_000): PaymentProvider & { readonly charges: number } {
  const answers = new Map<number, ChargeResult>();
  let charges = 0;
  return {
    name: 'sandbox',
    /** Successful charges made: a charge driven again under a known payment id is not another. */
    get charges() {
      return charges;
    },
    async charge({ paymentId, sandboxOutcome }) {
      const known = answers.get(paymentId);
      if (known) return known;
      const answer = sandboxAnswer(paymentId, sandboxOutcome);
      if (answer.status === 'succeeded') charges++;
      answers.set(paymentId, answer);
      if (answers.size > memory) answers.delete(answers.keys().next().value!);
      return answer;
    },
    async refund({ refundId }) {
      return { status: 'succeeded', providerRef: `sandbox-refund-${refundId}` };
    },
  };
}

function sandboxAnswer(paymentId: number, sandboxOutcome: SandboxOutcome | null): ChargeResult {
  switch (sandboxOutcome ?? 'succeed') {
    case 'succeed':
      return { status: 'succeeded', providerRef: `sandbox-pay-${paymentId}` };
    case 'fail':
      return { status: 'failed', reason: 'sandbox: card declined' };
    case 'timeout':
      return { status: 'pending' };
  }
}

import type { Principal } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertAwaitingAnswer } from './payment-guards.ts';
import type { PaymentService, PaymentView } from './payments.service.ts';

/**
 * The sandbox provider's late answer to a payment that timed out, delivered by hand: a buyer answers
 * for their own payments, an ops super admin for any.
 */
export async function answerForSandbox(
  db: Db,
  payments: PaymentService,
  principal: Principal,
  paymentId: number,
  outcome: 'succeeded' | 'failed',
): Promise<PaymentView> {
  if (principal.kind === 'ops' && !principal.opsRoles.includes('super_admin')) {
    throw new AppError('forbidden', 'Only a super admin may answer for the sandbox provider');
  }
  await assertAwaitingAnswer(db, paymentId, principal.kind === 'ops' ? null : principal.userId);
  return payments.notify(
    paymentId,
    outcome === 'succeeded'
      ? { status: 'succeeded', providerRef: `sandbox-pay-${paymentId}` }
      : { status: 'failed', reason: 'sandbox: declined after timeout' },
  );
}

import type { CheckoutOutcome, CheckoutRequest, CheckoutService, StartPayments } from './checkout.service.ts';

type SandboxOutcome = 'succeed' | 'fail' | 'timeout' | null;
type PayAnswer = Promise<{ status: number; replayed: boolean } & ({ payment: object } | { error: object })>;

/** Pay-at-checkout: the payment module, injected by the composition root (app.ts). */
export interface CheckoutPayment {
  startWithCheckout: StartPayments;
  complete(paymentId: number, amountFen: number, sandboxOutcome: SandboxOutcome): Promise<object>;
  pay(request: {
    buyerId: number;
    groupId: number;
    idempotencyKey: string;
    sandboxOutcome: SandboxOutcome;
  }): PayAnswer;
}

/**
 * POST /checkout: the batched checkout, then, with `pay`, the one-tap payment of the new group. The
 * answer is the checkout's (status, replay flag), its body carrying `payment` when one was charged.
 */
export async function checkoutAndPay(
  checkout: CheckoutService,
  payment: CheckoutPayment,
  request: CheckoutRequest,
): Promise<Pick<CheckoutOutcome, 'status' | 'replayed'> & { body: object }> {
  const outcome = await checkout.checkout(request);
  const pay = request.pay;
  if (!pay || outcome.status !== 201 || !('groupId' in outcome.body)) return outcome;
  // One tap: the payment started with the checkout is charged now; a replay finds it by its key.
  let paymentView: object;
  if (outcome.paymentId !== undefined) {
    paymentView = await payment.complete(outcome.paymentId, outcome.body.totalFen, pay.sandboxOutcome);
  } else {
    const paid = await payment.pay({
      buyerId: request.buyerId,
      groupId: outcome.body.groupId,
      idempotencyKey: `${request.idempotencyKey}:pay`,
      sandboxOutcome: pay.sandboxOutcome,
    });
    paymentView = 'payment' in paid ? paid.payment : paid;
  }
  // The orders the answer lists were just paid when the payment succeeded.
  const paidNow = (paymentView as { state?: string }).state === 'succeeded';
  const orders = outcome.body.orders.map((o) => (paidNow ? { ...o, state: 'paid' as const } : o));
  return { status: 201, replayed: outcome.replayed, body: { ...outcome.body, orders, payment: paymentView } };
}

import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { AWAITING_ANSWER } from './payment.machine.ts';

/** The sandbox provider's late answer must concern a sandbox payment still waiting for one. */
export async function assertAwaitingAnswer(
  db: Executor,
  paymentId: number,
  buyerId: number | null,
): Promise<void> {
  let query = db.selectFrom('payments').select(['state', 'provider']).where('id', '=', paymentId);
  if (buyerId !== null) query = query.where('buyerId', '=', buyerId);
  const payment = await query.executeTakeFirst();
  if (!payment) throw notFound('payment', paymentId);
  if (payment.provider !== 'sandbox')
    throw new AppError('conflict', 'only sandbox payments take sandbox notifications');
  if (!AWAITING_ANSWER.includes(payment.state)) {
    throw new AppError(
      'invalid_transition',
      `payment ${paymentId} is ${payment.state} and takes no further answer`,
      {
        state: payment.state,
      },
    );
  }
}

import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import type { Settings } from '../../platform/settings.ts';
import { accounts, postEntries } from '../ledger/index.ts';
import { markOrdersPaid } from '../orders/index.ts';
import { paymentStatesInto } from './payment.machine.ts';
import type { ChargeResult } from './payment-provider.ts';
import { requestRefunds } from './refunds.service.ts';

/**
 * The provider's answers for a batch of payments, in the caller's transaction. Only a payment still
 * waiting moves, so a replayed answer changes nothing; a success captures the money into escrow
 * (one ledger statement for the batch), marks the covered orders paid, and refunds those cancelled
 * before the money came (product rules §2). No answer yet changes nothing: the expiry deadline set at start
 * times the payment out.
 */
export async function applyAnswers(
  tx: Tx,
  answers: ReadonlyMap<number, ChargeResult>,
  now: Date,
  settings: Settings,
): Promise<void> {
  const succeeded = [...answers].filter(([, r]) => r.status === 'succeeded').map(([id]) => id);
  const failed = [...answers].filter(([, r]) => r.status === 'failed').map(([id]) => id);
  const refOf = (id: number) => {
    const r = answers.get(id)!;
    return r.status === 'succeeded' ? r.providerRef : null;
  };
  const reasonOf = (id: number) => {
    const r = answers.get(id)!;
    return r.status === 'failed' ? r.reason : null;
  };

  if (succeeded.length > 0) {
    // Conditional: only a payment the machine lets succeed (still waiting) moves, so a replayed answer
    // changes nothing.
    const moved = await sql<{ id: number; groupId: number; amountFen: number }>`
      update payments p set state = 'succeeded', provider_ref = v.ref, completed_at = ${now}
      from unnest(${succeeded}::bigint[], ${succeeded.map(refOf)}::text[]) as v(id, ref)
      where p.id = v.id and p.state = any(${paymentStatesInto('succeeded')}::text[])
      returning p.id, p.group_id, p.amount_fen`.execute(tx);
    // One statement for the whole batch's captures, all in one bucket per account.
    await postEntries(
      tx,
      moved.rows.map((payment) => ({
        idempotencyKey: `payment:${payment.id}:capture`,
        kind: 'payment_capture',
        cause: { type: 'payment', id: payment.id },
        at: now,
        postings: [
          { account: accounts.paymentProvider, amountFen: -payment.amountFen },
          { account: accounts.escrow, amountFen: payment.amountFen },
        ],
      })),
      Math.floor(Math.random() * 1_000),
    );
    const paymentIds = moved.rows.map((r) => r.id);
    if (paymentIds.length > 0) {
      const covered = await tx
        .selectFrom('paymentOrders')
        .select(['paymentId', 'orderId'])
        .where('paymentId', 'in', paymentIds)
        .execute();
      const result = await markOrdersPaid(
        tx,
        covered.map((c) => c.orderId),
        now,
        settings,
      );
      const paymentOf = new Map(covered.map((c) => [c.orderId, c.paymentId]));
      // product rules §2: a late success for a cancelled (or meanwhile paid) order is refunded automatically.
      await requestRefunds(
        tx,
        result.unpaid.map((o) => ({
          paymentId: paymentOf.get(o.orderId)!,
          orderId: o.orderId,
          amountFen: o.totalFen,
          reason: 'payment arrived after the order was cancelled or paid by another payment',
          cause: { type: 'payment', id: paymentOf.get(o.orderId)! },
        })),
        now,
      );
    }
  }
  if (failed.length > 0) {
    await sql`
      update payments p set state = 'failed', failure_reason = v.reason, completed_at = ${now}
      from unnest(${failed}::bigint[], ${failed.map(reasonOf)}::text[]) as v(id, reason)
      where p.id = v.id and p.state = any(${paymentStatesInto('failed')}::text[])`.execute(tx);
  }
}

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
    // changes nothing. The orders each moved payment covers come back with it (one at least).
    const movedRows = await sql<{ id: number; amountFen: number; orderId: number }>`
      with moved as (
        update payments p set state = 'succeeded', provider_ref = v.ref, completed_at = ${now}
        from unnest(${succeeded}::bigint[], ${succeeded.map(refOf)}::text[]) as v(id, ref)
        where p.id = v.id and p.state = any(${paymentStatesInto('succeeded')}::text[])
        returning p.id, p.amount_fen
      )
      select m.id, m.amount_fen, po.order_id from moved m join payment_orders po on po.payment_id = m.id
      order by m.id, po.order_id`.execute(tx);
    const moved = [...new Map(movedRows.rows.map((r) => [r.id, r.amountFen]))];
    // One statement for the whole batch's captures, all in one bucket per account.
    await postEntries(
      tx,
      moved.map(([id, amountFen]) => ({
        idempotencyKey: `payment:${id}:capture`,
        kind: 'payment_capture',
        cause: { type: 'payment', id },
        at: now,
        postings: [
          { account: accounts.paymentProvider, amountFen: -amountFen },
          { account: accounts.escrow, amountFen },
        ],
      })),
      Math.floor(Math.random() * 1_000),
    );
    if (moved.length > 0) {
      const covered = movedRows.rows.map((r) => ({ paymentId: r.id, orderId: r.orderId }));
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

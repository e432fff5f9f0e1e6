import type { Tx } from '../../platform/db.ts';
import { canTransition } from '../../platform/state-machine.ts';
import { notify } from '../audience/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { ordersCompletedBetween } from '../orders/index.ts';
import { shopNames } from '../shops/index.ts';
import { invitationTransitions } from './invitation.machine.ts';
import { inSample } from './nps.rule.ts';
import type { InvitationState } from './surveys.tables.ts';

const DAY_MS = 86_400_000;
/**
 * Each run reads back this far before its cursor: an order is stamped completed when its transaction
 * starts and may commit after a run read past that time. Rereading is harmless: the sample is a fixed
 * function of the order id and an order has at most one invitation.
 */
const OVERLAP_MS = 10 * 60_000;
/** The notification a buyer gets with an invitation (their inbox links to the survey). */
export const NPS_NOTIFICATION = 'nps_survey';

export interface SamplingResult {
  /** Orders completed since the last run (and in the overlap before it). */
  completed: number;
  offered: number;
  expired: number;
}

/**
 * One run of the NPS sampling (product rules §7.3): the orders completed since the last run are
 * sampled at the configured rate; a sampled order's buyer is offered the survey unless they were
 * offered one within the configured gap (one per buyer per run); each offered buyer is notified.
 * Offers whose deadline passed expire. All in the caller's transaction, which also moves the cursor.
 */
export async function sampleNpsInvitations(tx: Tx, now: Date): Promise<SamplingResult> {
  const { version, config } = await currentConfig(tx);
  const rule = config.feedback.nps;
  await tx
    .insertInto('npsSampling')
    .values({ id: 1, completedUntil: new Date(now.getTime() - rule.validDays * DAY_MS) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const cursor = await tx
    .selectFrom('npsSampling')
    .select('completedUntil')
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const completed = await ordersCompletedBetween(
    tx,
    new Date(cursor.completedUntil.getTime() - OVERLAP_MS),
    now,
  );
  const sampled = new Map<number, (typeof completed)[number]>();
  for (const order of completed) {
    if (inSample(order.orderId, rule.sampleRateBp) && !sampled.has(order.buyerId))
      sampled.set(order.buyerId, order);
  }
  let offered = 0;
  if (sampled.size > 0) {
    const since = new Date(now.getTime() - rule.buyerGapDays * DAY_MS);
    const recent = await tx
      .selectFrom('npsInvitations')
      .select('buyerId')
      .distinct()
      .where('buyerId', 'in', [...sampled.keys()])
      .where('offeredAt', '>', since)
      .execute();
    for (const r of recent) sampled.delete(r.buyerId);
  }
  if (sampled.size > 0) {
    const expiresAt = new Date(now.getTime() + rule.validDays * DAY_MS);
    const rows = await tx
      .insertInto('npsInvitations')
      .values(
        [...sampled.values()].map((o) => ({
          orderId: o.orderId,
          shopId: o.shopId,
          buyerId: o.buyerId,
          configVersion: version,
          offeredAt: now,
          expiresAt,
        })),
      )
      .onConflict((oc) => oc.column('orderId').doNothing())
      .returning(['id', 'orderId', 'buyerId', 'shopId'])
      .execute();
    const names = await shopNames(tx, [...new Set(rows.map((r) => r.shopId))]);
    for (const r of rows) {
      const shopName = names.get(r.shopId) ?? '';
      const payload = { invitationId: r.id, orderId: r.orderId, shopName, expiresAt };
      await notify(tx, [r.buyerId], NPS_NOTIFICATION, payload, now);
    }
    offered = rows.length;
  }
  const expired = await expireInvitations(tx, now);
  await tx.updateTable('npsSampling').set({ completedUntil: now }).where('id', '=', 1).execute();
  return { completed: completed.length, offered, expired };
}

/** Offers past their deadline expire (the offered state's default action), set-based. */
async function expireInvitations(tx: Tx, now: Date): Promise<number> {
  const from = (Object.keys(invitationTransitions) as InvitationState[]).filter((state) =>
    canTransition(invitationTransitions, state, 'expired'),
  );
  const result = await tx
    .updateTable('npsInvitations')
    .set({ state: 'expired' })
    .where('state', 'in', from)
    .where('expiresAt', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

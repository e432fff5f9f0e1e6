import type { Executor, Tx } from '../../platform/db.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { shopTransitions } from './shop.machine.ts';
import type { ShopState } from './shops.tables.ts';

/** A shop's place in its life: its state and when it opened (the rules of standing read these). */
export interface ShopLifecycle {
  shopId: number;
  state: ShopState;
  openedAt: Date;
}

/**
 * State and opening time of the given shops (with `andProbation`, also of every shop in probation), or
 * of every shop; one query.
 */
export async function shopLifecycles(
  db: Executor,
  shopIds?: readonly number[],
  opts: { andProbation?: boolean } = {},
): Promise<ShopLifecycle[]> {
  let query = db.selectFrom('shops').select(['id as shopId', 'state', 'createdAt as openedAt']).orderBy('id');
  if (shopIds) {
    const ids = [...shopIds];
    if (ids.length === 0 && !opts.andProbation) return [];
    query = query.where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
        ...(opts.andProbation ? [eb('state', '=', 'probation')] : []),
      ]),
    );
  }
  return query.execute();
}

/**
 * Moves shops out of probation (新手期) to active through the shop machine, one event each with its
 * reason (product rules §7.2: the rule itself is standing's). Set-based: one update, one insert. A shop
 * that is no longer in probation (ops restricted it meanwhile) is left as it is.
 * @returns the shops that left probation.
 */
export async function endProbation(
  tx: Tx,
  exits: readonly { shopId: number; reason: string }[],
  now: Date,
): Promise<number[]> {
  if (exits.length === 0) return [];
  assertTransition(shopTransitions, 'shop', 'probation', 'active');
  const moved = await tx
    .updateTable('shops')
    .set({ state: 'active', updatedAt: now })
    .where(
      'id',
      'in',
      exits.map((e) => e.shopId),
    )
    .where('state', '=', 'probation')
    .returning('id')
    .execute();
  const ids = new Set(moved.map((m) => m.id));
  const events = exits.filter((e) => ids.has(e.shopId));
  if (events.length > 0)
    await tx
      .insertInto('shopEvents')
      .values(
        events.map((e) => ({
          shopId: e.shopId,
          fromState: 'probation' as const,
          toState: 'active' as const,
          actorId: null,
          reason: e.reason,
          at: now,
        })),
      )
      .execute();
  return [...ids].sort((a, b) => a - b);
}

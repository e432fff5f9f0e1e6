import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import type { BadgeCondition, BadgeState } from './standing.tables.ts';

export interface StoredBadge {
  shopId: number;
  state: BadgeState;
  changedAt: Date;
  failedConditions: BadgeCondition[];
}

/** The stored badge of each given shop (or of every shop that ever had one). */
export async function storedBadges(
  db: Executor,
  shopIds?: readonly number[],
): Promise<Map<number, StoredBadge>> {
  if (shopIds && shopIds.length === 0) return new Map();
  let query = db.selectFrom('trustBadges').select(['shopId', 'state', 'changedAt', 'failedConditions']);
  if (shopIds) query = query.where(sql<boolean>`shop_id = any(${sql.val([...shopIds])}::bigint[])`);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.shopId, r]));
}

/** A grant or a revocation with the values the rule saw. */
export interface BadgeChange {
  shopId: number;
  kind: BadgeState;
  score: number | null;
  listedProducts: number;
  coveredProducts: number;
  seriousViolations: number;
  shopState: string;
  failedConditions: BadgeCondition[];
}

const CHUNK = 2_000;

/** Stores badge changes: the current state per shop and one event each; set-based, in chunks. */
export async function storeBadgeChanges(
  tx: Tx,
  changes: readonly BadgeChange[],
  at: { now: Date; configVersion: number },
): Promise<void> {
  for (let i = 0; i < changes.length; i += CHUNK) {
    const chunk = changes.slice(i, i + CHUNK);
    await tx
      .insertInto('trustBadges')
      .values(
        chunk.map((c) => ({
          shopId: c.shopId,
          state: c.kind,
          changedAt: at.now,
          failedConditions: c.failedConditions,
          configVersion: at.configVersion,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('shopId')
          .doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            changedAt: eb.ref('excluded.changedAt'),
            failedConditions: eb.ref('excluded.failedConditions'),
            configVersion: eb.ref('excluded.configVersion'),
          }))
          // a change is a move of the machine (granted ↔ revoked), never a state to itself
          .where('trustBadges.state', '<>', (eb) => eb.ref('excluded.state')),
      )
      .execute();
    await tx
      .insertInto('trustBadgeEvents')
      .values(chunk.map((c) => ({ ...c, at: at.now, configVersion: at.configVersion })))
      .execute();
  }
}

/** True where the shop whose id `shopId` holds carries the trust badge now (for another module's query). */
export function trustBadgeSql(shopId: Expression<number> | RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from trust_badges tb where tb.shop_id = ${shopId} and tb.state = 'granted')`;
}

/** Whether each given shop holds the trust badge now (absent shops: false). */
export async function trustBadges(db: Executor, shopIds: readonly number[]): Promise<Map<number, boolean>> {
  const out = new Map<number, boolean>(shopIds.map((id) => [id, false]));
  const stored = await storedBadges(db, shopIds);
  for (const [id, badge] of stored) out.set(id, badge.state === 'granted');
  return out;
}

import type { Executor } from '../../platform/db.ts';

/** Who would go live: the shop the session sells for (none for a creator's own room) and the host. */
export interface LiveHost {
  shopId: number | null;
  hostUserId: number;
}

/**
 * What governance decided about a shop or a host, as the modules below it check it before acting:
 * catalog before a product goes to review, live before a session is scheduled or started, settlement
 * before money leaves escrow. Governance sits above those modules (it delists, ends sessions, deducts
 * deposits), so this is a port: they call it, and the composition roots (app.ts, deadlines.ts) provide
 * governance's implementation with `provideShopStanding`.
 */
export interface ShopStanding {
  /** Refuses (409 penalty_active) a shop under a listing ban. */
  assertMayList(db: Executor, shopId: number): Promise<void>;
  /** Refuses (409 penalty_active) scheduling by a shop or host under a live ban. */
  assertMayHostLive(db: Executor, host: LiveHost): Promise<void>;
  /** Before a session goes on air: no live ban, every reminder of past violations acknowledged. */
  assertMayGoLive(db: Executor, host: LiveHost): Promise<void>;
  /** Whether a settlement freeze of governance holds the shop's money (product rules §6). */
  isSettlementFrozen(db: Executor, shopId: number): Promise<boolean>;
}

let provided: ShopStanding | undefined;

/** The composition roots provide governance's standing once per process (the same one every time). */
export function provideShopStanding(standing: ShopStanding): void {
  provided = standing;
}

/** The provided standing. Without one it throws: a check is never skipped silently. */
export function shopStanding(): ShopStanding {
  if (!provided) throw new Error('no ShopStanding provided: the composition root calls provideShopStanding');
  return provided;
}

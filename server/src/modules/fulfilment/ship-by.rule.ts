export interface ShipByCountdown {
  /** Time left to ship; negative once the promise is broken (by how much). */
  remainingMs: number;
  overdue: boolean;
}

/**
 * Where a paid order stands against its ship-by promise (product rules §2: 48 h after payment; a pre-sale
 * order its own 4–45 days, §9 — the promise is fixed at payment in `ship_by_at`). At the promised instant
 * itself the promise is broken: the ship-by deadline fires then.
 */
export function shipByCountdown(shipByAt: Date, now: Date): ShipByCountdown {
  const remainingMs = shipByAt.getTime() - now.getTime();
  return { remainingMs, overdue: remainingMs <= 0 };
}

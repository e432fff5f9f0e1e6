import type { Executor } from '../../platform/db.ts';

/**
 * What settlement asks of the modules above it before money leaves escrow. After-sales sits above
 * settlement (it refunds, claws back and charges through settlement's locks), so this is a port:
 * settlement calls it, and the composition roots (app.ts, deadlines.ts) provide after-sales'
 * implementation with `provideSettlementHooks`.
 */
export interface SettlementHooks {
  /** Whether an after-sales request of the order is still open: its money stays in escrow (product rules §5). */
  hasOpenRequest(db: Executor, orderId: number): Promise<boolean>;
}

let provided: SettlementHooks | undefined;

/** The composition roots provide the hooks once per process (the same ones every time). */
export function provideSettlementHooks(hooks: SettlementHooks): void {
  provided = hooks;
}

/** The provided hooks. Without them it throws: an order is never settled past an open request silently. */
export function settlementHooks(): SettlementHooks {
  if (!provided)
    throw new Error('no SettlementHooks provided: the composition root calls provideSettlementHooks');
  return provided;
}

import type { Executor } from '../../platform/db.ts';

/**
 * The discount on a shop's required deposit that its standing earns (product rules §7.2: experience
 * score ≥ 4.7 → e.g. 50% off). The rule lives in `standing`, which sits above settlement (it reads the
 * score of `reputation`), so this is a port: settlement applies it wherever it computes the required
 * deposit, and the composition roots (app.ts, deadlines.ts) provide standing's implementation with
 * `provideDepositDiscount`.
 */
export interface DepositDiscount {
  /** Basis points off the shop's required deposit (0: none). */
  discountBpOf(db: Executor, shopId: number): Promise<number>;
}

let provided: DepositDiscount | undefined;

/** The composition roots provide the discount once per process (the same one every time). */
export function provideDepositDiscount(discount: DepositDiscount): void {
  provided = discount;
}

/** The provided discount. Without one it throws: a requirement is never computed without it silently. */
export function depositDiscount(): DepositDiscount {
  if (!provided)
    throw new Error('no DepositDiscount provided: the composition root calls provideDepositDiscount');
  return provided;
}

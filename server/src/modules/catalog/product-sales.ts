import type { Executor } from '../../platform/db.ts';

/**
 * Units sold per product, for the shop's product table. Orders own the lines, so the composition
 * root (app.ts) passes the orders module's count; the catalog never reads order tables.
 */
export type UnitsSold = (db: Executor, productIds: readonly number[]) => Promise<Map<number, number>>;

/** Without the orders module nothing is counted. */
export const noUnitsSold: UnitsSold = async () => new Map();

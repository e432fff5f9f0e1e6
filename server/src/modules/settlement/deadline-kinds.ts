export { SETTLE_ORDER } from '../fulfilment/index.ts';

/** After a deduction left a deposit short: freeze settlement unless topped up by then (subject: shop id). */
export const DEPOSIT_TOP_UP = 'settlement.deposit_top_up';

/** Deadline kinds of the payments module (handlers in payment-deadlines.ts). */
export const EXPIRE_PAYMENT = 'payments.expire';
export const EXECUTE_REFUND = 'payments.execute_refund';

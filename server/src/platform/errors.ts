/**
 * Every domain error carries a code from this table; the HTTP layer answers with the status given
 * here and the body `{ error: { code, message, details } }`. Add a module's codes here.
 */
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  api_key_not_allowed: 403,
  insufficient_scope: 403,
  onboarding_blocked: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  invalid_transition: 409,
  live_host_busy: 409,
  live_pin_limit_reached: 409,
  probation_limit_reached: 409,
  idempotency_key_reused: 422,
  out_of_stock: 409,
  purchase_limit_exceeded: 409,
  order_blocked: 403,
  order_refunded: 409,
  product_unavailable: 409,
  insufficient_funds: 409,
  settlement_frozen: 409,
  deadline_passed: 409,
  refund_exceeds_paid: 409,
  penalty_active: 409,
  live_reminders_pending: 409,
  flash_sale_sold_out: 409,
  flash_sale_limit: 409,
  flash_sale_overlap: 409,
  address_required: 400,
  address_limit_reached: 409,
  not_delivered: 409,
  coupon_claim_limit: 409,
  coupon_sold_out: 409,
  coupon_not_started: 409,
  coupon_expired: 409,
  coupon_unavailable: 409,
  coupon_combination: 409,
  live_not_live: 409,
  unbalanced_entry: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

/** Values a message of the web's tables puts in its place holders: ids, amounts in fen, counts, names. */
export type MessageParams = Record<string, string | number>;

/**
 * A domain error. `message` is for logs and API readers; the web words an error from its own tables
 * in the reader's language, by `code`, or by `details.key` (with `details.params`) where the code alone
 * would say too little ("conflict" → "an appeal of this violation is already open").
 */
export class AppError extends Error {
  readonly details: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    text?: { key: string; params?: MessageParams },
  ) {
    super(message);
    this.name = 'AppError';
    this.details = text ? { ...details, key: text.key, params: text.params ?? {} } : details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A field-level input problem: 400 naming the field and the reason. */
export function invalidField(field: string, reason: string): AppError {
  return new AppError('validation_failed', `${field}: ${reason}`, { fields: [{ field, reason }] });
}

export function notFound(what: string, id: string | number): AppError {
  return new AppError(
    'not_found',
    `${what} ${id} not found`,
    { resource: what, id },
    { key: 'not_found', params: { resource: what, id } },
  );
}

export function forbidden(message = 'You may not do this'): AppError {
  return new AppError('forbidden', message);
}

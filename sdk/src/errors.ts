/** One field the server refused (`details.fields` of a 400 `validation_failed`). */
export interface XinrenFieldError {
  /** The field's path, e.g. `items.0.quantity`. */
  field: string;
  /** Where it was: `body`, `querystring`, `params` or `headers`. */
  in?: string;
  reason: string;
}

/**
 * A refused or failed API call: the server's `{ error: { code, message, details } }` with the HTTP
 * status. A network failure (no answer) has status 0 and code `network`.
 */
export class XinrenApiError extends Error {
  override readonly name = 'XinrenApiError';

  constructor(
    /** The HTTP status (0: no answer arrived). */
    readonly status: number,
    /** The server's error code (`validation_failed`, `not_found`, `insufficient_scope`, …). */
    readonly code: string,
    message: string,
    /** The server's details: `fields` for validation, `scope`, `retryAfterSeconds`, `requestId`, … */
    readonly details: Record<string, unknown> = {},
    /** The answer, when one arrived (headers such as `x-request-id` and `retry-after`). */
    readonly response?: Response,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The fields the server refused (400 `validation_failed`), empty otherwise. */
  get fields(): XinrenFieldError[] {
    const fields = this.details.fields;
    return Array.isArray(fields) ? (fields as XinrenFieldError[]) : [];
  }

  /** The request's id (`x-request-id`), to quote when asking about a failure. */
  get requestId(): string | undefined {
    const fromDetails = this.details.requestId;
    if (typeof fromDetails === 'string') return fromDetails;
    return this.response?.headers.get('x-request-id') ?? undefined;
  }

  /** Seconds to wait before retrying a 429 `rate_limited`, when the server said. */
  get retryAfterSeconds(): number | undefined {
    const fromDetails = this.details.retryAfterSeconds;
    if (typeof fromDetails === 'number') return fromDetails;
    const header = this.response?.headers.get('retry-after');
    return header && /^\d+$/.test(header) ? Number(header) : undefined;
  }

  /** The error of an answer that is not 2xx: the server's body when it is one, else a generic one. */
  static fromResponse(response: Response, body: unknown): XinrenApiError {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
      ?.error;
    const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
    const message =
      typeof error?.message === 'string'
        ? error.message
        : `${response.status} ${response.statusText}`.trim() || 'request failed';
    const details =
      error?.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
    return new XinrenApiError(response.status, code, message, details, response);
  }

  /** A call that got no answer (DNS, refused connection, reset, abort). */
  static network(cause: unknown): XinrenApiError {
    const message = cause instanceof Error ? cause.message : String(cause);
    return new XinrenApiError(0, 'network', message, {}, undefined, { cause });
  }
}

import createClient from 'openapi-fetch';
import { COMMIT_LSN_HEADER, commitPosition, READ_AFTER_HEADER } from './read-after.ts';
import type { paths } from './schema.d.ts';

export type { paths };

/** A failed API call: the server's `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's name for this error's message, where its code alone says too little (`details.key`). */
  get messageKey(): string | undefined {
    return typeof this.details.key === 'string' ? this.details.key : undefined;
  }

  /** Values for the message named by `messageKey` (`details.params`: ids, amounts in fen, counts). */
  get params(): Record<string, string | number> {
    const params = this.details.params;
    return params && typeof params === 'object' ? (params as Record<string, string | number>) : {};
  }

  /** Field-level problems (`details.fields`), keyed by the field's last path segment and full path. */
  get fields(): { field: string; reason: string }[] {
    const fields = this.details.fields;
    return Array.isArray(fields) ? (fields as { field: string; reason: string }[]) : [];
  }

  /** The reason for `field` (matched on the full path or its last segment), if the server named it. */
  fieldReason(field: string): string | undefined {
    return this.fields.find((f) => f.field === field || f.field.split('.').at(-1) === field)?.reason;
  }
}

export type Api = ReturnType<typeof createApi>;

/** The typed client of the server's OpenAPI document, sending the signed-in account's token. */
export function createApi(getToken: () => string | undefined) {
  const client = createClient<paths>({ baseUrl: '' });
  client.use({
    onRequest({ request }) {
      const token = getToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      // read-your-writes behind a read replica (read-after.ts)
      const readAfter = commitPosition.readAfter;
      if (readAfter) request.headers.set(READ_AFTER_HEADER, readAfter);
      return request;
    },
    onResponse({ response }) {
      commitPosition.seen(response.headers.get(COMMIT_LSN_HEADER));
      return response;
    },
  });
  return client;
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call, or an ApiError carrying the server's code, message and field details. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<NonNullable<T>> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (outcome.response.ok) return outcome.data as NonNullable<T>;
  const body = outcome.error as {
    error?: { code?: string; message?: string; details?: Record<string, unknown> };
  };
  throw new ApiError(
    outcome.response.status,
    body?.error?.code ?? 'http_' + outcome.response.status,
    body?.error?.message ?? outcome.response.statusText,
    body?.error?.details ?? {},
  );
}

/** A fresh idempotency key for one user action (retries of that action reuse it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

import { IDEMPOTENT_OPERATIONS } from './idempotent-operations.ts';

/**
 * A fresh Idempotency-Key for one intended operation (a UUID). Keep it and send the same key when you
 * retry that operation: the server answers a replay with the first answer (header
 * `idempotent-replayed: true`) instead of doing it twice.
 */
export function idempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** Whether `METHOD /path` (the OpenAPI path, with `{id}` placeholders) requires an Idempotency-Key. */
export function requiresIdempotencyKey(method: string, schemaPath: string): boolean {
  return IDEMPOTENT_OPERATIONS.has(`${method.toUpperCase()} ${schemaPath}`);
}

/**
 * Text PostgreSQL cannot store: a NUL character (`invalid byte sequence for encoding "UTF8": 0x00`)
 * and a UTF-16 surrogate without its pair (no UTF-8 form). The HTTP layer refuses both in every
 * request part before any route sees it, naming the field.
 */
export const NUL_REASON = 'must not contain a NUL character';
export const SURROGATE_REASON = 'must not contain an unpaired surrogate';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function badTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL_REASON;
  if (LONE_SURROGATE.test(text)) return SURROGATE_REASON;
  return undefined;
}

export interface BadText {
  /** The field's path as validation errors name it: `items.0.note`. */
  field: string;
  reason: string;
}

const MAX_DEPTH = 64;

/**
 * Every string (and object key) in a parsed JSON value, query, params or headers that cannot be
 * stored. Buffers and streams (file uploads) are not text and are skipped.
 */
export function findBadText(value: unknown, at = ''): BadText[] {
  const found: BadText[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (typeof v === 'string') {
      const reason = badTextReason(v);
      if (reason) found.push({ field: path, reason });
      return;
    }
    if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, join(path, String(i)), depth + 1);
      return;
    }
    if (!isRecord(v)) return;
    for (const [key, item] of Object.entries(v)) {
      const keyReason = badTextReason(key);
      // a bad key is named by its readable part
      if (keyReason) found.push({ field: join(path, printable(key)), reason: keyReason });
      else walk(item, join(path, key), depth + 1);
    }
  };
  walk(value, at, 0);
  return found;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const printable = (key: string) => key.replaceAll('\u0000', '?').replace(/[\ud800-\udfff]/g, '?');

/** Parsed JSON, query strings (their objects have odd prototypes) and headers; not buffers or streams. */
const isRecord = (v: object) =>
  !ArrayBuffer.isView(v) &&
  !(v instanceof ArrayBuffer) &&
  !(v instanceof Date) &&
  typeof (v as { pipe?: unknown }).pipe !== 'function';

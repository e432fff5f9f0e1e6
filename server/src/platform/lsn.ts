/**
 * PostgreSQL WAL positions (LSNs) as they travel in headers: `X/Y`, two hexadecimal numbers of at
 * most 32 bits each (`16/B374D848`). As bigints they compare and order; as text they do not
 * (`9/0` < `10/0` numerically, not as strings).
 */
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** The LSN in `text` (`X/Y`), or undefined when it is not one (absent, empty, malformed, too large). */
export function parseLsn(text: string | null | undefined): Lsn | undefined {
  if (typeof text !== 'string') return undefined;
  const match = LSN_TEXT.exec(text.trim());
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** PostgreSQL's own spelling of an LSN: upper-case hex without leading zeros (`0/16B3748`). */
export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * The highest LSN of a list of header values (several `X-Xinren-Read-After` headers, or one with
 * commas): what a read must have been replayed up to. Malformed values are ignored.
 */
export function highestLsn(values: string | readonly string[] | undefined): Lsn | undefined {
  if (values === undefined) return undefined;
  let highest: Lsn | undefined;
  for (const value of typeof values === 'string' ? [values] : values) {
    for (const part of value.split(',')) {
      const lsn = parseLsn(part);
      if (lsn !== undefined && (highest === undefined || lsn > highest)) highest = lsn;
    }
  }
  return highest;
}

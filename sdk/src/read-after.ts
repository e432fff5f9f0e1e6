/**
 * Read-your-writes behind a read replica (server DATABASE_READ_URL): the answer to a write carries
 * `X-Xinren-Commit-Lsn`, the primary's WAL position after it; later requests send the highest one
 * seen as `X-Xinren-Read-After`, and the server reads the replica only once it has replayed that far
 * (else the primary). Without a replica the server sends no position and nothing is sent back.
 */
export const COMMIT_LSN_HEADER = 'x-xinren-commit-lsn';
export const READ_AFTER_HEADER = 'x-xinren-read-after';

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** A PostgreSQL LSN (`X/Y`, two hex numbers of 32 bits) as a number to compare, or undefined. */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  const match = typeof text === 'string' ? LSN_TEXT.exec(text.trim()) : null;
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** The highest commit position seen; shared by a client and its `withToken` copies. */
export class CommitPosition {
  private lsn: bigint | undefined;
  private text: string | undefined;

  /** Keeps `header` (an `X-Xinren-Commit-Lsn` value) when it is later than the one kept. */
  seen(header: string | null | undefined): void {
    const lsn = parseLsn(header);
    if (lsn === undefined || (this.lsn !== undefined && lsn <= this.lsn)) return;
    this.lsn = lsn;
    this.text = header!.trim();
  }

  /** The `X-Xinren-Read-After` value to send, if a write was answered with a position. */
  get readAfter(): string | undefined {
    return this.text;
  }
}

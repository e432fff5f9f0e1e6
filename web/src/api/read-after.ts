/**
 * Read-your-writes behind the server's read replica (DATABASE_READ_URL): the answer to a write
 * carries `X-Xinren-Commit-Lsn` (the primary's WAL position after it); every later request of this
 * tab sends the highest one seen as `X-Xinren-Read-After`, and the server reads the replica only once
 * it has replayed that far. Kept in memory and in sessionStorage (a reload right after saving still
 * reads what was saved). Without a replica the server sends no position and nothing is sent.
 */
export const COMMIT_LSN_HEADER = 'x-xinren-commit-lsn';
export const READ_AFTER_HEADER = 'x-xinren-read-after';
const STORAGE_KEY = 'xinren.readAfter';

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** A PostgreSQL LSN (`X/Y`, two hex numbers of 32 bits) as a number to compare, or undefined. */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  const match = typeof text === 'string' ? LSN_TEXT.exec(text.trim()) : null;
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The highest commit position this tab has seen. */
export class CommitPosition {
  private text: string | undefined;

  constructor(private readonly storage: KeyValueStore | undefined) {
    try {
      const kept = storage?.getItem(STORAGE_KEY);
      if (parseLsn(kept) !== undefined) this.text = kept!;
    } catch {
      // storage refused (privacy mode): memory only
    }
  }

  /** Keeps `header` (an `X-Xinren-Commit-Lsn` value) when it is later than the one kept. */
  seen(header: string | null | undefined): void {
    const lsn = parseLsn(header);
    const kept = parseLsn(this.text);
    if (lsn === undefined || (kept !== undefined && lsn <= kept)) return;
    this.text = header!.trim();
    try {
      this.storage?.setItem(STORAGE_KEY, this.text);
    } catch {}
  }

  /** The `X-Xinren-Read-After` value to send, if a write was answered with a position. */
  get readAfter(): string | undefined {
    return this.text;
  }
}

function sessionStore(): KeyValueStore | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/** This tab's position, shared by every API client of the page. */
export const commitPosition = new CommitPosition(sessionStore());

import type { Executor } from '../../platform/db.ts';
import { publishLiveChange } from './live-events.publish.ts';

/**
 * Likes arrive in bursts (every viewer taps); telling every process of every one would cost a NOTIFY
 * per tap. This process tells the others a room's latest total at most once per `flushMs`; each
 * process's hub then coalesces again for its viewers (totals only grow, so the largest wins).
 */
export class LikesRelay {
  private readonly pending = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Executor,
    private readonly flushMs = 250,
  ) {}

  note(sessionId: number, total: number): void {
    this.pending.set(sessionId, Math.max(total, this.pending.get(sessionId) ?? 0));
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    for (const [sessionId, total] of batch) {
      try {
        await publishLiveChange(this.db, { sessionId, kind: 'likes', total });
      } catch {
        // The database is away: the next like or a viewer's snapshot carries the total.
      }
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}

/**
 * A background loop for the platform's runners (deadlines, webhook deliveries): runs `round` again
 * and again, pausing `intervalMs` after each; a failing round is reported and tried again after the
 * pause. `stop()` cuts a pause short and waits for the round in flight, which can read `stopping` to
 * end early between its batches.
 */
export class PollingLoop {
  private loop: Promise<void> | undefined;
  private stopRequested = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** True from `stop()` until the loop has ended. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    if (this.loop) return;
    this.stopRequested = false;
    this.loop = this.poll();
  }

  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopRequested = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.stopRequested = false;
  }

  private async poll(): Promise<void> {
    while (!this.stopRequested) {
      try {
        await this.round();
      } catch (err) {
        this.onError(err);
      }
      if (this.stopRequested) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.intervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}

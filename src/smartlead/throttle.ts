/** Client-side pacing: requests start at least 1/rate seconds apart, and everyone waits out a server's Retry-After. */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export class Throttle {
  private next = 0;
  private readonly intervalMs: number;

  /** `perSecond` ≤ 0 or Infinity: no pacing. */
  constructor(perSecond: number) {
    this.intervalMs = perSecond > 0 && Number.isFinite(perSecond) ? 1000 / perSecond : 0;
  }

  /** Resolves when the caller may send its request (slots are handed out in call order). */
  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await sleep(at - now);
  }

  /** Hold every request back until `untilMs` (epoch ms), e.g. after a 429 with Retry-After. */
  pauseUntil(untilMs: number): void {
    this.next = Math.max(this.next, untilMs);
  }
}

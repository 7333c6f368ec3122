/** HubSpot's and SmartLead's rate limits, reproduced as rolling windows (docs/api-facts.md A2, A7, C2). */
import type { WindowLimit } from '../config/index.js';

/** A rolling-window counter: admits a request when fewer than `requests` were admitted in the last `windowMs`. */
export class RollingWindow {
  private readonly times: number[] = [];
  constructor(private readonly limit: WindowLimit) {}

  tryTake(now: number): boolean {
    this.evict(now);
    if (this.times.length >= this.limit.requests) return false;
    this.times.push(now);
    return true;
  }

  remaining(now: number): number {
    this.evict(now);
    return Math.max(0, this.limit.requests - this.times.length);
  }

  /** Milliseconds until one more request would be admitted. */
  retryAfterMs(now: number): number {
    this.evict(now);
    return this.times.length < this.limit.requests ? 0 : this.times[0]! + this.limit.windowMs - now;
  }

  private evict(now: number): void {
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= now - this.limit.windowMs) drop++;
    if (drop) this.times.splice(0, drop);
  }
}

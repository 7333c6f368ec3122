/** HubSpot's and SmartLead's rate limits, reproduced as rolling windows (docs/api-facts.md A2, A7, C2). */
import { UsageError } from '../errors/index.js';

export interface WindowLimit {
  requests: number;
  windowMs: number;
}

export interface SandboxLimits {
  /** HubSpot burst limit (TEN_SECONDLY_ROLLING): Free/Starter 100 per 10 s, Professional/Enterprise 190. */
  hubspot: WindowLimit | false;
  /** HubSpot search: 5 requests per second per account. */
  search: WindowLimit | false;
  /** HubSpot daily limit per account. */
  daily: number | false;
  /** SmartLead: 10 requests per 2 s (legacy doc). */
  smartlead: WindowLimit | false;
}

export const LIMIT_PRESETS: Record<'free' | 'pro' | 'off', SandboxLimits> = {
  free: {
    hubspot: { requests: 100, windowMs: 10_000 },
    search: { requests: 5, windowMs: 1_000 },
    daily: 250_000,
    smartlead: { requests: 10, windowMs: 2_000 },
  },
  pro: {
    hubspot: { requests: 190, windowMs: 10_000 },
    search: { requests: 5, windowMs: 1_000 },
    daily: 625_000,
    smartlead: { requests: 10, windowMs: 2_000 },
  },
  off: { hubspot: false, search: false, daily: false, smartlead: false },
};

/** `free`, `pro`, `off`, or `burst=100,window=10000,search=5,daily=250000,smartlead=10/2000` (unset keys from `pro`). */
export function parseLimits(spec: string): SandboxLimits {
  const preset = LIMIT_PRESETS[spec as keyof typeof LIMIT_PRESETS];
  if (preset) return preset;
  const out: SandboxLimits = structuredClone(LIMIT_PRESETS.pro);
  let burst = out.hubspot ? out.hubspot.requests : 190;
  let windowMs = 10_000;
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, raw = ''] = part.split('=');
    const num = Number(raw);
    switch (key) {
      case 'burst':
        burst = positive(num, part);
        break;
      case 'window':
        windowMs = positive(num, part);
        break;
      case 'search':
        out.search = raw === 'off' ? false : { requests: positive(num, part), windowMs: 1_000 };
        break;
      case 'daily':
        out.daily = raw === 'off' ? false : positive(num, part);
        break;
      case 'smartlead': {
        if (raw === 'off') out.smartlead = false;
        else {
          const [n, ms = '2000'] = raw.split('/');
          out.smartlead = { requests: positive(Number(n), part), windowMs: positive(Number(ms), part) };
        }
        break;
      }
      default:
        throw new UsageError(
          `unknown rate-limit setting "${part}"`,
          'Use free, pro, off, or burst=N,window=MS,search=N,daily=N,smartlead=N/MS.',
        );
    }
  }
  out.hubspot = { requests: burst, windowMs };
  return out;
}

function positive(n: number, part: string): number {
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`"${part}" needs a positive number`);
  return n;
}

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

/**
 * HubSpot's and SmartLead's rate limits on the sandbox's requests: the ten-secondly burst window, search's 5 per
 * second, the daily allowance and SmartLead's window, with the headers each service sends (docs/api-facts.md A2,
 * A7, C2). Throws the service's own 429 when a request is over.
 */
import { LIMIT_PRESETS, type SandboxLimits } from '../config/index.js';
import { smartleadTooMany } from './http/smartlead-errors.js';
import type { Api, Route } from './http/router.js';
import { hsErrors } from './hubspot/errors.js';
import { RollingWindow } from './limits.js';

export class RateGate {
  private limits: SandboxLimits;
  private windows: ReturnType<typeof makeWindows>;
  private dailyUsed = 0;

  constructor(limits: Partial<SandboxLimits> = {}) {
    this.limits = { ...LIMIT_PRESETS.pro, ...limits };
    this.windows = makeWindows(this.limits);
  }

  setLimits(l: Partial<SandboxLimits>): void {
    this.limits = { ...this.limits, ...l };
    this.windows = makeWindows(this.limits);
  }

  /** Admits one request or throws the service's 429; adds the rate-limit headers to `headers`. */
  take(api: Api, kind: Route['limit'], headers: Record<string, string>): void {
    const t = Date.now();
    if (api === 'smartlead') return this.takeSmartlead(t, headers);
    if (kind === 'none') return;
    const { limits, windows } = this;
    if (limits.daily !== false && this.dailyUsed >= limits.daily) throw hsErrors.daily();
    if (kind === 'search') {
      if (windows.search && !windows.search.tryTake(t)) throw hsErrors.secondly();
      this.dailyUsed++;
      return; // search is exempt from the ten-secondly limit and carries no rate-limit headers
    }
    const w = windows.hubspot;
    if (w && !w.tryTake(t)) throw hsErrors.tenSecondly('publicapi:private_app-api-calls-ten-secondly:sandbox');
    this.dailyUsed++;
    if (w && limits.hubspot) {
      const max = limits.hubspot.requests;
      headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(limits.hubspot.windowMs);
      headers['X-HubSpot-RateLimit-Max'] = String(max);
      headers['X-HubSpot-RateLimit-Remaining'] = String(w.remaining(t));
      headers['X-HubSpot-RateLimit-Secondly'] = String(Math.ceil(max / 10));
    }
    if (limits.daily !== false) {
      headers['X-HubSpot-RateLimit-Daily'] = String(limits.daily);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, limits.daily - this.dailyUsed));
    }
  }

  private takeSmartlead(t: number, headers: Record<string, string>): void {
    const w = this.windows.smartlead;
    const taken = w ? w.tryTake(t) : true;
    const limit = this.limits.smartlead;
    if (w && limit) {
      // SmartLead's rate-limit headers (api-facts C2): the window's size, what is left, when it frees (unix seconds).
      headers['X-RateLimit-Limit'] = String(limit.requests);
      headers['X-RateLimit-Remaining'] = String(w.remaining(t));
      headers['X-RateLimit-Reset'] = String(Math.ceil((t + Math.max(w.retryAfterMs(t), taken ? 0 : 1)) / 1000));
    }
    if (w && !taken) throw smartleadTooMany(Math.max(1, Math.ceil(w.retryAfterMs(t) / 1000)), rateHeaders(headers));
  }
}

function makeWindows(l: SandboxLimits) {
  return {
    hubspot: l.hubspot ? new RollingWindow(l.hubspot) : null,
    search: l.search ? new RollingWindow(l.search) : null,
    smartlead: l.smartlead ? new RollingWindow(l.smartlead) : null,
  };
}

function rateHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.startsWith('X-RateLimit-')) out[k] = v;
  return out;
}

/** Injected failures, scripted by tests or drawn from a seeded random sequence (the spec is parsed in config/). */
import { NO_FAULTS, type FaultConfig } from '../config/index.js';
import { smartleadTooMany } from './http/smartlead-errors.js';
import { HttpError, type Api } from './http/router.js';
import { hsErrors } from './hubspot/errors.js';

export interface ScriptedFault {
  status: number;
  /** How many matching requests fail before the fault is used up. */
  count: number;
  match?: string;
  /** For 429s: the HubSpot limit hit (`ten_secondly` default, `secondly` for search, `daily`) or SmartLead's Retry-After. */
  policy?: 'ten_secondly' | 'secondly' | 'daily';
  retryAfter?: number;
}

/** Adds latency and fails requests: scripted faults first (used up in order), then the configured error rate. */
export class FaultInjector {
  private config: FaultConfig;
  private random: () => number;
  private readonly scripted: ScriptedFault[] = [];
  injected = 0;

  constructor(faults: Partial<FaultConfig> = {}) {
    this.config = { ...NO_FAULTS, ...faults };
    this.random = seededRandom(this.config.seed);
  }

  set(faults: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...faults };
    this.random = seededRandom(this.config.seed);
  }

  script(fault: ScriptedFault): void {
    this.scripted.push({ ...fault });
  }

  /** Waits the configured latency, then throws the fault due for this request, if any. */
  async apply(api: Api, path: string): Promise<void> {
    const { latencyMs: lat, match, errorRate, errorStatus } = this.config;
    const ms = Array.isArray(lat) ? lat[0] + this.random() * (lat[1] - lat[0]) : lat;
    if (ms > 0 && (!match || path.includes(match))) await new Promise((r) => setTimeout(r, ms));
    const i = this.scripted.findIndex((f) => !f.match || path.includes(f.match));
    if (i >= 0) {
      const f = this.scripted[i]!;
      if (--f.count <= 0) this.scripted.splice(i, 1);
      this.injected++;
      throw faultError(api, f.status, f);
    }
    if (errorRate > 0 && (!match || path.includes(match)) && this.random() < errorRate) {
      this.injected++;
      throw faultError(api, errorStatus, {});
    }
  }
}

/** The error each service answers with for an injected status. */
function faultError(api: Api, status: number, f: Partial<ScriptedFault>): HttpError {
  if (api === 'smartlead') {
    if (status === 429) return smartleadTooMany(f.retryAfter ?? 2);
    return new HttpError(status, { error: 'Internal server error (injected by the sandbox)' });
  }
  if (status === 429) {
    if (f.policy === 'secondly') return hsErrors.secondly();
    if (f.policy === 'daily') return hsErrors.daily();
    return hsErrors.tenSecondly('publicapi:private_app-api-calls-ten-secondly:sandbox');
  }
  return hsErrors.server(status);
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

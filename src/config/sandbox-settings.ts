/**
 * The sandbox's settings as the environment gives them (MIS_SANDBOX_FAULTS, MIS_SANDBOX_LIMITS): injected faults and
 * HubSpot's and SmartLead's rate limits (docs/api-facts.md A2, A7, C2). Parsed here with the rest of the
 * environment; the sandbox reads the parsed values.
 */
import { UsageError } from '../errors/index.js';

export interface FaultConfig {
  /** Share of matching requests answered with `errorStatus` (0..1). */
  errorRate: number;
  errorStatus: number;
  /** Added latency in ms: fixed, or a [min, max] range. */
  latencyMs: number | [number, number];
  /** Only paths containing this string are affected (all when empty). */
  match: string;
  seed: number;
}

export const NO_FAULTS: FaultConfig = { errorRate: 0, errorStatus: 503, latencyMs: 0, match: '', seed: 1 };

/** `error=0.05,status=503,latency=20-80,match=/crm/v3,seed=7` */
export function parseFaults(spec: string): FaultConfig {
  const out: FaultConfig = { ...NO_FAULTS };
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, raw = ''] = part.split('=');
    switch (key) {
      case 'error': {
        const n = Number(raw);
        if (!(n >= 0 && n <= 1)) throw new UsageError(`"${part}": error rate must be between 0 and 1`);
        out.errorRate = n;
        break;
      }
      case 'status': {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 400 || n > 599) throw new UsageError(`"${part}": status must be 400..599`);
        out.errorStatus = n;
        break;
      }
      case 'latency': {
        const [a, b] = raw.split('-').map(Number);
        if (!Number.isFinite(a) || a! < 0 || (b !== undefined && !(b >= a!)))
          throw new UsageError(`"${part}": latency is MS or MIN-MAX`);
        out.latencyMs = b === undefined ? a! : [a!, b];
        break;
      }
      case 'match':
        out.match = raw;
        break;
      case 'seed':
        out.seed = Number(raw) || 1;
        break;
      default:
        throw new UsageError(
          `unknown fault setting "${part}"`,
          'Use error=RATE,status=CODE,latency=MS|MIN-MAX,match=PATH,seed=N.',
        );
    }
  }
  return out;
}

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

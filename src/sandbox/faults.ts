/** Injected failures and latency, from a spec string or scripted by tests. Deterministic for a given seed. */
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

export interface ScriptedFault {
  status: number;
  /** How many matching requests fail before the fault is used up. */
  count: number;
  match?: string;
  /** For 429s: the HubSpot limit hit (`ten_secondly` default, `secondly` for search, `daily`) or SmartLead's Retry-After. */
  policy?: 'ten_secondly' | 'secondly' | 'daily';
  retryAfter?: number;
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

/**
 * Stage norms for "going cold": for each stage, how long deals that later advanced out of it went without activity
 * (the longest quiet spell of each such stay, from entering the stage to leaving it), and the median of those.
 */
import type { Deal } from '../../crm/index.js';
import type { Derived } from '../derive.js';
import { DAY_MS } from '../time.js';

/** Fewer advanced stays than this and the stage falls back to the stale threshold. */
export const MIN_NORM_SAMPLES = 5;

export interface StageNorm {
  /** Median of the longest quiet spell (days) of stays that advanced; null when too few samples. */
  medianGapDays: number | null;
  samples: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Stage visits with consecutive repeats collapsed: [stage id, entered at ms]. */
function visits(deal: Deal): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const h of deal.stageHistory) {
    if (h.value === null || h.value === '') continue;
    if (out.length > 0 && out[out.length - 1]![0] === h.value) continue;
    out.push([h.value, Date.parse(h.timestamp)]);
  }
  return out;
}

const cache = new WeakMap<Derived, Map<string, StageNorm>>();

/** Norms keyed by `${pipelineId}:${stageId}`, computed once per context. */
export function stageNorms(d: Derived): Map<string, StageNorm> {
  const hit = cache.get(d);
  if (hit) return hit;
  const gaps = new Map<string, number[]>();
  for (const deal of d.deals.values()) {
    const v = visits(deal);
    if (v.length < 2) continue;
    let acts: number[] | null = null;
    for (let i = 0; i + 1 < v.length; i++) {
      const [stageId, enter] = v[i]!;
      const [nextId, leave] = v[i + 1]!;
      const from = d.stageById(deal.pipelineId, stageId);
      const to = d.stageById(deal.pipelineId, nextId);
      if (!from || !to || from.isClosed) continue;
      const advanced = to.isClosed ? to.isWon : to.order > from.order;
      if (!advanced || leave <= enter) continue;
      acts ??= d.activities(deal).map((a) => a.at);
      let last = enter;
      let maxGap = 0;
      for (const at of acts) {
        if (at <= enter) continue;
        if (at > leave) break;
        maxGap = Math.max(maxGap, at - last);
        last = at;
      }
      maxGap = Math.max(maxGap, leave - last);
      const key = `${deal.pipelineId}:${stageId}`;
      const list = gaps.get(key);
      if (list) list.push(maxGap / DAY_MS);
      else gaps.set(key, [maxGap / DAY_MS]);
    }
  }
  const out = new Map<string, StageNorm>();
  for (const [key, list] of gaps) {
    out.set(key, {
      medianGapDays: list.length >= MIN_NORM_SAMPLES ? Math.round(median(list) * 10) / 10 : null,
      samples: list.length,
    });
  }
  cache.set(d, out);
  return out;
}

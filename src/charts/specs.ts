/** The chart specs the dashboard and the weekly email share: plain data in, a Vega-Lite spec out. */
import type { ChartSpec } from './render.js';

export const CHART_WIDTH = 320;

/** Money on an axis: ₹ lakh for INR (the unit Indian sales teams speak), the currency's thousands otherwise. */
export function moneyAxis(currency: string): { div: number; unit: string } {
  return currency === 'INR' ? { div: 100_000, unit: '₹ lakh' } : { div: 1000, unit: `${currency} thousands` };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface WaterfallStep {
  label: string;
  amount: number;
  /** total: a bar from zero (start, end); up/down: a floating step. */
  kind: 'total' | 'up' | 'down';
}

/** The open-pipeline waterfall: start, the week's ups and downs as floating steps, end. */
export function waterfallSpec(title: string, steps: ReadonlyArray<WaterfallStep>, currency: string): ChartSpec {
  const { div, unit } = moneyAxis(currency);
  // The week's moves are small next to the pipeline: totals start from a baseline under the lowest level (the axis
  // says so), so the ups and downs stay visible.
  const levels: number[] = [];
  let level = 0;
  for (const s of steps) {
    level = s.kind === 'total' ? s.amount : s.kind === 'up' ? level + s.amount : level - s.amount;
    levels.push(level);
  }
  const lo = Math.min(...levels);
  const hi = Math.max(...levels);
  const baseline = Math.max(0, lo - Math.max((hi - lo) * 2, hi * 0.05));
  let running = 0;
  const values = steps.map((s, i) => {
    let y0: number;
    let y1: number;
    if (s.kind === 'total') {
      y0 = baseline;
      y1 = s.amount;
      running = s.amount;
    } else if (s.kind === 'up') {
      y0 = running;
      y1 = running + s.amount;
      running = y1;
    } else {
      y0 = running - s.amount;
      y1 = running;
      running = y0;
    }
    return {
      order: i,
      step: s.label,
      kind: s.kind,
      y0: round2(y0 / div),
      y1: round2(y1 / div),
      value: round2(s.amount / div),
    };
  });
  return {
    title,
    description: `${title}: ${steps.map((s) => `${s.label} ${round2(s.amount / div)} ${unit}`).join(', ')}`,
    width: CHART_WIDTH,
    height: 200,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'step', type: 'nominal', sort: { field: 'order' }, title: null, axis: { labelAngle: -35 } },
      y: {
        field: 'y0',
        type: 'quantitative',
        title: baseline > 0 ? `${unit} (axis from ${round2(baseline / div)})` : unit,
        scale: { zero: baseline === 0 },
      },
      y2: { field: 'y1' },
      color: {
        field: 'kind',
        type: 'nominal',
        scale: { domain: ['total', 'up', 'down'], range: ['#4c78a8', '#54a24b', '#e45756'] },
        legend: null,
      },
      tooltip: [
        { field: 'step', title: 'Step' },
        { field: 'value', title: unit },
      ],
    },
  } as ChartSpec;
}

export interface BarDatum {
  label: string;
  value: number;
  /** Optional series (coloured, bars side by side). */
  series?: string;
}

/** Horizontal bars (labels stay readable on a phone), optionally grouped by series, with an optional target rule. */
export function barsSpec(
  title: string,
  data: ReadonlyArray<BarDatum>,
  opts: { unit: string; target?: number; targetLabel?: string; percent?: boolean; stack?: boolean },
): ChartSpec {
  const values = data.map((d, i) => ({ order: i, label: d.label, value: round2(d.value), series: d.series ?? '' }));
  const grouped = data.some((d) => d.series);
  const bar = {
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 280 } },
      x: {
        field: 'value',
        type: 'quantitative',
        title: opts.unit,
        ...(opts.percent ? { axis: { format: '.0%' } } : {}),
      },
      ...(grouped
        ? {
            ...(opts.stack ? {} : { yOffset: { field: 'series', sort: null } }),
            color: { field: 'series', type: 'nominal', sort: null, title: null },
          }
        : {}),
      tooltip: [
        { field: 'label', title: 'Row' },
        ...(grouped ? [{ field: 'series', title: 'Series' }] : []),
        { field: 'value', title: opts.unit, ...(opts.percent ? { format: '.0%' } : {}) },
      ],
    },
  };
  const rows = new Set(data.map((d) => d.label)).size;
  const series = grouped && !opts.stack ? new Set(data.map((d) => d.series)).size : 1;
  const height = Math.max(60, rows * Math.max(18, series * 12));
  const layers: unknown[] = [bar];
  if (opts.target !== undefined) {
    layers.push({
      data: { values: [{ target: opts.target }] },
      mark: { type: 'rule', color: '#333', strokeDash: [4, 3] },
      encoding: { x: { field: 'target', type: 'quantitative' } },
    });
  }
  const target =
    opts.target === undefined
      ? ''
      : `; ${opts.targetLabel ?? 'target'} ${opts.percent ? `${Math.round(opts.target * 100)}%` : opts.target}`;
  return {
    title,
    description: `${title}: ${data.map((d) => `${d.label}${d.series ? ` ${d.series}` : ''} ${opts.percent ? `${Math.round(d.value * 100)}%` : round2(d.value)}`).join(', ')}${target}`,
    width: CHART_WIDTH,
    height,
    data: { values },
    layer: layers,
  } as ChartSpec;
}

export interface LinePoint {
  x: string;
  y: number;
  series: string;
}

/** One line per series over ordered x labels (weeks). */
export function linesSpec(
  title: string,
  points: ReadonlyArray<LinePoint>,
  opts: { unit: string; percent?: boolean; max?: number; maxLabel?: string },
): ChartSpec {
  const order = [...new Set(points.map((p) => p.x))];
  const values = points.map((p) => ({ x: p.x, y: round2(p.y), series: p.series, order: order.indexOf(p.x) }));
  const layers: unknown[] = [
    {
      mark: { type: 'line', point: true, tooltip: true },
      encoding: {
        x: { field: 'x', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0 } },
        y: { field: 'y', type: 'quantitative', title: opts.unit, ...(opts.percent ? { axis: { format: '.0%' } } : {}) },
        color: { field: 'series', type: 'nominal', title: null },
        tooltip: [
          { field: 'series', title: 'Series' },
          { field: 'x', title: 'Week' },
          { field: 'y', title: opts.unit, ...(opts.percent ? { format: '.0%' } : {}) },
        ],
      },
    },
  ];
  if (opts.max !== undefined)
    layers.push({
      data: { values: [{ max: opts.max }] },
      mark: { type: 'rule', color: '#e45756', strokeDash: [4, 3] },
      encoding: { y: { field: 'max', type: 'quantitative' } },
    });
  return {
    title,
    description: `${title}: ${points.map((p) => `${p.series} ${p.x} ${opts.percent ? `${Math.round(p.y * 100)}%` : round2(p.y)}`).join(', ')}`,
    width: CHART_WIDTH,
    height: 180,
    data: { values },
    layer: layers,
  } as ChartSpec;
}

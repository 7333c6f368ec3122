/**
 * Charts as Vega-Lite specs, compiled with vega-lite and rendered to SVG on the server with vega (no browser, no
 * canvas), so the same spec serves the dashboard page and the weekly email (SVG → PNG with resvg).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;

const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** House style: readable on a phone (the SVG scales to the column width), titles and axis labels sized for it. */
const CONFIG = {
  font: FONT,
  background: 'white',
  title: { fontSize: 14, anchor: 'start' as const, offset: 8 },
  axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 160 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom' as const },
  view: { stroke: null },
};

/** The spec with the house config; `description` becomes the SVG's aria-label. */
export function withStyle(spec: ChartSpec): ChartSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: CONFIG, ...spec } as ChartSpec;
}

/** Renders a Vega-Lite spec to an SVG string. */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const compiled = compile(withStyle(spec)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG rendered to PNG at `scale` (2: sharp on phones and retina screens), with the system's fonts. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return Buffer.from(r.render().asPng());
}

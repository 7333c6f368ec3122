/** Charts shared by the dashboard and the weekly email: Vega-Lite specs rendered to SVG (vega) and PNG (resvg). */
export { renderSvg, svgToPng, withStyle, type ChartSpec } from './render.js';
export {
  waterfallSpec,
  barsSpec,
  linesSpec,
  moneyAxis,
  CHART_WIDTH,
  type WaterfallStep,
  type BarDatum,
  type LinePoint,
} from './specs.js';

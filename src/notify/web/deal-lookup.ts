/** What the quick-log page shows about a deal: its name, values, open stages and open findings (from the synced cache). */
import type { AnalysisContext } from '../../analysis/index.js';
import type { ActionsDeps } from './actions.js';
import { dealView } from './fix-form.js';

export function dealLookup(ctx: AnalysisContext | (() => AnalysisContext)): NonNullable<ActionsDeps['deal']> {
  return (dealId) => dealView(typeof ctx === 'function' ? ctx() : ctx, dealId);
}

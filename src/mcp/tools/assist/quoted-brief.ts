/** A deal brief as the MCP tools return it: every CRM and AE text inside a quoted object (data, not instructions). */
import { z } from 'zod';
import { dealBriefSchema, type DealBrief } from '../../../assist/index.js';
import { quote, quotedSchema } from '../../quote.js';

export const quotedBriefSchema = dealBriefSchema.extend({
  lastTouches: z.array(
    dealBriefSchema.shape.lastTouches.element.omit({ text: true }).extend({ text: quotedSchema.nullable() }),
  ),
  aeSaid: dealBriefSchema.shape.aeSaid
    .unwrap()
    .omit({ quote: true })
    .extend({ quote: quotedSchema.nullable() })
    .nullable(),
  // Compact shapes for the nested analyses (mis_deal_risk and mis_next_actions describe them in full).
  risks: z.array(z.looseObject({ signal: z.string(), weight: z.number(), explanation: z.string() })),
  nextAction: z.looseObject({ kind: z.string(), action: z.string(), reason: z.string() }).nullable(),
});
export type QuotedBrief = z.infer<typeof quotedBriefSchema>;

export function quotedBrief(b: DealBrief): QuotedBrief {
  return {
    ...b,
    lastTouches: b.lastTouches.map((t) => ({ ...t, text: quote(`${t.source} ${t.kind} ${t.id}`, t.text) })),
    aeSaid: b.aeSaid ? { ...b.aeSaid, quote: quote(`ae update ${b.aeSaid.updateId}`, b.aeSaid.quote) } : null,
  };
}

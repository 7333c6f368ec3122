/**
 * call-brief (pre-call-brief, AE-1): a brief to read before a call. Offline it is the brief's own sections; with a
 * model the headline and the lines are the model's words, and every number and name in them must come from the
 * brief the tools returned (verify), or the answer is sent back once and then refused.
 */
import { z } from 'zod';
import { briefSections, type DealBrief } from '../../assist/index.js';
import { citationSchema, read } from './common.js';
import { defineOutput } from './spec.js';
import { untraceable } from './traceable.js';

const sectionSchema = z.object({
  title: z.string().min(1).max(120),
  lines: z.array(z.string().min(1).max(600)).max(12),
});

export const callBriefSchema = z.object({
  kind: z.literal('call_brief'),
  asOf: z.string(),
  dealId: z.string(),
  dealName: z.string(),
  headline: z
    .string()
    .min(1)
    .max(600)
    .describe('one or two sentences: the deal and the one thing to get from this call'),
  sections: z
    .array(sectionSchema)
    .min(1)
    .max(10)
    .describe('where it stands, people, last touches, what the AE said, risks, still to do'),
  questions: z.array(z.string().min(1).max(300)).max(8),
  hubspotUrl: z.string().nullable(),
  citations: z.array(citationSchema),
});
export type CallBrief = z.infer<typeof callBriefSchema>;

const quoted = z.looseObject({ text: z.string() }).nullable();
/** The mis_deal_brief result, read loosely (its quoted texts back to plain text for the sections). */
const briefResult = z.looseObject({
  brief: z.looseObject({
    dealId: z.string(),
    dealName: z.string(),
    asOf: z.string(),
    hubspotUrl: z.string().nullable(),
    lastTouches: z.array(z.looseObject({ text: quoted })),
    aeSaid: z.looseObject({ quote: quoted }).nullable(),
    questions: z.array(z.string()),
  }),
});

/** The tool's brief with quoted CRM text turned back into plain strings (for sections shown to people). */
export function unquoteBrief(result: unknown): DealBrief {
  const b = briefResult.parse(result).brief as unknown as Record<string, unknown> & {
    lastTouches: Array<{ text: { text: string } | null }>;
    aeSaid: { quote: { text: string } | null } | null;
  };
  return {
    ...b,
    lastTouches: b.lastTouches.map((t) => ({ ...t, text: t.text?.text ?? '' })),
    aeSaid: b.aeSaid ? { ...b.aeSaid, quote: b.aeSaid.quote?.text ?? '' } : null,
  } as unknown as DealBrief;
}

export function assembleBrief(b: DealBrief): CallBrief {
  const { headline, sections } = briefSections(b);
  const next = b.nextAction ? ` Next: ${b.nextAction.action}.` : '';
  const onDeal = b.people.filter((p) => p.onDeal).length;
  const who =
    onDeal === 0 ? 'nobody on the deal yet' : onDeal === 1 ? 'one person on the deal' : `${onDeal} people on the deal`;
  return {
    kind: 'call_brief',
    asOf: b.asOf,
    dealId: b.dealId,
    dealName: b.dealName,
    headline: `${headline.replace(/^Brief: /, '')} — ${b.stage.label}, ${who}.${next}`.slice(0, 600),
    // The headline carries the next action; the sections do not repeat it.
    sections: sections
      .filter((s) => s.title !== 'Questions to ask')
      .map((s) => ({
        title: s.title.slice(0, 120),
        lines: s.lines
          .filter((l) => !l.startsWith('Next: '))
          .slice(0, 12)
          .map((l) => l.slice(0, 600)),
      })),
    questions: b.questions.slice(0, 8),
    hubspotUrl: b.hubspotUrl,
    citations: [{ type: 'deal', id: b.dealId }],
  };
}

export function renderCallBrief(d: CallBrief): string {
  const out = [d.headline];
  for (const s of d.sections) out.push('', s.title, ...s.lines.map((l) => `  ${l}`));
  if (d.questions.length) out.push('', 'Questions to ask', ...d.questions.map((q) => `  • ${q}`));
  out.push('', d.hubspotUrl ? `In HubSpot: ${d.hubspotUrl}` : `Deal ${d.dealId}`);
  return out.join('\n');
}

/** Every number and name in the model's words must be in what the tools returned. */
export function verifyProse(texts: readonly string[], results: readonly unknown[]): string | null {
  const unknown = untraceable(texts.join('\n'), results);
  return unknown.length
    ? `these are not in the tool results, so they cannot be stated: ${unknown.slice(0, 8).join(', ')}. Use only numbers, dates and names from the tool results.`
    : null;
}

export const callBrief = defineOutput({
  name: 'call-brief',
  description:
    'a pre-call brief for one deal: headline, sections (where it stands, people, last touches, what the AE said, risks, still to do), questions to ask, every fact from mis_deal_brief',
  schema: callBriefSchema,
  assemble(results) {
    read(results, 'brief', briefResult);
    return assembleBrief(unquoteBrief(results['brief']));
  },
  render: renderCallBrief,
  verify(output, results) {
    return verifyProse(
      [output.headline, ...output.sections.flatMap((s) => [s.title, ...s.lines]), ...output.questions],
      results,
    );
  },
});

/**
 * Which RevOps topic a question is about, from its words alone, and the honest answer to a request outside RevOps
 * (writing outreach copy belongs in SmartLead sequences, not in a CRM advisor).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../analysis/index.js';
import { base, baseShape, numbered } from './common.js';
import type { AdviseTopic } from './common.js';

const OUT_OF_SCOPE =
  /\b(write|draft|compose|craft|create|generate)\b[^.?!]*\b(cold|outreach|prospecting|sequences?|subject lines?)\b|\bcold (e-?mails?|outreach|calling scripts?)\b|\b(sales|email) copy\b/i;

/** Words that ask for advice (a plan, a setup, a fix) rather than a figure or a list. */
const ADVICE_CUE =
  /\b(how (do|should|can|would) (we|i)|set ?up|setup|should we|help (me|us)|what should|should|plan|strategy|fix|clean|best (way|practice)|recommend|advice|advise|define|definitions?|mess|messy|disaster|broken|forever|keep it|track|agree|don't know|do not know|aren't|are not|never|rules?)\b/i;

const TOPICS: ReadonlyArray<{ topic: Exclude<AdviseTopic, 'out_of_scope'>; words: RegExp }> = [
  {
    topic: 'hygiene',
    words:
      /\b(data (quality|hygiene)|dirty data|clean(ing|ed)?[- ]?up|cleanup|keep (it|the data|our data|the crm|hubspot) clean|duplicates?|dupes?|missing fields?|inconsistent|naming|messy data|(crm|data|hubspot)( data)? is (a )?(mess|disaster|garbage|junk)|keep it clean|picklists?)\b/i,
  },
  {
    topic: 'scoring',
    words:
      /\b(lead scor(e|es|ing)|scor(e|ing) (model|leads?)|whom? (to|should) (we )?call first|which leads (to|should)|prioriti[sz]e (our )?leads|routing|route leads|assign leads)\b/i,
  },
  {
    topic: 'lifecycle',
    words:
      /\b(lifecycle|life cycle|lead stages?|lead definitions?|mql definition|what (is|counts as) an? (mql|sql)|handoff|hand-off|hand off|sla|leads? (are(n't| not)|never|don't|do not) (getting|get|reach(ing)?|go(ing)?) (to )?sales|marketing and sales (don't|do not|can't) agree|speed to lead)\b/i,
  },
  {
    topic: 'metrics',
    words:
      /\b((revops|sales|marketing|which|what) (metrics|kpis?)|metrics (should|to|do) we|kpis? (should|to)|leadership dashboard|dashboard for (the )?(leadership|board|management|ceo)|what should (the|our) dashboard|(track|measure) (for|on) (the )?(board|leadership))\b/i,
  },
  {
    topic: 'pipeline',
    words:
      /\b(pipeline (is )?(a )?(mess|disaster|broken|bloated)|deals? (are |have been |keep )?(sit|sitting|stuck|sits|stay|staying|linger)|stuck (in|at) (the same |a |one )?stages?|stuck deals|stage (management|criteria|definitions?)|exit criteria|entry criteria|time in stage|clean (up )?(the |our )?pipeline|don't know what (will|is going to) close|what will (actually )?close|pipeline (review|management|hygiene|stages?))\b/i,
  },
];

/** The advice topic a question asks for, 'out_of_scope' for a request outside RevOps, null when it is neither. */
export function classifyQuestion(question: string): AdviseTopic | null {
  const q = question.replace(/[’‘]/g, "'");
  if (OUT_OF_SCOPE.test(q)) return 'out_of_scope';
  for (const t of TOPICS) if (t.words.test(q)) return t.topic;
  return null;
}

/**
 * For `mis ask`: the advice topic when the question asks for RevOps advice (a topic's words and an advice cue such as
 * "set up", "clean it up", "is a mess"), 'out_of_scope' for outreach copy; null leaves it to the reports.
 */
export function asksForAdvice(question: string): AdviseTopic | null {
  const topic = classifyQuestion(question);
  if (topic === 'out_of_scope') return topic;
  return topic && ADVICE_CUE.test(question.replace(/[’‘]/g, "'")) ? topic : null;
}

export const outOfScopeAdviceSchema = z.object({
  topic: z.literal('out_of_scope'),
  ...baseShape,
  request: z.string().nullable().describe('the request as asked, when one was given'),
  belongsIn: z.string(),
  smartleadCampaigns: z.number().int().nonnegative().describe('SmartLead campaigns synced (0 when not connected)'),
});
export type OutOfScopeAdvice = z.infer<typeof outOfScopeAdviceSchema>;

export function adviseOutOfScope(ctx: AnalysisContext, request: string | null = null): OutOfScopeAdvice {
  const campaigns = ctx.data.outreach?.campaigns.length ?? 0;
  return outOfScopeAdviceSchema.parse({
    topic: 'out_of_scope',
    ...base(ctx),
    request,
    headline:
      'Writing outreach emails is not RevOps, and sales-mis does not write them: it keeps the CRM honest and reports on it. ' +
      'Sequences belong in SmartLead, where they are sent and their replies tracked.',
    belongsIn: 'SmartLead sequences (copy and cadence), written by the AE or marketing',
    smartleadCampaigns: campaigns,
    plan: numbered([
      {
        action: 'Write and send the sequence in SmartLead',
        why: campaigns
          ? `${campaigns} SmartLead campaigns are already synced; their replies flow back here`
          : 'SmartLead is not connected yet (SMARTLEAD_API_KEY)',
        amount: null,
        count: campaigns || null,
        records: [],
      },
      {
        action: 'See which campaigns and steps get replies before writing new copy (mis metrics channels)',
        why: 'the reply rates per step are measured on your own sends',
        amount: null,
        count: null,
        records: [],
      },
      {
        action:
          'Find who to write to from the pipeline: mis advise scoring (leads to call first) and mis risk (deals going quiet)',
        why: 'those are grounded in the portal; the words of the email are not',
        amount: null,
        count: null,
        records: [],
      },
    ]),
    cannotTell: ['What a prospect will respond to: the CRM holds what happened, not what to say.'],
    links: [{ label: 'SmartLead campaigns', path: 'mis metrics channels' }],
    sources: ['SmartLead campaigns synced'],
  });
}

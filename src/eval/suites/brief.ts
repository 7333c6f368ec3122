/**
 * brief: the pre-call-brief workflow (AE-1) on three hand-designed portals, offline or with Claude. The brief's
 * facts against the deal's designed situation (stage, amount, close date, owner, who is on the deal, single-threaded,
 * the newest touch, who has gone quiet), nothing invented (people and touches exist and belong to the deal, quoted
 * text is the portal's own, every number and name traceable to the tool results), and questions to ask.
 */
import { untraceable, type CallBrief } from '../../agent/index.js';
import type { PortalDataset } from '../../dataset/index.js';
import { localDate } from '../../time/index.js';
import { runWorkflowOn } from '../product.js';
import { defineSuite, type Scorer } from '../types.js';
import { dealRecordIds, loadAssistCases, type AssistCase } from './assist-cases.js';

interface BriefData {
  stage: { label: string };
  amount: number | null;
  closeDate: string | null;
  ownerName: string;
  timezone: string;
  singleThreaded: boolean;
  people: Array<{ contactId: string; onDeal: boolean; status: string }>;
  lastTouches: Array<{ at: string; id: string; text: { text: string } | null }>;
}

export interface BriefOutput {
  output: CallBrief | null;
  /** The mis_deal_brief result the run read. */
  data: BriefData | null;
  results: unknown[];
  dataset: PortalDataset;
  error?: string;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

const factsCorrect: Scorer<AssistCase, BriefOutput> = {
  name: 'facts_correct',
  description:
    "stage, amount, close date, owner, people on the deal, single-threaded, newest touch and quiet people match the deal's situation",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.95,
  score({ case: c, output }) {
    const b = output.data;
    if (!b) return { pass: false, score: 0, reason: output.error ?? 'no brief' };
    const f = c.facts;
    const checks: Array<[string, boolean]> = [
      ['stage', b.stage.label === f.stage],
      ['amount', b.amount === f.amount],
      ['closeDate', b.closeDate !== null && b.closeDate.slice(0, 10) === f.closeDate],
      ['owner', b.ownerName === f.ownerName],
      [
        'people',
        same(
          b.people.filter((p) => p.onDeal).map((p) => p.contactId),
          f.peopleOnDeal,
        ),
      ],
      ['singleThreaded', b.singleThreaded === f.singleThreaded],
      ['newestTouch', (b.lastTouches[0] ? localDate(b.lastTouches[0].at, b.timezone) : null) === f.newestTouchDay],
      [
        'quiet',
        same(
          b.people.filter((p) => p.onDeal && p.status !== 'active').map((p) => p.contactId),
          f.quietPeople,
        ),
      ],
    ];
    const wrong = checks.filter(([, ok]) => !ok).map(([k]) => k);
    const score = 1 - wrong.length / checks.length;
    return {
      pass: wrong.length === 0,
      score,
      reason: wrong.length ? `wrong: ${wrong.join(', ')}` : `${checks.length} facts right`,
    };
  },
};

const nothingInvented: Scorer<AssistCase, BriefOutput> = {
  name: 'no_invented_facts',
  description:
    'people and touches exist and belong to the deal, quoted text is the portal’s own, and the written brief states only numbers and names from the tool results',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ case: c, output }) {
    const b = output.data;
    if (!b || !output.output) return { pass: false, score: 0, reason: output.error ?? 'no brief' };
    const known = dealRecordIds(output.dataset, c.dealId);
    const problems: string[] = [];
    for (const p of b.people)
      if (!known.contacts.has(p.contactId)) problems.push(`person ${p.contactId} not at the deal's company`);
    for (const t of b.lastTouches) {
      if (!known.engagements.has(t.id)) problems.push(`touch ${t.id} not on the deal`);
      const words = (t.text?.text ?? '').replace(/…$/, '').split(' — ').pop()!.slice(0, 40);
      if (
        words &&
        !known.texts.some((x) =>
          x
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .includes(words),
        )
      )
        problems.push(`touch ${t.id} quotes text the portal does not hold`);
    }
    const o = output.output;
    const unknown = untraceable(
      [o.headline, ...o.sections.flatMap((s) => s.lines), ...o.questions].join('\n'),
      output.results,
    );
    if (unknown.length) problems.push(`not in the tool results: ${unknown.slice(0, 5).join(', ')}`);
    return problems.length
      ? { pass: false, score: 0, reason: problems.slice(0, 3).join('; ') }
      : { pass: true, score: 1, reason: 'every fact traceable' };
  },
};

const questions: Scorer<AssistCase, BriefOutput> = {
  name: 'questions_asked',
  description: 'the brief ends with one to eight questions to ask on the call',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    const n = output.output?.questions.length ?? 0;
    return n >= 1 && n <= 8
      ? { pass: true, score: 1, reason: `${n} questions` }
      : { pass: false, score: 0, reason: `${n} questions` };
  },
};

export const briefSuite = defineSuite<AssistCase, BriefOutput>({
  name: 'brief',
  description:
    'pre-call-brief workflow per deal on three hand-designed portals: facts right, nothing invented, questions',
  loadCases: loadAssistCases,
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    try {
      const run = await runWorkflowOn(session, 'pre-call-brief', t.driver, { deal: c.dealId });
      const read = run.toolResults.find((r) => r.tool === 'mis_deal_brief' && r.ok);
      const data = read ? ((read.result as { brief: BriefData }).brief ?? null) : null;
      return {
        output: run.outcome.output as CallBrief,
        data,
        results: run.toolResults.filter((r) => r.ok).map((r) => r.result),
        dataset: session.dataset,
      };
    } catch (e) {
      return {
        output: null,
        data: null,
        results: [],
        dataset: session.dataset,
        error: (e as Error).message.slice(0, 200),
      };
    }
  },
  scorers: [factsCorrect, nothingInvented, questions],
});

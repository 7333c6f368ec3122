/**
 * revops: RevOps questions (the playbook's six, paraphrases, casual phrasings, follow-ups) put to `mis ask` on the
 * demo portal over the product's MCP server, with the offline or the claude driver. Scored on: the advisor was asked
 * for the right topic (mis_advise called with it); the topic's required elements are in the answer; every number and
 * name in the answer is in the advice report or the portal's data (the traceability guard); a plan and what the data
 * can't tell are stated. A rubric scorer grades usefulness with a key only (skipped, never passed, without one).
 */
import { z } from 'zod';
import { advise, adviceReportSchema, ADVISE_TOPICS, type AdviceReport, type AdviseTopic } from '../../advise/index.js';
import { ask, ModelUnavailableError, untraceable } from '../../agent/index.js';
import { driverFor } from '../product.js';
import { readEvalJson } from '../paths.js';
import { rubricScorer } from '../scorers/model-graded.js';
import { defineSuite, type EvalCase, type EvalDriverName, type ScoreOutcome, type Scorer } from '../types.js';

const caseSchema = z.strictObject({
  id: z.string().min(1),
  origin: z.enum(['playbook', 'paraphrase', 'follow-up']),
  topic: z.enum(ADVISE_TOPICS),
  question: z.string().min(1),
  dataset: z.string().min(1),
});
const firstShotSchema = z.strictObject({
  batch: z.string(),
  date: z.string(),
  cases: z.number().int(),
  note: z.string(),
  metrics: z.record(z.string(), z.number().nullable()),
});
const fileSchema = z.strictObject({
  about: z.string(),
  firstShots: z.array(firstShotSchema).default([]),
  cases: z.array(caseSchema).min(20),
});

export interface RevopsCase extends EvalCase {
  origin: 'playbook' | 'paraphrase' | 'follow-up';
  topic: AdviseTopic;
  question: string;
  dataset: string;
}

export interface RevopsOutput {
  driver: EvalDriverName;
  /** What the person reads (the answer, or the refusal and its hint). */
  text: string;
  /** The topics mis_advise was called with during the run. */
  advisedTopics: AdviseTopic[];
  /** The report the advisor returns for the expected topic, and the portal's record names: what the text may cite. */
  report: AdviceReport;
  portalNames: string[];
  toolResults: unknown[];
}

type Element = { name: string; met: (text: string, r: AdviceReport) => boolean };
const has = (re: RegExp) => (t: string) => re.test(t);
const namesIn = (t: string, names: string[], atLeast: number) => names.filter((n) => t.includes(n)).length >= atLeast;

/** What a right answer holds, per topic (the list for each). */
export const REQUIRED: Record<AdviseTopic, Element[]> = {
  lifecycle: [
    { name: 'stages with counts', met: has(/\bMQL\b[\s\S]*\bSQL\b[\s\S]*\bOpportunity\b/) },
    { name: 'conversion between stages', met: has(/(from previous|conversion|reached)/i) },
    { name: 'time in each stage', met: has(/median days/i) },
    { name: 'stuck or skipping contacts', met: (t) => /stuck/i.test(t) && /skipped/i.test(t) },
    { name: 'MQLs never worked', met: has(/never (been )?(touched|worked)/i) },
    { name: 'entry and exit definitions', met: (t) => /enters? when|entry/i.test(t) && /leaves? when|exit/i.test(t) },
    {
      name: 'handoff SLA 4 h / 48 h / reason',
      met: (t) => /\b4 ?h\b/.test(t) && /\b48 ?h\b/.test(t) && /reason/i.test(t),
    },
    { name: "today's compliance", met: has(/\d+% of \d+ MQLs/) },
    { name: 'HubSpot workflows', met: (t) => /workflow/i.test(t) && /escalat/i.test(t) },
  ],
  scoring: [
    {
      name: 'fit, engagement and negative parts',
      met: (t) => /\bfit\b/i.test(t) && /engagement/i.test(t) && /negative/i.test(t),
    },
    { name: 'weights', met: has(/\+(20|15|5|3)\b/) },
    { name: 'MQL/SQL thresholds from history', met: has(/(MQL at score \d+|does not separate|hand-raise)/i) },
    { name: 'lift on past leads', met: has(/\blift\b/i) },
    { name: 'whom to call first', met: has(/call (these|the \d+)/i) },
    {
      name: 'routing from load and response times',
      met: (t, r) =>
        /rout/i.test(t) &&
        r.topic === 'scoring' &&
        namesIn(
          t,
          r.routing.map((x) => x.owner),
          1,
        ),
    },
  ],
  pipeline: [
    { name: 'criteria per stage', met: has(/exit criteria/i) },
    { name: 'max time per stage (2× median)', met: (t) => /max/i.test(t) && /2×/.test(t) },
    {
      name: 'violators listed by name',
      met: (t, r) =>
        r.topic === 'pipeline' &&
        namesIn(
          t,
          r.overMax.slice(0, 5).map((x) => x.deal.name),
          3,
        ),
    },
    { name: 'required fields and who misses them', met: (t) => /required/i.test(t) && /missing/i.test(t) },
    { name: 'velocity and conversion', met: (t) => /win rate/i.test(t) && /(go on|conversion)/i.test(t) },
    {
      name: 'cleanup ordered by ₹',
      met: (t) => {
        // The cleanup section's amounts, in the order they are listed: most money first.
        const section = /Cleanup[^\n]*\n([\s\S]*?)(\n\s*\n|$)/.exec(t)?.[1] ?? '';
        const amounts = [...section.matchAll(/₹([\d.,]+)\s*(L|Cr)?/g)].map(
          (m) => Number(m[1]!.replace(/,/g, '')) * (m[2] === 'Cr' ? 1e7 : m[2] === 'L' ? 1e5 : 1),
        );
        return amounts.length >= 2 && amounts.every((a, i) => i === 0 || a <= amounts[i - 1]!);
      },
    },
  ],
  metrics: [
    { name: 'per audience', met: (t) => /marketing/i.test(t) && /\bsales\b/i.test(t) && /leadership/i.test(t) },
    { name: "this portal's values", met: (t) => (t.match(/\d+(\.\d+)?%|₹[\d.]+/g) ?? []).length >= 6 },
    { name: "what the data can't support yet", met: has(/(not supported|record)/i) },
    { name: 'dashboard pages', met: has(/\/(team|marketing|review)\b/) },
  ],
  hygiene: [
    { name: 'duplicates', met: has(/duplicate/i) },
    { name: 'missing fields', met: has(/missing/i) },
    { name: 'naming inconsistencies', met: has(/(typed several ways|spelling|naming)/i) },
    { name: 'free text vs picklist', met: has(/picklist/i) },
    { name: 'ongoing rules and trend', met: (t) => /(ongoing|daily)/i.test(t) && /trend/i.test(t) },
  ],
  out_of_scope: [
    { name: 'says it is outside RevOps', met: has(/(not RevOps|outside RevOps)/i) },
    { name: 'points to SmartLead sequences', met: has(/SmartLead/) },
    { name: 'writes no email', met: (t) => !/^\s*(Subject:|Dear |Hi \p{Lu})/mu.test(t) },
  ],
};

const topicScorer: Scorer<RevopsCase, RevopsOutput> = {
  name: 'topic',
  description: 'the advisor was asked for the topic the question is about (mis_advise called with it)',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ case: c, output }) {
    const ok = output.advisedTopics.includes(c.topic);
    return {
      pass: ok,
      score: ok ? 1 : 0,
      reason: ok
        ? `advised on ${c.topic}`
        : `wanted ${c.topic}; advised on ${output.advisedTopics.join(', ') || 'nothing'}`,
    };
  },
};

const elements: Scorer<RevopsCase, RevopsOutput> = {
  name: 'required_elements',
  description: "the topic's required elements are in the answer (share met per question, then the mean)",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.95,
  score({ case: c, output }) {
    const list = REQUIRED[c.topic];
    const missing = list.filter((e) => !e.met(output.text, output.report)).map((e) => e.name);
    const score = (list.length - missing.length) / list.length;
    return {
      pass: missing.length === 0,
      score,
      reason: missing.length ? `missing: ${missing.join('; ')}` : 'all present',
    };
  },
};

const traceable: Scorer<RevopsCase, RevopsOutput> = {
  name: 'traceable',
  description: 'every number and name in the answer is in the advice report, the tool results or the portal',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }): ScoreOutcome {
    // Table columns are separate phrases (two or more spaces apart), as the guard reads punctuation.
    const text = output.text.replace(/[ \t]{2,}|[─]+/g, '\n');
    const unknown = untraceable(text, [output.report, ...output.toolResults, output.portalNames]);
    return unknown.length === 0
      ? { pass: true, score: 1, reason: 'every number and name traced' }
      : { pass: false, score: 0, reason: `not in the data: ${unknown.slice(0, 8).join(', ')}` };
  },
};

const planAndLimits: Scorer<RevopsCase, RevopsOutput> = {
  name: 'plan_and_limits',
  description: "a numbered plan and what the data can't tell are stated",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    const plan = /(^|\n)\s*1\.\s+\S/.test(output.text);
    const limits = /(can(no|')t tell|cannot tell)/i.test(output.text);
    const score = (Number(plan) + Number(limits)) / 2;
    return {
      pass: plan && limits,
      score,
      reason:
        plan && limits
          ? 'plan and limits stated'
          : `missing: ${[plan ? '' : 'numbered plan', limits ? '' : "what the data can't tell"].filter(Boolean).join(', ')}`,
    };
  },
};

const rubric = rubricScorer<RevopsCase, RevopsOutput>({
  name: 'advice_rubric',
  description: 'a RevOps lead would act on it: specific to this portal, ordered, honest about limits (model-graded)',
  rubric:
    "The text answers a sales team's RevOps question from their own CRM data. Score 1.0 when it answers the question asked, uses the team's own figures and names, gives a plan in a sensible order, and says what the data cannot tell; 0.5 when it is generic or misses one of those; 0.0 when it is off-topic, invents figures, or (for a request to write emails) writes them instead of saying it is outside RevOps.",
  threshold: 0.7,
  textOf: ({ case: c, output }) => `Question: ${c.question}\n\nAnswer:\n${output.text}`,
});

export const revopsSuite = defineSuite<RevopsCase, RevopsOutput>({
  name: 'revops',
  description:
    'RevOps questions through mis ask: the right advice topic, its required elements, traceable numbers, a plan and limits',
  loadCases(evalsDir) {
    return readEvalJson(evalsDir, 'revops/cases.json', fileSchema).cases.map((c) => ({
      ...c,
      description: `${c.origin}: ${c.question}`,
    }));
  },
  firstShots(evalsDir) {
    return readEvalJson(evalsDir, 'revops/cases.json', fileSchema).firstShots;
  },
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    const report = advise(session.ctx, c.topic);
    const crm = session.ctx.data.crm;
    const portalNames = [
      ...crm.owners.map((o) => o.name),
      ...crm.deals.map((d) => d.name),
      ...crm.companies.map((x) => x.name ?? ''),
      ...crm.pipelines.flatMap((p) => p.stages.map((s) => s.label)),
    ];
    let text: string;
    let advisedTopics: AdviseTopic[] = [];
    const toolResults: unknown[] = [];
    try {
      const r = await ask({
        question: c.question,
        driver: driverFor(t.driver),
        client: session.client,
        asOf: session.ctx.asOf,
        view: { timezone: session.ctx.timezone, currency: session.ctx.currency },
        state: null,
        fiscalYearStartMonth: session.ctx.config.fiscalYearStartMonth,
      });
      text = r.answer.answer;
      advisedTopics = r.toolCalls
        .filter((x) => x.tool === 'mis_advise' && x.ok)
        .map((x) => x.args['topic'] as AdviseTopic);
      // The results the run read, fetched again (tool results are deterministic on a read-only session).
      for (const x of r.toolCalls.filter((y) => y.ok)) {
        const res = await session.client.callTool({ name: x.tool, arguments: x.args });
        toolResults.push(res.structuredContent ?? null);
      }
    } catch (e) {
      if (t.driver === 'offline' && e instanceof ModelUnavailableError) text = `${e.message}\n${e.hint ?? ''}`;
      else throw e;
    }
    return {
      driver: t.driver,
      text,
      advisedTopics,
      report: adviceReportSchema.parse(report),
      portalNames,
      toolResults,
    };
  },
  scorers: [topicScorer, elements, traceable, planAndLimits, rubric],
});

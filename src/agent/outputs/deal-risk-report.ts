/**
 * deal-risk-report (deal-risk-analysis, AE-4): open deals at risk, most money at risk first; every factor with
 * its weight and a one-line explanation; the score is the sum of the shown weights (capped at 100) and only
 * deals at or above the size gate are scored.
 */
import { z } from 'zod';
import { RISK_SIGNALS } from '../../analysis/risk/index.js';
import { formatMoney, renderTable } from '../../format/index.js';
import { citationSchema, read, restoreQuotes } from './common.js';
import { defineOutput } from './spec.js';

const factorSchema = z.object({
  signal: z.enum(RISK_SIGNALS),
  weight: z.number().int().min(0).max(100).describe('points this factor adds to the score'),
  explanation: z
    .string()
    .min(1)
    .describe('one line a person understands, with the evidence (days, dates, amounts, record ids)'),
});

const dealSchema = z
  .object({
    dealId: z.string(),
    dealName: z.string(),
    ownerId: z.string().nullable(),
    ownerName: z.string(),
    stage: z.string(),
    amount: z.number().nullable(),
    amountAtRisk: z.number().describe('amount × stage probability'),
    score: z
      .number()
      .int()
      .min(0)
      .max(100)
      .nullable()
      .describe('sum of the factor weights capped at 100; null below the size gate'),
    scored: z.boolean().describe('at or above the size gate'),
    gateRule: z.string().describe('the size gate, in words'),
    factors: z.array(factorSchema).min(1),
  })
  .superRefine((d, ctx) => {
    const sum = Math.min(
      100,
      d.factors.reduce((s, f) => s + f.weight, 0),
    );
    if (d.scored && d.score !== sum)
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `score must be the sum of the factor weights capped at 100 (${sum}), got ${d.score}`,
      });
    if (!d.scored && d.score !== null)
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'a deal below the size gate has no score (null)' });
  });

export const dealRiskReportSchema = z.object({
  kind: z.literal('deal_risk'),
  asOf: z.string(),
  currency: z.string(),
  ownerId: z.string().nullable().describe('the AE this is about; null for the team'),
  openDeals: z.number().int().nonnegative(),
  atRisk: z.number().int().nonnegative(),
  amountAtRisk: z.number().nonnegative(),
  deals: z.array(dealSchema).max(25).describe('most money at risk first'),
  headline: z.string().min(1).max(1200),
  citations: z.array(citationSchema),
});
export type DealRiskReport = z.infer<typeof dealRiskReportSchema>;

const signal = z.looseObject({
  signal: z.enum(RISK_SIGNALS),
  weight: z.number(),
  explanation: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});
const riskResult = z.looseObject({
  asOf: z.string(),
  currency: z.string(),
  openDeals: z.number(),
  atRisk: z.number(),
  amountAtRisk: z.number(),
  deals: z.array(
    z.looseObject({
      dealId: z.string(),
      dealName: z.string(),
      ownerId: z.string().nullable(),
      ownerName: z.string(),
      stage: z.string(),
      amount: z.number().nullable(),
      amountAtRisk: z.number(),
      score: z.number().nullable(),
      gating: z.looseObject({ scored: z.boolean(), rule: z.string() }),
      signals: z.array(signal),
    }),
  ),
});

const LABEL: Record<(typeof RISK_SIGNALS)[number], string> = {
  going_cold: 'going cold',
  close_date_pushed: 'close date pushed',
  no_next_activity: 'no next step',
  single_threaded: 'single-threaded',
  competitor_mentioned: 'competitor mentioned',
  amount_decreased: 'amount down',
  stage_regression: 'stage regression',
  smartlead_silence: 'SmartLead silence',
};

export const dealRiskReport = defineOutput({
  name: 'deal-risk-report',
  description:
    'open deals at risk, most money at risk first, each with its factors (signal, weight, explanation), a score that is the sum of the weights (null below the size gate), a headline citing deal ids',
  schema: dealRiskReportSchema,
  assemble(results, inputs) {
    const r = read(results, 'risk', riskResult);
    const deals = r.deals
      .filter((d) => d.signals.length)
      .slice(0, 25)
      .map((d) => ({
        dealId: d.dealId,
        dealName: d.dealName,
        ownerId: d.ownerId,
        ownerName: d.ownerName,
        stage: d.stage,
        amount: d.amount,
        amountAtRisk: d.amountAtRisk,
        score: d.score,
        scored: d.gating.scored,
        gateRule: d.gating.rule,
        factors: d.signals.map((s) => ({
          signal: s.signal,
          weight: s.weight,
          explanation: restoreQuotes(s.explanation, s.evidence),
        })),
      }));
    const top = deals.slice(0, 3);
    const money = (x: number) => formatMoney(x, r.currency);
    return {
      kind: 'deal_risk' as const,
      asOf: r.asOf,
      currency: r.currency,
      ownerId: inputs.owner ?? null,
      openDeals: r.openDeals,
      atRisk: r.atRisk,
      amountAtRisk: r.amountAtRisk,
      deals,
      headline: r.atRisk
        ? `${r.atRisk} of ${r.openDeals} open deals show risk, ${money(r.amountAtRisk)} weighted at risk. Most money at risk: ${top.map((d) => `${d.dealName} (deal ${d.dealId}, ${d.factors.map((f) => LABEL[f.signal]).join(', ')})`).join('; ')}.`
        : `None of the ${r.openDeals} open deals shows a risk signal.`,
      citations: top.map((d) => ({ type: 'deal' as const, id: d.dealId })),
    };
  },
  render(d) {
    const money = (x: number | null) => formatMoney(x, d.currency);
    const out = [
      `Deals at risk: ${d.atRisk} of ${d.openDeals} open deals, ${money(d.amountAtRisk)} weighted at risk.`,
      d.headline,
      '',
    ];
    out.push(
      renderTable(
        ['Deal', 'AE', 'Stage', 'Amount', 'At risk', 'Score', 'Factors'],
        d.deals.map((x) => [
          `${x.dealName} (${x.dealId})`.slice(0, 48),
          x.ownerName,
          x.stage,
          money(x.amount),
          money(x.amountAtRisk),
          x.score ?? '—',
          x.factors.map((f) => `${LABEL[f.signal]} +${f.weight}`).join(', '),
        ]),
      ),
    );
    for (const x of d.deals) {
      out.push(
        '',
        `${x.dealName} (deal ${x.dealId}) — ${x.scored ? `score ${x.score} = ${x.factors.map((f) => `${f.weight}`).join(' + ')}` : `not scored: ${x.gateRule}`}`,
      );
      for (const f of x.factors) out.push(`  • ${LABEL[f.signal]} (+${f.weight}): ${f.explanation}`);
    }
    return out.join('\n');
  },
});

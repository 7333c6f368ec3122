/**
 * pipeline: how each stage is meant to be entered and left (config), the longest a deal should sit in a stage
 * (2 × the stage's median completed stay in this portal's history, the aging metric at factor 2) with today's deals
 * over it, the fields each stage requires and who misses them (the missing-field check), conversion and velocity
 * (the stage-conversion and velocity metrics), what the forecast can say, and a cleanup ordered by money.
 */
import { z } from 'zod';
import type { AnalysisContext, Finding } from '../analysis/index.js';
import { derive } from '../analysis/index.js';
import { runChecks } from '../analysis/checks/index.js';
import { aging, forwardForecast, stageConversion, velocity } from '../analysis/metrics/index.js';
import type { ExitCriterion } from '../config/index.js';
import {
  DASHBOARD,
  base,
  baseShape,
  byAmountDesc,
  fmtOf,
  numbered,
  propertyLabel,
  r0,
  r1,
  recordRefSchema,
  sharePct,
  type RecordRef,
} from './common.js';

/** The maximum stay per stage is this many times the stage's median completed stay. */
export const MAX_STAY_FACTOR = 2;

const criteriaSchema = z.object({
  source: z
    .enum(['configured', 'proposed'])
    .describe('configured: enablement.exitCriteria; proposed: by the stage category'),
  entry: z.array(z.string()),
  exit: z.array(z.string()),
});

export const pipelineAdviceSchema = z.object({
  topic: z.literal('pipeline'),
  ...baseShape,
  maxStayFactor: z.number().describe('max days in a stage = this × the stage median'),
  stages: z.array(
    z.object({
      pipeline: z.string(),
      stageId: z.string(),
      stage: z.string(),
      probabilityPct: z.number(),
      open: z.number().int().nonnegative().describe('open deals in the stage now'),
      openAmount: z.number(),
      medianDays: z.number().nullable().describe('median completed stay (days), null with fewer than 3 stays'),
      maxDays: z.number().nullable().describe('maxStayFactor × median, rounded'),
      overMax: z.number().int().nonnegative(),
      criteria: criteriaSchema,
      requiredFields: z
        .array(z.string())
        .describe('fields every open deal in the stage must have (as people name them)'),
    }),
  ),
  overMax: z
    .array(
      z.object({
        deal: recordRefSchema,
        owner: z.string(),
        stage: z.string(),
        days: z.number().describe('days in the stage so far'),
        maxDays: z.number(),
        amount: z.number(),
      }),
    )
    .describe('open deals in their stage longer than the maximum, most money first'),
  missingFields: z
    .array(
      z.object({
        owner: z.string(),
        deals: z.array(
          z.object({ deal: recordRefSchema, stage: z.string(), missing: z.array(z.string()), amount: z.number() }),
        ),
      }),
    )
    .describe('who misses which required fields, per AE'),
  conversion: z.array(
    z.object({
      pipeline: z.string(),
      from: z.string(),
      to: z.string(),
      entered: z.number().int(),
      lostHere: z.number().int(),
      conversionPct: z.number().nullable(),
      medianDays: z.number().nullable(),
    }),
  ),
  biggestDrop: z.object({ from: z.string(), to: z.string(), conversionPct: z.number() }).nullable(),
  velocity: z.object({
    openDeals: z.number().int(),
    winRatePct: z.number().nullable(),
    medianCycleDays: z.number().nullable(),
    averageWonAmount: z.number().nullable(),
    salesVelocityPerDay: z.number().nullable().describe('open deals × win rate × average won ÷ cycle days'),
  }),
  forecast: z.object({
    months: z.array(
      z.object({
        month: z.string(),
        commit: z.number(),
        bestCase: z.number(),
        pipeline: z.number(),
        deals: z.number().int(),
      }),
    ),
    overdue: z.object({ count: z.number().int(), amount: z.number() }),
    noCloseDate: z.object({ count: z.number().int(), amount: z.number() }),
  }),
  cleanup: z
    .array(
      z.object({
        action: z.enum(['close_out', 'restage', 'chase']),
        deal: recordRefSchema,
        owner: z.string(),
        stage: z.string(),
        amount: z.number(),
        why: z.string(),
      }),
    )
    .describe('one line per deal, most money first: close out (or re-date), re-stage, chase'),
});
export type PipelineAdvice = z.infer<typeof pipelineAdviceSchema>;

/** Entry and exit by stage category when the team has not configured exit criteria. */
const PROPOSED: Record<string, { entry: string[]; exit: string[] }> = {
  early: {
    entry: ['a named buyer agreed to a first call', 'the company fits the profile'],
    exit: ['pain, budget owner and timeline confirmed on a call', 'the next meeting is in the calendar'],
  },
  mid: {
    entry: ['the buyer has seen the product (demo or trial)'],
    exit: ['success criteria agreed in writing', 'the decision maker has taken part', 'an amount is in the deal'],
  },
  late: {
    entry: ['a proposal or quote has been sent'],
    exit: ['verbal yes or a shortlist with a decision date', 'close date and amount confirmed with the buyer'],
  },
};

const dealRef = (id: string, name: string): RecordRef => ({ type: 'deal', id, name });

export function advisePipeline(ctx: AnalysisContext): PipelineAdvice {
  const d = derive(ctx);
  const f = fmtOf(ctx);
  const aged = aging({ ...ctx, config: { ...ctx.config, aging: { ...ctx.config.aging, factor: MAX_STAY_FACTOR } } });
  const conv = stageConversion(ctx);
  const vel = velocity(ctx);
  const fwd = forwardForecast(ctx);
  const findings = runChecks(ctx, [
    'missing_required_field',
    'close_date_past',
    'stage_mismatch',
    'stage_skipped',
    'stale_deal',
  ]);
  const amountOf = (id: string) => d.deals.get(id)?.amount ?? 0;
  const nameOf = (id: string) => d.deals.get(id)?.name ?? `deal ${id}`;
  const stageOfDeal = (id: string) => {
    const deal = d.deals.get(id);
    return deal ? (d.stageOf(deal)?.label ?? 'an unknown stage') : 'an unknown stage';
  };
  const pipelineLabel = new Map(ctx.data.crm.pipelines.map((p) => [p.id, p.label]));
  const exitConfig = ctx.config.enablement.exitCriteria;
  const req = ctx.config.requiredFields;

  const openDeals = [...d.deals.values()].filter((x) => !x.archived && d.isOpen(x));
  const stages: PipelineAdvice['stages'] = aged.byStage.map((s) => {
    const info = d.stageById(s.pipelineId, s.stageId);
    const configured: ExitCriterion[] | undefined =
      exitConfig[s.stageId] ?? (info ? exitConfig[info.category] : undefined);
    const proposed = PROPOSED[info?.category ?? 'early'] ?? PROPOSED['early']!;
    const required = [
      ...new Set([
        ...req.always,
        ...(req.byStage[s.stageId] ?? ((info?.probability ?? 0) >= req.fromProbability ? req.fields : [])),
      ]),
    ];
    const next = info
      ? [...d.stages.values()].find(
          (x) => x.pipelineId === s.pipelineId && !x.isClosed && x.openOrder === info.openOrder + 1,
        )
      : undefined;
    const inStage = openDeals.filter((x) => x.pipelineId === s.pipelineId && x.stageId === s.stageId);
    return {
      pipeline: pipelineLabel.get(s.pipelineId) ?? s.pipelineId,
      stageId: s.stageId,
      stage: s.label,
      probabilityPct: Math.round((info?.probability ?? 0) * 100),
      open: s.open,
      openAmount: inStage.reduce((a, x) => a + (x.amount ?? 0), 0),
      medianDays: s.medianDays === null ? null : r1(s.medianDays),
      maxDays: s.limitDays === null ? null : r0(s.limitDays),
      overMax: s.aged,
      criteria: configured?.length
        ? { source: 'configured', entry: proposed.entry, exit: configured.map((c) => c.criterion) }
        : {
            source: 'proposed',
            entry: proposed.entry,
            exit: next ? [...proposed.exit, `the buyer agrees to ${next.label}`] : proposed.exit,
          },
      requiredFields: required.map(propertyLabel),
    };
  });

  const overMax = aged.deals
    .map((x) => ({
      deal: dealRef(x.dealId, x.dealName),
      owner: d.ownerName(x.ownerId),
      stage: x.stage,
      days: r0(x.ageDays),
      maxDays: r0(x.limitDays),
      amount: x.amount,
    }))
    .sort((a, b) => b.amount - a.amount || b.days - a.days);

  const missingByOwner = new Map<string, PipelineAdvice['missingFields'][number]['deals']>();
  for (const m of findings.filter((x) => x.check === 'missing_required_field' && x.objectId)) {
    const owner = d.ownerName(m.ownerId);
    const fields = (m.evidence['missingFields'] as string[] | undefined) ?? [];
    const list = missingByOwner.get(owner) ?? [];
    list.push({
      deal: dealRef(m.objectId!, nameOf(m.objectId!)),
      stage: stageOfDeal(m.objectId!),
      missing: fields.map(propertyLabel),
      amount: amountOf(m.objectId!),
    });
    missingByOwner.set(owner, list);
  }
  const missingFields = [...missingByOwner]
    .map(([owner, deals]) => ({ owner, deals: deals.sort(byAmountDesc) }))
    .sort((a, b) => b.deals.length - a.deals.length || a.owner.localeCompare(b.owner));

  const conversion: PipelineAdvice['conversion'] = conv.pipelines.flatMap((p) =>
    p.team.steps.map((s) => ({
      pipeline: p.label,
      from: s.fromStage,
      to: s.toStage,
      entered: s.entered,
      lostHere: s.lostHere,
      conversionPct: sharePct(s.conversion),
      medianDays: s.medianDays === null ? null : r1(s.medianDays),
    })),
  );
  const drop = conv.pipelines
    .map((p) => p.biggestDrop)
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => a.conversion - b.conversion)[0];

  // Cleanup: one line per deal; close out beats re-stage beats chase.
  const cleanup = new Map<string, PipelineAdvice['cleanup'][number]>();
  const add = (action: PipelineAdvice['cleanup'][number]['action'], fd: Finding, why: string) => {
    if (!fd.objectId || cleanup.has(fd.objectId)) return;
    const deal = d.deals.get(fd.objectId);
    if (!deal || !d.isOpen(deal)) return;
    cleanup.set(fd.objectId, {
      action,
      deal: dealRef(deal.id, deal.name),
      owner: d.ownerName(deal.ownerId),
      stage: d.stageOf(deal)?.label ?? 'an unknown stage',
      amount: deal.amount ?? 0,
      why,
    });
  };
  // Reasons in the product's own words: a finding's summary may quote CRM text, which stays out of advice.
  for (const x of findings.filter((y) => y.check === 'close_date_past')) {
    const deal = x.objectId ? d.deals.get(x.objectId) : undefined;
    add('close_out', x, `close date ${f.date(deal?.closeDate)} passed: close it or get a new date`);
  }
  for (const x of findings.filter((y) => y.check === 'stage_mismatch'))
    add('restage', x, `logged activity says it is past ${stageOfDeal(x.objectId ?? '')}`);
  for (const x of findings.filter((y) => y.check === 'stage_skipped'))
    add('restage', x, `skipped stages on the way to ${stageOfDeal(x.objectId ?? '')}`);
  for (const x of findings.filter((y) => y.check === 'stale_deal')) {
    const days = x.evidence['daysSinceActivity'];
    add('chase', x, typeof days === 'number' ? `no activity for ${days} days` : 'no recent activity');
  }
  for (const x of overMax)
    if (!cleanup.has(x.deal.id))
      cleanup.set(x.deal.id, {
        action: 'chase',
        deal: x.deal,
        owner: x.owner,
        stage: x.stage,
        amount: x.amount,
        why: `${x.days} days in the stage, max ${x.maxDays}`,
      });
  const cleanupList = [...cleanup.values()].sort(byAmountDesc);

  const team = vel.team;
  const months = fwd.team.months.map((m) => ({
    month: m.month,
    commit: m.categories.commit.amount,
    bestCase: m.categories.best_case.amount,
    pipeline: m.categories.pipeline.amount,
    deals: m.total.count,
  }));

  const group = (a: PipelineAdvice['cleanup'][number]['action']) => cleanupList.filter((x) => x.action === a);
  const sumAmount = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
  const closeOut = group('close_out');
  const restage = group('restage');
  const chase = group('chase');
  const missingDeals = missingFields.flatMap((m) => m.deals);
  const cleanupItems = [
    closeOut.length
      ? {
          action: `Close out or re-date the ${closeOut.length} open deals whose close date has passed`,
          why: `${f.money(sumAmount(closeOut))} sits in deals the forecast still counts; each is either lost or needs a new date from the buyer`,
          amount: sumAmount(closeOut),
          count: closeOut.length,
          records: closeOut.slice(0, 10).map((x) => x.deal),
        }
      : null,
    restage.length
      ? {
          action: `Re-stage the ${restage.length} deals whose stage contradicts their activity or skipped stages`,
          why: `${f.money(sumAmount(restage))} is in the wrong stage, so conversion and forecast read it wrong`,
          amount: sumAmount(restage),
          count: restage.length,
          records: restage.slice(0, 10).map((x) => x.deal),
        }
      : null,
    chase.length
      ? {
          action: `Chase the ${chase.length} deals gone quiet or over their stage's maximum time, and close the dead ones`,
          why: `${f.money(sumAmount(chase))} has had no movement for longer than this pipeline usually takes`,
          amount: sumAmount(chase),
          count: chase.length,
          records: chase.slice(0, 10).map((x) => x.deal),
        }
      : null,
    missingDeals.length
      ? {
          action: `Fill the required fields on ${missingDeals.length} open deals (${missingFields.map((m) => `${m.owner} ${m.deals.length}`).join(', ')})`,
          why: 'a deal without an amount or close date is left out of coverage and forecast',
          amount: sumAmount(missingDeals),
          count: missingDeals.length,
          records: [...missingDeals]
            .sort(byAmountDesc)
            .slice(0, 10)
            .map((x) => x.deal),
        }
      : null,
  ]
    .filter((x) => x !== null)
    // Most money first.
    .sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0));
  const planItems = [
    ...cleanupItems,
    {
      action: `Set the maximum days per stage (${MAX_STAY_FACTOR}× the median stay) as the stale rule and agree exit criteria per stage with the team`,
      why: stages.some((s) => s.criteria.source === 'proposed')
        ? 'exit criteria are not configured for every stage yet (mis.config.json enablement.exitCriteria); the ones listed above are proposed'
        : 'exit criteria are configured; keep the maximum days beside them',
      amount: null,
      count: null,
      records: [],
    },
  ];
  const plan = numbered(planItems);

  const stuck = overMax.length;
  const headline =
    `${openDeals.length} open deals worth ${f.money(openDeals.reduce((s, x) => s + (x.amount ?? 0), 0))}. ` +
    `${stuck} sit in their stage longer than ${MAX_STAY_FACTOR}× its usual stay (${f.money(sumAmount(overMax))}); ` +
    `${cleanupList.length} need cleaning up, ${f.money(sumAmount(cleanupList))} in all. ` +
    (drop
      ? `Deals drop out most between ${drop.fromStage} and ${drop.toStage} (${sharePct(drop.conversion)}% go on). `
      : '') +
    (team.winRate !== null ? `Win rate ${sharePct(team.winRate)}%` : 'No closed deals yet') +
    (team.medianCycleDays !== null ? `, median cycle ${r0(team.medianCycleDays)} days.` : '.');

  return pipelineAdviceSchema.parse({
    topic: 'pipeline',
    ...base(ctx),
    headline,
    maxStayFactor: MAX_STAY_FACTOR,
    stages,
    overMax,
    missingFields,
    conversion,
    biggestDrop: drop ? { from: drop.fromStage, to: drop.toStage, conversionPct: sharePct(drop.conversion) } : null,
    velocity: {
      openDeals: team.openDeals,
      winRatePct: sharePct(team.winRate),
      medianCycleDays: team.medianCycleDays === null ? null : r0(team.medianCycleDays),
      averageWonAmount: team.averageWonAmount === null ? null : r0(team.averageWonAmount),
      salesVelocityPerDay: team.salesVelocity === null ? null : r0(team.salesVelocity),
    },
    forecast: { months, overdue: fwd.team.overdue, noCloseDate: fwd.team.noCloseDate },
    cleanup: cleanupList,
    plan,
    cannotTell: [
      'Why a deal stalls: the CRM records stage changes and activity, not what the buyer said. Ask the AE or read the notes (mis brief --deal NAME).',
      'What will really close: the forecast reads stage probabilities and close dates as the AEs set them; the deals above with past close dates or no movement make it optimistic.',
      'Stages with fewer than 3 completed stays have no usual time yet, so no maximum.',
      'Exit criteria actually met on a deal: HubSpot has no field for them unless the team adds one per stage.',
    ],
    links: [
      DASHBOARD.team,
      DASHBOARD.ae,
      { label: 'Deals at risk', path: 'mis risk' },
      { label: 'Stage conversion', path: 'mis metrics conversion' },
    ],
    sources: [
      'mis metrics aging (factor 2)',
      'mis metrics conversion',
      'mis metrics velocity',
      'mis metrics forecast',
      'mis check',
    ],
  });
}

/**
 * SM-1 Weekly momentum: what moved in the pipeline during a period (default: this week, Monday 00:00 local to
 * asOf), per AE and for the team, with a waterfall from the open pipeline at the start to the one at the end.
 *
 * Definitions (deal state at an instant is reconstructed from the stage / amount / close-date histories; see
 * common.ts). "In the period" = from ≤ t ≤ min(to − 1 ms, asOf). Owner = the deal's current owner.
 * - new: created in the period (any state now). Amount: as of the period end.
 * - advanced / regressed: open at the period end, and its stage then is later / earlier in the pipeline (display
 *   order) than its baseline stage, which was open: the stage at the period start, or at creation for a deal
 *   created in the period. Net movement only (forward then back again counts as neither). Amount: as of the end.
 * - stalled: open at the start and at the end, no activity in the period (derive.activities: done engagements
 *   and SmartLead messages of its contacts) and no stage-history entry in the period. Amount: as of the end.
 * - won / lost: moved from an open stage to a won / lost (closed, not won) stage in the period. Amount: the amount
 *   at that moment (summed if it happened twice).
 * - pushed: its close date was changed to a later date in the period while it was open, i.e. open just before
 *   the change and after it (the close-date rewrite that accompanies closing or reopening is not a push).
 *   Amount: as of the end.
 * The categories overlap (a deal can be new and won), so they are not additive.
 *
 * Waterfall (amounts; a missing amount is 0), per deal and summed, walking each change in the period in order:
 *   start (open at the start, amounts as of then) + created (entered the pipeline open by being created)
 *   + reopened (a closed deal moved back to an open stage) + increased (amount raised while open)
 *   − decreased (amount lowered while open) − won − lost (amount as of closing) = end (open at the end).
 * An amount changed at the same instant as the deal closes counts as an increase/decrease, then won/lost at the new
 * amount. It balances by construction; the function throws MetricInvariantError if it does not.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  MetricInvariantError,
  activeBetween,
  addTo,
  countAmountSchema,
  emptyCountAmount,
  firstAtOrAfter,
  lastAtOrBefore,
  metricIndex,
  ownerIdSchema,
  ownerRefs,
  periodOut,
  periodSchema,
  resolvePeriod,
  type CountAmount,
  type DealState,
  type PeriodInput,
} from './common.js';

const category = (what: string) =>
  countAmountSchema.extend({ dealIds: z.array(z.string()).describe('the deals, by id') }).describe(what);

const line = (what: string) => countAmountSchema.describe(what);

export const waterfallSchema = z
  .object({
    start: line('open at the period start: count and amount as of then'),
    created: line('created in the period in an open stage: count and amount at creation'),
    reopened: line(
      'moved from a closed stage back to an open stage in the period: count of moves, amount at reopening',
    ),
    increased: line('amount raised while open: count of changes, total increase'),
    decreased: line('amount lowered while open: count of changes, total decrease (positive number)'),
    won: line('moved from open to won in the period: count of moves, amount at closing'),
    lost: line('moved from open to lost in the period: count of moves, amount at closing'),
    end: line('open at the period end (min(to, asOf)): count and amount as of then'),
  })
  .describe(
    'start + created + reopened + increased − decreased − won − lost = end (amounts; counts balance without the increased/decreased lines)',
  );
export type Waterfall = z.infer<typeof waterfallSchema>;

export const momentumRowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  new: category('created in the period (amount as of the period end)'),
  advanced: category(
    'open at the end in a later stage than at the start (or at creation), which was open (amount as of the end)',
  ),
  regressed: category(
    'open at the end in an earlier stage than at the start (or at creation), which was open (amount as of the end)',
  ),
  stalled: category('open at start and end, no activity and no stage change in the period (amount as of the end)'),
  won: category('moved open → won in the period (amount at closing)'),
  lost: category('moved open → lost in the period (amount at closing)'),
  pushed: category('close date moved later in the period while open (amount as of the end)'),
  waterfall: waterfallSchema,
});
export type MomentumRow = z.infer<typeof momentumRowSchema>;

export const weeklyMomentumSchema = z
  .object({
    metric: z.literal('weekly_momentum'),
    period: periodSchema,
    currency: z.string(),
    team: momentumRowSchema.describe('every deal, whatever its owner (ownerId null, ownerName "Team")'),
    byOwner: z
      .array(momentumRowSchema)
      .describe(
        "per the deal's current owner; owners with no deal in the pipeline at any point of the period are omitted",
      ),
  })
  .describe(
    'SM-1 weekly momentum: new/advanced/regressed/stalled/won/lost/pushed deals and the open-pipeline waterfall',
  );
export type WeeklyMomentum = z.infer<typeof weeklyMomentumSchema>;

type Cat = CountAmount & { dealIds: string[] };
const emptyCat = (): Cat => ({ count: 0, amount: 0, dealIds: [] });
const emptyWaterfall = (): Waterfall => ({
  start: emptyCountAmount(),
  created: emptyCountAmount(),
  reopened: emptyCountAmount(),
  increased: emptyCountAmount(),
  decreased: emptyCountAmount(),
  won: emptyCountAmount(),
  lost: emptyCountAmount(),
  end: emptyCountAmount(),
});

type Row = Omit<MomentumRow, 'ownerId' | 'ownerName'>;
const emptyRow = (): Row => ({
  new: emptyCat(),
  advanced: emptyCat(),
  regressed: emptyCat(),
  stalled: emptyCat(),
  won: emptyCat(),
  lost: emptyCat(),
  pushed: emptyCat(),
  waterfall: emptyWaterfall(),
});

const CATS = ['new', 'advanced', 'regressed', 'stalled', 'won', 'lost', 'pushed'] as const;
const LINES = ['start', 'created', 'reopened', 'increased', 'decreased', 'won', 'lost', 'end'] as const;

export function weeklyMomentum(ctx: AnalysisContext, period?: PeriodInput): WeeklyMomentum {
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, period, 'week');
  const team = emptyRow();
  const rows = new Map<string | null, Row>();

  for (const tl of ix.deals) {
    const startState = ix.stateThrough(tl, p.from - 1);
    const endState = p.through >= p.from ? ix.stateThrough(tl, p.through) : startState;
    const wf = emptyWaterfall();
    const won = emptyCountAmount();
    const lost = emptyCountAmount();
    let pushed = false;

    if (startState.open) addTo(wf.start, startState.amount);
    // Every instant in the period at which the deal's state may change: its creation and each history entry.
    const instants: number[] = [];
    if (tl.created >= p.from && tl.created <= p.through) instants.push(tl.created);
    for (let i = firstAtOrAfter(tl.changes, p.from); i < tl.changes.length && tl.changes[i]! <= p.through; i++)
      instants.push(tl.changes[i]!);
    instants.sort((a, b) => a - b);

    let prev: DealState = startState;
    let last = Number.NaN;
    for (const t of instants) {
      if (t === last) continue;
      last = t;
      const cur = ix.stateThrough(tl, t);
      if (prev.open && cur.open) amountChange(wf, cur.amount - prev.amount);
      else if (!prev.open && cur.open) addTo(prev.exists ? wf.reopened : wf.created, cur.amount);
      else if (prev.open && !cur.open) {
        amountChange(wf, cur.amount - prev.amount);
        if (cur.won) {
          addTo(wf.won, cur.amount);
          addTo(won, cur.amount);
        } else {
          addTo(wf.lost, cur.amount);
          addTo(lost, cur.amount);
        }
      }
      // pushed: a close-date entry at t moving the date later, the deal open before and through t
      if (!pushed && prev.open && cur.open) {
        const j = lastAtOrBefore(tl.closeDate.at, t);
        if (j >= 0 && tl.closeDate.at[j] === t) {
          // the value before this instant's entries
          const k = firstAtOrAfter(tl.closeDate.at, t);
          const before = k > 0 ? tl.closeDate.values[k - 1]! : tl.closeDate.before;
          const after = tl.closeDate.values[j]!;
          if (before !== null && after !== null && after > before) pushed = true;
        }
      }
      prev = cur;
    }
    if (endState.open) addTo(wf.end, endState.amount);

    assertBalanced(wf, `deal ${tl.deal.id}`);

    // Categories
    const endAmount = endState.amount;
    const id = tl.deal.id;
    const cats: Partial<Record<(typeof CATS)[number], number>> = {};
    if (tl.created >= p.from && tl.created <= p.through) cats.new = endAmount;
    const baseline = tl.created >= p.from ? ix.stateThrough(tl, tl.created) : startState;
    if (endState.open && baseline.open && baseline.exists && baseline.stage && endState.stage) {
      if (endState.stage.order > baseline.stage.order) cats.advanced = endAmount;
      else if (endState.stage.order < baseline.stage.order) cats.regressed = endAmount;
    }
    if (p.through >= p.from && startState.open && endState.open && !activeBetween(ix, tl, p.from, p.through)) {
      const k = firstAtOrAfter(tl.stage.at, p.from);
      const stageMoved = k < tl.stage.at.length && tl.stage.at[k]! <= p.through;
      if (!stageMoved) cats.stalled = endAmount;
    }
    if (won.count > 0) cats.won = won.amount;
    if (lost.count > 0) cats.lost = lost.amount;
    if (pushed) cats.pushed = endAmount;

    const touched =
      wf.start.count + wf.end.count + wf.created.count + wf.reopened.count + wf.won.count + wf.lost.count > 0;
    if (!touched && Object.keys(cats).length === 0) continue;
    const owner = tl.deal.ownerId;
    let row = rows.get(owner);
    if (!row) rows.set(owner, (row = emptyRow()));
    for (const target of [row, team]) {
      for (const l of LINES) addTo(target.waterfall[l], wf[l].amount, wf[l].count);
      for (const c of CATS) {
        const amount = cats[c];
        if (amount === undefined) continue;
        addTo(target[c], amount);
        target[c].dealIds.push(id);
      }
    }
  }

  assertBalanced(team.waterfall, 'the team');
  for (const [owner, row] of rows) assertBalanced(row.waterfall, `owner ${owner ?? '(none)'}`);

  return {
    metric: 'weekly_momentum',
    period: periodOut(ctx, p),
    currency: ctx.currency,
    team: { ownerId: null, ownerName: 'Team', ...team },
    byOwner: ownerRefs(ix, rows.keys()).map((o) => ({ ...o, ...rows.get(o.ownerId)! })),
  };
}

/** start + created + reopened + increased − decreased − won − lost = end, in amounts (to rounding) and in counts. */
function assertBalanced(wf: Waterfall, what: string): void {
  const amount =
    wf.start.amount +
    wf.created.amount +
    wf.reopened.amount +
    wf.increased.amount -
    wf.decreased.amount -
    wf.won.amount -
    wf.lost.amount -
    wf.end.amount;
  const scale = LINES.reduce((s, l) => s + Math.abs(wf[l].amount), 0);
  const count = wf.start.count + wf.created.count + wf.reopened.count - wf.won.count - wf.lost.count - wf.end.count;
  if (Math.abs(amount) > 1e-9 * Math.max(1, scale) || count !== 0) {
    throw new MetricInvariantError(
      `weekly momentum: the waterfall of ${what} does not balance (amount off by ${amount}, count off by ${count})`,
    );
  }
}

function amountChange(wf: Waterfall, delta: number): void {
  if (delta > 0) addTo(wf.increased, delta);
  else if (delta < 0) addTo(wf.decreased, -delta);
}

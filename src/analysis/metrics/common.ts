/**
 * What every metric shares: periods, the reconstruction of a deal's state at any instant from its property
 * histories, owners, sources, lifecycle positions, touches and small statistics. Built once per AnalysisContext
 * on top of `derive(ctx)` (cached in a WeakMap), so no metric loops over deals × engagements.
 *
 * Conventions (every metric's schema repeats the ones it relies on):
 * - Instants are epoch ms; output times are ISO 8601 UTC strings; amounts are plain numbers in the portal currency.
 * - A period is half-open [from, to). Nothing after `asOf` is ever counted, so a period's events are those at
 *   `from ≤ t ≤ min(to − 1 ms, asOf)` ("through").
 * - A deal's state "through t" uses the history entries with timestamp ≤ t: its stage is the last stage-history
 *   value (before the first entry: the first entry's value; no history at all: the current `dealstage`), its
 *   amount and close date the last amount / close-date history value (before the first entry: not set; no
 *   history at all: the current value). It exists through t when `createdAt ≤ t`. With consistent data and
 *   asOf = the snapshot time, the state through asOf is the deal's current fields, as the hygiene checks read them.
 * - Open = exists and its stage is not closed (an unknown stage counts as open, as in derive.isOpen); a closed
 *   deal is won when its stage category (derive/config) is `won`, otherwise lost. So no deal is both won and open.
 * - A missing amount counts as 0.
 */
import { z } from 'zod';
import type { Contact, Deal, Engagement } from '../../crm/index.js';
import { UsageError } from '../../errors/index.js';
import { derive, isDoneAt, type Derived, type StageInfo } from '../derive.js';
import type { AnalysisContext } from '../input.js';
import { DAY_MS, startOfQuarter, startOfWeek } from '../time.js';

export const HOUR_MS = 3_600_000;
export { DAY_MS };

// ───────────────────────────── schema pieces ─────────────────────────────

export const money = z.number().describe('amount in the portal currency (a missing deal amount counts as 0)');
export const isoTime = z.string().describe('ISO 8601 instant (UTC)');
export const share = z.number().min(0).max(1);
export const ownerIdSchema = z.string().nullable().describe('HubSpot owner id; null = deals/records with no owner');

export const countAmountSchema = z.object({
  count: z.number().int().nonnegative().describe('number of deals'),
  amount: money,
});
export type CountAmount = z.infer<typeof countAmountSchema>;

export const periodInputSchema = z.object({
  from: z.string().describe('ISO 8601 instant, inclusive'),
  to: z.string().describe('ISO 8601 instant, exclusive'),
});
export type PeriodInput = z.infer<typeof periodInputSchema>;

export const PERIOD_KINDS = ['week', 'quarter', 'custom'] as const;
export const periodSchema = z
  .object({
    kind: z
      .enum(PERIOD_KINDS)
      .describe(
        'week = Monday 00:00 local (team time zone) for 7 days; quarter = calendar quarter in the team time zone; custom = the {from, to} given',
      ),
    from: isoTime.describe('start, inclusive'),
    to: isoTime.describe('end, exclusive'),
    asOf: isoTime.describe('nothing after this instant is counted'),
    complete: z.boolean().describe('true when the whole period lies before asOf'),
  })
  .describe('Half-open period [from, to); events counted when from ≤ t ≤ min(to, asOf)');
export type PeriodOut = z.infer<typeof periodSchema>;

// ───────────────────────────── periods ─────────────────────────────

export interface Period {
  kind: (typeof PERIOD_KINDS)[number];
  from: number;
  to: number;
  /** Last instant counted: min(to − 1, asOf). May be < from for a period that starts after asOf. */
  through: number;
}

export function resolvePeriod(
  ctx: AnalysisContext,
  input: PeriodInput | undefined,
  fallback: 'week' | 'quarter',
): Period {
  const asOf = asOfMs(ctx);
  let from: number;
  let to: number;
  let kind: Period['kind'];
  if (input) {
    from = Date.parse(input.from);
    to = Date.parse(input.to);
    if (Number.isNaN(from) || Number.isNaN(to))
      throw new UsageError(
        `period {from: "${input.from}", to: "${input.to}"} is not two ISO 8601 instants`,
        'Give both as ISO 8601, e.g. 2026-11-16T00:00:00+05:30.',
      );
    if (from >= to)
      throw new UsageError(`period from ${input.from} is not before to ${input.to}`, 'Give a start before the end.');
    kind = 'custom';
  } else if (fallback === 'week') {
    from = startOfWeek(asOf, ctx.timezone);
    to = startOfWeek(from + 8 * DAY_MS, ctx.timezone);
    kind = 'week';
  } else {
    from = startOfQuarter(asOf, ctx.timezone);
    to = startOfQuarter(from + 95 * DAY_MS, ctx.timezone);
    kind = 'quarter';
  }
  return { kind, from, to, through: Math.min(to - 1, asOf) };
}

export function periodOut(ctx: AnalysisContext, p: Period): PeriodOut {
  const asOf = asOfMs(ctx);
  return { kind: p.kind, from: iso(p.from), to: iso(p.to), asOf: iso(asOf), complete: p.to <= asOf + 1 };
}

export const inPeriod = (p: Period, t: number) => t >= p.from && t <= p.through;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function asOfMs(ctx: AnalysisContext): number {
  const t = Date.parse(ctx.asOf);
  if (Number.isNaN(t))
    throw new UsageError(
      `asOf "${ctx.asOf}" is not an ISO 8601 instant`,
      'Pass --as-of as ISO 8601, e.g. 2026-11-20T18:00:00+05:30.',
    );
  return t;
}

// ───────────────────────────── deal timelines ─────────────────────────────

/** A property's values over time: `at` ascending (entries after asOf dropped), `before` = value before the first entry. */
export interface Series<T> {
  at: number[];
  values: T[];
  before: T;
}

export interface DealState {
  exists: boolean;
  stageId: string;
  stage: StageInfo | undefined;
  open: boolean;
  won: boolean;
  lost: boolean;
  amount: number;
  closeDate: number | null;
}

export interface DealTimeline {
  deal: Deal;
  created: number;
  stage: Series<string>;
  amount: Series<number | null>;
  closeDate: Series<number | null>;
  /** Every instant (≤ asOf) at which a stage, amount or close-date entry was recorded, ascending, unique. */
  changes: number[];
  /** Lazily filled caches (state through asOf, activity instants). */
  now?: DealState;
  activity?: number[];
}

/** Last index with at[i] ≤ t, or −1. */
export function lastAtOrBefore(at: readonly number[], t: number): number {
  let lo = 0;
  let hi = at.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** First index with at[i] ≥ t, or at.length. */
export function firstAtOrAfter(at: readonly number[], t: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function valueThrough<T>(s: Series<T>, t: number): T {
  const i = lastAtOrBefore(s.at, t);
  return i < 0 ? s.before : s.values[i]!;
}

export function parseAmount(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function parseInstant(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v.trim() === '') return null;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isNaN(n) ? null : n;
}

function series<T>(
  entries: Deal['stageHistory'],
  parse: (v: string | null) => T,
  current: T,
  beforeFirst: (first: T) => T,
  asOf: number,
): Series<T> {
  const at: number[] = [];
  const values: T[] = [];
  let first: T | undefined;
  let hasFirst = false;
  for (const h of entries) {
    const t = Date.parse(h.timestamp);
    if (Number.isNaN(t)) continue;
    const v = parse(h.value);
    if (!hasFirst) {
      first = v;
      hasFirst = true;
    }
    if (t > asOf) continue;
    at.push(t);
    values.push(v);
  }
  // Entries are oldest first per the model; sort defensively (stable) in case a source was not.
  if (at.some((t, i) => i > 0 && t < at[i - 1]!)) {
    const idx = at.map((_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
    return {
      at: idx.map((i) => at[i]!),
      values: idx.map((i) => values[i]!),
      before: hasFirst ? beforeFirst(first as T) : current,
    };
  }
  return { at, values, before: hasFirst ? beforeFirst(first as T) : current };
}

// ───────────────────────────── the index ─────────────────────────────

export interface Touch {
  at: number;
  contactId: string;
  channel: string;
  campaignId: string;
  kind: 'marketing' | 'smartlead';
}

export interface OwnedEngagement {
  at: number;
  kind: Engagement['kind'];
  ownerId: string;
}

export interface MetricIndex {
  d: Derived;
  asOf: number;
  /** Every deal's timeline, by deal id ascending (numeric, then lexical). */
  deals: DealTimeline[];
  timeline(dealId: string): DealTimeline | undefined;
  stateThrough(tl: DealTimeline, t: number): DealState;
  /** State through asOf ("now"). */
  current(tl: DealTimeline): DealState;
  /**
   * The close moment of a deal closed as of asOf: when it last stopped being open, i.e. the first entry of the final
   * run of closed stages in its stage history (no stage history: its close date, else its creation). Null if open.
   */
  closedAt(tl: DealTimeline): number | null;
  /** The instants of the deal's activities (derive.activities: done engagements + its contacts' SmartLead messages), ascending. */
  activityTimes(tl: DealTimeline): number[];
  /** Deal source: `hs_analytics_source` of the deal, else of its first contact, else null. */
  dealSource(deal: Deal): string | null;
  /** The deal's first contact: earliest created, ties by id. */
  firstContact(deal: Deal): Contact | undefined;
  /** Engagements with an owner that are done (derive.isDone at asOf), in snapshot order. */
  ownedEngagements: OwnedEngagement[];
  /** Marketing touches and SmartLead messages (at ≤ asOf) by contact id, ascending. SmartLead = channel SMARTLEAD, campaign `smartlead:<id>`. */
  touchesByContact: Map<string, Touch[]>;
  /** Lifecycle positions of each contact. */
  lifecycle(contact: Contact): Lifecycle;
  contactsByCompany: Map<string, Contact[]>;
  smartleadCampaignName: Map<number, string>;
}

const cache = new WeakMap<AnalysisContext, MetricIndex>();

export function metricIndex(ctx: AnalysisContext): MetricIndex {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const built = build(ctx);
  cache.set(ctx, built);
  return built;
}

export function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function build(ctx: AnalysisContext): MetricIndex {
  const d = derive(ctx);
  const asOf = asOfMs(ctx);
  const { crm } = ctx.data;

  const deals = [...crm.deals]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((deal): DealTimeline => {
      const created = Date.parse(deal.createdAt);
      const stage = series(
        deal.stageHistory,
        (v) => v ?? '',
        deal.stageId,
        (first) => first,
        asOf,
      );
      const amount = series(deal.amountHistory, parseAmount, deal.amount, () => null, asOf);
      const closeDate = series(deal.closeDateHistory, parseInstant, parseInstant(deal.closeDate), () => null, asOf);
      const changes = [...new Set([...stage.at, ...amount.at, ...closeDate.at])].sort((a, b) => a - b);
      return { deal, created: Number.isNaN(created) ? 0 : created, stage, amount, closeDate, changes };
    });
  const byId = new Map(deals.map((tl) => [tl.deal.id, tl]));

  const stateThrough = (tl: DealTimeline, t: number): DealState => {
    const exists = tl.created <= t;
    const stageId = valueThrough(tl.stage, t);
    const stage = d.stageById(tl.deal.pipelineId, stageId);
    const closed = stage?.isClosed ?? false;
    const open = exists && !closed;
    const won = exists && closed && stage?.category === 'won';
    return {
      exists,
      stageId,
      stage,
      open,
      won,
      lost: exists && closed && !won,
      amount: valueThrough(tl.amount, t) ?? 0,
      closeDate: valueThrough(tl.closeDate, t),
    };
  };
  const current = (tl: DealTimeline) => (tl.now ??= stateThrough(tl, asOf));

  const closedAt = (tl: DealTimeline): number | null => {
    const now = current(tl);
    if (!now.exists || now.open) return null;
    const { at, values } = tl.stage;
    let i = at.length - 1;
    if (i < 0) return parseInstant(tl.deal.closeDate) ?? tl.created;
    const isClosedStage = (v: string) => d.stageById(tl.deal.pipelineId, v)?.isClosed ?? false;
    while (i > 0 && isClosedStage(values[i - 1]!)) i--;
    return Math.max(at[i]!, tl.created);
  };

  /**
   * The instants of derive.activities(deal) — the deal's done engagements and the SmartLead messages up to asOf of
   * its contacts' emails — reusing the list the checks already built rather than parsing every timestamp again.
   */
  const activityTimes = (tl: DealTimeline) => (tl.activity ??= d.activities(tl.deal).map((a) => a.at));

  const firstContactCache = new Map<string, Contact | undefined>();
  const firstContact = (deal: Deal) => {
    if (firstContactCache.has(deal.id)) return firstContactCache.get(deal.id);
    let best: Contact | undefined;
    for (const id of deal.contactIds) {
      const c = d.contacts.get(id);
      if (!c) continue;
      if (!best || c.createdAt < best.createdAt || (c.createdAt === best.createdAt && compareIds(c.id, best.id) < 0))
        best = c;
    }
    firstContactCache.set(deal.id, best);
    return best;
  };
  const clean = (s: string | null | undefined) => (s && s.trim() !== '' ? s.trim() : null);
  const dealSource = (deal: Deal) => clean(deal.properties['hs_analytics_source']) ?? clean(firstContact(deal)?.source);

  const ownedEngagements: OwnedEngagement[] = [];
  for (const e of crm.engagements) {
    if (!e.ownerId) continue;
    const at = Date.parse(e.timestamp);
    if (!isDoneAt(e, at, asOf)) continue;
    ownedEngagements.push({ at, kind: e.kind, ownerId: e.ownerId });
  }

  const touchesByContact = new Map<string, Touch[]>();
  for (const t of ctx.data.marketing?.touches ?? []) {
    const at = Date.parse(t.timestamp);
    if (Number.isNaN(at) || at > asOf || !d.contacts.has(t.contactId)) continue;
    push(touchesByContact, t.contactId, {
      at,
      contactId: t.contactId,
      channel: t.channel,
      campaignId: t.campaignId,
      kind: 'marketing',
    });
  }
  for (const c of crm.contacts) {
    const email = c.email?.trim().toLowerCase();
    if (!email) continue;
    for (const m of d.smartleadByEmail.get(email) ?? []) {
      const at = Date.parse(m.time);
      if (at > asOf) continue;
      push(touchesByContact, c.id, {
        at,
        contactId: c.id,
        channel: SMARTLEAD_CHANNEL,
        campaignId: smartleadCampaignId(m.campaignId),
        kind: 'smartlead',
      });
    }
  }
  for (const list of touchesByContact.values()) list.sort(compareTouches);

  const lifecycleCache = new Map<string, Lifecycle>();
  const lifecycle = (c: Contact) => {
    let hit = lifecycleCache.get(c.id);
    if (!hit) lifecycleCache.set(c.id, (hit = lifecycleOf(c, asOf)));
    return hit;
  };

  const contactsByCompany = new Map<string, Contact[]>();
  for (const c of [...crm.contacts].sort((a, b) => compareIds(a.id, b.id)))
    for (const id of c.companyIds) push(contactsByCompany, id, c);

  const smartleadCampaignName = new Map<number, string>(
    (ctx.data.outreach?.campaigns ?? []).map((c) => [c.id, c.name]),
  );

  return {
    d,
    asOf,
    deals,
    timeline: (id) => byId.get(id),
    stateThrough,
    current,
    closedAt,
    activityTimes,
    dealSource,
    firstContact,
    ownedEngagements,
    touchesByContact,
    lifecycle,
    contactsByCompany,
    smartleadCampaignName,
  };
}

export function compareTouches(a: Touch, b: Touch): number {
  return (
    a.at - b.at || cmp(a.campaignId, b.campaignId) || compareIds(a.contactId, b.contactId) || cmp(a.channel, b.channel)
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export const SMARTLEAD_CHANNEL = 'SMARTLEAD';
export const smartleadCampaignId = (id: number) => `smartlead:${id}`;
export const UNKNOWN_SOURCE = '(unknown)';

// ───────────────────────────── stale (the stale_deal rule) ─────────────────────────────

/**
 * The stale rule, as the hygiene check applies it: an open deal is stale at instant T when more than
 * `staleThresholdDays` whole days (derive: by stage, else category, else default) have passed since its last
 * activity at or before T (derive.activities: done engagements + SmartLead messages of its contacts), or since it
 * was created when it has none. The threshold uses the deal's stage at T.
 */
export function staleAt(
  ix: MetricIndex,
  tl: DealTimeline,
  t: number,
): { stale: boolean; days: number; threshold: number; lastActivity: number | null } {
  const times = ix.activityTimes(tl);
  const i = lastAtOrBefore(times, t);
  const last = i >= 0 ? times[i]! : null;
  const days = Math.floor((t - (last ?? tl.created)) / DAY_MS);
  const stageId = valueThrough(tl.stage, t);
  const threshold = ix.d.staleThresholdDays(stageId === tl.deal.stageId ? tl.deal : { ...tl.deal, stageId });
  return { stale: days > threshold, days, threshold, lastActivity: last };
}

/** Any activity in [from, through]? */
export function activeBetween(ix: MetricIndex, tl: DealTimeline, from: number, through: number): boolean {
  const times = ix.activityTimes(tl);
  const i = firstAtOrAfter(times, from);
  return i < times.length && times[i]! <= through;
}

// ───────────────────────────── lifecycle ─────────────────────────────

/** HubSpot's lifecycle stages in order; `evangelist` counts as customer, `other` and unknown values are ignored. */
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
const LIFECYCLE_INDEX = new Map<string, number>([
  ...LIFECYCLE_STAGES.map((s, i) => [s, i] as const),
  ['evangelist', 5],
]);
export const lifecycleIndex = (v: string | null | undefined) =>
  v ? (LIFECYCLE_INDEX.get(v.trim().toLowerCase()) ?? -1) : -1;

export interface Lifecycle {
  /** reachedAt[k]: first instant the contact was at stage k or any later stage (skipping counts as passing), else null. */
  reachedAt: (number | null)[];
  /** First instant the lifecycle was exactly `marketingqualifiedlead`, else null. */
  mqlAt: number | null;
}

/** Lifecycle history entries ≤ asOf; no history at all → the current lifecycle stage, from createdAt. */
export function lifecycleOf(c: Contact, asOf: number): Lifecycle {
  const entries: { at: number; idx: number; exactMql: boolean }[] = [];
  if (c.lifecycleHistory.length > 0) {
    for (const h of c.lifecycleHistory) {
      const at = Date.parse(h.timestamp);
      if (Number.isNaN(at) || at > asOf) continue;
      entries.push({
        at,
        idx: lifecycleIndex(h.value),
        exactMql: h.value?.trim().toLowerCase() === 'marketingqualifiedlead',
      });
    }
    entries.sort((a, b) => a.at - b.at);
  } else {
    const at = Date.parse(c.createdAt);
    if (!Number.isNaN(at) && at <= asOf)
      entries.push({
        at,
        idx: lifecycleIndex(c.lifecycleStage),
        exactMql: c.lifecycleStage?.trim().toLowerCase() === 'marketingqualifiedlead',
      });
  }
  const reachedAt: (number | null)[] = LIFECYCLE_STAGES.map(() => null);
  let mqlAt: number | null = null;
  for (const e of entries) {
    for (let k = 0; k <= e.idx; k++) if (reachedAt[k] === null) reachedAt[k] = e.at;
    if (e.exactMql && mqlAt === null) mqlAt = e.at;
  }
  return { reachedAt, mqlAt };
}

// ───────────────────────────── owners ─────────────────────────────

export interface OwnerRef {
  ownerId: string | null;
  ownerName: string;
}

/** Rows in a stable order: by owner name, then id; "No owner" last. */
export function ownerRefs(ix: MetricIndex, ids: Iterable<string | null>): OwnerRef[] {
  const unique = [...new Set(ids)];
  return unique
    .map((ownerId) => ({ ownerId, ownerName: ix.d.ownerName(ownerId) }))
    .sort(
      (a, b) =>
        (a.ownerId === null ? 1 : 0) - (b.ownerId === null ? 1 : 0) ||
        cmp(a.ownerName, b.ownerName) ||
        cmp(a.ownerId ?? '', b.ownerId ?? ''),
    );
}

// ───────────────────────────── statistics ─────────────────────────────

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Percentile p ∈ [0,1] by linear interpolation between closest ranks (Excel PERCENTILE.INC / R type 7); null when empty. */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export const emptyCountAmount = (): CountAmount => ({ count: 0, amount: 0 });
export function addTo(c: CountAmount, amount: number, count = 1): void {
  c.count += count;
  c.amount += amount;
}

/** Internal invariant broken: a bug in this module, not a user error. */
export class MetricInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricInvariantError';
  }
}

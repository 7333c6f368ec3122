/**
 * HC-1 stage_mismatch: the CRM stage contradicts what the deal's own activity says. Logged calls, emails, meetings
 * and notes (subject and body) that say a proposal/quote/contract went out, a PO/LOI, a verbal yes, a signature, a
 * loss; and customers asking for pricing or a proposal (in SmartLead replies from the deal's contacts and in incoming
 * emails only: the customer's voice, not an AE's "will send the proposal"). Only activity after the deal's last stage
 * change counts (the AE may already have acted on anything earlier).
 *
 * A signal contradicts the stage when it implies won or lost (the deal is open), when it implies late while the deal
 * is early or mid and its pipeline has a later late stage, or, for a customer's request for pricing, when the deal is
 * early.
 */
import type { StageCategory } from '../../config/index.js';
import type { Deal } from '../../crm/index.js';
import { derive, isDone, type Derived } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AeUpdateStageClaim, AnalysisContext } from '../input.js';
import {
  LARGE_DEAL_AMOUNT,
  bump,
  calendarDay,
  canonIso,
  humanDay,
  iso,
  money,
  openDeals,
  snippet,
  stageInfo,
  stageLabel,
} from './common.js';
import {
  STAGE_MISMATCH_PHRASES,
  competitorLossPhrase,
  findPhrases,
  namePattern,
  type ImpliedCategory,
  type StagePhrase,
} from './phrases.js';

export interface StageSignal {
  source: 'call' | 'email' | 'meeting' | 'note' | 'smartlead_reply';
  id: string;
  at: string;
  field: 'subject' | 'body';
  phrase: string;
  implies: ImpliedCategory;
  says: string;
  snippet: string;
  /** SmartLead only. */
  campaignId?: number;
  leadId?: number;
  email?: string;
}

const RANK: Record<StageCategory, number> = { early: 0, mid: 1, late: 2, won: 3, lost: 3 };
const TEXT_KINDS = new Set(['call', 'email', 'meeting', 'note']);

/** The moment of the deal's last stage change (its creation when there is no history). */
export function lastStageChangeMs(deal: Deal): number {
  const h = deal.stageHistory;
  for (let i = h.length - 1; i > 0; i--) if (h[i]!.value !== h[i - 1]!.value) return Date.parse(h[i]!.timestamp);
  return Date.parse(h[0]?.timestamp ?? deal.createdAt);
}

/** The deal's own name and its companies' names, blanked out of the text before matching. */
export function recordNames(d: Derived, deal: Deal): string[] {
  const names = [deal.name];
  for (const id of deal.companyIds) {
    const name = d.companies.get(id)?.name;
    if (name) names.push(name);
  }
  return names;
}

function hasLaterLateStage(d: Derived, deal: Deal, order: number): boolean {
  for (const s of d.stages.values())
    if (s.pipelineId === deal.pipelineId && !s.isClosed && s.category === 'late' && s.order > order) return true;
  return false;
}

export function stageMismatch(ctx: AnalysisContext, phrases: readonly StagePhrase[] = defaultPhrases(ctx)): Finding[] {
  const d = derive(ctx);
  // The phrases that can contradict a stage depend only on its category and whether a later late stage exists.
  const subsets = new Map<string, { usable: StagePhrase[]; statements: StagePhrase[]; replies: StagePhrase[] }>();
  const subsetFor = (cat: StageCategory, laterLate: boolean) => {
    const key = `${cat}|${laterLate}`;
    let x = subsets.get(key);
    if (!x) {
      const lateMatters = (cat === 'early' || cat === 'mid') && laterLate;
      const requestMatters = cat === 'early' && laterLate;
      const usable = phrases.filter((p) =>
        p.implies === 'won' || p.implies === 'lost' ? true : p.kind === 'request' ? requestMatters : lateMatters,
      );
      x = {
        usable,
        statements: usable.filter((p) => p.kind !== 'request'),
        replies: usable.filter((p) => p.kind === 'request'),
      };
      subsets.set(key, x);
    }
    return x;
  };
  const laterLate = new Map<string, boolean>();
  const out: Finding[] = [];
  for (const deal of openDeals(d)) {
    const info = stageInfo(d, deal);
    if (!info) continue;
    const cat = info.category;
    const key = `${deal.pipelineId}:${deal.stageId}`;
    let later = laterLate.get(key);
    if (later === undefined) laterLate.set(key, (later = hasLaterLateStage(d, deal, info.order)));
    const { usable, statements, replies: replyPhrases } = subsetFor(cat, later);
    if (usable.length === 0) continue;
    const since = lastStageChangeMs(deal);
    const sinceIso = iso(since);
    const signals: StageSignal[] = [];
    let names: RegExp | null | undefined;
    const ownNames = () => (names === undefined ? (names = namePattern(recordNames(d, deal))) : names);

    // Engagements are oldest first (normalised ISO timestamps): walk back to the last stage change.
    const engagements = d.engagementsByDeal.get(deal.id) ?? [];
    for (let i = engagements.length - 1; i >= 0; i--) {
      const e = engagements[i]!;
      if (e.timestamp <= sinceIso) break;
      if (!TEXT_KINDS.has(e.kind) || !isDone(e, d.asOfMs)) continue;
      // A request for pricing is the customer's voice: only incoming emails carry it (an AE's "will send the proposal" does not).
      const phrasesHere = e.kind === 'email' && e.direction === 'INCOMING_EMAIL' ? usable : statements;
      for (const field of ['subject', 'body'] as const) {
        const text = e[field];
        if (!text) continue;
        for (const m of findPhrases(text, phrasesHere, ownNames)) {
          signals.push({
            source: e.kind as StageSignal['source'],
            id: e.id,
            at: canonIso(e.timestamp),
            field,
            phrase: m.phrase.id,
            implies: m.phrase.implies,
            says: m.phrase.says,
            snippet: snippet(text, m.index, m.end),
          });
        }
      }
    }
    if (replyPhrases.length > 0) {
      const seen = new Set<string>();
      for (const cid of deal.contactIds) {
        const email = d.contacts.get(cid)?.email?.trim().toLowerCase();
        if (!email || seen.has(email)) continue;
        seen.add(email);
        for (const m of d.smartleadByEmail.get(email) ?? []) {
          const at = Date.parse(m.time);
          if (m.type !== 'REPLY' || at <= since || at > d.asOfMs) continue;
          for (const field of ['subject', 'body'] as const) {
            const text = m[field];
            if (!text) continue;
            for (const p of findPhrases(text, replyPhrases, ownNames)) {
              signals.push({
                source: 'smartlead_reply',
                id: `${m.campaignId}:${m.leadId}:${m.time}`,
                at: iso(at),
                field,
                phrase: p.phrase.id,
                implies: p.phrase.implies,
                says: p.phrase.says,
                snippet: snippet(text, p.index, p.end),
                campaignId: m.campaignId,
                leadId: m.leadId,
                email,
              });
            }
          }
        }
      }
    }
    if (signals.length === 0) continue;

    // Strongest first: outcomes (won/lost) over late; then the latest.
    signals.sort(
      (a, b) =>
        RANK[b.implies] - RANK[a.implies] ||
        (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const top = signals[0]!;
    const stage = stageLabel(d, deal);
    let severity: Severity;
    if (top.implies === 'won' || top.implies === 'lost') severity = 'high';
    else {
      severity = cat === 'early' ? 'medium' : 'low';
      if ((deal.amount ?? 0) >= LARGE_DEAL_AMOUNT) severity = bump(severity);
    }
    const when = humanDay(calendarDay(Date.parse(top.at), ctx.timezone), calendarDay(d.asOfMs, ctx.timezone));
    const what = top.source === 'smartlead_reply' ? 'a SmartLead reply' : `a logged ${top.source}`;
    out.push({
      check: 'stage_mismatch',
      objectType: 'deal',
      objectId: deal.id,
      ownerId: deal.ownerId,
      severity,
      summary: `CRM stage is ${stage} (${cat}) but ${what} on ${when} ${top.says}: "${top.snippet}"`,
      evidence: {
        rule: 'activity after the last stage change implies a later stage (or an outcome) than the CRM shows',
        crmStageId: deal.stageId,
        crmStage: stage,
        crmCategory: cat,
        impliedCategory: top.implies,
        lastStageChangeAt: iso(since),
        source: top.source,
        sourceId: top.id,
        at: top.at,
        phrase: top.phrase,
        snippet: top.snippet,
        signals: signals.slice(0, 5),
        signalCount: signals.length,
        amount: deal.amount,
        amountText: money(ctx, deal.amount),
      },
    });
  }
  return addUpdateClaims(ctx, d, out);
}

/**
 * HC-1 from AE updates: a stage an AE's recent update claims (recorded by `mis reconcile`) that the CRM still
 * contradicts. Only updates sent after the deal's last stage change and up to asOf count; the latest per deal
 * wins. Joins an activity finding on the same deal as extra evidence, else is a finding of its own.
 */
function addUpdateClaims(ctx: AnalysisContext, d: Derived, out: Finding[]): Finding[] {
  const claims = ctx.data.aeUpdateStageClaims;
  if (!claims?.length) return out;
  const latest = new Map<string, AeUpdateStageClaim>();
  for (const c of claims) {
    if (Date.parse(c.receivedAt) > d.asOfMs) continue;
    const prev = latest.get(c.dealId);
    if (!prev || c.receivedAt > prev.receivedAt) latest.set(c.dealId, c);
  }
  const byDeal = new Map(out.map((f) => [f.objectId, f]));
  for (const c of latest.values()) {
    const deal = d.deals.get(c.dealId);
    if (!deal || !d.isOpen(deal) || deal.stageId === c.claimedStageId) continue;
    if (Date.parse(c.receivedAt) <= lastStageChangeMs(deal)) continue;
    const info = stageInfo(d, deal);
    const claimed = d.stageById(deal.pipelineId, c.claimedStageId);
    if (!info || !claimed) continue;
    const stage = stageLabel(d, deal);
    const day = humanDay(calendarDay(Date.parse(c.receivedAt), ctx.timezone), calendarDay(d.asOfMs, ctx.timezone));
    const aeUpdate = {
      updateId: c.updateId,
      receivedAt: c.receivedAt,
      claimedStageId: c.claimedStageId,
      claimedStage: claimed.label,
      phrase: c.phrase,
      quote: c.quote,
    };
    const existing = byDeal.get(deal.id);
    if (existing) {
      existing.evidence['aeUpdate'] = aeUpdate;
      continue;
    }
    const outcome = claimed.isClosed;
    const severity: Severity = outcome ? 'high' : (deal.amount ?? 0) >= LARGE_DEAL_AMOUNT ? 'high' : 'medium';
    const finding: Finding = {
      check: 'stage_mismatch',
      objectType: 'deal',
      objectId: deal.id,
      ownerId: deal.ownerId,
      severity,
      summary: `CRM stage is ${stage} (${info.category}) but ${d.ownerName(c.ownerId)}'s update on ${day} says ${claimed.label}: "${c.quote}"`,
      evidence: {
        rule: "the AE's update (sent after the last stage change) puts the deal at another stage than the CRM",
        crmStageId: deal.stageId,
        crmStage: stage,
        crmCategory: info.category,
        impliedCategory: claimed.category,
        lastStageChangeAt: iso(lastStageChangeMs(deal)),
        source: 'ae_update',
        sourceId: c.updateId,
        at: c.receivedAt,
        phrase: c.phrase,
        snippet: c.quote,
        aeUpdate,
        amount: deal.amount,
        amountText: money(ctx, deal.amount),
      },
    };
    out.push(finding);
    byDeal.set(deal.id, finding);
  }
  return out;
}

/** The built-in phrases plus "went with <competitor>" for the configured competitors. */
export function defaultPhrases(ctx: AnalysisContext): StagePhrase[] {
  const competitor = competitorLossPhrase(ctx.config.risk.competitors);
  return competitor ? [...STAGE_MISMATCH_PHRASES, competitor] : [...STAGE_MISMATCH_PHRASES];
}

/**
 * Responsiveness: the share of an AE's nudges acted on over a rolling window. A nudge is acted on when the CRM
 * (the synced cache) shows the asked change on that deal after it was sent and before the next nudge on the same
 * item — a stage update, a note, a logged call/meeting/email, a close date or amount fixed — or when the AE used a
 * one-tap action. "Skip – not ready" (and a snooze or mute) is a response, not an action.
 */
import type { ActionPattern } from './profile.js';
import { addDay } from '../calendar.js';

export type EvidenceKind = 'stage' | 'note' | 'call' | 'meeting' | 'email' | 'task' | 'deal_update' | 'one_tap';

export interface ActionEvidence {
  kind: EvidenceKind;
  at: string;
}

/** What the CRM shows on a deal in (after, before]; null when nothing. */
export type EvidenceFn = (dealId: string, afterIso: string, beforeIso: string | null) => ActionEvidence | null;

export interface SentNudge {
  id: string;
  day: string;
  itemKey: string;
  dealId: string;
  sentAt: string;
}

export interface NudgeResponse {
  nudgeId: string;
  kind: 'acted' | 'skipped' | 'snoozed' | 'muted';
  at: string;
  /** The one-tap action behind it (skip, ask_manager, update_stage, add_note), when there was one. */
  action?: string | undefined;
}

export interface NudgeOutcome {
  nudgeId: string;
  day: string;
  dealId: string;
  acted: boolean;
  responded: boolean;
  evidence: ActionEvidence | null;
}

export interface Responsiveness {
  /** Acted ÷ nudges × 100 (rounded); null when fewer than the minimum nudges are in the window. */
  score: number | null;
  /** (Acted or answered) ÷ nudges × 100; null like score. */
  responseRate: number | null;
  nudges: number;
  acted: number;
  responded: number;
  windowFrom: string;
  outcomes: NudgeOutcome[];
  patterns: ActionPattern[];
}

export interface ResponsivenessOptions {
  /** Local day being planned; nudges of this day and later are not scored yet. */
  today: string;
  windowDays: number;
  minNudges: number;
}

export function scoreResponsiveness(
  nudges: ReadonlyArray<SentNudge>,
  responses: ReadonlyArray<NudgeResponse>,
  evidence: EvidenceFn,
  opts: ResponsivenessOptions,
): Responsiveness {
  const windowFrom = addDay(opts.today, -opts.windowDays);
  const inWindow = nudges
    .filter((n) => n.day >= windowFrom && n.day < opts.today)
    .sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
  const byNudge = new Map<string, NudgeResponse[]>();
  for (const r of responses) byNudge.set(r.nudgeId, [...(byNudge.get(r.nudgeId) ?? []), r]);
  // The next nudge on the same item bounds the evidence: acting on day 5 answers day 5's nudge, not days 1–4.
  const all = [...nudges].sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
  const nextOf = (n: SentNudge) => all.find((m) => m.itemKey === n.itemKey && m.sentAt > n.sentAt)?.sentAt ?? null;
  const outcomes: NudgeOutcome[] = inWindow.map((n) => {
    const rs = byNudge.get(n.id) ?? [];
    const tapped = rs.find((r) => r.kind === 'acted');
    const ev: ActionEvidence | null = tapped
      ? { kind: 'one_tap', at: tapped.at }
      : evidence(n.dealId, n.sentAt, nextOf(n));
    const acted = ev !== null;
    return { nudgeId: n.id, day: n.day, dealId: n.dealId, acted, responded: acted || rs.length > 0, evidence: ev };
  });
  const acted = outcomes.filter((o) => o.acted).length;
  const responded = outcomes.filter((o) => o.responded).length;
  const enough = outcomes.length >= opts.minNudges;
  return {
    score: enough ? Math.round((acted / outcomes.length) * 100) : null,
    responseRate: enough ? Math.round((responded / outcomes.length) * 100) : null,
    nudges: outcomes.length,
    acted,
    responded,
    windowFrom,
    outcomes,
    patterns: patternsOf(outcomes),
  };
}

/** What the AE does when they act, most seen first (each pattern needs two acted nudges). */
function patternsOf(outcomes: ReadonlyArray<NudgeOutcome>): ActionPattern[] {
  const counts: Record<ActionPattern, number> = { logs_after_calls: 0, updates_notes: 0, moves_stages: 0 };
  for (const o of outcomes) {
    const k = o.evidence?.kind;
    if (k === 'call' || k === 'meeting' || k === 'email') counts.logs_after_calls++;
    else if (k === 'note') counts.updates_notes++;
    else if (k === 'stage') counts.moves_stages++;
  }
  return (Object.entries(counts) as [ActionPattern, number][])
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1])
    .map(([p]) => p);
}

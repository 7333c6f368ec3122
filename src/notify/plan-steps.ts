/**
 * The named steps of one AE's day, in the order `planOwnerDay` (plan.ts) runs them: read the nudge history, score
 * responsiveness, adapt the policy, close answered episodes, rank the open items, check whether a digest is due,
 * pick the items and who hears about them, sign the one-tap links, plan the nudges and compose the digests. Pure
 * apart from reading the store.
 */
import { formatDay } from '../format/index.js';
import { addDay, dayDiff, inQuietHours, isWeekend, localTime, toMinutes, type LocalTime } from './calendar.js';
import type { PendingReminder } from './content/assist-items.js';
import {
  buildDigest,
  type BuildDigestInput,
  type Digest,
  type DigestAssist,
  type DigestItemInput,
  type Person,
} from './content/digest.js';
import { L3_MAX_ITEMS, levelFor, MANAGER_REPEAT_DAYS } from './policy/ladder.js';
import { compareItems, type ItemFacts } from './policy/priority.js';
import type { AeProfile } from './policy/profile.js';
import {
  scoreResponsiveness,
  type EvidenceFn,
  type NudgeResponse,
  type Responsiveness,
  type SentNudge,
} from './policy/responsiveness.js';
import {
  FIRST_DIGESTS_SINGLE,
  FREQUENCY_DAYS,
  MIN_EVIDENCE_DAYS,
  MIN_EVIDENCE_NUDGES,
  policyFor,
  type Policy,
} from './policy/rules.js';
import type { EpisodeClose, NotifyConfig, PlanInput, PlannedMessage, PlannedNudge, RankedItem } from './plan-types.js';
import type { EpisodeRow, NotifyStore, SuppressionRow } from './store.js';
import { linkId, linkUrl, reminderLinkId, signLink, type LinkAction, type LinkClaims } from './web/links.js';

/** The AE's nudges and the answers to them. */
export interface NudgeHistory {
  sent: SentNudge[];
  responses: NudgeResponse[];
}

/** Nudges and answers over the responsiveness window and a week more (so each nudge's "next nudge" bound is known). */
export function readNudgeHistory(store: NotifyStore, ownerId: string, today: string, cfg: NotifyConfig): NudgeHistory {
  const since = addDay(today, -(cfg.responsivenessWindowDays + 7));
  return { sent: store.sentNudges(ownerId, since), responses: store.responses(ownerId, since) };
}

/** Responsiveness over the rolling window, and the profile carrying it (the stored one while there is no score). */
export function scoreProfile(
  stored: AeProfile,
  history: NudgeHistory,
  evidence: EvidenceFn,
  today: string,
  cfg: NotifyConfig,
): { responsiveness: Responsiveness; profile: AeProfile } {
  const responsiveness = scoreResponsiveness(history.sent, history.responses, evidence, {
    today,
    windowDays: cfg.responsivenessWindowDays,
    minNudges: cfg.minNudgesForScore,
  });
  if (responsiveness.score === null) return { responsiveness, profile: stored };
  return {
    responsiveness,
    profile: {
      ...stored,
      responsiveness: responsiveness.score,
      responseRate: responsiveness.responseRate,
      scoredOn: today,
      actionPatterns: responsiveness.patterns.length ? responsiveness.patterns : stored.actionPatterns,
    },
  };
}

/** The rules' policy for the profile, kept standard while evidence is thin, one item at first, a summary without a manager. */
export function adaptPolicy(
  profile: AeProfile,
  responsiveness: Responsiveness,
  sent: readonly SentNudge[],
  today: string,
  hasManager: boolean,
): Policy {
  let policy = standardWhileTooEarly(policyFor(profile), profile, responsiveness, sent, today);
  policy = oneItemAtFirst(policy, sent);
  return hasManager ? policy : summaryWithoutManager(policy);
}

/** Too early to judge: below standard only after enough nudges over enough days. */
function standardWhileTooEarly(
  policy: Policy,
  profile: AeProfile,
  responsiveness: Responsiveness,
  sent: readonly SentNudge[],
  today: string,
): Policy {
  const firstSent = sent[0]?.day ?? null;
  const evidenceDays = firstSent ? dayDiff(firstSent, today) : 0;
  const belowStandard = policy.tier === 'low' || policy.tier === 'minimal' || policy.tier === 'never';
  if (!belowStandard || (responsiveness.nudges >= MIN_EVIDENCE_NUDGES && evidenceDays >= MIN_EVIDENCE_DAYS))
    return policy;
  return {
    ...policyFor({ ...profile, responsiveness: null, responseRate: null }),
    rule: `too early to judge (${responsiveness.nudges} nudges over ${evidenceDays} days; ${MIN_EVIDENCE_NUDGES} over ${MIN_EVIDENCE_DAYS} days needed): standard`,
  };
}

/** Start small: the first digests carry one item. */
function oneItemAtFirst(policy: Policy, sent: readonly SentNudge[]): Policy {
  const digestsSoFar = new Set(sent.map((n) => n.day)).size;
  if (digestsSoFar < FIRST_DIGESTS_SINGLE && policy.maxItems > 1)
    return { ...policy, maxItems: 1, rule: `${policy.rule}; first digests: one item` };
  return policy;
}

/** Nobody to tell: the AE keeps getting the weekly summary rather than nothing at all. */
function summaryWithoutManager(policy: Policy): Policy {
  if (policy.tier !== 'never') return policy;
  return {
    ...policy,
    directToAe: true,
    rule: `${policy.rule} (no manager configured: weekly summary to the AE instead)`,
  };
}

/** How the AE answered: the kinds of answer per nudge, and the local day each item's "loop in my manager" came. */
export interface Answers {
  kindsByNudge: Map<string, string[]>;
  askedHelp: Map<string, string>;
}

/** Sorts the answers; "loop in my manager" keeps the item on the ladder and tells the manager on the next digest day. */
export function readAnswers(history: NudgeHistory, timezone: string): Answers {
  const kindsByNudge = new Map<string, string[]>();
  const askedHelp = new Map<string, string>();
  const itemOfNudge = new Map(history.sent.map((n) => [n.id, n.itemKey]));
  for (const r of history.responses) {
    if (r.action === 'ask_manager') {
      const key = itemOfNudge.get(r.nudgeId);
      if (key) askedHelp.set(key, localTime(r.at, timezone).day);
      continue;
    }
    kindsByNudge.set(r.nudgeId, [...(kindsByNudge.get(r.nudgeId) ?? []), r.kind]);
  }
  return { kindsByNudge, askedHelp };
}

/** Closes the episodes that were answered, acted on, or went away; the rest stay open, by item. */
export function closeEpisodes(
  episodes: readonly EpisodeRow[],
  history: NudgeHistory,
  answers: Answers,
  input: Pick<PlanInput, 'candidates' | 'evidence'>,
  today: string,
): { closes: EpisodeClose[]; open: Map<string, EpisodeRow> } {
  const candidateKeys = new Set(input.candidates.map((c) => c.key));
  const closes: EpisodeClose[] = [];
  const open = new Map<string, EpisodeRow>();
  for (const ep of episodes) {
    const epNudges = history.sent.filter((n) => n.itemKey === ep.itemKey && n.day >= ep.startedDay && n.day < today);
    const kinds = epNudges.flatMap((n) => answers.kindsByNudge.get(n.id) ?? []);
    const last = epNudges[epNudges.length - 1];
    let reason: EpisodeClose['reason'] | null = null;
    if (!candidateKeys.has(ep.itemKey)) reason = 'resolved';
    else if (kinds.includes('acted')) reason = 'acted';
    else if (kinds.some((k) => k === 'skipped' || k === 'snoozed')) reason = 'skipped';
    else if (last && input.evidence(last.dealId, last.sentAt, null)) reason = 'acted';
    if (reason) closes.push({ itemKey: ep.itemKey, reason });
    else open.set(ep.itemKey, ep);
  }
  return { closes, open };
}

/** The open items without snoozed ones and muted checks, each with today's ladder day and level, by priority. */
export function rankOpenItems(
  candidates: ReadonlyArray<ItemFacts>,
  suppressions: readonly SuppressionRow[],
  open: ReadonlyMap<string, EpisodeRow>,
  policy: Policy,
  today: string,
): RankedItem[] {
  const snoozed = new Set(suppressions.filter((s) => s.kind === 'snooze').map((s) => s.itemKey));
  const muted = new Set(suppressions.filter((s) => s.kind === 'mute').map((s) => `${s.itemKey}|${s.checkName}`));
  return candidates
    .filter((c) => !snoozed.has(c.key))
    .map((c) => ({ ...c, findings: c.findings.filter((f) => !muted.has(`${c.key}|${f.check}`)) }))
    .filter((c) => c.findings.length > 0)
    .map((c) => {
      const ep = open.get(c.key);
      const ladderDay = ep ? dayDiff(ep.startedDay, today) + 1 : 1;
      return { ...c, ladderDay, level: levelFor(ladderDay, policy.ladder) };
    })
    .sort(compareItems);
}

/** Why no digest goes out at this moment (already sent, muted, weekend, holiday, not a digest day, too early, quiet hours), or null. */
export function whyNotNow(
  store: NotifyStore,
  ownerId: string,
  now: string,
  local: { lt: LocalTime; timezone: string },
  profile: AeProfile,
  policy: Policy,
  cfg: NotifyConfig,
): string | null {
  const { lt, timezone } = local;
  if (store.nudgesOn(ownerId, lt.day).length > 0) return `already recorded today (${lt.day})`;
  if (profile.mutedUntil && Date.parse(profile.mutedUntil) > Date.parse(now))
    return `muted until ${profile.mutedUntil}`;
  if (isWeekend(lt.weekday) && !cfg.weekends) return `weekend (${lt.weekday} in ${timezone})`;
  if (cfg.holidays.includes(lt.day)) return `holiday (${lt.day})`;
  const digestDays = FREQUENCY_DAYS[policy.frequency];
  if (!digestDays.includes(lt.weekday))
    return `${policy.frequency.replace('_', ' ')} digests go out on ${digestDays.filter((d) => d !== 'Sat' && d !== 'Sun').join(', ')} (today is ${lt.weekday})`;
  if (lt.minutes < toMinutes(profile.bestTime)) return `goes out from ${profile.bestTime} ${timezone} (now ${lt.time})`;
  if (inQuietHours(lt.minutes, cfg.quietHours.start, cfg.quietHours.end))
    return `quiet hours ${cfg.quietHours.start}–${cfg.quietHours.end} ${timezone} (now ${lt.time})`;
  return null;
}

/** Today's items: the policy's count from the top, and no more than L3_MAX_ITEMS once one has reached L3. */
export function selectItems(ranked: readonly RankedItem[], policy: Policy): RankedItem[] {
  const selected = ranked.slice(0, policy.maxItems);
  return selected.some((s) => s.level >= 3) ? selected.slice(0, L3_MAX_ITEMS) : selected;
}

/**
 * What the manager hears about: every item when the AE is not nudged directly; otherwise the items the AE asked
 * help on since the manager was last told, and L4+ items the manager has not heard of for MANAGER_REPEAT_DAYS.
 */
export function itemsForManager(
  selected: readonly RankedItem[],
  policy: Policy,
  open: ReadonlyMap<string, EpisodeRow>,
  askedHelp: ReadonlyMap<string, string>,
  today: string,
): RankedItem[] {
  if (!policy.directToAe) return [...selected];
  return selected.filter((s) => {
    const notified = open.get(s.key)?.managerNotifiedDay ?? null;
    const asked = askedHelp.get(s.key);
    if (asked && (!notified || notified < asked)) return true;
    if (s.level < 4) return false;
    return !notified || dayDiff(notified, today) >= MANAGER_REPEAT_DAYS;
  });
}

/** Signs the plan's one-tap links and keeps their claims, in the order they were made. */
export interface LinkSigner {
  claims: LinkClaims[];
  link(nudgeId: string, dealId: string, action: LinkAction): string;
  reminder(nudgeId: string, reminder: PendingReminder): string;
}

/** Links expire a TTL after the later of 'now' and the wall clock (a sandbox's 'now' may lie in the past). */
export function linkSigner(input: PlanInput, ownerId: string): LinkSigner {
  const cfg = input.config;
  const exp = Math.floor(Math.max(Date.parse(input.now), (input.clock ?? Date.now)()) / 1000 + cfg.linkTtlHours * 3600);
  const claims: LinkClaims[] = [];
  const sign = (c: LinkClaims): string => {
    claims.push(c);
    return linkUrl(cfg.linkBaseUrl, cfg.linkPathPrefix, signLink(input.secret, c));
  };
  return {
    claims,
    link: (nudgeId, dealId, action) => sign({ id: linkId(nudgeId, action), nudgeId, ownerId, dealId, action, exp }),
    reminder: (nudgeId, { key, dealId, change }) =>
      sign({
        id: reminderLinkId(nudgeId, key),
        nudgeId,
        ownerId,
        dealId,
        action: 'accept_reminder',
        exp,
        payload: JSON.stringify({ key, change }),
      }),
  };
}

/** The ids of the day's messages and nudges (plan.ts derives them from owner, day and item). */
export interface DayIds {
  ae: string;
  manager: string;
  nudge(itemKey: string): string;
}

/** One nudge per selected item, and the digest item it becomes, with its three one-tap links. */
export function planNudges(
  selected: readonly RankedItem[],
  ctx: {
    input: PlanInput;
    ids: DayIds;
    open: ReadonlyMap<string, EpisodeRow>;
    policy: Policy;
    profile: AeProfile;
    managerKeys: ReadonlySet<string>;
    signer: LinkSigner;
    today: string;
  },
): { nudges: PlannedNudge[]; itemInputs: Map<string, DigestItemInput> } {
  const { input, ids, open, policy, profile, managerKeys, signer, today } = ctx;
  const nudges: PlannedNudge[] = [];
  const itemInputs = new Map<string, DigestItemInput>();
  for (const s of selected) {
    const id = ids.nudge(s.key);
    const links = {
      updateStage: signer.link(id, s.dealId, 'update_stage'),
      addNote: signer.link(id, s.dealId, 'add_note'),
      skip: signer.link(id, s.dealId, 'skip'),
    };
    const { level, ladderDay, ...facts } = s;
    itemInputs.set(s.key, { facts, nudgeId: id, level, ladderDay, said: input.said.get(s.dealId) ?? null, links });
    nudges.push({
      id,
      itemKey: s.key,
      dealId: s.dealId,
      level,
      ladderDay,
      startedDay: open.get(s.key)?.startedDay ?? today,
      channel: policy.directToAe ? profile.preferredChannel : 'manager',
      managerNotified: managerKeys.has(s.key),
      outboxId: policy.directToAe ? ids.ae : ids.manager,
      moneyAtRisk: s.moneyAtRisk,
    });
  }
  return { nudges, itemInputs };
}

/** What every digest of the day shares, whoever it is for. */
export type DigestCommon = Omit<BuildDigestInput, 'audience' | 'kind' | 'recipient' | 'items' | 'managerCc' | 'assist'>;

/** What every digest of the day shares, headed by the day as people say it ("Tue, 20 Oct 2026") in the AE's zone. */
export function digestCommon(
  input: PlanInput,
  day: { today: string; timezone: string; policy: Policy; profile: AeProfile; ranked: RankedItem[] },
): DigestCommon {
  const { today, timezone, policy, profile, ranked } = day;
  return {
    owner: input.owner,
    manager: input.manager,
    day: today,
    dayLabel: formatDay(input.now, timezone),
    asOf: input.now,
    timezone,
    currency: input.currency,
    tier: policy.tier,
    responsiveness: profile.responsiveness,
    rule: policy.rule,
    pending: ranked,
    wins: input.wins,
    week: input.week,
  };
}

/**
 * The AE's own digest: the items, a link to loop the manager in once an item is at L3, and the assist section
 * whose reminder links belong to the digest that carried them (its first nudge) and hold the task they add.
 */
export function aeMessage(
  items: DigestItemInput[],
  ctx: { input: PlanInput; common: DigestCommon; policy: Policy; profile: AeProfile; signer: LinkSigner; id: string },
): PlannedMessage {
  const { input, common, policy, profile, signer } = ctx;
  const first = items[0]!;
  const topLevel = Math.max(...items.map((i) => i.level));
  const cc = input.manager && topLevel >= 3 ? signer.link(first.nudgeId, first.facts.dealId, 'ask_manager') : null;
  const assist: DigestAssist | undefined = input.assist
    ? {
        ...input.assist,
        reminders: input.assist.reminders.map(({ change, ...r }) => ({
          ...r,
          accept: signer.reminder(first.nudgeId, { ...r, change }),
        })),
      }
    : undefined;
  return {
    id: ctx.id,
    audience: 'ae',
    channel: profile.preferredChannel,
    digest: buildDigest({
      ...common,
      audience: 'ae',
      kind: policy.summary ? 'summary' : 'daily',
      recipient: input.owner,
      items,
      managerCc: cc,
      ...(assist ? { assist } : {}),
    }),
  };
}

/** The manager's support digest: the items they are asked to help on. */
export function managerMessage(
  items: DigestItemInput[],
  ctx: { input: PlanInput; common: DigestCommon; manager: Person; id: string },
): PlannedMessage {
  const digest: Digest = buildDigest({
    ...ctx.common,
    audience: 'manager',
    kind: 'support',
    recipient: ctx.manager,
    items,
    managerCc: null,
  });
  return { id: ctx.id, audience: 'manager', channel: ctx.input.managerChannel, digest };
}

/** The one line that says what goes out today and to whom, then the rule behind it. */
export function dueReason(
  selected: readonly RankedItem[],
  managerItems: readonly RankedItem[],
  ctx: { owner: Person; manager: Person | null; toManager: boolean; policy: Policy },
): string {
  const { owner, manager, toManager, policy } = ctx;
  const parts = [
    `${selected.length} ${selected.length === 1 ? 'item' : 'items'} (L${Math.max(...selected.map((s) => s.level))})`,
    policy.directToAe ? `to ${owner.name}` : `${owner.name} not nudged directly`,
  ];
  if (toManager && manager) parts.push(`${manager.name} told: support needed on ${managerItems.length}`);
  else if (!policy.directToAe) parts.push('no manager configured');
  return `${parts.join('; ')} · ${policy.rule}`;
}

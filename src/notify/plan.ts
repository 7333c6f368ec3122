/**
 * One AE's day: score responsiveness, apply the adaptive rules, close ladder episodes that were answered or went
 * away, place every open item on its ladder, decide whether a digest is due, pick the items (single top action by
 * money at risk; at most the tier's count, 3 at L3+), and decide whether the manager hears about it. Pure apart
 * from reading the store; `commitPlan` writes what it decided, in one transaction, before anything is sent.
 */
import { createHash } from 'node:crypto';
import type { TeamConfig } from '../config/index.js';
import { addDay, dayDiff, inQuietHours, isWeekend, localTime, toMinutes } from './calendar.js';
import {
  buildDigest,
  type Digest,
  type DigestAssist,
  type DigestItemInput,
  type ItemLinks,
  type Person,
  type Said,
} from './content/digest.js';
import { L3_MAX_ITEMS, levelFor, MANAGER_REPEAT_DAYS, type Level } from './policy/ladder.js';
import type { AssistDraft } from './content/assist-items.js';
import {
  linkId,
  linkUrl,
  recordLink,
  reminderLinkId,
  signLink,
  type LinkAction,
  type LinkClaims,
} from './web/links.js';
import { compareItems, type ItemFacts } from './policy/priority.js';
import type { AeProfile, Channel } from './policy/profile.js';
import { scoreResponsiveness, type EvidenceFn, type Responsiveness } from './policy/responsiveness.js';
import {
  FIRST_DIGESTS_SINGLE,
  FREQUENCY_DAYS,
  MIN_EVIDENCE_DAYS,
  MIN_EVIDENCE_NUDGES,
  policyFor,
  type Policy,
} from './policy/rules.js';
import type { EpisodeRow, NotifyStore } from './store.js';
import type { WeekProgress, Wins } from './content/wins.js';

export type NotifyConfig = TeamConfig['notify'];

export interface PlanInput {
  /** 'Now' (ISO): the analysis asOf. */
  now: string;
  teamTimezone: string;
  currency: string;
  owner: Person;
  manager: Person | null;
  managerChannel: Channel;
  candidates: ReadonlyArray<ItemFacts>;
  said: ReadonlyMap<string, Said>;
  wins: Wins;
  week: WeekProgress;
  evidence: EvidenceFn;
  config: NotifyConfig;
  secret: Buffer;
  /** Preview (`mis digest`): ignore weekends, frequency, time of day and what was already sent today. */
  preview?: boolean;
  /** Wall clock (ms) for link expiry; default Date.now. */
  clock?: () => number;
  /** Next actions, tomorrow's meetings, overdue tasks and reminders for the AE's own digest (assist-items.ts). */
  assist?: AssistDraft;
}

export interface PlannedMessage {
  id: string;
  audience: 'ae' | 'manager';
  channel: Channel;
  digest: Digest;
}

export interface PlannedNudge {
  id: string;
  itemKey: string;
  dealId: string;
  level: Level;
  ladderDay: number;
  startedDay: string;
  channel: Channel | 'manager';
  managerNotified: boolean;
  outboxId: string;
  moneyAtRisk: number;
}

export interface Plan {
  ownerId: string;
  now: string;
  day: string;
  weekday: string;
  localTime: string;
  timezone: string;
  responsiveness: Responsiveness;
  profile: AeProfile;
  policy: Policy;
  due: boolean;
  /** Why there is (or is no) digest, in one line. */
  reason: string;
  /** Open items after snoozes and mutes, ranked, with today's level. */
  ranked: Array<ItemFacts & { level: Level; ladderDay: number }>;
  messages: PlannedMessage[];
  nudges: PlannedNudge[];
  closes: Array<{ itemKey: string; reason: 'acted' | 'skipped' | 'resolved' }>;
  links: LinkClaims[];
}

export function planOwnerDay(store: NotifyStore, input: PlanInput): Plan {
  const cfg = input.config;
  const ownerId = input.owner.id;
  const stored = store.profile(ownerId);
  const timezone = stored.timezone ?? input.teamTimezone;
  const lt = localTime(input.now, timezone);
  const today = lt.day;

  // Responsiveness over the rolling window (a week more is read so each nudge's "next nudge" bound is known).
  const since = addDay(today, -(cfg.responsivenessWindowDays + 7));
  const sent = store.sentNudges(ownerId, since);
  const responses = store.responses(ownerId, since);
  const responsiveness = scoreResponsiveness(sent, responses, input.evidence, {
    today,
    windowDays: cfg.responsivenessWindowDays,
    minNudges: cfg.minNudgesForScore,
  });
  const profile: AeProfile =
    responsiveness.score === null
      ? stored
      : {
          ...stored,
          responsiveness: responsiveness.score,
          responseRate: responsiveness.responseRate,
          scoredOn: today,
          actionPatterns: responsiveness.patterns.length ? responsiveness.patterns : stored.actionPatterns,
        };
  let policy = policyFor(profile);
  // Too early to judge: below standard only after enough nudges over enough days.
  const firstSent = sent[0]?.day ?? null;
  const evidenceDays = firstSent ? dayDiff(firstSent, today) : 0;
  if (
    (policy.tier === 'low' || policy.tier === 'minimal' || policy.tier === 'never') &&
    (responsiveness.nudges < MIN_EVIDENCE_NUDGES || evidenceDays < MIN_EVIDENCE_DAYS)
  ) {
    policy = {
      ...policyFor({ ...profile, responsiveness: null, responseRate: null }),
      rule: `too early to judge (${responsiveness.nudges} nudges over ${evidenceDays} days; ${MIN_EVIDENCE_NUDGES} over ${MIN_EVIDENCE_DAYS} days needed): standard`,
    };
  }
  // Start small: the first digests carry one item.
  const digestsSoFar = new Set(sent.map((n) => n.day)).size;
  if (digestsSoFar < FIRST_DIGESTS_SINGLE && policy.maxItems > 1)
    policy = { ...policy, maxItems: 1, rule: `${policy.rule}; first digests: one item` };
  if (policy.tier === 'never' && !input.manager) {
    // Nobody to tell: the AE keeps getting the weekly summary rather than nothing at all.
    policy = {
      ...policy,
      directToAe: true,
      rule: `${policy.rule} (no manager configured: weekly summary to the AE instead)`,
    };
  }

  // Close episodes that were answered, acted on, or went away.
  const candidateKeys = new Set(input.candidates.map((c) => c.key));
  const closes: Plan['closes'] = [];
  const open = new Map<string, EpisodeRow>();
  // "Loop in my manager" is an answer that keeps the item on the ladder and tells the manager on the next digest day.
  const respondedBy = new Map<string, string[]>();
  const askedHelp = new Map<string, string>();
  const itemOfNudge = new Map(sent.map((n) => [n.id, n.itemKey]));
  for (const r of responses) {
    if (r.action === 'ask_manager') {
      const key = itemOfNudge.get(r.nudgeId);
      if (key) askedHelp.set(key, localTime(r.at, timezone).day);
      continue;
    }
    respondedBy.set(r.nudgeId, [...(respondedBy.get(r.nudgeId) ?? []), r.kind]);
  }
  for (const ep of store.openEpisodes(ownerId)) {
    const epNudges = sent.filter((n) => n.itemKey === ep.itemKey && n.day >= ep.startedDay && n.day < today);
    const kinds = epNudges.flatMap((n) => respondedBy.get(n.id) ?? []);
    const last = epNudges[epNudges.length - 1];
    let reason: Plan['closes'][number]['reason'] | null = null;
    if (!candidateKeys.has(ep.itemKey)) reason = 'resolved';
    else if (kinds.includes('acted')) reason = 'acted';
    else if (kinds.some((k) => k === 'skipped' || k === 'snoozed')) reason = 'skipped';
    else if (last && input.evidence(last.dealId, last.sentAt, null)) reason = 'acted';
    if (reason) closes.push({ itemKey: ep.itemKey, reason });
    else open.set(ep.itemKey, ep);
  }

  // Snoozes drop the item; mutes drop one check from it.
  const suppressions = store.activeSuppressions(ownerId, input.now);
  const snoozed = new Set(suppressions.filter((s) => s.kind === 'snooze').map((s) => s.itemKey));
  const muted = new Set(suppressions.filter((s) => s.kind === 'mute').map((s) => `${s.itemKey}|${s.checkName}`));
  const ranked = input.candidates
    .filter((c) => !snoozed.has(c.key))
    .map((c) => ({ ...c, findings: c.findings.filter((f) => !muted.has(`${c.key}|${f.check}`)) }))
    .filter((c) => c.findings.length > 0)
    .map((c) => {
      const ep = open.get(c.key);
      const ladderDay = ep ? dayDiff(ep.startedDay, today) + 1 : 1;
      return { ...c, ladderDay, level: levelFor(ladderDay, policy.ladder) };
    })
    .sort(compareItems);

  const base = {
    ownerId,
    now: input.now,
    day: today,
    weekday: lt.weekday,
    localTime: lt.time,
    timezone,
    responsiveness,
    profile,
    policy,
    ranked,
    closes,
  };
  const none = (reason: string): Plan => ({ ...base, due: false, reason, messages: [], nudges: [], links: [] });

  if (ranked.length === 0) return none('nothing is due: no open item (snoozed and muted ones left out)');
  if (!input.preview) {
    if (store.nudgesOn(ownerId, today).length > 0) return none(`already recorded today (${today})`);
    if (profile.mutedUntil && Date.parse(profile.mutedUntil) > Date.parse(input.now))
      return none(`muted until ${profile.mutedUntil}`);
    if (isWeekend(lt.weekday) && !cfg.weekends) return none(`weekend (${lt.weekday} in ${timezone})`);
    if (cfg.holidays.includes(today)) return none(`holiday (${today})`);
    if (!FREQUENCY_DAYS[policy.frequency].includes(lt.weekday))
      return none(
        `${policy.frequency.replace('_', ' ')} digests go out on ${FREQUENCY_DAYS[policy.frequency].filter((d) => d !== 'Sat' && d !== 'Sun').join(', ')} (today is ${lt.weekday})`,
      );
    if (lt.minutes < toMinutes(profile.bestTime))
      return none(`goes out from ${profile.bestTime} ${timezone} (now ${lt.time})`);
    if (inQuietHours(lt.minutes, cfg.quietHours.start, cfg.quietHours.end))
      return none(`quiet hours ${cfg.quietHours.start}–${cfg.quietHours.end} ${timezone} (now ${lt.time})`);
  }

  let selected = ranked.slice(0, policy.maxItems);
  if (selected.some((s) => s.level >= 3)) selected = selected.slice(0, L3_MAX_ITEMS);

  const aeId = messageId(ownerId, today, 'ae');
  const mgrId = messageId(ownerId, today, 'manager');
  const managerItems = policy.directToAe
    ? selected.filter((s) => {
        const notified = open.get(s.key)?.managerNotifiedDay ?? null;
        const asked = askedHelp.get(s.key);
        if (asked && (!notified || notified < asked)) return true;
        if (s.level < 4) return false;
        return !notified || dayDiff(notified, today) >= MANAGER_REPEAT_DAYS;
      })
    : selected;
  const toManager = input.manager !== null && managerItems.length > 0;
  const managerKeys = new Set(toManager ? managerItems.map((m) => m.key) : []);

  // Links expire a TTL after the later of 'now' and the wall clock (a sandbox's 'now' may lie in the past).
  const exp = Math.floor(Math.max(Date.parse(input.now), (input.clock ?? Date.now)()) / 1000 + cfg.linkTtlHours * 3600);
  const links: LinkClaims[] = [];
  const link = (nudgeId: string, dealId: string, action: LinkAction): string => {
    const claims: LinkClaims = { id: linkId(nudgeId, action), nudgeId, ownerId, dealId, action, exp };
    links.push(claims);
    return linkUrl(cfg.linkBaseUrl, cfg.linkPathPrefix, signLink(input.secret, claims));
  };
  const nudges: PlannedNudge[] = [];
  const itemInputs = new Map<string, DigestItemInput>();
  for (const s of selected) {
    const id = nudgeId(ownerId, today, s.key);
    const links3: ItemLinks = {
      updateStage: link(id, s.dealId, 'update_stage'),
      addNote: link(id, s.dealId, 'add_note'),
      skip: link(id, s.dealId, 'skip'),
    };
    const { level, ladderDay, ...facts } = s;
    itemInputs.set(s.key, {
      facts,
      nudgeId: id,
      level,
      ladderDay,
      said: input.said.get(s.dealId) ?? null,
      links: links3,
    });
    nudges.push({
      id,
      itemKey: s.key,
      dealId: s.dealId,
      level,
      ladderDay,
      startedDay: open.get(s.key)?.startedDay ?? today,
      channel: policy.directToAe ? profile.preferredChannel : 'manager',
      managerNotified: managerKeys.has(s.key),
      outboxId: policy.directToAe ? aeId : mgrId,
      moneyAtRisk: s.moneyAtRisk,
    });
  }

  const dayLabel = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(input.now));
  const common = {
    owner: input.owner,
    manager: input.manager,
    day: today,
    dayLabel,
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
  const messages: PlannedMessage[] = [];
  if (policy.directToAe) {
    const items = selected.map((s) => itemInputs.get(s.key)!);
    const topLevel = Math.max(...selected.map((s) => s.level));
    const cc = input.manager && topLevel >= 3 ? link(items[0]!.nudgeId, items[0]!.facts.dealId, 'ask_manager') : null;
    // A reminder's link belongs to the digest that carried it (its first nudge) and holds the task it adds.
    let assist: DigestAssist | undefined;
    if (input.assist) {
      const nudge = items[0]!.nudgeId;
      assist = {
        ...input.assist,
        reminders: input.assist.reminders.map(({ change, ...r }) => {
          const claims: LinkClaims = {
            id: reminderLinkId(nudge, r.key),
            nudgeId: nudge,
            ownerId,
            dealId: r.dealId,
            action: 'accept_reminder',
            exp,
            payload: JSON.stringify({ key: r.key, change }),
          };
          links.push(claims);
          return { ...r, accept: linkUrl(cfg.linkBaseUrl, cfg.linkPathPrefix, signLink(input.secret, claims)) };
        }),
      };
    }
    messages.push({
      id: aeId,
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
    });
  }
  if (toManager) {
    const items = managerItems.map((s) => itemInputs.get(s.key)!);
    messages.push({
      id: mgrId,
      audience: 'manager',
      channel: input.managerChannel,
      digest: buildDigest({
        ...common,
        audience: 'manager',
        kind: 'support',
        recipient: input.manager!,
        items,
        managerCc: null,
      }),
    });
  }
  const parts = [
    `${selected.length} ${selected.length === 1 ? 'item' : 'items'} (L${Math.max(...selected.map((s) => s.level))})`,
    policy.directToAe ? `to ${input.owner.name}` : `${input.owner.name} not nudged directly`,
  ];
  if (toManager) parts.push(`${input.manager!.name} told: support needed on ${managerItems.length}`);
  else if (!policy.directToAe) parts.push('no manager configured');
  return { ...base, due: true, reason: `${parts.join('; ')} · ${policy.rule}`, messages, nudges, links };
}

/**
 * Records the plan (profile, episodes, nudges, links, outbox rows as `recorded`) in one transaction, taken as a
 * writer from the start (BEGIN IMMEDIATE): the profile is read then written, and a deferred transaction that
 * reads first fails at once with "database is locked" when another process wrote meanwhile, without waiting.
 */
export function commitPlan(
  store: NotifyStore,
  plan: Plan,
  rendered: ReadonlyMap<string, { subject: string; text: string; html: string; slack: unknown; recipient: string }>,
  createdAt: string,
): void {
  store.state.transaction(() => {
    store.saveProfile(plan.profile, createdAt);
    for (const c of plan.closes) store.closeEpisode(plan.ownerId, c.itemKey, plan.day, c.reason);
    for (const n of plan.nudges) {
      // A dry-run preview of the same nudge (same id) becomes the real one.
      store.nudges.recordPlanned(nudgeRow(plan, n));
      store.touchEpisode(plan.ownerId, n.itemKey, n.startedDay, plan.day, n.level, n.managerNotified);
    }
    for (const l of plan.links) recordLink(store.state, l, createdAt);
    for (const m of plan.messages) {
      const r = rendered.get(m.id);
      if (!r) throw new Error(`message ${m.id} was not rendered`);
      store.outbox.insertOrIgnore({
        id: m.id,
        ownerId: plan.ownerId,
        day: plan.day,
        audience: m.audience,
        channel: m.channel,
        recipient: r.recipient,
        subject: r.subject,
        text: r.text,
        html: r.html,
        slack: JSON.stringify(r.slack),
        model: JSON.stringify(m.digest),
        createdAt,
      });
    }
  }, 'immediate');
}

/**
 * A dry run's nudges (status `preview`) and links, so the links it prints open the quick-log page: the nudges are
 * not sent, count for nothing, and do not stop the day's real digest (which takes them over).
 */
export function recordPreview(store: NotifyStore, plan: Plan, createdAt: string): void {
  store.state.transaction(() => {
    for (const n of plan.nudges) store.nudges.recordPreview(nudgeRow(plan, n));
    for (const l of plan.links) recordLink(store.state, l, createdAt);
  }, 'immediate');
}

/** A planned nudge as its row in the nudges table (payload: what the sender and the ladder read back). */
function nudgeRow(plan: Plan, n: Plan['nudges'][number]) {
  return {
    id: n.id,
    ownerId: plan.ownerId,
    day: plan.day,
    itemKey: n.itemKey,
    level: n.level,
    channel: n.channel,
    payload: JSON.stringify({
      dealId: n.dealId,
      outboxId: n.outboxId,
      ladderDay: n.ladderDay,
      moneyAtRisk: n.moneyAtRisk,
    }),
    createdAt: plan.now,
  };
}

export function nudgeId(ownerId: string, day: string, itemKey: string): string {
  return `nd_${createHash('sha256').update(`${ownerId}\n${day}\n${itemKey}`).digest('hex').slice(0, 20)}`;
}

export function messageId(ownerId: string, day: string, audience: 'ae' | 'manager'): string {
  return `ob_${createHash('sha256').update(`${ownerId}\n${day}\n${audience}`).digest('hex').slice(0, 20)}`;
}

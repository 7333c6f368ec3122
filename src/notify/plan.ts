/**
 * One AE's day: score responsiveness, apply the adaptive rules, close ladder episodes that were answered or went
 * away, place every open item on its ladder, decide whether a digest is due, pick the items (single top action by
 * money at risk; at most the tier's count, 3 at L3+), and decide whether the manager hears about it. Pure apart
 * from reading the store; `commitPlan` writes what it decided, in one transaction, before anything is sent.
 */
import { createHash } from 'node:crypto';
import { localTime } from './calendar.js';
import type { Plan, PlanInput, PlannedMessage } from './plan-types.js';
import {
  adaptPolicy,
  aeMessage,
  closeEpisodes,
  digestCommon,
  dueReason,
  itemsForManager,
  linkSigner,
  managerMessage,
  planNudges,
  rankOpenItems,
  readAnswers,
  readNudgeHistory,
  scoreProfile,
  selectItems,
  whyNotNow,
} from './plan-steps.js';
import type { NotifyStore } from './store.js';
import { recordLink } from './web/links.js';

export type { NotifyConfig, Plan, PlanInput, PlannedMessage, PlannedNudge } from './plan-types.js';

/** One AE's day, as a recipe: each step is a named function in plan-steps.ts. */
export function planOwnerDay(store: NotifyStore, input: PlanInput): Plan {
  const cfg = input.config;
  const ownerId = input.owner.id;
  const stored = store.profile(ownerId);
  const timezone = stored.timezone ?? input.teamTimezone;
  const lt = localTime(input.now, timezone);
  const today = lt.day;

  // How the AE has answered, how hard to nudge them, and which ladder episodes end today.
  const history = readNudgeHistory(store, ownerId, today, cfg);
  const { responsiveness, profile } = scoreProfile(stored, history, input.evidence, today, cfg);
  const policy = adaptPolicy(profile, responsiveness, history.sent, today, input.manager !== null);
  const answers = readAnswers(history, timezone);
  const { closes, open } = closeEpisodes(store.openEpisodes(ownerId), history, answers, input, today);
  const suppressions = store.activeSuppressions(ownerId, input.now);
  const ranked = rankOpenItems(input.candidates, suppressions, open, policy, today);

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

  // Whether a digest goes out now.
  if (ranked.length === 0) return none('nothing is due: no open item (snoozed and muted ones left out)');
  const notNow = input.preview ? null : whyNotNow(store, ownerId, input.now, { lt, timezone }, profile, policy, cfg);
  if (notNow) return none(notNow);

  // What it carries, who hears about it, and the nudges and signed links behind each item.
  const selected = selectItems(ranked, policy);
  const managerItems = itemsForManager(selected, policy, open, answers.askedHelp, today);
  const toManager = input.manager !== null && managerItems.length > 0;
  const managerKeys = new Set(toManager ? managerItems.map((m) => m.key) : []);
  const ids = {
    ae: messageId(ownerId, today, 'ae'),
    manager: messageId(ownerId, today, 'manager'),
    nudge: (itemKey: string) => nudgeId(ownerId, today, itemKey),
  };
  const signer = linkSigner(input, ownerId);
  const { nudges, itemInputs } = planNudges(selected, {
    input,
    ids,
    open,
    policy,
    profile,
    managerKeys,
    signer,
    today,
  });

  // The digests: the AE's own when nudged directly, the manager's when support is needed.
  const common = digestCommon(input, { today, timezone, policy, profile, ranked });
  const itemsOf = (items: typeof selected) => items.map((s) => itemInputs.get(s.key)!);
  const messages: PlannedMessage[] = [];
  if (policy.directToAe)
    messages.push(aeMessage(itemsOf(selected), { input, common, policy, profile, signer, id: ids.ae }));
  if (toManager && input.manager)
    messages.push(managerMessage(itemsOf(managerItems), { input, common, manager: input.manager, id: ids.manager }));

  const reason = dueReason(selected, managerItems, { owner: input.owner, manager: input.manager, toManager, policy });
  return { ...base, due: true, reason, messages, nudges, links: signer.claims };
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

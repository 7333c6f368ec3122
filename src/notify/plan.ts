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
  const db = store.db;
  db.transaction(() => {
    store.saveProfile(plan.profile, createdAt);
    for (const c of plan.closes) store.closeEpisode(plan.ownerId, c.itemKey, plan.day, c.reason);
    // A dry-run preview of the same nudge (same id) becomes the real one.
    const ins = db.prepare(
      `INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'recorded', ?)
       ON CONFLICT (id) DO UPDATE SET level = excluded.level, channel = excluded.channel, payload = excluded.payload, status = 'recorded', created_at = excluded.created_at
       WHERE nudges.status = 'preview'`,
    );
    for (const n of plan.nudges) {
      ins.run(
        n.id,
        plan.ownerId,
        plan.day,
        n.itemKey,
        n.level,
        n.channel,
        JSON.stringify({ dealId: n.dealId, outboxId: n.outboxId, ladderDay: n.ladderDay, moneyAtRisk: n.moneyAtRisk }),
        plan.now,
      );
      store.touchEpisode(plan.ownerId, n.itemKey, n.startedDay, plan.day, n.level, n.managerNotified);
    }
    for (const l of plan.links) recordLink(store.state, l, createdAt);
    const out = db.prepare(
      `INSERT OR IGNORE INTO notify_outbox (id, owner_id, day, audience, channel, recipient, subject, body_text, body_html, slack, model, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded', ?)`,
    );
    for (const m of plan.messages) {
      const r = rendered.get(m.id);
      if (!r) throw new Error(`message ${m.id} was not rendered`);
      out.run(
        m.id,
        plan.ownerId,
        plan.day,
        m.audience,
        m.channel,
        r.recipient,
        r.subject,
        r.text,
        r.html,
        JSON.stringify(r.slack),
        JSON.stringify(m.digest),
        createdAt,
      );
    }
  }).immediate();
}

/**
 * A dry run's nudges (status `preview`) and links, so the links it prints open the quick-log page: the nudges are
 * not sent, count for nothing, and do not stop the day's real digest (which takes them over).
 */
export function recordPreview(store: NotifyStore, plan: Plan, createdAt: string): void {
  const db = store.db;
  db.transaction(() => {
    const ins = db.prepare(
      "INSERT OR IGNORE INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'preview', ?)",
    );
    for (const n of plan.nudges)
      ins.run(
        n.id,
        plan.ownerId,
        plan.day,
        n.itemKey,
        n.level,
        n.channel,
        JSON.stringify({ dealId: n.dealId, outboxId: n.outboxId, ladderDay: n.ladderDay, moneyAtRisk: n.moneyAtRisk }),
        plan.now,
      );
    for (const l of plan.links) recordLink(store.state, l, createdAt);
  }).immediate();
}

export function nudgeId(ownerId: string, day: string, itemKey: string): string {
  return `nd_${createHash('sha256').update(`${ownerId}\n${day}\n${itemKey}`).digest('hex').slice(0, 20)}`;
}

export function messageId(ownerId: string, day: string, audience: 'ae' | 'manager'): string {
  return `ob_${createHash('sha256').update(`${ownerId}\n${day}\n${audience}`).digest('hex').slice(0, 20)}`;
}

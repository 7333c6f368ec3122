/** Digest rules on the demo portal: one top action, ≤ 3 items at L3, INR formatting, no empty digest, said vs HubSpot, the wording guard. */
import { beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/analysis/checks/index.js';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { activityScorecard } from '../../src/analysis/metrics/index.js';
import { dealRisk } from '../../src/analysis/risk/index.js';
import { formatMoney } from '../../src/format/index.js';
import {
  addDay,
  applySettings,
  localTime,
  checkWording,
  digestSchema,
  guardWording,
  NotifyStore,
  openItems,
  patchProfile,
  planTeam,
  renderHtml,
  renderSlack,
  renderText,
  WordingRejectedError,
  type Digest,
} from '../../src/notify/index.js';
import { demoContext, memoryState } from './support.js';

const ASHA = '71217';
let ctx: AnalysisContext;

beforeAll(async () => {
  ctx = await demoContext();
});

function aeDigest(
  state = memoryState(),
  ownerId = ASHA,
): { digest: Digest | null; reason: string; state: typeof state } {
  const [plan] = planTeam({ ctx, state }, { ownerId, preview: true });
  return { digest: plan!.messages.find((m) => m.audience === 'ae')?.digest ?? null, reason: plan!.reason, state };
}

describe('digest model', () => {
  it('has exactly one top action: the open item with the most money at risk, loss-framed', () => {
    const { digest } = aeDigest();
    expect(digest).not.toBeNull();
    const d = digestSchema.parse(digest);
    const items = openItems(ctx, ASHA, runChecks(ctx), dealRisk(ctx, { ownerId: ASHA }));
    const most = Math.max(...items.map((i) => i.moneyAtRisk));
    expect(d.top.moneyAtRisk).toBe(most);
    expect([d.top, ...d.more].filter((i) => i.moneyAtRisk === most && i.dealId === d.top.dealId)).toHaveLength(1);
    expect(d.more.every((m) => m.moneyAtRisk <= d.top.moneyAtRisk)).toBe(true);
    expect(new Set([d.top, ...d.more].map((i) => i.dealId)).size).toBe(1 + d.more.length);
    expect(renderText(d).match(/^TOP PRIORITY$/gm)).toHaveLength(1);
    // Money at risk = amount × stage probability × urgency, as documented.
    expect(d.top.moneyAtRisk).toBe(Math.round((d.top.amount ?? 0) * d.top.probability * d.top.urgency));
    expect(d.top.headline).toContain(`${d.top.name} (${formatMoney(d.top.amount, 'INR')})`);
  });

  it('formats money in ₹ lakh/crore and counts the week like the scorecard', () => {
    const d = aeDigest().digest!;
    for (const it of [d.top, ...d.more]) {
      expect(it.amountText).toMatch(/^₹\d+(\.\d+)? (L|Cr)$|^₹[\d,]+$/);
      expect(it.moneyAtRiskText).toBe(formatMoney(it.moneyAtRisk, 'INR'));
    }
    const text = renderText(d);
    expect(text).toContain(d.top.amountText);
    expect(text.replace(/https?:\/\/\S+/g, '')).not.toMatch(/\d{6,}/); // no raw rupee amounts
    const row = activityScorecard(ctx).byOwner.find((r) => r.ownerId === ASHA)!;
    expect(d.week.calls).toEqual({ actual: row.calls.actual, target: 15 });
    expect(text).toContain(`calls ${row.calls.actual}/15 · emails ${row.emails.actual}/20`);
    expect(text).toMatch(/TODAY'S WINS[\s\S]*THIS WEEK SO FAR/);
  });

  it('carries at most 3 items once an item reaches L3, even when the AE allows 5', () => {
    const state = memoryState();
    const store = new NotifyStore(state);
    store.saveProfile(applySettings(store.profile(ASHA), ['maxItems=5']), ctx.asOf);
    // A brand-new AE's first digests carry one item (start small).
    expect(aeDigest(state).digest!.more).toEqual([]);
    // After three digest days the AE's own maximum applies.
    for (const n of [7, 6, 5]) {
      const d = addDay(localTime(ctx.asOf, ctx.timezone).day, -n);
      state.db
        .prepare(
          "INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at, sent_at) VALUES (?, ?, ?, 'deal:none', 1, 'email', '{}', 'sent', ?, ?)",
        )
        .run(`nd_prior_${n}`, ASHA, d, `${d}T12:00:00.000Z`, `${d}T12:00:00.000Z`);
    }
    const fresh = aeDigest(state).digest!;
    expect(1 + fresh.more.length).toBe(5);
    expect(fresh.level).toBe(1);
    // The same items, first nudged 4 days ago (ladder day 5 = L3).
    const started = addDay(fresh.day, -4);
    for (const it of [fresh.top, ...fresh.more]) store.touchEpisode(ASHA, it.key, started, started, 1, false);
    const l3 = aeDigest(state).digest!;
    expect(l3.level).toBe(3);
    expect(1 + l3.more.length).toBeLessThanOrEqual(3);
    expect(l3.top.ladderDay).toBe(5);
    expect(l3.managerCc).toMatch(/^http:\/\/127\.0\.0\.1:8787\/a\//);
    expect(l3.top.framing).toMatch(/deals? may go cold/);
    expect(renderText(l3)).toContain("Want Meera's help");
    // Two days later: L4, support framing, and the manager hears.
    const started4 = addDay(fresh.day, -6);
    for (const it of [fresh.top, ...fresh.more])
      state.db
        .prepare('UPDATE notify_episodes SET started_day = ? WHERE owner_id = ? AND item_key = ?')
        .run(started4, ASHA, it.key);
    const [plan] = planTeam({ ctx, state }, { ownerId: ASHA, preview: true });
    const mgr = plan!.messages.find((m) => m.audience === 'manager')!.digest;
    expect(mgr.recipient.id).toBe('71200');
    expect(mgr.subject).toMatch(/^Support needed: Asha/);
    expect(renderText(mgr)).toContain('SUPPORT NEEDED');
  });

  it('sends no digest when nothing is due (never an empty one)', () => {
    const state = memoryState();
    const store = new NotifyStore(state);
    const items = openItems(ctx, ASHA, runChecks(ctx), dealRisk(ctx, { ownerId: ASHA }));
    expect(items.length).toBeGreaterThan(0);
    for (const it of items) store.snooze(ASHA, it.key, '2099-01-01T00:00:00.000Z', 'on leave', ctx.asOf);
    const { digest, reason } = aeDigest(state);
    expect(digest).toBeNull();
    expect(reason).toMatch(/nothing is due/);
    // Muting every check of one item drops it too; the rest still make a digest.
    const state2 = memoryState();
    const s2 = new NotifyStore(state2);
    const first = aeDigest(state2).digest!.top;
    for (const f of first.findings) s2.mute(ASHA, first.key, f.check, 'known', ctx.asOf);
    expect(aeDigest(state2).digest!.top.dealId).not.toBe(first.dealId);
  });

  it('shows what the AE said vs what HubSpot shows when a reconcile result exists, and tolerates none', () => {
    const state = memoryState();
    const top = aeDigest(state).digest!.top;
    expect(top.said).toBeNull();
    state.db
      .prepare(
        "INSERT INTO ae_updates (id, owner_id, received_at, source, text) VALUES ('u1', ?, ?, 'slack', 'update')",
      )
      .run(ASHA, ctx.asOf);
    const result = {
      discrepancies: [
        {
          type: 'stage_mismatch',
          dealId: top.dealId,
          mention: 'shortlisted to final 2, F2F this week',
          claimed: { stage: 'decisionmakerboughtin' },
          crm: { stage: top.stageId },
        },
      ],
    };
    state.db
      .prepare("INSERT INTO reconciliations (id, update_id, run_at, json) VALUES ('r1', 'u1', ?, ?)")
      .run(ctx.asOf, JSON.stringify(result));
    state.db
      .prepare(
        "INSERT INTO reconciliations (id, update_id, run_at, json) VALUES ('r0', 'u1', '2020-01-01T00:00:00Z', 'not json')",
      )
      .run();
    const d = aeDigest(state).digest!;
    expect(d.top.said?.mention).toBe('shortlisted to final 2, F2F this week');
    expect(d.top.said?.crm).toContain(top.stage);
    expect(renderText(d)).toContain('You said: "shortlisted to final 2, F2F this week" · HubSpot shows:');
  });

  it('renders HTML with inline CSS only and Slack Block Kit with the three buttons as signed links', () => {
    const d = aeDigest().digest!;
    const html = renderHtml(d);
    expect(html).toContain('<meta name="viewport"');
    expect(html).not.toMatch(/<style|<link|<script/);
    expect(html).toContain('Skip – Not Ready');
    const slack = renderSlack(d);
    const actions = slack.blocks.filter((b) => b['type'] === 'actions') as Array<{
      elements: Array<{ text: { text: string }; url: string }>;
    }>;
    expect(actions).toHaveLength(1 + d.more.length);
    expect(actions[0]!.elements.map((e) => e.text.text)).toEqual(['Update Stage', 'Add Note', 'Skip – Not Ready']);
    expect(actions[0]!.elements.map((e) => e.url)).toEqual([
      d.top.links.updateStage,
      d.top.links.addNote,
      d.top.links.skip,
    ]);
    for (const u of actions[0]!.elements.map((e) => e.url)) expect(u).toMatch(/\/a\/[0-9a-f]{24}\.[A-Za-z0-9_-]{22}$/);
    // The fallback text (notifications, old clients) is mrkdwn too: escaped like the blocks.
    expect(renderSlack({ ...d, subject: 'Acme <!channel> & <http://x|y>' }).text).toBe(
      'Acme &lt;!channel&gt; &amp; &lt;http://x|y&gt;',
    );
  });
});

describe('wording guard', () => {
  it('accepts wording whose numbers all come from the model and rejects any other number', () => {
    const d = aeDigest().digest!;
    const good = `Hi ${d.recipient.firstName}, ${d.top.name} (${d.top.amountText}) has gone ${d.top.daysSinceActivity} days without a touch. Calls ${d.week.calls.actual}/${d.week.calls.target} this week.`;
    expect(guardWording(good, d)).toBe(good);
    const bad = `${d.top.name} (${d.top.amountText}) could close for ₹97.3 L within 11 days.`;
    const r = checkWording(bad, d);
    expect(r.ok).toBe(false);
    expect(r.unknown).toEqual(expect.arrayContaining(['97.3']));
    expect(() => guardWording(bad, d)).toThrow(WordingRejectedError);
    expect(() => guardWording(`Only 2 of your 400 deals`, d)).toThrow(/not in the digest model \(400\)|400/);
  });
});

describe('schedule in the AE’s time zone', () => {
  const at = (iso: string) => ({ ...ctx, asOf: iso });
  const plan = (iso: string, state = memoryState()) => planTeam({ ctx: at(iso), state }, { ownerId: ASHA })[0]!;

  it('waits for the best time, respects quiet hours and weekends', () => {
    expect(plan('2026-11-20T01:30:00.000Z').reason).toMatch(/goes out from 17:30 Asia\/Kolkata \(now 07:00\)/);
    expect(plan('2026-11-20T11:59:00.000Z').reason).toMatch(/goes out from 17:30 Asia\/Kolkata \(now 17:29\)/);
    expect(plan('2026-11-20T12:00:00.000Z').due).toBe(true); // Fri 17:30 IST, the day-end update
    expect(plan('2026-11-20T15:30:00.000Z').reason).toMatch(/quiet hours 20:00–08:00 Asia\/Kolkata \(now 21:00\)/);
    expect(plan('2026-11-21T04:30:00.000Z').reason).toMatch(/weekend \(Sat in Asia\/Kolkata\)/);
  });

  it('uses the AE’s own time zone and best time from the profile', () => {
    const state = memoryState();
    const store = new NotifyStore(state);
    store.saveProfile(
      applySettings(store.profile(ASHA), ['timezone=America/New_York', 'bestTime=08:30', 'frequency=twice_weekly']),
      ctx.asOf,
    );
    // Fri 20 Nov 13:30 UTC is Fri 08:30 in New York: not a twice-weekly day.
    expect(plan('2026-11-20T13:30:00.000Z', state).reason).toMatch(
      /twice weekly digests go out on Mon, Thu \(today is Fri\)/,
    );
    // Thu 19 Nov 13:29 UTC is 08:29 in New York: a minute early; at 13:31 it is due.
    expect(plan('2026-11-19T13:29:00.000Z', state).reason).toMatch(/goes out from 08:30 America\/New_York/);
    // Quiet hours are the AE's too: 07:59 New York is still quiet, whatever the best time.
    store.saveProfile(applySettings(store.profile(ASHA), ['bestTime=07:00']), ctx.asOf);
    expect(plan('2026-11-19T12:59:00.000Z', state).reason).toMatch(
      /quiet hours 20:00–08:00 America\/New_York \(now 07:59\)/,
    );
    const thu = plan('2026-11-19T13:31:00.000Z', state);
    expect(thu.due, thu.reason).toBe(true);
  });
});

describe('one AE profile', () => {
  it('a mute set through the profile patch (state_update_ae_profile) stops the digest until it ends', () => {
    const state = memoryState();
    const store = new NotifyStore(state);
    store.saveProfile(
      patchProfile(store.profile(ASHA), { mutedUntil: '2026-11-25T00:00:00+05:30', maxItems: 1 }),
      ctx.asOf,
    );
    expect(store.profile(ASHA).notification.maxItems).toBe(1);
    const muted = planTeam({ ctx: { ...ctx, asOf: '2026-11-20T04:30:00.000Z' }, state }, { ownerId: ASHA })[0]!;
    expect(muted.reason).toBe('muted until 2026-11-25T00:00:00+05:30');
    expect(() => patchProfile(store.profile(ASHA), { mutedUntil: 'next week' })).toThrow(/ISO date-time/);
  });
});

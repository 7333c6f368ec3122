/**
 * Digest copy on the demo portal, for every AE and their manager, in the three renderings: the greeting follows
 * the recipient's local time, dates are days ("Mon 16 Nov") with no ISO dates or timestamps outside the links, no
 * raw property names or check codes, and no sentence repeated card after card.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import {
  addDay,
  greeting,
  localTime,
  NotifyStore,
  planTeam,
  renderHtml,
  renderSlack,
  renderText,
  type Digest,
} from '../../src/notify/index.js';
import { demoContext, memoryState } from './support.js';

let ctx: AnalysisContext;
let digests: Digest[];

beforeAll(async () => {
  ctx = await demoContext();
  // Every AE past their first digests (several items each), every item first nudged ten days ago (L4: the
  // manager's support note too), so that cards repeat whatever a card would repeat.
  const state = memoryState();
  const store = new NotifyStore(state);
  const today = localTime(ctx.asOf, ctx.timezone).day;
  const first = planTeam({ ctx, state }, { preview: true });
  for (const p of first) {
    for (const n of [12, 11, 10]) {
      const d = addDay(today, -n);
      state.db
        .prepare(
          "INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at, sent_at) VALUES (?, ?, ?, 'deal:none', 1, 'email', '{}', 'sent', ?, ?)",
        )
        .run(`nd_prior_${p.ownerId}_${n}`, p.ownerId, d, `${d}T12:00:00.000Z`, `${d}T12:00:00.000Z`);
    }
    const started = addDay(today, -9);
    for (const it of p.ranked) store.touchEpisode(p.ownerId, it.key, started, started, 1, false);
  }
  digests = planTeam({ ctx, state }, { preview: true }).flatMap((p) => p.messages.map((m) => m.digest));
});

const withoutLinks = (s: string) => s.replace(/https?:\/\/[^\s"'<>)|]+/g, '');

describe('digest copy', () => {
  it('greets by the local time of day (Asia/Kolkata)', () => {
    const at = (hhmm: string) => greeting(new Date(`2026-11-20T${hhmm}:00+05:30`).toISOString(), 'Asia/Kolkata');
    expect(at('08:15')).toBe('Good morning');
    expect(at('11:59')).toBe('Good morning');
    expect(at('12:00')).toBe('Good afternoon');
    expect(at('16:59')).toBe('Good afternoon');
    expect(at('17:30')).toBe('Good evening');
    const [plan] = planTeam(
      { ctx: { ...ctx, asOf: new Date('2026-11-20T09:00:00+05:30').toISOString() }, state: memoryState() },
      { ownerId: '71217', preview: true },
    );
    expect(renderText(plan!.messages[0]!.digest)).toMatch(/^Good morning Asha · /);
  });

  it('has no ISO dates, raw property names or check codes in any rendering', () => {
    expect(digests.length).toBeGreaterThan(2);
    expect(digests.some((d) => d.audience === 'manager')).toBe(true);
    for (const d of digests) {
      for (const out of [renderText(d), renderHtml(d), JSON.stringify(renderSlack(d))]) {
        const text = withoutLinks(out);
        expect(text, d.subject).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(text, d.subject).not.toMatch(/\b(closedate|hubspot_owner_id|dealstage|hs_next_step|dealname)\b/);
        expect(text, d.subject).not.toMatch(
          /\b(stale_deal|close_date_past|stage_mismatch|missing_notes|missing_required_field|stage_skipped)\b/,
        );
        expect(text, d.subject).not.toMatch(/\w…/); // nothing cut mid-word
      }
    }
  });

  it('offers a follow-up with a next action only when the task is that action', () => {
    const offered = digests.flatMap((d) => d.reminders.filter((r) => r.withAction).map((r) => ({ d, r })));
    expect(offered.length).toBeGreaterThan(0);
    for (const { d, r } of offered) {
      const a = d.nextActions.find((x) => x.dealId === r.dealId)!;
      // "Reply to Dinesh Saxena" ↔ "Reply to Dinesh Saxena (Surya Remedies - …)"; "Book the next step" alike.
      expect(r.subject.startsWith(a.action.replace(/ with .*$/, '')), `${a.action} / ${r.subject}`).toBe(true);
    }
  });

  it('says no sentence on more than one card of the HTML email', () => {
    for (const d of digests) {
      if (d.audience !== 'ae') continue;
      const cards = renderHtml(d)
        .split('<div style="margin:0 0 12px;')
        .slice(1)
        .map((c) => c.replace(/<[^>]+>/g, '\n'));
      const seen = new Map<string, number>();
      for (const c of cards)
        for (const line of new Set(c.split('\n').map((l) => l.trim())))
          if (line.split(' ').length >= 6) seen.set(line, (seen.get(line) ?? 0) + 1);
      const repeated = [...seen].filter(([, n]) => n > 1).map(([l]) => l);
      expect(repeated, d.subject).toEqual([]);
    }
  });
});

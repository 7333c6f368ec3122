/**
 * Four weeks of `mis schedule`'s delivery job on the demo portal with a clock the test controls: ticks at 09:05,
 * 16:05, 17:05, 17:35 and 21:00 India time every day, each planning for that instant and delivering through the
 * outbox to a real SMTP receiver on 127.0.0.1. Checks: each AE's digest arrives at the first tick at or after the
 * AE's digest time (17:30 by default; one AE set to 16:00), never on weekends or the configured holiday, at most
 * once a day; the manager's weekly report arrives once a week, on the first working day, in the morning; the
 * ladder climbs for AEs who ignore their digests. Prints the week-by-week table.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import {
  applySettings,
  deliveryTick,
  localTime,
  NotifyStore,
  smtpTransport,
  type Digest,
} from '../../src/notify/index.js';
import { StateStore } from '../../src/state/index.js';
import { startSmtp } from './receivers.js';
import { demoContext } from './support.js';

const TZ = 'Asia/Kolkata';
const HOLIDAY = '2026-12-08'; // a Tuesday
const EARLY = '71251'; // this AE asked for 16:00
const ACTS = '71217'; // acts on every digest item (through a one-tap response)
const TICKS = ['09:05', '16:05', '17:05', '17:35', '21:00'];

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let base: AnalysisContext;
beforeAll(async () => {
  smtp = await startSmtp();
  base = await demoContext({ notify: { holidays: [HOLIDAY], smtp: { host: '127.0.0.1', port: 1 } } });
});
afterAll(async () => {
  await smtp.close();
});

const istToIso = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+05:30`).toISOString();
const addDay = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('four weeks of scheduled delivery', () => {
  it('digests at each AE’s time on working days only, the manager’s report on Mondays, the ladder climbing', async () => {
    const state = StateStore.open(mkdtempSync(join(tmpdir(), 'mis-sched-')));
    const store = new NotifyStore(state);
    store.saveProfile(applySettings(store.profile(EARLY), ['bestTime=16:00']), base.asOf);
    const email = smtpTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      from: 'sales-mis <mis@localhost>',
    });
    const owners = new Map(base.data.crm.owners.map((o) => [o.email, o.id]));
    const rows: Array<{
      week: number;
      ownerId: string;
      day: string;
      time: string;
      weekday: string;
      level: number;
      items: number;
      tier: string;
      subject: string;
    }> = [];
    const reports: Array<{ day: string; time: string; to: string }> = [];
    try {
      const start = '2026-11-23'; // a Monday
      for (let i = 0; i < 28; i++) {
        const day = addDay(start, i);
        for (const t of TICKS) {
          const now = istToIso(day, t);
          const before = smtp.mails.length;
          const ctx: AnalysisContext = { ...base, asOf: now };
          const tick = await deliveryTick({ ctx, state }, { transports: { email } });
          expect(tick.delivery.failed).toEqual([]);
          for (const m of smtp.mails.slice(before)) {
            const id = /<(ob_[0-9a-f]+)@sales-mis>/.exec(m.messageId ?? '')![1]!;
            const row = state.db
              .prepare('SELECT owner_id, audience, model FROM notify_outbox WHERE id = ?')
              .get(id) as { owner_id: string; audience: string; model: string };
            const lt = localTime(now, TZ);
            if (row.audience === 'report') {
              reports.push({ day, time: lt.time, to: m.to[0]! });
              continue;
            }
            if (row.audience !== 'ae') continue;
            const d = JSON.parse(row.model) as Digest;
            rows.push({
              week: Math.floor(i / 7) + 1,
              ownerId: row.owner_id,
              day,
              time: lt.time,
              weekday: lt.weekday,
              level: d.level,
              items: 1 + d.more.length,
              tier: d.tier,
              subject: d.subject,
            });
            // The acting AE answers every item with a one-tap action.
            if (row.owner_id === ACTS)
              for (const it of [d.top, ...d.more])
                store.recordResponse(it.nudgeId, 'acted', new Date(Date.parse(now) + 3_600_000).toISOString(), {
                  action: 'add_note',
                  via: 'quick_log',
                });
          }
        }
      }
    } finally {
      email.close?.();
    }

    // At the AE's time: the first tick at or after it (17:35 by default, 16:05 for the AE who asked for 16:00).
    for (const r of rows) expect(r.time, `${r.ownerId} ${r.day}`).toBe(r.ownerId === EARLY ? '16:05' : '17:35');
    // Working days only: never a weekend, never the holiday.
    expect(rows.filter((r) => r.weekday === 'Sat' || r.weekday === 'Sun')).toEqual([]);
    expect(rows.filter((r) => r.day === HOLIDAY)).toEqual([]);
    // At most one digest per AE per day.
    const perDay = new Set(rows.map((r) => `${r.ownerId}|${r.day}`));
    expect(perDay.size).toBe(rows.length);
    // The manager's weekly report: once a week, Monday morning, four in all.
    expect(reports.map((r) => r.day)).toEqual(['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14']);
    expect(reports.every((r) => r.time === '09:05')).toBe(true);
    // Every AE with open items got digests; the outbox holds nothing unsent.
    expect(new Set(rows.map((r) => r.ownerId)).size).toBe(3);
    expect(state.db.prepare("SELECT COUNT(*) FROM notify_outbox WHERE status <> 'sent'").pluck().get()).toBe(0);
    const names = new Map([...owners].map(([e, id]) => [id, e]));
    const table = ['week | AE | digests | days | items/digest | max level | tiers'];
    for (let w = 1; w <= 4; w++) {
      for (const id of [...new Set(rows.map((r) => r.ownerId))].sort()) {
        const rs = rows.filter((r) => r.week === w && r.ownerId === id);
        table.push(
          `${w} | ${names.get(id) ?? id} | ${rs.length} | ${rs.map((r) => r.weekday).join(' ')} | ${rs.map((r) => r.items).join(',')} | L${Math.max(0, ...rs.map((r) => r.level))} | ${[...new Set(rs.map((r) => r.tier))].join(',')}`,
        );
      }
    }
    table.push(`manager reports: ${reports.map((r) => `${r.day} ${r.time}`).join(', ')}`);
    console.log(table.join('\n'));
    // The ladder: an AE who ignores digests reaches L3+ within the four weeks; the acting AE's items close and restart.
    const maxLevel = (id: string) => Math.max(...rows.filter((r) => r.ownerId === id).map((r) => r.level));
    const ignoring = [...new Set(rows.map((r) => r.ownerId))].filter((id) => id !== ACTS);
    for (const id of ignoring) expect(maxLevel(id), id).toBeGreaterThanOrEqual(3);

    state.close();
  }, 300_000);
});

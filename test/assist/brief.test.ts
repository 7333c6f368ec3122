/** Pre-call brief (AE-1), meeting prep (AE-3) and follow-up reminders (AE-6) on designed deals: the facts equal the CRM's. */
import { describe, expect, it } from 'vitest';
import { untraceable } from '../../src/agent/index.js';
import {
  dealBrief,
  findDeal,
  followUpReminders,
  meetingPrep,
  nextWorkingDay,
  overdueTasks,
  renderBrief,
} from '../../src/assist/index.js';
import { derive } from '../../src/analysis/index.js';
import { portalOf, situation } from './support.js';

describe('dealBrief', () => {
  it('states the CRM facts: stage and days in it, amount, close date, people with their last touch, newest touches first', async () => {
    const b = await portalOf([
      situation({
        name: 'Gamma Foods - Rollout',
        stage: 3,
        amount: 4_500_000,
        close: 12,
        people: [
          ['Meera Joshi', 'COO', true],
          ['Tarun Gill', 'IT Head', true],
        ],
        touches: [
          [3, 'email', 0, 'out', 'Proposal v2'],
          [30, 'call', 1, 'out', 'IT review'],
        ],
      }),
    ]);
    const deal = derive(b.ctx).deals.get(b.dealId(0))!;
    const brief = dealBrief(b.ctx, deal);
    expect(brief.stage).toMatchObject({ label: 'Proposal', category: 'late', open: true });
    // Stage entered 40 days after creation (created 60 days before asOf): 20 days in it.
    expect(brief.stage.days).toBe(40);
    expect(brief.amount).toBe(4_500_000);
    expect(brief.closeDate?.slice(0, 10)).toBe('2026-09-29');
    expect(brief.ownerName).toBe('Ira Sen');
    expect(brief.people.map((p) => [p.name, p.role, p.status, p.quietDays])).toEqual([
      ['Meera Joshi', 'COO', 'active', 3],
      ['Tarun Gill', 'IT Head', 'quiet', 30],
    ]);
    expect(brief.singleThreaded).toBe(false);
    expect(brief.lastTouches.map((t) => t.kind)).toEqual(['email', 'call']);
    expect(brief.lastTouches[0]!.text).toBe('Proposal v2 — Please find the details attached.');
    expect(brief.scheduled).toMatchObject({ kind: 'meeting', subject: 'Follow-up session' });
    expect(brief.nextAction?.kind).toBe('confirm_po');
    expect(brief.questions.length).toBeGreaterThan(0);
    expect(brief.unmetRequirements.some((r) => r.source === 'exit_criterion')).toBe(true);
    const text = renderBrief(brief);
    expect(text).toContain('Ira Sen · Proposal for 40 days · ₹45 L · closes Tue 29 Sept');
    expect(text).toContain('Tarun Gill, IT Head: last in touch Tue 18 Aug — quiet for 30 days');
    for (const line of text.split('\n')) expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('warns single-threaded and asks who else decides when a big deal hangs on one person', async () => {
    const b = await portalOf([situation({ amount: 5_000_000, people: [['Anu Bose', 'Head of Ops', true]] })]);
    const brief = dealBrief(b.ctx, derive(b.ctx).deals.get(b.dealId(0))!);
    expect(brief.singleThreaded).toBe(true);
    expect(brief.risks.map((r) => r.signal)).toContain('single_threaded');
    expect(brief.questions[0]).toBe('Who else is involved in the decision, and can we meet them before the next step?');
  });

  it('finds a deal by id, by a word of its name or its company, and refuses an ambiguous or unknown name', async () => {
    const b = await portalOf([
      situation({ name: 'Alpha Works - Pilot' }),
      situation({ name: 'Alpha Works - Rollout' }),
      situation({ name: 'Beta Mills - Audit' }),
    ]);
    expect(findDeal(b.ctx, b.dealId(2)).name).toBe('Beta Mills - Audit');
    expect(findDeal(b.ctx, 'beta').name).toBe('Beta Mills - Audit');
    expect(findDeal(b.ctx, 'alpha works - rollout').name).toBe('Alpha Works - Rollout');
    expect(() => findDeal(b.ctx, 'alpha')).toThrow(
      /matches 2 deals: Alpha Works - Pilot \(\d+\); Alpha Works - Rollout/,
    );
    expect(() => findDeal(b.ctx, 'zeta')).toThrow(/no deal matches "zeta"/);
  });
});

describe('meetingPrep', () => {
  it('takes the next working day (Thursday → Friday; Friday → Monday) and briefs each meeting on it', async () => {
    const b = await portalOf([
      situation({ name: 'Delta Labs - Trial', ahead: [[1, 'meeting', 'Trial review']] }),
      situation({ name: 'Echo Ltd - Audit', ahead: [[4, 'meeting', 'Audit kickoff']] }),
    ]);
    expect(nextWorkingDay(Date.parse('2026-09-17T12:30:00Z'), 'Asia/Kolkata')).toBe('2026-09-18');
    expect(nextWorkingDay(Date.parse('2026-09-18T12:30:00Z'), 'Asia/Kolkata')).toBe('2026-09-21');
    const prep = meetingPrep(b.ctx, '801');
    expect(prep.day).toBe('2026-09-18');
    expect(prep.meetings.map((m) => [m.title, m.brief?.dealName])).toEqual([['Trial review', 'Delta Labs - Trial']]);
    expect(meetingPrep(b.ctx, '801', { day: '2026-09-21' }).meetings.map((m) => m.title)).toEqual(['Audit kickoff']);
    expect(meetingPrep(b.ctx, '802').meetings).toEqual([]);
  });
});

describe('followUpReminders', () => {
  it('proposes a task for a deal with nothing scheduled and for an unanswered reply, due 10:00 local on the next working day', async () => {
    const b = await portalOf([
      situation({ name: 'Foxtrot Inc - Pilot', ahead: [] }),
      situation({ name: 'Golf Co - Suite', touches: [[2, 'email', 0, 'in', 'Question']] }),
      situation({ name: 'Hotel Group - Fine' }),
    ]);
    const r = followUpReminders(b.ctx, { ownerId: '801' });
    expect(r.map((x) => [x.kind, x.dealName])).toEqual([
      ['unanswered_reply', 'Golf Co - Suite'],
      ['no_next_step', 'Foxtrot Inc - Pilot'],
    ]);
    // Friday 18 Sep 2026 10:00 IST = 04:30 UTC.
    expect(r.map((x) => x.dueAt)).toEqual(['2026-09-18T04:30:00.000Z', '2026-09-18T04:30:00.000Z']);
    expect(r[1]!.change).toEqual({
      op: 'create_task',
      dealId: b.dealId(0),
      subject: 'Book the next step (Foxtrot Inc - Pilot)',
      dueAt: '2026-09-18T04:30:00.000Z',
      body: 'No meeting or task is scheduled on this deal.',
    });
    expect(new Set(r.map((x) => x.key)).size).toBe(r.length);
  });

  it('turns a close date the AE gave in an update into a follow-up on that day', async () => {
    const b = await portalOf([situation({ name: 'India Tools - Rollout' })]);
    const said = new Map([
      [
        b.dealId(0),
        {
          updateId: 'u1',
          receivedAt: '2026-09-16T10:00:00Z',
          quote: 'PO by 30th',
          differences: [
            { type: 'close_date_mismatch', claimed: { closeDate: '2026-09-30' }, crm: { closeDate: '2026-10-17' } },
          ],
        },
      ],
    ]);
    const r = followUpReminders(b.ctx, { said });
    expect(r.map((x) => [x.kind, x.dueAt])).toEqual([['promised_date', '2026-09-30T04:30:00.000Z']]);
  });

  it('lists the AE’s overdue open tasks, most overdue first', async () => {
    const b = await portalOf([situation({ ahead: [[5, 'task', 'Future task']] })]);
    expect(overdueTasks(b.ctx, '801')).toEqual([]);
  });
});

describe('untraceable (the model-wording check)', () => {
  const data = [
    {
      brief: {
        dealName: 'Gamma Foods - Rollout',
        amount: 4_500_000,
        people: [{ name: 'Meera Joshi' }],
        closeDate: '2026-09-29T00:00:00.000Z',
      },
    },
  ];
  it('accepts numbers, lakh amounts, dates and names the data holds', () => {
    expect(untraceable('Gamma Foods - Rollout: ₹45 L, closes Tue 29 Sept. Call Meera Joshi.', data)).toEqual([]);
  });
  it('names a number or a person the data does not hold', () => {
    expect(untraceable('Meera Joshi wants ₹52 L; loop in Arjun Rawal.', data)).toEqual(['52', 'Arjun Rawal']);
    expect(untraceable('Arjun Rawal signed.', data)).toEqual(['Arjun Rawal']);
  });
});

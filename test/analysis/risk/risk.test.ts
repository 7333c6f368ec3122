import { describe, expect, it } from 'vitest';
import { dealRisk, dealRiskSchema, stageNorms, type DealRisk } from '../../../src/analysis/risk/index.js';
import { derive } from '../../../src/analysis/index.js';
import { contextOf, daysAgo, portal } from '../checks/portal.js';

const signal = (r: DealRisk | undefined, name: string) => r?.signals.find((s) => s.signal === name);

describe('going cold vs the stage norm', () => {
  // Five deals stayed 10 days in Demo Done (80 → 70 days ago) before moving to POC, logging a note every g days
  // (g = 2, 3, 4, 5, 6), so their longest quiet spells are 2, 3, 4, 5, 6 days: the Demo Done norm is the median, 4.
  const build = () => {
    const b = portal();
    [2, 3, 4, 5, 6].forEach((g, k) => {
      const id = String(4101 + k);
      b.deal({
        id,
        stage: 'presentationscheduled',
        createdAt: daysAgo(100),
        history: [
          ['appointmentscheduled', daysAgo(100)],
          ['qualifiedtobuy', daysAgo(80)],
          ['presentationscheduled', daysAgo(70)],
        ],
      });
      for (let t = g, n = 0; t < 10; t += g, n++) b.note(`${id}${n}`, id, daysAgo(80 - t));
    });
    // Open deals in Demo Done since 30 days ago, last note 6, 7, 15 and 4 days ago (+ 2 hours, so whole days are exact).
    [6, 7, 15, 4].forEach((quiet, k) => {
      const id = String(4201 + k);
      b.deal({
        id,
        stage: 'qualifiedtobuy',
        createdAt: daysAgo(40),
        history: [
          ['appointmentscheduled', daysAgo(40)],
          ['qualifiedtobuy', daysAgo(30)],
        ],
      });
      b.note(`9${id}`, id, daysAgo(quiet + 2 / 24));
    });
    return b.build();
  };

  it('computes the median longest gap of stays that advanced', async () => {
    const ctx = await contextOf(build());
    expect(stageNorms(derive(ctx)).get('default:qualifiedtobuy')).toEqual({ medianGapDays: 4, samples: 5 });
  });

  it('weighs silence against the norm and the stale threshold', async () => {
    const risks = dealRisk(await contextOf(build()));
    for (const r of risks) dealRiskSchema.parse(r);
    const by = new Map(risks.map((r) => [r.dealId, r]));
    // 6 > 4 but not > 1.5 × 4 = 6 → 10; 7 > 6 → 20; 15 > 14 (stale threshold) → 30; 4 is the norm → nothing.
    expect(signal(by.get('4201'), 'going_cold')?.weight).toBe(10);
    expect(signal(by.get('4202'), 'going_cold')?.weight).toBe(20);
    expect(signal(by.get('4203'), 'going_cold')?.weight).toBe(30);
    expect(signal(by.get('4204'), 'going_cold')).toBeUndefined();
    expect(signal(by.get('4201'), 'going_cold')!.evidence).toMatchObject({
      daysSinceActivity: 6,
      stageNormDays: 4,
      normSamples: 5,
      staleThresholdDays: 14,
      limitDays: 4,
    });
  });

  it('falls back to the stale threshold when too few deals advanced', async () => {
    // A lone Negotiation deal: no norm, so 10 quiet days (≤ 14) are not cold.
    const ctx = await contextOf(
      portal().deal({ id: '4001', stage: 'contractsent' }).note('1', '4001', daysAgo(10.1)).build(),
    );
    expect(signal(dealRisk(ctx)[0], 'going_cold')).toBeUndefined();
  });
});

describe('deal risk signals', () => {
  const input = () =>
    portal()
      // Close date pushed twice (1 Oct → 1 Nov → 15 Dec: 31 + 44 = 75 days) → 15; three times → 20.
      .deal({
        id: '4301',
        closedate: '2026-12-15T00:00:00.000Z',
        closedateHistory: [
          ['2026-10-01T00:00:00.000Z', daysAgo(90)],
          ['2026-11-01T00:00:00.000Z', daysAgo(60)],
          ['2026-12-15T00:00:00.000Z', daysAgo(10)],
        ],
      })
      .deal({
        id: '4311',
        closedate: '2027-01-15T00:00:00.000Z',
        closedateHistory: [
          ['2026-10-01T00:00:00.000Z', daysAgo(90)],
          ['2026-11-01T00:00:00.000Z', daysAgo(60)],
          ['2026-12-15T00:00:00.000Z', daysAgo(30)],
          ['2027-01-15T00:00:00.000Z', daysAgo(5)],
        ],
      })
      // Pushed once, then pulled in: 1 push < 2 → no signal.
      .deal({
        id: '4321',
        closedateHistory: [
          ['2026-12-01T00:00:00.000Z', daysAgo(90)],
          ['2027-01-31T00:00:00.000Z', daysAgo(60)],
          ['2027-01-10T00:00:00.000Z', daysAgo(10)],
        ],
      })
      // Amount cut from ₹20 L to ₹12 L (−40% ≥ 25%) → 15; a cleared amount is not a decrease.
      .deal({
        id: '4302',
        amount: 1_200_000,
        amountHistory: [
          ['2000000', daysAgo(50)],
          ['1200000', daysAgo(10)],
        ],
      })
      .deal({
        id: '4322',
        amount: null,
        amountHistory: [
          ['2000000', daysAgo(50)],
          ['', daysAgo(10)],
        ],
      })
      // Moved back from Proposal Sent to POC → 15.
      .deal({
        id: '4303',
        stage: 'presentationscheduled',
        history: [
          ['appointmentscheduled', daysAgo(60)],
          ['qualifiedtobuy', daysAgo(50)],
          ['presentationscheduled', daysAgo(40)],
          ['proposal', daysAgo(30)],
          ['presentationscheduled', '2026-11-10T06:00:00.000Z'],
        ],
      })
      // One contact on ₹30 L (≥ ₹30 L) → 15; two contacts on ₹50 L, or one on ₹29.9 L → none.
      .deal({ id: '4304', amount: 3_000_000, contacts: ['3001'] })
      .deal({ id: '4324', amount: 5_000_000, contacts: ['3001', '3002'] })
      .deal({ id: '4334', amount: 2_990_000, contacts: ['3003'] })
      .contact({ id: '3001' })
      .contact({ id: '3002' })
      .contact({ id: '3003' })
      // Competitors: in a note (any case) and in a SmartLead reply; "Locusts" is not "Locus".
      .deal({ id: '4307', contacts: ['3007'] })
      .contact({ id: '3007', email: 'ops@acme.example' })
      .note('71', '4307', daysAgo(3), 'They are also evaluating FAREYE and want a comparison.')
      .lead({
        leadId: 7,
        email: 'ops@acme.example',
        messages: [{ type: 'REPLY', time: daysAgo(2), body: 'We already use Shipsy for one plant.' }],
      })
      .deal({ id: '4327' })
      .note('72', '4327', daysAgo(3), 'Locusts damaged the crop, volumes down.')
      // The customer's own name is not a competitor mention.
      .company({ id: '2001', name: 'Locus Agro Pvt Ltd', domain: 'locusagro.example' })
      .deal({ id: '4337', name: 'Locus Agro - TMS', companies: ['2001'] })
      .note('76', '4337', daysAgo(3), 'Call with Locus Agro Pvt Ltd ops head, going well.')
      // Next activity: nothing (15), a future task, a next step, a next activity date, or only an overdue open task (15).
      .deal({ id: '4308' })
      .deal({ id: '4318' })
      .engagement('tasks', { id: '73', deal: '4318', at: daysAgo(-3), status: 'NOT_STARTED' })
      .deal({ id: '4328', props: { hs_next_step: 'Send revised quote' } })
      .deal({ id: '4338', props: { notes_next_activity_date: daysAgo(-7) } })
      .deal({ id: '4348' })
      .engagement('tasks', { id: '74', deal: '4348', at: daysAgo(2), status: 'NOT_STARTED' })
      // SmartLead silence: replied 12 days ago, nothing since (12 > 10) → 10; replied then a call 5 days ago → none.
      .deal({ id: '4313', contacts: ['3013'] })
      .contact({ id: '3013', email: 'cfo@beta.example' })
      .lead({
        leadId: 13,
        email: 'cfo@beta.example',
        messages: [
          { type: 'SENT', time: daysAgo(14) },
          { type: 'REPLY', time: daysAgo(12) },
        ],
      })
      .deal({ id: '4314', contacts: ['3014'] })
      .contact({ id: '3014', email: 'coo@beta.example' })
      .lead({ leadId: 14, email: 'coo@beta.example', messages: [{ type: 'REPLY', time: daysAgo(12) }] })
      .engagement('calls', { id: '75', deal: '4314', at: daysAgo(5) })
      // Closed deals are not scored.
      .deal({ id: '4399', stage: 'closedlost' })
      .build();

  it('shows each factor with its weight and evidence', async () => {
    const risks = dealRisk(await contextOf(input()));
    for (const r of risks) dealRiskSchema.parse(r);
    const by = new Map(risks.map((r) => [r.dealId, r]));
    expect(by.has('4399')).toBe(false);

    expect(signal(by.get('4301'), 'close_date_pushed')).toMatchObject({
      weight: 15,
      evidence: { pushes: 2, daysSlipped: 75 },
    });
    expect(signal(by.get('4311'), 'close_date_pushed')?.weight).toBe(20);
    expect(signal(by.get('4321'), 'close_date_pushed')).toBeUndefined();

    expect(signal(by.get('4302'), 'amount_decreased')).toMatchObject({
      weight: 15,
      evidence: { peak: 2_000_000, current: 1_200_000, dropShare: 0.4 },
    });
    expect(signal(by.get('4302'), 'amount_decreased')!.explanation).toBe('Amount cut from ₹20 L to ₹12 L (−40%)');
    expect(signal(by.get('4322'), 'amount_decreased')).toBeUndefined();

    expect(signal(by.get('4303'), 'stage_regression')).toMatchObject({
      weight: 15,
      evidence: { regressions: [{ from: 'proposal', to: 'presentationscheduled', at: '2026-11-10T06:00:00.000Z' }] },
    });

    expect(signal(by.get('4304'), 'single_threaded')).toMatchObject({
      weight: 15,
      evidence: { contactIds: ['3001'], amount: 3_000_000 },
    });
    expect(signal(by.get('4324'), 'single_threaded')).toBeUndefined();
    expect(signal(by.get('4334'), 'single_threaded')).toBeUndefined();

    const comp = signal(by.get('4307'), 'competitor_mentioned')!;
    expect(comp.weight).toBe(15);
    expect(comp.evidence['competitors']).toEqual(['FarEye', 'Shipsy']);
    expect(comp.evidence['mentions']).toEqual([
      {
        competitor: 'Shipsy',
        source: 'smartlead_reply',
        id: `77:7:${daysAgo(2)}`,
        at: daysAgo(2),
        snippet: 'We already use Shipsy for one plant.',
      },
      {
        competitor: 'FarEye',
        source: 'note',
        id: '71',
        at: daysAgo(3),
        snippet: 'They are also evaluating FAREYE and want a comparison.',
      },
    ]);
    expect(signal(by.get('4327'), 'competitor_mentioned')).toBeUndefined();
    expect(signal(by.get('4337'), 'competitor_mentioned')).toBeUndefined();

    expect(signal(by.get('4308'), 'no_next_activity')?.weight).toBe(15);
    for (const id of ['4318', '4328', '4338']) expect(signal(by.get(id), 'no_next_activity'), id).toBeUndefined();
    expect(signal(by.get('4348'), 'no_next_activity')?.evidence['overdueOpenTasks']).toBe(1);

    expect(signal(by.get('4313'), 'smartlead_silence')).toMatchObject({
      weight: 10,
      evidence: { daysSinceReply: 12, thresholdDays: 10, email: 'cfo@beta.example' },
    });
    expect(signal(by.get('4314'), 'smartlead_silence')).toBeUndefined();
  });

  it('scores the sum of the shown weights, capped at 100, and states the size gate', async () => {
    const risks = dealRisk(await contextOf(input()));
    for (const r of risks) {
      const sum = r.signals.reduce((s, x) => s + x.weight, 0);
      if (r.amount === null) {
        expect(r.score).toBeNull();
        expect(r.gating.scored).toBe(false);
      } else expect(r.score).toBe(Math.min(100, sum));
      expect(r.amountAtRisk).toBe(Math.round((r.amount ?? 0) * r.probability));
    }
    // 4302: ₹12 L in Discovery (0.1) → ₹1.2 L at risk; created 60 days ago with nothing logged: going cold 30 (> 14),
    // amount cut 15, nothing scheduled 15 → 60.
    const d = risks.find((r) => r.dealId === '4302')!;
    expect(d.signals.map((s) => [s.signal, s.weight])).toEqual([
      ['going_cold', 30],
      ['no_next_activity', 15],
      ['amount_decreased', 15],
    ]);
    expect(d.score).toBe(60);
    expect(d.amountAtRisk).toBe(120_000);
    expect(risks.find((r) => r.dealId === '4322')!.gating.rule).toContain('not scored');
  });

  it('sorts by money at risk and filters by deal and owner', async () => {
    const ctx = await contextOf(input());
    const risks = dealRisk(ctx);
    const withSignals = risks.filter((r) => r.signals.length > 0);
    for (let i = 1; i < withSignals.length; i++)
      expect(withSignals[i - 1]!.amountAtRisk).toBeGreaterThanOrEqual(withSignals[i]!.amountAtRisk);
    expect(risks[0]!.dealId).toBe('4324'); // ₹50 L × 0.1 = ₹5 L, the largest
    expect(dealRisk(ctx, { dealId: '4307' }).map((r) => r.dealId)).toEqual(['4307']);
    expect(dealRisk(ctx, { ownerId: '102' })).toEqual([]);
    expect(dealRisk(ctx, { ownerId: '101' })).toHaveLength(risks.length);
  });
});

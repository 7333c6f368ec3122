/**
 * The RevOps advisor on hand-built portals (test/analysis/checks/portal.ts rules): every figure below is worked out
 * by hand from the records the test adds.
 */
import { describe, expect, it } from 'vitest';
import { advise, asksForAdvice, classifyQuestion, renderAdvice } from '../../src/advise/index.js';
import { untraceable } from '../../src/agent/index.js';
import { contextOf, daysAgo, portal } from '../analysis/checks/portal.js';

/**
 * Discovery stays: deals 1–3 spent 10, 20 and 30 days there before Demo Done, so the median is 20 and the maximum
 * (2×) is 40 days. Deal 4 has been in Discovery 50 days (over), deal 5 for 30 days (under). Deal 6 sits in Proposal
 * Sent (probability 0.6) with no amount: a required field at that stage. Deal 7's close date passed 5 days ago.
 */
async function pipelinePortal() {
  const b = portal();
  for (const [id, days] of [
    ['1', 10],
    ['2', 20],
    ['3', 30],
  ] as const)
    b.deal({
      id,
      name: `Stay ${id}`,
      stage: 'qualifiedtobuy',
      amount: 100_000,
      createdAt: daysAgo(100),
      history: [
        ['appointmentscheduled', daysAgo(100)],
        ['qualifiedtobuy', daysAgo(100 - days)],
      ],
    });
  b.deal({
    id: '4',
    name: 'Borivali Cold Chain - TMS',
    stage: 'appointmentscheduled',
    amount: 1_000_000,
    createdAt: daysAgo(50),
    owner: '102',
  });
  b.deal({
    id: '5',
    name: 'Fresh Discovery Deal',
    stage: 'appointmentscheduled',
    amount: 500_000,
    createdAt: daysAgo(30),
  });
  b.deal({
    id: '6',
    name: 'No Amount Deal',
    stage: 'proposal',
    amount: null,
    createdAt: daysAgo(5),
    closedate: daysAgo(-30),
  });
  b.deal({
    id: '7',
    name: 'Past Close Deal',
    stage: 'contractsent',
    amount: 2_500_000,
    createdAt: daysAgo(20),
    closedate: daysAgo(5),
  });
  for (const id of ['4', '5', '6', '7']) b.note(`n${id}`, id, daysAgo(1));
  return contextOf(b.build());
}

describe('advise pipeline', () => {
  it('derives the maximum stay from the stage median and lists the deals over it by name', async () => {
    const ctx = await pipelinePortal();
    const r = advise(ctx, 'pipeline');
    if (r.topic !== 'pipeline') throw new Error('wrong topic');
    const discovery = r.stages.find((s) => s.stage === 'Discovery')!;
    expect(discovery.medianDays).toBe(20);
    expect(discovery.maxDays).toBe(40);
    expect(discovery.open).toBe(2);
    expect(discovery.overMax).toBe(1);
    expect(r.overMax.map((x) => x.deal.name)).toEqual(['Borivali Cold Chain - TMS']);
    expect(r.overMax[0]).toMatchObject({ days: 50, maxDays: 40, amount: 1_000_000, owner: 'Vikram Shah' });
  });

  it('lists required fields per stage and who misses them, and orders the cleanup by money', async () => {
    const ctx = await pipelinePortal();
    const r = advise(ctx, 'pipeline');
    if (r.topic !== 'pipeline') throw new Error('wrong topic');
    expect(r.stages.find((s) => s.stage === 'Proposal Sent')!.requiredFields).toEqual([
      'owner',
      'amount',
      'close date',
    ]);
    expect(r.stages.find((s) => s.stage === 'Discovery')!.requiredFields).toEqual(['owner']);
    expect(r.missingFields).toEqual([
      {
        owner: 'Asha Rao',
        deals: [
          {
            deal: { type: 'deal', id: '6', name: 'No Amount Deal' },
            stage: 'Proposal Sent',
            missing: ['amount'],
            amount: 0,
          },
        ],
      },
    ]);
    // Past Close Deal (₹25 L, close out) before Borivali (₹10 L, chase): most money first.
    expect(r.cleanup.slice(0, 2).map((c) => [c.deal.name, c.action, c.amount])).toEqual([
      ['Past Close Deal', 'close_out', 2_500_000],
      ['Borivali Cold Chain - TMS', 'chase', 1_000_000],
    ]);
    const amounts = r.cleanup.map((c) => c.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(r.plan[0]!.amount).toBeGreaterThanOrEqual(r.plan[1]!.amount ?? 0);
  });

  it('renders names, ₹ lakh and no raw codes, within 80 columns, every number traceable to the report', async () => {
    const ctx = await pipelinePortal();
    const r = advise(ctx, 'pipeline');
    const text = renderAdvice(r, { width: 80 });
    expect(text).toContain('Borivali Cold Chain - TMS');
    expect(text).toContain('₹25 L');
    expect(text).not.toMatch(/appointmentscheduled|qualifiedtobuy|closedate|hubspot_owner_id|undefined|NaN/);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    const unknownNumbers = untraceable(text.replace(/[ \t]{2,}|─+/g, '\n'), [r]).filter((x) => /^\d/.test(x));
    expect(unknownNumbers).toEqual([]);
    expect(text).toMatch(/What the data can't tell/);
  });
});

describe('advise hygiene', () => {
  it('finds company name variants, duplicates and free-text lost reasons, and orders the cleanup by impact', async () => {
    const b = portal()
      .company({ id: 'c1', name: 'Rann Cables Pvt Ltd', domain: 'rann.example' })
      .company({ id: 'c2', name: 'Rann Cables', domain: 'rann.example' })
      .company({ id: 'c3', name: 'Other Firm', domain: 'other.example' });
    b.deal({ id: '1', stage: 'closedlost', amount: 100_000, props: { closed_lost_reason: 'Price too high' } });
    b.deal({ id: '2', stage: 'closedlost', amount: 100_000, props: { closed_lost_reason: 'No budget this FY' } });
    b.deal({ id: '3', stage: 'closedlost', amount: 100_000, props: { closed_lost_reason: 'Went with a competitor' } });
    const ctx = await contextOf(b.build());
    const r = advise(ctx, 'hygiene');
    if (r.topic !== 'hygiene') throw new Error('wrong topic');
    expect(r.nameVariants).toEqual([{ names: ['Rann Cables', 'Rann Cables Pvt Ltd'], companies: 2 }]);
    expect(r.duplicates.map((d) => [d.kind, d.record.name, d.duplicateOf.name])).toEqual([
      ['company', 'Rann Cables', 'Rann Cables Pvt Ltd'],
    ]);
    const lost = r.freeText.find((x) => x.property === 'lost reason')!;
    // Price and budget fall into one group, the competitor into another: 3 reasons, 2 groups.
    expect(lost).toMatchObject({ records: 3, distinct: 3, groups: 2 });
    expect(r.plan.at(-1)!.action).toMatch(/^Keep it clean/);
    expect(r.cannotTell.join(' ')).toMatch(/reconstructed/);
  });
});

describe('advise lifecycle, scoring, metrics', () => {
  it('lifecycle: MQLs never touched are listed by name with the SLA figures', async () => {
    const b = portal().contact({ id: '11', first: 'Meera', last: 'Joshi', owner: '101', createdAt: daysAgo(10) });
    const input = b.build();
    const c = input.objects.contacts![0]!;
    c.properties['lifecyclestage'] = 'marketingqualifiedlead';
    input.propertyHistory = {
      ...input.propertyHistory,
      contacts: {
        '11': {
          lifecyclestage: [
            { value: 'lead', timestamp: daysAgo(10) },
            { value: 'marketingqualifiedlead', timestamp: daysAgo(3) },
          ],
        },
      },
    };
    const ctx = await contextOf(input);
    const r = advise(ctx, 'lifecycle');
    if (r.topic !== 'lifecycle') throw new Error('wrong topic');
    expect(r.sla).toMatchObject({ mqls: 1, neverTouched: 1, touchHours: 4, qualifyHours: 48, undecided: 1 });
    expect(r.neverWorked.map((x) => [x.contact.name, x.owner, x.days])).toEqual([['Meera Joshi', 'Asha Rao', 3]]);
    expect(r.stages.find((s) => s.stage === 'Lead')!.medianDays).toBe(7);
    expect(r.workflows.map((w) => w.name)).toContain('SLA escalation');
  });

  it('scoring: no threshold when no band separates leads; routing names each AE', async () => {
    const ctx = await pipelinePortal();
    const r = advise(ctx, 'scoring');
    if (r.topic !== 'scoring') throw new Error('wrong topic');
    expect(r.thresholds.mql).toBeNull();
    expect(r.firmographicsConfigured).toBe(false);
    expect(r.routing.map((x) => x.owner).sort()).toEqual(['Asha Rao', 'Vikram Shah']);
    expect(r.plan[0]!.action).toMatch(/ideal customer profile/);
  });

  it('metrics: every audience, and quota attainment flagged as unsupported on default quotas', async () => {
    const ctx = await pipelinePortal();
    const r = advise(ctx, 'metrics');
    if (r.topic !== 'metrics') throw new Error('wrong topic');
    expect(new Set(r.metrics.map((m) => m.audience))).toEqual(new Set(['marketing', 'sales', 'leadership']));
    const att = r.metrics.find((m) => m.name.startsWith('Quota attainment'))!;
    expect(att.supported).toBe(false);
    expect(att.toRecord).toMatch(/quota/);
    const winRate = r.metrics.find((m) => m.name === 'Win rate')!;
    expect(winRate.value).toBeNull();
  });
});

describe('routing questions to topics', () => {
  it.each([
    ['our crm is a disaster', 'hygiene'],
    ["leads aren't getting to sales", 'lifecycle'],
    ['set up lead scoring so sales knows whom to call first', 'scoring'],
    ['deals sit in stages forever, what do we do', 'pipeline'],
    ['which RevOps metrics should we track for the leadership dashboard', 'metrics'],
    ['write cold emails to our prospects', 'out_of_scope'],
  ])('%s → %s', (q, topic) => {
    expect(classifyQuestion(q)).toBe(topic);
    expect(asksForAdvice(q)).toBe(topic);
  });

  it('leaves report questions to the reports', () => {
    expect(asksForAdvice('which contacts are duplicates?')).toBeNull();
    expect(asksForAdvice('what is our win rate this quarter?')).toBeNull();
  });
});

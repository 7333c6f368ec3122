import { describe, expect, it } from 'vitest';
import {
  buildLexicon,
  extractOffline,
  matchMentions,
  MATCH_THRESHOLD,
  reconcileUpdate,
} from '../../src/reconcile/index.js';
import { AS_OF, contextOf, daysAgo, portal } from '../analysis/checks/portal.js';

// Owner 101 has deals at two similar companies (Forace Group, Forace Logistics) and at Navkar Express.
async function similarCompanies() {
  const input = portal()
    .company({ id: '2001', name: 'Forace Group Pvt Ltd' })
    .company({ id: '2002', name: 'Forace Logistics LLP' })
    .company({ id: '2003', name: 'Navkar Express' })
    .company({ id: '2004', name: 'Zylo Foods' })
    .deal({
      id: '4001',
      name: 'Forace Group - TMS',
      stage: 'qualifiedtobuy',
      amount: 1_520_000,
      companies: ['2001'],
      closedate: '2026-12-15T00:00:00.000Z',
    })
    .deal({
      id: '4002',
      name: 'Forace Logistics - WMS',
      stage: 'appointmentscheduled',
      amount: 800_000,
      companies: ['2002'],
      closedate: '2027-01-10T00:00:00.000Z',
    })
    .deal({
      id: '4003',
      name: 'Navkar Express - TMS',
      stage: 'qualifiedtobuy',
      amount: 420_000,
      companies: ['2003'],
      closedate: '2027-02-10T00:00:00.000Z',
    })
    .note('9001', '4001', daysAgo(2))
    .note('9002', '4002', daysAgo(2))
    .note('9003', '4003', daysAgo(2))
    .build();
  return contextOf(input);
}

async function match(text: string) {
  const ctx = await similarCompanies();
  const lexicon = buildLexicon();
  const { mentions } = extractOffline(text, { asOf: AS_OF, timezone: 'Asia/Kolkata', lexicon });
  return { mentions, ...matchMentions(ctx, '101', mentions, lexicon.products) };
}

describe('matching mentions to deals', () => {
  it('tells two similar companies apart by the words written (abbreviations and typos forgiven)', async () => {
    const { matches } = await match('Forace grp: demo done\nForace Logstics - discovery\nNavkar Exp: demo done');
    expect(matches.map((m) => m.dealId)).toEqual(['4001', '4002', '4003']);
    for (const m of matches) expect(m.confidence).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('does not guess between two similar companies: below the threshold the deal is null', async () => {
    const { matches } = await match('Forace: demo done, 15.2L');
    expect(matches[0]!.dealId).toBeNull();
    expect(matches[0]!.confidence).toBeLessThan(MATCH_THRESHOLD);
    expect(matches[0]!.note).toMatch(/ambiguous: could be Forace/);
  });

  it('reports a new name as missing_deal; a name two known companies share is only a candidate, never a new deal', async () => {
    const ctx = await similarCompanies();
    const { result } = await reconcileUpdate({
      ctx,
      ownerId: '101',
      text: 'Forace grp: demo done, 15.2L\nForace: POC on\nFarsight Retail: new opp, demo done, 12L',
    });
    const missing = result.discrepancies.filter((d) => d.type === 'missing_deal');
    expect(missing.map((d) => [d.dealId, d.mention])).toEqual([[null, 'Farsight Retail']]);
    expect(result.candidates?.every((c) => c.proposedUpdates.length === 0 && (c.confidence ?? 1) < 0.6)).toBe(true);
    expect(missing[0]!.proposedUpdates[0]).toMatchObject({
      op: 'create_deal',
      properties: {
        dealname: 'Farsight Retail',
        amount: '1200000',
        dealstage: 'qualifiedtobuy',
        hubspot_owner_id: '101',
      },
    });
  });

  it('never matches two differently named mentions to one deal silently', async () => {
    const { matches, warnings } = await match('Navkar Express: demo done\nNavkar: POC on');
    expect(matches[0]!.dealId).toBe('4003');
    expect(matches[1]!.dealId).toBeNull();
    expect(matches[1]!.note).toMatch(/also looks like deal 4003/);
    expect(warnings.join('\n')).toMatch(/"Navkar" was left unmatched/);
  });

  it('lets the same name twice point at one deal, and says so', async () => {
    const { matches, warnings } = await match('Navkar Express: demo done\nNavkar Express - 4.2L');
    expect(matches.map((m) => m.dealId)).toEqual(['4003', '4003']);
    expect(warnings.join('\n')).toMatch(/mentioned twice/);
  });

  it('finds a company named mid-sentence when the mention has no name up front', async () => {
    const { matches } = await match('Had a call with Navkar Express yday, demo done');
    expect(matches[0]!.dealId).toBe('4003');
  });

  it('matches a company with no open deal to the company, not to a guess', async () => {
    const { matches } = await match('Zylo Foods: new opp, demo done, 10L');
    expect(matches[0]).toMatchObject({ dealId: null, companyId: '2004', scope: 'company' });
  });
});

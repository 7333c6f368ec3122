import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { STAGE_MISMATCH_PHRASES, findPhrases, stageMismatch } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

const phraseIds = (text: string) => findPhrases(text, STAGE_MISMATCH_PHRASES).map((m) => m.phrase.id);

describe('stage mismatch phrases', () => {
  it('finds statements, requests and outcomes on word boundaries', () => {
    expect(phraseIds('Hi Ravi, attaching our proposal and commercials for 40 vehicles.')).toContain('proposal_sent');
    expect(phraseIds('Proposal sent to procurement on Monday')).toContain('proposal_sent_passive');
    expect(phraseIds('Walked Deepa through the proposal.')).toEqual(['proposal_discussed']);
    expect(phraseIds('They gave a verbal yes in the meeting')).toEqual(['verbal_yes']);
    expect(phraseIds('PO received this morning')).toContain('po_received');
    expect(phraseIds('They signed the contract yesterday')).toContain('contract_signed');
    expect(phraseIds('Lost to LogiNext on price')).toEqual(['lost_to']);
    expect(phraseIds('They have no budget this year')).toEqual(['no_budget']);
    expect(phraseIds('Can you send pricing for 50 trucks?')).toEqual(['pricing_request']);
    // Word boundaries: POC is not a PO, "proposals" is not "proposal", "pricingless" is nothing.
    expect(phraseIds('POC review went well')).toEqual([]);
    expect(phraseIds('Shared the reproposals deck')).toEqual([]);
  });

  it('ignores negations and things that have not happened yet', () => {
    expect(phraseIds('No proposal sent yet - they want a second demo first.')).toEqual([]);
    expect(phraseIds('Proposal not sent; waiting for scope.')).toEqual([]);
    expect(phraseIds('Contract not signed yet, legal reviewing.')).toEqual([]);
    expect(phraseIds('We will sign the contract once legal is done')).toEqual([]);
    expect(phraseIds('Once the contract is signed we start the rollout')).toEqual([]);
    expect(phraseIds('If there is no budget in Q1 we will revisit.')).toEqual([]);
    expect(phraseIds("They haven't shared a quote")).toEqual([]);
    expect(phraseIds('Proposal to be sent next week')).toEqual([]);
    expect(phraseIds("Please don't send pricing yet")).toEqual([]);
  });
});

// Stage categories: Discovery, Demo Done early; POC mid; Proposal Sent, Negotiation late. Renewal Open (0.5) is mid in a
// pipeline with no late stage.
describe('stage_mismatch', () => {
  const input = () =>
    portal()
      // Early deal; a logged email after the last stage change says the proposal went out → medium.
      .deal({ id: '4001', history: [['appointmentscheduled', daysAgo(20)]], createdAt: daysAgo(20) })
      .engagement('emails', {
        id: '81',
        deal: '4001',
        at: daysAgo(3),
        subject: 'Proposal - Acme',
        body: 'Hi Ravi, attaching our proposal and commercials for 40 vehicles. Happy to walk you through it.',
      })
      // Early deal; negated → nothing.
      .deal({ id: '4002' })
      .note('82', '4002', daysAgo(2), 'No proposal yet - they want a second demo first.')
      .engagement('meetings', {
        id: '83',
        deal: '4002',
        at: daysAgo(2),
        subject: 'Demo',
        body: 'Contract not signed, nothing commercial discussed.',
      })
      // Early deal; the proposal email came BEFORE the last stage change (moved back to Demo Done 5 days ago) → nothing.
      .deal({
        id: '4003',
        stage: 'qualifiedtobuy',
        history: [
          ['appointmentscheduled', daysAgo(30)],
          ['proposal', daysAgo(20)],
          ['qualifiedtobuy', daysAgo(5)],
        ],
      })
      .engagement('emails', { id: '84', deal: '4003', at: daysAgo(19), body: 'Proposal sent as discussed.' })
      // Mid deal; a call says it was lost to FarEye → high.
      .deal({ id: '4004', stage: 'presentationscheduled' })
      .engagement('calls', {
        id: '85',
        deal: '4004',
        at: daysAgo(1),
        subject: 'Call with Meena',
        body: 'Bad news: lost to FarEye on price. They have already started onboarding.',
      })
      // Late deal; a note says the PO came in → won → high.
      .deal({ id: '4005', stage: 'contractsent' })
      .note('86', '4005', daysAgo(1), 'PO received from Acme today, will close it out.')
      // Late deal; "proposal sent" does not contradict a late stage.
      .deal({ id: '4006', stage: 'proposal' })
      .note('87', '4006', daysAgo(1), 'Proposal sent last week.')
      // Early deal; its contact asks for pricing in a SmartLead reply → medium.
      .deal({ id: '4007', contacts: ['3007'] })
      .contact({ id: '3007', email: 'kiran@zen.example' })
      .lead({
        leadId: 7,
        email: 'kiran@zen.example',
        messages: [
          { type: 'SENT', time: daysAgo(6) },
          {
            type: 'REPLY',
            time: daysAgo(4),
            body: 'Thanks - can you send pricing for around 50 trucks? We want to move fast.',
          },
        ],
      })
      // Mid deal; the same request does not contradict POC.
      .deal({ id: '4008', stage: 'presentationscheduled', contacts: ['3008'] })
      .contact({ id: '3008', email: 'lata@zen.example' })
      .lead({
        leadId: 8,
        email: 'lata@zen.example',
        messages: [{ type: 'REPLY', time: daysAgo(4), body: 'Can you send pricing?' }],
      })
      // Early deal; the AE's own "will send the proposal" is a plan, not a request or a statement → nothing.
      .deal({ id: '4009' })
      .note('88', '4009', daysAgo(2), 'We will send the proposal once the demo is done.')
      // Early deal; an incoming email asks for a quote → medium.
      .deal({ id: '4010' })
      .engagement('emails', {
        id: '89',
        deal: '4010',
        at: daysAgo(2),
        direction: 'INCOMING_EMAIL',
        subject: 'Re: Demo',
        body: 'Please share a quote for 20 vehicles.',
      })
      // Renewal Open (mid, no later late stage); a quote going out is normal there.
      .deal({ id: '4011', pipeline: 'renewals', stage: 'renewal_open' })
      .engagement('emails', {
        id: '90',
        deal: '4011',
        at: daysAgo(2),
        body: 'Renewal quote sent with the usage summary.',
      })
      // Early deal, ₹40 L: a proposal discussed in a meeting → medium bumped to high by size.
      .deal({ id: '4012', amount: 4_000_000 })
      .engagement('meetings', {
        id: '91',
        deal: '4012',
        at: daysAgo(2),
        subject: 'Proposal discussion - Acme',
        body: 'Walked them through the proposal.',
      })
      // Early deal; "if there is no budget" is hypothetical → nothing.
      .deal({ id: '4013' })
      .note('92', '4013', daysAgo(2), 'If there is no budget in Q1 we will revisit.')
      .build();

  it('flags contradictions with evidence, and only those', async () => {
    const f = stageMismatch(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    const byId = new Map(f.map((x) => [x.objectId, x]));
    expect([...byId.keys()].sort()).toEqual(['4001', '4004', '4005', '4007', '4010', '4012']);

    const a = byId.get('4001')!;
    expect(a.severity).toBe('medium');
    expect(a.evidence).toMatchObject({
      crmStage: 'Discovery',
      crmCategory: 'early',
      impliedCategory: 'late',
      source: 'email',
      sourceId: '81',
      phrase: 'proposal_sent',
    });
    expect(a.evidence['snippet']).toBe('Hi Ravi, attaching our proposal and commercials for 40 vehicles.');
    expect(a.summary).toContain('CRM stage is Discovery (early) but a logged email on');

    expect(byId.get('4004')!.severity).toBe('high');
    expect(byId.get('4004')!.evidence).toMatchObject({
      impliedCategory: 'lost',
      source: 'call',
      sourceId: '85',
      phrase: 'lost_to',
    });
    expect(byId.get('4005')!.evidence).toMatchObject({ impliedCategory: 'won', crmCategory: 'late', sourceId: '86' });
    expect(byId.get('4005')!.severity).toBe('high');

    const sl = byId.get('4007')!;
    expect(sl.severity).toBe('medium');
    expect(sl.evidence).toMatchObject({
      source: 'smartlead_reply',
      phrase: 'pricing_request',
      sourceId: `77:7:${daysAgo(4)}`,
    });
    expect((sl.evidence['signals'] as Array<Record<string, unknown>>)[0]).toMatchObject({
      campaignId: 77,
      leadId: 7,
      email: 'kiran@zen.example',
    });

    expect(byId.get('4010')!.evidence).toMatchObject({ source: 'email', sourceId: '89', phrase: 'pricing_request' });
    expect(byId.get('4012')!.severity).toBe('high');
  });

  it("does not read the customer's own name as a phrase", async () => {
    // "Redline Cement" and "Proposal Logistics" are customers, not contract redlines or proposals; "redlines on the
    // contract" in the body still counts.
    const input = portal()
      .company({ id: '2001', name: 'Redline Cement Ltd', domain: 'redline.example' })
      .deal({ id: '4001', name: 'Redline Cement Ltd - WMS', companies: ['2001'] })
      .engagement('meetings', {
        id: '81',
        deal: '4001',
        at: daysAgo(2),
        subject: 'Technical deep-dive with Redline Cement Ltd IT',
        body: 'Walked through the APIs.',
      })
      .company({ id: '2002', name: 'Proposal Logistics', domain: 'proposal.example' })
      .deal({ id: '4002', name: 'Proposal Logistics - TMS', companies: ['2002'] })
      .engagement('emails', {
        id: '82',
        deal: '4002',
        at: daysAgo(2),
        subject: 'Proposal Logistics sent over their lane list',
        body: 'Thanks for the lane list.',
      })
      .deal({ id: '4003', name: 'Redline Cement Ltd - TMS', companies: ['2001'] })
      .engagement('emails', {
        id: '83',
        deal: '4003',
        at: daysAgo(2),
        subject: 'Redline Cement Ltd',
        body: 'Our legal team sent redlines on the contract.',
      })
      .build();
    const f = stageMismatch(await contextOf(input));
    expect(f.map((x) => x.objectId)).toEqual(['4003']);
    expect((f[0]!.evidence['signals'] as Array<{ phrase: string }>).map((s) => s.phrase)).toContain('contract_in_play');
  });

  it('never quotes more than a short snippet', async () => {
    const long = `${'We covered the rollout plan for every plant and every lane in detail. '.repeat(20)}Then we walked them through the proposal and the contract draft in a long session that went on for hours, covering every clause and rate card in the document.`;
    const ctx = await contextOf(portal().deal({ id: '4001' }).note('81', '4001', daysAgo(1), long).build());
    const [x] = stageMismatch(ctx);
    expect(x).toBeDefined();
    const snippets = [
      x!.evidence['snippet'],
      ...(x!.evidence['signals'] as Array<{ snippet: string }>).map((s) => s.snippet),
    ] as string[];
    for (const s of snippets) expect(s.length).toBeLessThanOrEqual(120);
    expect(JSON.stringify(x)).not.toContain(long.slice(0, 200));
  });
});

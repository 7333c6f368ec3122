/**
 * Offline `mis ask` question resolution, as pure functions: which report a question maps to (and when a keyword
 * alone is not enough), when it needs a model, "who" questions that rank AEs, and who/what a question names.
 */
import { describe, expect, it } from 'vitest';
import { INTENTS, resolveQuestion } from '../../src/agent/ask/intents.js';
import {
  findCompany,
  findOwner,
  mayNameCompany,
  ownerWords,
  type DealRef,
  type OwnerRef,
} from '../../src/agent/ask/subject.js';

const intentOf = (q: string) => {
  const r = resolveQuestion(q);
  return r.kind === 'intent' ? r.intent.id : 'needs-model';
};

describe('resolveQuestion', () => {
  it.each(INTENTS.map((i) => [i.example, i.id]))('its own example "%s" maps to %s', (q, id) => {
    expect(intentOf(q)).toBe(id);
  });

  it.each([
    ['what did the CFO of Kesar Warehousing say on our last call?', /said or thinks/],
    ['what did Rohit discuss in the meeting with Navkar?', /said or thinks/],
    ['summarise the last call with Forace', /summary/],
    ['Draft a follow-up email to the buyer at Tirupati Home Stores', /written/],
    ['Who is the decision maker at Kesar Warehousing and when did we last speak to them?', /person/],
    ['when did we last talk to Forace?', /conversation/],
    ['why is Rohit behind on activity?', /why/],
    ['write a poem about our CFO', /written/],
    ['what is the weather in Pune?', /not about one of the reports/],
  ])('"%s" needs a model (%s)', (q, reason) => {
    const r = resolveQuestion(q);
    expect(r.kind).toBe('needs-model');
    if (r.kind === 'needs-model') expect(r.reason).toMatch(reason);
  });

  it('a keyword alone is not an intent: "call", "meeting", "this week", "fix" need their topic next to them', () => {
    expect(intentOf('what happened on the call with Forace?')).toBe('needs-model');
    expect(intentOf('how many calls did Asha make this week?')).toBe('scorecard');
    expect(intentOf('who logged the most meetings this week?')).toBe('scorecard');
    expect(intentOf('is the meeting with Kesar still on?')).toBe('needs-model');
    expect(intentOf('anything to fix in our deals?')).toBe('hygiene');
    expect(intentOf('can you fix my laptop?')).toBe('needs-model');
    expect(intentOf('which deals did we lose this quarter?')).toBe('win-loss');
    expect(intentOf('I lost my notes')).toBe('needs-model');
  });

  it('"why" is answered only where the report gives the reasons', () => {
    expect(intentOf('why do we lose deals?')).toBe('win-loss');
    expect(intentOf('why is the Kesar deal at risk?')).toBe('at-risk');
    expect(intentOf('why is the Kesar deal stuck?')).toBe('needs-model');
  });

  it('"who has the most …" ranks the AEs; "which deals …" lists the records', () => {
    const who = resolveQuestion('who has the most stale deals?');
    expect(who.kind === 'intent' && who.intent.id === 'stale-deals' && who.rankOwners).toBe(true);
    const whichAe = resolveQuestion('which AE has the most deals at risk?');
    expect(whichAe.kind === 'intent' && whichAe.intent.id === 'at-risk' && whichAe.rankOwners).toBe(true);
    const which = resolveQuestion('which deals are stale?');
    expect(which.kind === 'intent' && which.rankOwners).toBe(false);
    // The scorecard is per AE already: nothing to rank.
    const behind = resolveQuestion('who is behind on activity this week?');
    expect(behind.kind === 'intent' && behind.intent.id === 'scorecard' && behind.rankOwners).toBe(false);
  });
});

const owners: OwnerRef[] = [
  { id: '71200', name: 'Meera Iyer', email: 'meera.iyer@demo-logistics.example' },
  { id: '71217', name: 'Asha Rao', email: 'asha.rao@demo-logistics.example' },
  { id: '71234', name: 'Rohit Malhotra', email: 'rohit.malhotra@demo-logistics.example' },
  { id: '71299', name: 'Will Kumar', email: 'will.k@demo-logistics.example' },
];

describe('findOwner', () => {
  it('finds an AE by first name, full name, last name or email, in any case', () => {
    for (const q of [
      'which deals are at risk for Rohit?',
      "what are rohit's stale deals",
      'deals at risk for Rohit Malhotra',
      'Malhotra at risk deals',
      'risk for rohit.malhotra@demo-logistics.example',
    ]) {
      const m = findOwner(q, owners);
      expect(m.kind, q).toBe('one');
      if (m.kind === 'one') expect(m.owner.id).toBe('71234');
    }
    expect(findOwner('which deals are at risk?', owners).kind).toBe('none');
  });

  it('a first name that is also a word counts only when written as a name', () => {
    expect(findOwner('Which deals Will slip this month?', owners).kind).toBe('one');
    expect(findOwner('Which deals will slip this month?', owners).kind).toBe('none');
  });

  it('an ambiguous first name lists the candidates instead of picking one', () => {
    const two = [...owners, { id: '71300', name: 'Rohit Shah', email: 'rohit.shah@demo-logistics.example' }];
    const m = findOwner('which deals are at risk for Rohit?', two);
    expect(m.kind).toBe('ambiguous');
    if (m.kind === 'ambiguous') expect(m.candidates.map((o) => o.id).sort()).toEqual(['71234', '71300']);
    const full = findOwner('which deals are at risk for Rohit Shah?', two);
    expect(full.kind === 'one' && full.owner.id).toBe('71300');
    expect(findOwner('compare Asha and Meera', owners).kind).toBe('ambiguous');
  });

  it('skips words a company name already took', () => {
    expect(findOwner('is Asha Textiles at risk?', owners, new Set(['asha'])).kind).toBe('none');
  });
});

const deal = (id: string, name: string, open = true): DealRef => ({
  id,
  name,
  open,
  stage: open ? 'Demo' : 'Closed Lost',
  ownerId: '71217',
  ownerName: 'Asha Rao',
});
const deals: DealRef[] = [
  deal('4000131', 'Tungabhadra Spices - Control Tower', false),
  deal('4000164', 'Tungabhadra Spices - TMS'),
  deal('4990001', 'Tungabhadra Agro Foods - Fleet Visibility'),
  deal('4000236', 'Kesar Warehousing Pvt Ltd - TMS'),
  deal('4000104', 'Kesar Warehousing Pvt Ltd - Control Tower', false),
  deal('4000500', 'Rohit Industries - WMS'),
];

describe('findCompany (reconcile name matching)', () => {
  it('tells two similarly named companies apart', () => {
    const agro = findCompany('Is the Tungabhadra Agro Foods deal at risk?', deals);
    expect(agro.kind === 'one' && agro.deals.map((d) => d.id)).toEqual(['4990001']);
    const spices = findCompany('is tungabhadra spices at risk?', deals);
    expect(spices.kind === 'one' && spices.deals.map((d) => d.id)).toEqual(['4000164']);
  });

  it('forgives a typo and a legal suffix, and prefers the open deal of the company', () => {
    const m = findCompany('is Kesar Warehousing Pvt Ltd at risk?', deals);
    expect(m.kind === 'one' && m.deals.map((d) => d.id)).toEqual(['4000236']);
    const typo = findCompany('Is the Tungabhadra Agro Fods deal at risk?', deals);
    expect(typo.kind === 'one' && typo.deals.map((d) => d.id)).toEqual(['4990001']);
  });

  it('says ambiguous when only the shared word is given', () => {
    const m = findCompany('is tungabhadra at risk?', deals);
    expect(m.kind).toBe('ambiguous');
    if (m.kind === 'ambiguous')
      expect(m.candidates.map((c) => c.company).sort()).toEqual(['Tungabhadra Agro Foods', 'Tungabhadra Spices']);
  });

  it('names no company in a question about the team, and an AE name alone is not a company', () => {
    expect(findCompany('which deals are stale?', deals).kind).toBe('none');
    expect(mayNameCompany('which deals are stale?')).toBe(false);
    const words = ownerWords([...owners]);
    expect(findCompany('which deals are at risk for Rohit?', deals, words).kind).toBe('none');
    expect(mayNameCompany('which deals are at risk for Rohit?', words)).toBe(false);
    const both = findCompany('is Rohit Industries at risk?', deals, words);
    expect(both.kind === 'one' && both.deals.map((d) => d.id)).toEqual(['4000500']);
  });
});

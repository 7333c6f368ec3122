/**
 * SmartLead copy: cold-email sequences per campaign theme and the replies leads send back. Sequences never talk
 * about pricing or proposals; only the "pricing" reply does.
 */

export interface OutreachContext {
  first: string;
  company: string;
  n: number;
  until: string;
}

export interface Theme {
  name: string;
  hook: string;
  pitch: string;
  proof: string;
}

export const BASE_THEMES: readonly Theme[] = [
  {
    name: 'Q4 Logistics CFOs',
    hook: 'freight cost leakage in Q4',
    pitch:
      'most CFOs we speak to find 4-6% of freight spend leaking through detention, unplanned trips and manual invoice checks.',
    proof: 'a Pune auto-components maker cut detention charges by a third in two months with live trip tracking.',
  },
  {
    name: 'D2C Warehousing Heads',
    hook: 'order-to-ship time during sale season',
    pitch: 'D2C brands lose a day of order-to-ship time to manual pick lists and dock scheduling during sale weeks.',
    proof: 'a Mumbai home-decor brand now ships 95% of orders same day from two warehouses.',
  },
  {
    name: 'Pharma Cold Chain Ops',
    hook: 'temperature excursions in transit',
    pitch: 'pharma distributors tell us excursions are found only after the consignment reaches the stockist.',
    proof: 'live temperature alerts helped a Hyderabad generics maker cut rejected consignments sharply.',
  },
  {
    name: 'FMCG Distribution Leaders',
    hook: 'secondary distribution visibility',
    pitch: 'FMCG teams rarely know where a secondary-distribution truck is once it leaves the depot.',
    proof: 'a Kolkata snacks company now sees every distributor delivery on one screen.',
  },
];

export const EXTRA_CAMPAIGN_NAMES = [
  'Auto Components Plant Heads',
  'Cement & Steel Dispatch Managers',
  'Textile Exporters Logistics',
  'E-com 3PL Founders',
  'Chemicals Logistics Heads',
  'Retail DC Managers',
  'Agri & Food Processing Ops',
  'Tyre & Rubber Supply Chain',
] as const;

export const SEQUENCE: ReadonlyArray<
  readonly [subject: (t: Theme, c: OutreachContext) => string, body: (t: Theme, c: OutreachContext) => string]
> = [
  [
    (t, c) => `${c.first}, ${t.hook}?`,
    (t, c) =>
      `Hi ${c.first}, ${t.pitch} Teams like ${c.company} usually see it within the first month of live tracking. Worth a 20 minute call next week?`,
  ],
  [(t, c) => `Re: ${c.first}, ${t.hook}?`, (t, c) => `Hi ${c.first}, bumping this up - ${t.proof} Happy to share how.`],
  [
    () => `Closing the loop`,
    (_t, c) => `Hi ${c.first}, should I reach out to someone else in your supply chain team instead?`,
  ],
];

export type ReplyKind = 'demo' | 'pricing' | 'not_interested' | 'ooo' | 'wrong_person';

export const REPLIES: Record<ReplyKind, (c: OutreachContext) => string> = {
  demo: () => 'Sounds interesting. Can we do a demo next week? Tuesday afternoon works for me.',
  pricing: (c) =>
    `Thanks - can you send pricing and a proposal for around ${c.n} vehicles? We want to move fast on this.`,
  not_interested: () => 'Not interested at the moment, we already have a system in place.',
  ooo: (c) => `I am out of office until ${c.until} with limited access to email.`,
  wrong_person: () => "I don't handle logistics - please reach out to our supply chain head.",
};

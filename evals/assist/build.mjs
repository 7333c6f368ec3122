#!/usr/bin/env node
/**
 * Builds the three hand-designed portals of the `brief` and `next-action` eval suites, and their cases:
 *
 *   node evals/assist/build.mjs
 *
 * Each deal is written below as a situation: its people, the touches that happened (days before asOf), what is
 * booked ahead, and — written by hand, from the situation's design, never by running the product — the next action
 * a good AE would take (`expect`). The brief's expected facts (stage label, amount, close date, who is on the deal,
 * single-threaded or not, the newest touch, who has gone quiet) are read from the same situation table, so they
 * are the planted truth. Some deals carry conflicting signals on purpose (`hard`); their `why` says which signal
 * wins and why. The portals use three different businesses, stage labels and ₹ sizes.
 *
 * Rule thresholds the labels assume (the team config defaults): a reply waits > 24 h; the proposal is due 5 days
 * after a demo; deals go stale after 14 days (early/mid/late alike); single-threaded from ₹30 L; the closing window
 * is 14 days; a contact is quiet after 21 days.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './situations.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Three businesses, each with its own pipeline labels (ids are HubSpot's defaults). */
const PORTALS = [
  {
    key: 'fieldforce',
    name: 'Raftaar Field Apps',
    asOf: '2026-09-17T18:00:00+05:30', // Thursday
    stages: ['Intro Call', 'Needs Analysis', 'Demo Given', 'Proposal Shared', 'Negotiation', 'Signed', 'Lost'],
    owners: [
      { id: '501', firstName: 'Tara', lastName: 'Bhatnagar', email: 'tara@raftaar.example' },
      { id: '502', firstName: 'Vivek', lastName: 'Menon', email: 'vivek@raftaar.example' },
    ],
  },
  {
    key: 'clinic',
    name: 'Aarogya Clinic Cloud',
    asOf: '2026-07-08T17:30:00+05:30', // Wednesday
    stages: ['First Call', 'Clinic Walkthrough', 'Trial Running', 'Quote Sent', 'Contract Review', 'Live', 'Dropped'],
    owners: [
      { id: '601', firstName: 'Naveen', lastName: 'Pillai', email: 'naveen@aarogya.example' },
      { id: '602', firstName: 'Ritu', lastName: 'Saxena', email: 'ritu@aarogya.example' },
    ],
  },
  {
    key: 'solar',
    name: 'Suryakiran Energy Analytics',
    asOf: '2027-02-11T18:15:00+05:30', // Thursday
    stages: [
      'Site Enquiry',
      'Energy Audit',
      'Pilot Meter',
      'Commercial Offer',
      'Board Approval',
      'Order Won',
      'Not Pursued',
    ],
    owners: [
      { id: '701', firstName: 'Harsh', lastName: 'Vardhan', email: 'harsh@suryakiran.example' },
      { id: '702', firstName: 'Leela', lastName: 'Dsouza', email: 'leela@suryakiran.example' },
    ],
  },
];

/**
 * Situations. stage: index into the portal's stage list. close: days from asOf (negative: passed). touches:
 * [daysAgo, kind, contact index | null, direction, subject] with kind call|email|meeting|note|sl_sent|sl_reply and
 * direction in|out. ahead: [inDays, meeting|task, subject]. people: [name, title, onDeal]. other: [name, title,
 * daysAgo of their last email] — someone at the company, not on the deal.
 */
const SITUATIONS = {
  fieldforce: [
    {
      name: 'Kanak Distributors - Beat Planning',
      owner: '501',
      stage: 3,
      amount: 1_800_000,
      close: 20,
      people: [
        ['Mohit Kanak', 'Owner', true],
        ['Sapna Rawat', 'Sales Head', true],
      ],
      touches: [
        [2, 'email', 0, 'in', 'Re: Proposal – can you share the payment terms?'],
        [6, 'email', 0, 'out', 'Proposal for beat planning'],
        [9, 'meeting', 1, 'out', 'Demo with sales team'],
      ],
      ahead: [],
      expect: 'reply',
      contact: 0,
      why: 'the owner asked a question two days ago and has had no answer',
    },
    {
      name: 'Vistar Pharma Reps - Territory App',
      owner: '501',
      stage: 2,
      amount: 2_400_000,
      close: 35,
      people: [
        ['Gauri Deshpande', 'National Sales Manager', true],
        ['Imran Qazi', 'IT Lead', true],
      ],
      touches: [
        [8, 'meeting', 0, 'out', 'Product demo for regional managers'],
        [11, 'call', 1, 'out', 'IT check on SSO'],
      ],
      ahead: [[6, 'task', 'Check in on demo feedback']],
      expect: 'send_proposal',
      contact: 0,
      why: 'demo 8 days ago, nothing priced since',
    },
    {
      name: 'Sahyadri Agro Inputs - Field Force',
      owner: '501',
      stage: 4,
      amount: 5_200_000,
      close: 10,
      people: [['Prakash Joshi', 'Director', true]],
      other: [['Meena Kulkarni', 'CFO', 5]],
      touches: [[3, 'call', 0, 'out', 'Negotiation call on user count']],
      ahead: [[2, 'meeting', 'Final terms discussion']],
      expect: 'multi_thread',
      contact: 'other:0',
      hard: true,
      why: 'one contact on a ₹52 L deal closing in 10 days; the CFO is already emailing',
    },
    {
      name: 'Bansal Hardware - Van Sales',
      owner: '501',
      stage: 1,
      amount: 600_000,
      close: 40,
      people: [['Ritesh Bansal', 'Partner', true]],
      touches: [
        [22, 'call', 0, 'out', 'Needs analysis call'],
        [30, 'email', 0, 'out', 'Intro deck'],
      ],
      ahead: [],
      expect: 're_engage',
      contact: 0,
      why: 'nothing for 22 days',
    },
    {
      name: 'Orion Paints - Dealer Visits',
      owner: '502',
      stage: 3,
      amount: 3_500_000,
      close: -4,
      people: [
        ['Anand Rao', 'VP Sales', true],
        ['Farida Khan', 'Procurement', true],
      ],
      touches: [
        [5, 'email', 0, 'out', 'Following up on the proposal'],
        [12, 'email', 1, 'out', 'Proposal and pricing'],
      ],
      ahead: [[5, 'task', 'Procurement follow-up']],
      expect: 'agree_close_date',
      contact: 0,
      why: 'close date passed four days ago',
    },
    {
      name: 'Meghdoot Couriers - Delivery App',
      owner: '502',
      stage: 0,
      amount: 900_000,
      close: 60,
      people: [['Sunil Meghani', 'Operations Manager', true]],
      touches: [[4, 'call', 0, 'out', 'Intro call']],
      ahead: [],
      expect: 'book_next_step',
      contact: 0,
      why: 'fresh intro call, nothing booked',
    },
    {
      name: 'Trident Tiles - Sales Tracking',
      owner: '502',
      stage: 4,
      amount: 2_200_000,
      close: 9,
      people: [
        ['Kiran Trivedi', 'GM Sales', true],
        ['Neha Parikh', 'Finance Manager', true],
      ],
      touches: [
        [2, 'meeting', 0, 'out', 'Contract walkthrough'],
        [4, 'email', 1, 'out', 'Revised order form'],
      ],
      ahead: [
        [1, 'meeting', 'Order form walkthrough'],
        [3, 'task', 'Send final order form'],
      ],
      expect: 'confirm_po',
      contact: 0,
      why: 'late stage, closing in 9 days, everything else in place',
    },
    {
      name: 'Prism Optics - Retail Audits',
      owner: '502',
      stage: 2,
      amount: 1_100_000,
      close: 30,
      people: [
        ['Deepa Iyer', 'Retail Ops Lead', true],
        ['Rahul Sethi', 'Regional Manager', true],
      ],
      touches: [
        [2, 'meeting', 0, 'out', 'Demo for store managers'],
        [9, 'call', 1, 'out', 'Walkthrough of audit forms'],
      ],
      ahead: [[7, 'meeting', 'Pilot scoping session']],
      expect: 'prepare_next_step',
      contact: 0,
      why: 'demo two days ago, next session booked: on track',
    },
  ],
  clinic: [
    {
      name: 'Sanjeevani Eye Care - OPD Suite',
      owner: '601',
      stage: 2,
      amount: 1_500_000,
      close: 25,
      people: [
        ['Dr. Alka Mehra', 'Medical Director', true],
        ['Tushar Goel', 'Admin Head', true],
      ],
      touches: [
        [3, 'sl_reply', 1, 'in', 'Re: Trial access for front desk'],
        [10, 'meeting', 0, 'out', 'Trial kickoff'],
      ],
      ahead: [[8, 'task', 'Trial review']],
      expect: 'reply',
      contact: 1,
      why: 'a SmartLead reply three days old, unanswered',
    },
    {
      name: 'Navjeevan Hospitals - Billing',
      owner: '601',
      stage: 3,
      amount: 4_800_000,
      close: -10,
      people: [['Sameer Gupta', 'CFO', true]],
      touches: [
        [16, 'email', 0, 'out', 'Quote for billing module'],
        [25, 'meeting', 0, 'out', 'Billing demo'],
      ],
      ahead: [],
      expect: 'agree_close_date',
      contact: 0,
      hard: true,
      why: 'close date passed 10 days ago; it is also going quiet and single-threaded, but a date in the past is what the forecast reads first',
    },
    {
      name: 'Arogyam Diagnostics - Lab Module',
      owner: '601',
      stage: 1,
      amount: 700_000,
      close: 45,
      people: [['Pooja Nair', 'Lab Manager', true]],
      touches: [[17, 'email', 0, 'out', 'Walkthrough notes']],
      ahead: [],
      expect: 're_engage',
      contact: 0,
      why: '17 days without contact',
    },
    {
      name: 'Shanti Maternity - Patient App',
      owner: '601',
      stage: 2,
      amount: 1_200_000,
      close: 28,
      people: [
        ['Dr. Farah Siddiqui', 'Founder', true],
        ['Amit Jain', 'Operations', true],
      ],
      touches: [
        [6, 'meeting', 0, 'out', 'Trial review with founder'],
        [12, 'call', 1, 'out', 'Trial setup'],
      ],
      ahead: [],
      expect: 'send_proposal',
      contact: 0,
      hard: true,
      why: 'nothing booked either, but a trial reviewed 6 days ago with no quote is the step that moves the deal',
    },
    {
      name: 'CarePlus Clinics - Chain Rollout',
      owner: '602',
      stage: 3,
      amount: 6_500_000,
      close: 30,
      people: [['Vinod Chawla', 'COO', true]],
      other: [['Shalini Verma', 'Finance Controller', 9]],
      touches: [
        [5, 'email', 0, 'out', 'Quote for 14 clinics'],
        [7, 'meeting', 0, 'out', 'Rollout plan review'],
      ],
      ahead: [[4, 'meeting', 'Quote discussion']],
      expect: 'multi_thread',
      contact: 'other:0',
      why: 'one contact on a ₹65 L deal; finance is emailing',
    },
    {
      name: 'Dhanvantari Ayurveda - Front Desk',
      owner: '602',
      stage: 0,
      amount: 400_000,
      close: 50,
      people: [['Kavya Rao', 'Clinic Manager', true]],
      touches: [[2, 'call', 0, 'out', 'First call']],
      ahead: [],
      expect: 'book_next_step',
      contact: 0,
      why: 'first call done, nothing booked',
    },
    {
      name: 'Lotus Dental - Multi-site',
      owner: '602',
      stage: 4,
      amount: 2_600_000,
      close: 6,
      people: [
        ['Dr. Neel Kapoor', 'Partner', true],
        ['Irene Dcosta', 'Practice Manager', true],
      ],
      touches: [
        [1, 'call', 0, 'out', 'Contract redlines'],
        [3, 'email', 1, 'out', 'Data migration plan'],
      ],
      ahead: [
        [1, 'meeting', 'Signing call'],
        [2, 'task', 'Share signed copy'],
      ],
      expect: 'confirm_po',
      contact: 0,
      why: 'contract review, closing in 6 days',
    },
    {
      name: 'Medinest Pharmacy - Inventory',
      owner: '602',
      stage: 1,
      amount: 900_000,
      close: 40,
      people: [
        ['Yusuf Ansari', 'Owner', true],
        ['Geeta Bhalla', 'Store Lead', true],
      ],
      touches: [
        [3, 'meeting', 0, 'out', 'Clinic walkthrough'],
        [5, 'email', 1, 'out', 'Walkthrough agenda'],
      ],
      ahead: [[9, 'meeting', 'Trial setup call']],
      expect: 'prepare_next_step',
      contact: 0,
      why: 'walkthrough done, trial setup booked',
    },
  ],
  solar: [
    {
      name: 'Godavari Textiles - Rooftop Monitoring',
      owner: '701',
      stage: 3,
      amount: 3_800_000,
      close: 18,
      people: [
        ['Ravi Teja', 'Plant Head', true],
        ['Swati Reddy', 'Finance Manager', true],
      ],
      touches: [
        [2, 'email', 1, 'in', 'Re: Commercial offer – GST breakup?'],
        [8, 'email', 0, 'out', 'Commercial offer'],
      ],
      ahead: [[5, 'meeting', 'Offer walkthrough']],
      expect: 'reply',
      contact: 1,
      hard: true,
      why: 'a meeting is booked, but finance asked a question two days ago that is still unanswered',
    },
    {
      name: 'Kaveri Cold Storage - Meter Pilot',
      owner: '701',
      stage: 2,
      amount: 1_400_000,
      close: 28,
      people: [
        ['Manjunath Gowda', 'Owner', true],
        ['Shruti Hegde', 'Energy Manager', true],
      ],
      touches: [
        [7, 'meeting', 1, 'out', 'Pilot meter results review'],
        [15, 'call', 0, 'out', 'Pilot install check'],
      ],
      ahead: [],
      expect: 'send_proposal',
      contact: 1,
      why: 'pilot reviewed a week ago, no offer sent',
    },
    {
      name: 'Narmada Cement - Plant Analytics',
      owner: '701',
      stage: 4,
      amount: 9_000_000,
      close: -2,
      people: [
        ['Rajiv Bhatt', 'VP Operations', true],
        ['Hema Patel', 'Procurement', true],
      ],
      touches: [
        [4, 'meeting', 0, 'out', 'Board pack review'],
        [6, 'email', 1, 'out', 'Revised order value'],
      ],
      ahead: [[3, 'task', 'Chase board decision']],
      expect: 'agree_close_date',
      contact: 0,
      why: 'board approval stage, close date passed two days ago',
    },
    {
      name: 'Chambal Fertilisers - Audit',
      owner: '701',
      stage: 1,
      amount: 1_000_000,
      close: 35,
      people: [['Arvind Meena', 'Energy Head', true]],
      touches: [
        [19, 'sl_sent', 0, 'out', 'Audit findings summary'],
        [26, 'meeting', 0, 'out', 'Energy audit visit'],
      ],
      ahead: [],
      expect: 're_engage',
      contact: 0,
      why: '19 days since the last email',
    },
    {
      name: 'Western Ghats Resorts - Energy Audit',
      owner: '702',
      stage: 1,
      amount: 1_300_000,
      close: 45,
      people: [['Celina Fernandes', 'GM', true]],
      touches: [[5, 'call', 0, 'out', 'Audit scope call']],
      ahead: [],
      expect: 'book_next_step',
      contact: 0,
      why: 'scope call five days ago, nothing booked',
    },
    {
      name: 'Deccan Steel - Captive Solar',
      owner: '702',
      stage: 3,
      amount: 7_500_000,
      close: 40,
      people: [['Omkar Pawar', 'Director Projects', true]],
      other: [['Sneha Kulkarni', 'CFO', 12]],
      touches: [
        [6, 'email', 0, 'out', 'Commercial offer v2'],
        [10, 'meeting', 0, 'out', 'Offer discussion'],
      ],
      ahead: [[6, 'task', 'Follow up on offer v2']],
      expect: 'multi_thread',
      contact: 'other:0',
      why: 'one contact on a ₹75 L deal; the CFO is on email',
    },
    {
      name: 'Malabar Foods - Plant Monitoring',
      owner: '702',
      stage: 4,
      amount: 2_900_000,
      close: 12,
      people: [
        ['Faisal Ahmed', 'Plant Manager', true],
        ['Rekha Menon', 'Purchase Head', true],
      ],
      touches: [
        [1, 'meeting', 1, 'out', 'Board approval prep'],
        [3, 'email', 0, 'out', 'Final offer'],
      ],
      ahead: [
        [1, 'meeting', 'Approval call'],
        [4, 'task', 'Collect approval note'],
      ],
      expect: 'confirm_po',
      contact: 0,
      why: 'board approval stage, closing in 12 days',
    },
    {
      name: 'Konkan Ice Plants - Pilot',
      owner: '702',
      stage: 2,
      amount: 800_000,
      close: 38,
      people: [
        ['Sadanand Naik', 'Owner', true],
        ['Pallavi Sawant', 'Accounts', true],
      ],
      touches: [
        [3, 'meeting', 0, 'out', 'Pilot meter installed'],
        [6, 'call', 1, 'out', 'Pilot paperwork'],
      ],
      ahead: [[6, 'meeting', 'Pilot readings review']],
      expect: 'prepare_next_step',
      contact: 0,
      why: 'pilot running, review booked',
    },
  ],
};

mkdirSync(join(HERE, 'portals'), { recursive: true });
const allCases = [];
PORTALS.forEach((p, k) => {
  const { portal, cases } = build(p, SITUATIONS[p.key], 100 * (k + 1));
  writeFileSync(join(HERE, 'portals', `${p.key}.json`), `${JSON.stringify(portal, null, 1)}\n`);
  allCases.push(...cases);
});
writeFileSync(join(HERE, 'cases.json'), `${JSON.stringify(allCases, null, 1)}\n`);
console.log(`${allCases.length} cases over ${PORTALS.length} portals`);

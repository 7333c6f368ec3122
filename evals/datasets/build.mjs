#!/usr/bin/env node
/**
 * Builds the eval portals and their label files, deterministically (run after `npm run build`):
 *
 *   node evals/datasets/build.mjs
 *
 * Portals (evals/datasets/<name>.json, sales-mis/portal@1) come from src/generator, then a post-processing step
 * written here (the generator has no knob for these shapes, and src/generator is not edited for evals):
 *   tidy             seed 7, 60 deals, as generated: a team that logs its work
 *   sparse           seed 11, 50 deals, ~85 % of the logged past calls, meetings, notes, tasks and emails removed
 *   smartlead-heavy  seed 23, 60 deals, plus two large SmartLead campaigns over existing contacts and strangers
 *   edge-cases       seed 5, 40 deals, plus cases that are hard on purpose (stale threshold ±1 day, similar company
 *                    names that are / are not the same firm, a deal with no problem at all)
 *
 * Labels (evals/daily-compliance/labels/<name>.json, evals/deal-risk/labels/<name>.json) start from the
 * generator's `generator.planted` list and are then reviewed: REVIEW below lists every decision taken by reading
 * the records, and the reference rules at the end of this file (written from the rules in the README, not from
 * src/analysis) add what a post-processing step or a documented rule makes a problem that the generator did not
 * plant. The eval runner reads only the committed JSON; nothing here runs at eval time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePortal } from '../../dist/generator/index.js';
import { writePortalFile, parsePortal } from '../../dist/dataset/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const EVALS = dirname(HERE);
const DAY = 86_400_000;
const ENGAGEMENT_TYPES = ['calls', 'emails', 'meetings', 'notes', 'tasks'];
const STALE_DAYS = 14; // mis.config default stale.defaultDays
const LATE_PROBABILITY = 0.6; // stages with probability ≥ 0.6 are "late" by default
const SINGLE_THREADED_AMOUNT = 3_000_000; // risk.singleThreadedAmount default
const COMPETITORS = ['LogiNext', 'FarEye', 'Locus', 'Shipsy', 'Fretron', 'Blue Yonder', 'Oracle TMS', 'SAP TM']; // risk.competitors default

/** FNV-1a: a stable hash for deterministic choices. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const iso = (ms) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------------------------
// Post-processing
// ---------------------------------------------------------------------------------------------------------------

function engagementIndex(p) {
  const types = new Map();
  for (const t of ENGAGEMENT_TYPES) for (const e of p.objects[t] ?? []) types.set(e.id, t);
  return types;
}

/** Ids the planted problems quote as evidence (a stage-mismatch note, a competitor mention): never removed. */
function plantedEvidenceIds(p) {
  const ids = new Set();
  for (const entry of p.generator?.planted ?? [])
    for (const v of Object.values(entry)) if (typeof v === 'string') ids.add(v);
  return ids;
}

/** A team that logs almost nothing: keep ~15 % of past engagements; scheduled (future) ones stay. */
function sparse(p) {
  const asOf = Date.parse(p.portal.asOf);
  const keep = plantedEvidenceIds(p);
  const removed = new Set();
  for (const t of ENGAGEMENT_TYPES) {
    p.objects[t] = (p.objects[t] ?? []).filter((e) => {
      const future = Date.parse(e.properties.hs_timestamp) > asOf;
      const kept = future || keep.has(e.id) || hash(`sparse:${e.id}`) % 100 < 15;
      if (!kept) removed.add(e.id);
      return kept;
    });
  }
  p.associations = p.associations.filter(
    (a) =>
      !(removed.has(a.from.id) && ENGAGEMENT_TYPES.includes(a.from.type)) &&
      !(removed.has(a.to.id) && ENGAGEMENT_TYPES.includes(a.to.type)),
  );
  p.portal.name = 'Eval: a team that logs almost nothing';
  return { removedEngagements: removed.size };
}

const NEUTRAL_SENDS = [
  (n, c) =>
    `Hi ${n}, teams like ${c} tell us detention at plant gates eats into margins every month. Worth a 20-minute call next week?`,
  (n) =>
    `Hi ${n}, following up with a two-page case study on live ETA for dispatch teams. Happy to walk you through it.`,
  (n) =>
    `Hi ${n}, last note from me for now: if transporter visibility is on your list this quarter, I can set up a short call.`,
];
const NEUTRAL_REPLY =
  'Thanks for reaching out. Looping in my colleague who runs transport operations; she will get back to you.';

/** A team that lives in SmartLead: two big campaigns over existing contacts and strangers; only some replies logged. */
function smartleadHeavy(p) {
  const asOf = Date.parse(p.portal.asOf);
  const planted = p.generator?.planted ?? [];
  const staleDeals = new Set(planted.filter((x) => x.kind === 'stale_deal').map((x) => x.objectId));
  const dealsOfContact = new Map();
  for (const a of p.associations) {
    const pair =
      a.from.type === 'contacts' && a.to.type === 'deals'
        ? [a.from.id, a.to.id]
        : a.to.type === 'contacts' && a.from.type === 'deals'
          ? [a.to.id, a.from.id]
          : null;
    if (pair) dealsOfContact.set(pair[0], [...(dealsOfContact.get(pair[0]) ?? []), pair[1]]);
  }
  const existing = new Set((p.smartlead?.leads ?? []).map((l) => l.lead.email.trim().toLowerCase()));
  // Contacts on a planted stale deal are left out: a SmartLead message to them would be activity on that deal.
  const contacts = p.objects.contacts
    .filter((c) => c.properties.email && c.properties.email === c.properties.email.trim().toLowerCase())
    .filter(
      (c) => !existing.has(c.properties.email) && !(dealsOfContact.get(c.id) ?? []).some((d) => staleDeals.has(d)),
    )
    .filter((c) => hash(`heavy:${c.id}`) % 100 < 45);
  const campaigns = [
    { id: 99001, name: 'Eval: Plant heads - detention', status: 'ACTIVE', created_at: iso(asOf - 70 * DAY) },
    { id: 99002, name: 'Eval: CFO freight leakage', status: 'ACTIVE', created_at: iso(asOf - 45 * DAY) },
  ];
  const strangers = Array.from({ length: 14 }, (_, i) => ({
    id: null,
    properties: {
      email: `lead${String(i + 1).padStart(2, '0')}@prospect${(i % 5) + 1}.example`,
      firstname: ['Ritu', 'Amit', 'Farah', 'Gopal', 'Irfan', 'Jaya', 'Lalit'][i % 7],
    },
  }));
  const leads = [];
  const messages = [];
  let nextLead = 990001;
  let nextEmail = 59900001;
  const added = { leads: 0, messages: 0, replies: 0, loggedInHubspot: 0 };
  for (const [i, c] of [...contacts, ...strangers].entries()) {
    const campaign = campaigns[i % 2];
    const leadId = nextLead++;
    const email = c.properties.email;
    const name = c.properties.firstname ?? 'there';
    leads.push({
      campaign_id: campaign.id,
      status: 'INPROGRESS',
      created_at: campaign.created_at,
      lead: { id: leadId, email, first_name: name, company_name: 'Prospect' },
    });
    added.leads++;
    const h = hash(`heavy-msg:${email}`);
    const sends = 1 + (h % 3);
    const first = asOf - (12 + (h % 40)) * DAY - (h % 7) * 3_600_000;
    let last = first;
    for (let s = 0; s < sends; s++) {
      last = first + s * 4 * DAY;
      messages.push({
        campaign_id: campaign.id,
        lead_id: leadId,
        type: 'SENT',
        time: iso(last),
        subject: `${name}, detention at the plant gate`,
        email_body: NEUTRAL_SENDS[s](name, 'yours'),
      });
      added.messages++;
    }
    if (h % 3 === 0) {
      last += 26 * 3_600_000;
      messages.push({
        campaign_id: campaign.id,
        lead_id: leadId,
        type: 'REPLY',
        time: iso(last),
        email_body: NEUTRAL_REPLY,
      });
      added.messages++;
      added.replies++;
    }
    // About half of the HubSpot contacts have the thread logged (an email on the contact after the first send).
    if (c.id !== null && (h >> 3) % 2 === 0) {
      const id = String(nextEmail++);
      p.objects.emails.push({
        id,
        properties: {
          hs_timestamp: iso(first + 20 * 60_000),
          hs_email_subject: `${name}, detention at the plant gate`,
          hs_email_text: NEUTRAL_SENDS[0](name, 'yours'),
          hs_email_direction: 'EMAIL',
          hs_email_status: 'SENT',
          hubspot_owner_id: c.properties.hubspot_owner_id ?? null,
          hs_createdate: iso(first + 25 * 60_000),
          hs_lastmodifieddate: iso(first + 25 * 60_000),
        },
        createdAt: iso(first + 25 * 60_000),
        updatedAt: iso(first + 25 * 60_000),
        archived: false,
      });
      p.associations.push({ from: { type: 'emails', id }, to: { type: 'contacts', id: c.id } });
      added.loggedInHubspot++;
    }
  }
  p.smartlead.campaigns.push(...campaigns);
  p.smartlead.leads.push(...leads);
  p.smartlead.messages.push(...messages);
  p.portal.name = 'Eval: a team that works from SmartLead';
  return added;
}

/** Cases that are hard on purpose. Returns the labels they add (and the records that must stay clean). */
function edgeCases(p) {
  const asOf = Date.parse(p.portal.asOf);
  const planted = p.generator?.planted ?? [];
  const ref = reference(p);
  // Two borderline deals: open, early or mid stage (no note rule either way), no SmartLead message in the last 16
  // days, and planted (if at all) only with problems that recent activity does not touch. The generator plants
  // nearly every open deal, so those plants stay and these deals carry them as well.
  const untouched = new Set([
    'close_date_past',
    'stage_skipped',
    'missing_required_field',
    'amount_decreased',
    'single_threaded',
    'close_date_pushed',
    'stage_regression',
  ]);
  const plantsOf = (id) => planted.filter((x) => x.objectId === id).map((x) => x.kind);
  const candidates = ref.openDeals
    .filter(
      (d) =>
        plantsOf(d.id).every((k) => untouched.has(k)) &&
        ref.probability(d) < LATE_PROBABILITY &&
        d.properties.pipeline === 'default',
    )
    .filter((d) => ref.smartleadTimes(d).every((t) => t < asOf - 16 * DAY))
    .sort((a, b) => hash(`edge:${a.id}`) - hash(`edge:${b.id}`));
  const [atThreshold, overByOne] = candidates;
  if (!atThreshold || !overByOne)
    throw new Error('edge-cases: not enough candidate deals for the borderline stale cases');
  const shift = (deal, lastAt) => {
    // Remove the deal's done engagements after lastAt, then log one call at lastAt.
    const mine = new Set(
      p.associations
        .filter((a) => a.to.type === 'deals' && a.to.id === deal.id && ENGAGEMENT_TYPES.includes(a.from.type))
        .map((a) => a.from.id),
    );
    const removed = new Set();
    for (const t of ENGAGEMENT_TYPES) {
      p.objects[t] = p.objects[t].filter((e) => {
        const at = Date.parse(e.properties.hs_timestamp);
        const drop = mine.has(e.id) && at > lastAt && at <= asOf;
        if (drop) removed.add(e.id);
        return !drop;
      });
    }
    p.associations = p.associations.filter((a) => !removed.has(a.from.id));
    const id = String(51990000 + Number(deal.id.slice(-3)));
    p.objects.calls.push({
      id,
      properties: {
        hs_timestamp: iso(lastAt),
        hs_call_title: `Check-in - ${deal.properties.dealname}`,
        hs_call_body: 'Quick check-in on the evaluation timeline. They are collecting inputs from the plants.',
        hs_call_direction: 'OUTBOUND',
        hs_call_duration: '600000',
        hs_call_status: 'COMPLETED',
        hubspot_owner_id: deal.properties.hubspot_owner_id,
        hs_createdate: iso(lastAt + 600_000),
        hs_lastmodifieddate: iso(lastAt + 600_000),
      },
      createdAt: iso(lastAt + 600_000),
      updatedAt: iso(lastAt + 600_000),
      archived: false,
    });
    p.associations.push({ from: { type: 'calls', id }, to: { type: 'deals', id: deal.id } });
  };
  // 14 days and 20 hours: 14 whole days, at the threshold → not stale. 15 days and 1 hour: one day over → stale.
  shift(atThreshold, asOf - 14 * DAY - 20 * 3_600_000);
  shift(overByOne, asOf - 15 * DAY - 3_600_000);

  // Companies with similar names.
  const created = asOf - 120 * DAY;
  const company = (id, name, domain, offsetDays) => ({
    id,
    properties: {
      name,
      ...(domain ? { domain } : {}),
      industry: 'TRANSPORTATION_TRUCKING_RAILROAD',
      city: 'Pune',
      country: 'India',
      createdate: iso(created + offsetDays * DAY),
      hs_lastmodifieddate: iso(created + offsetDays * DAY),
    },
    createdAt: iso(created + offsetDays * DAY),
    updatedAt: iso(created + offsetDays * DAY),
    archived: false,
  });
  p.objects.companies.push(
    company('2990001', 'Sahyadri Roadlines', 'sahyadriroadlines.example', 0),
    company('2990002', 'Sahyadri Roadways', null, 5),
    company('2990003', 'Shree Ganesh Logistics Pvt Ltd', 'shreeganeshlogistics.example', 1),
    company('2990004', 'Shri Ganesh Logistics LLP', 'shriganesh.example', 6),
    company('2990005', 'Kaveri Cold Chain Pvt. Ltd.', 'kavericoldchain.example', 2),
    company('2990006', 'Kaveri Cold Chain Private Limited', null, 9),
  );
  p.portal.name = 'Eval: hard cases';
  const clean = addCleanDeal(p);
  return { atThreshold: atThreshold.id, overByOne: overByOne.id, cleanDeal: clean };
}

/**
 * A deal written by hand to have no problem at all: POC stage reached step by step, amount and close date set, two
 * contacts, a note, a call three days ago, a meeting booked for next week and a next step.
 */
function addCleanDeal(p) {
  const asOf = Date.parse(p.portal.asOf);
  const owner = p.owners[0].id;
  const at = (days, hours = 0) => iso(asOf - days * DAY + hours * 3_600_000);
  const rec = (id, properties, created) => ({
    id,
    properties,
    createdAt: created,
    updatedAt: created,
    archived: false,
  });
  const dealId = '4990001';
  p.objects.companies.push(
    rec(
      '2990010',
      {
        name: 'Tungabhadra Agro Foods Pvt Ltd',
        domain: 'tungabhadraagro.example',
        industry: 'FOOD_PRODUCTION',
        city: 'Hubballi',
        country: 'India',
        createdate: at(60),
        hs_lastmodifieddate: at(3),
      },
      at(60),
    ),
  );
  p.objects.contacts.push(
    rec(
      '3990010',
      {
        email: 'prakash.kulkarni@tungabhadraagro.example',
        firstname: 'Prakash',
        lastname: 'Kulkarni',
        jobtitle: 'Head of Logistics',
        lifecyclestage: 'opportunity',
        hs_analytics_source: 'ORGANIC_SEARCH',
        createdate: at(60),
        associatedcompanyid: '2990010',
        hubspot_owner_id: owner,
      },
      at(60),
    ),
    rec(
      '3990011',
      {
        email: 'deepa.hegde@tungabhadraagro.example',
        firstname: 'Deepa',
        lastname: 'Hegde',
        jobtitle: 'CFO',
        lifecyclestage: 'opportunity',
        hs_analytics_source: 'ORGANIC_SEARCH',
        createdate: at(45),
        associatedcompanyid: '2990010',
        hubspot_owner_id: owner,
      },
      at(45),
    ),
  );
  p.objects.deals.push(
    rec(
      dealId,
      {
        dealname: 'Tungabhadra Agro Foods - Fleet Visibility',
        amount: '1450000',
        dealstage: 'presentationscheduled',
        pipeline: 'default',
        closedate: iso(asOf + 40 * DAY),
        createdate: at(50),
        hubspot_owner_id: owner,
        dealtype: 'newbusiness',
        hs_next_step: 'POC review with the plant head',
        notes_next_activity_date: iso(asOf + 5 * DAY),
      },
      at(50),
    ),
  );
  p.propertyHistory ??= {};
  p.propertyHistory.deals ??= {};
  p.propertyHistory.deals[dealId] = {
    dealstage: [
      { value: 'appointmentscheduled', timestamp: at(50) },
      { value: 'qualifiedtobuy', timestamp: at(30) },
      { value: 'presentationscheduled', timestamp: at(12) },
    ],
    amount: [{ value: '1450000', timestamp: at(50) }],
    closedate: [{ value: iso(asOf + 40 * DAY), timestamp: at(50) }],
  };
  const engagements = [
    [
      'calls',
      '51990101',
      {
        hs_timestamp: at(49),
        hs_call_title: 'Discovery call - Tungabhadra Agro Foods',
        hs_call_body: 'Spoke to Prakash. 90 trucks a day out of two plants. Wants live ETA for dispatch.',
        hs_call_direction: 'OUTBOUND',
        hs_call_duration: '1200000',
        hs_call_status: 'COMPLETED',
      },
    ],
    [
      'meetings',
      '53990101',
      {
        hs_timestamp: at(30),
        hs_meeting_title: 'Demo - Tungabhadra Agro Foods',
        hs_meeting_body: 'Demo for Prakash and the dispatch team.',
        hs_meeting_outcome: 'COMPLETED',
      },
    ],
    [
      'notes',
      '54990101',
      {
        hs_timestamp: at(12),
        hs_note_body: 'POC agreed for the Hubballi plant: 20 trucks for three weeks. Deepa joins the review.',
      },
    ],
    [
      'calls',
      '51990102',
      {
        hs_timestamp: at(3),
        hs_call_title: 'POC check-in - Tungabhadra Agro Foods',
        hs_call_body: 'POC running; 18 of 20 trucks reporting. Review booked for next week.',
        hs_call_direction: 'OUTBOUND',
        hs_call_duration: '900000',
        hs_call_status: 'COMPLETED',
      },
    ],
    [
      'meetings',
      '53990102',
      {
        hs_timestamp: iso(asOf + 5 * DAY),
        hs_meeting_title: 'POC review - Tungabhadra Agro Foods',
        hs_meeting_body: 'Review POC results with Prakash and Deepa.',
        hs_meeting_outcome: 'SCHEDULED',
      },
    ],
  ];
  for (const [type, id, props] of engagements) {
    const created = iso(Math.min(asOf, Date.parse(props.hs_timestamp)) + 600_000);
    p.objects[type].push(
      rec(id, { ...props, hubspot_owner_id: owner, hs_createdate: created, hs_lastmodifieddate: created }, created),
    );
    p.associations.push({ from: { type, id }, to: { type: 'deals', id: dealId } });
    p.associations.push({ from: { type, id }, to: { type: 'contacts', id: '3990010' } });
  }
  p.associations.push(
    { from: { type: 'deals', id: dealId }, to: { type: 'companies', id: '2990010' } },
    { from: { type: 'deals', id: dealId }, to: { type: 'contacts', id: '3990010' } },
    { from: { type: 'deals', id: dealId }, to: { type: 'contacts', id: '3990011' } },
    { from: { type: 'contacts', id: '3990010' }, to: { type: 'companies', id: '2990010' } },
    { from: { type: 'contacts', id: '3990011' }, to: { type: 'companies', id: '2990010' } },
  );
  return dealId;
}

// ---------------------------------------------------------------------------------------------------------------
// Reference rules (independent of src/analysis; the README's rules with the default mis.config.json)
// ---------------------------------------------------------------------------------------------------------------

function reference(p) {
  const asOf = Date.parse(p.portal.asOf);
  const stages = new Map();
  for (const pl of p.pipelines.deals) for (const s of pl.stages) stages.set(`${pl.id}:${s.id}`, s);
  const stageOf = (d) => stages.get(`${d.properties.pipeline}:${d.properties.dealstage}`);
  const isOpen = (d) => stageOf(d)?.metadata?.isClosed !== 'true';
  const probability = (d) => Number(stageOf(d)?.metadata?.probability ?? 0);
  const engagementType = engagementIndex(p);
  const byId = new Map();
  for (const t of ENGAGEMENT_TYPES) for (const e of p.objects[t] ?? []) byId.set(e.id, e);
  const linked = (typeA, idA, typeB) => {
    const out = [];
    for (const a of p.associations) {
      if (a.from.type === typeA && a.from.id === idA && a.to.type === typeB) out.push(a.to.id);
      else if (a.to.type === typeA && a.to.id === idA && a.from.type === typeB) out.push(a.from.id);
    }
    return out;
  };
  const engagementsOf = (type, id) =>
    ENGAGEMENT_TYPES.flatMap((t) => linked(type, id, t).map((eid) => ({ type: t, e: byId.get(eid) }))).filter(
      (x) => x.e,
    );
  const done = ({ type, e }) => {
    const at = Date.parse(e.properties.hs_timestamp);
    if (at > asOf) return false;
    if (type === 'tasks') return e.properties.hs_task_status === 'COMPLETED';
    if (type === 'meetings') return !['CANCELED', 'NO_SHOW'].includes(e.properties.hs_meeting_outcome);
    return true;
  };
  const contactsById = new Map(p.objects.contacts.map((c) => [c.id, c]));
  const leadEmail = new Map(
    (p.smartlead?.leads ?? []).map((l) => [`${l.campaign_id}:${l.lead.id}`, l.lead.email.trim().toLowerCase()]),
  );
  const messagesByEmail = new Map();
  for (const m of p.smartlead?.messages ?? []) {
    const email = leadEmail.get(`${m.campaign_id}:${m.lead_id}`);
    if (!email || Date.parse(m.time) > asOf) continue;
    messagesByEmail.set(email, [...(messagesByEmail.get(email) ?? []), Date.parse(m.time)]);
  }
  const smartleadTimes = (d) =>
    linked('deals', d.id, 'contacts').flatMap(
      (cid) => messagesByEmail.get(contactsById.get(cid)?.properties.email?.trim().toLowerCase() ?? '') ?? [],
    );
  const openDeals = p.objects.deals.filter(isOpen);

  const stale = openDeals
    .filter((d) => {
      const times = [
        ...engagementsOf('deals', d.id)
          .filter(done)
          .map((x) => Date.parse(x.e.properties.hs_timestamp)),
        ...smartleadTimes(d),
      ];
      const last = times.length ? Math.max(...times) : Date.parse(d.properties.createdate ?? d.createdAt);
      return Math.floor((asOf - last) / DAY) > STALE_DAYS;
    })
    .map((d) => d.id);
  const missingNotes = openDeals
    .filter((d) => probability(d) >= LATE_PROBABILITY && !engagementsOf('deals', d.id).some((x) => x.type === 'notes'))
    .map((d) => d.id);

  const contactsByEmail = new Map();
  for (const c of p.objects.contacts) {
    const k = c.properties.email?.trim().toLowerCase();
    if (k) contactsByEmail.set(k, [...(contactsByEmail.get(k) ?? []), c]);
  }
  const unsynced = [];
  for (const [email, times] of messagesByEmail) {
    const first = Math.min(...times);
    const found = contactsByEmail.get(email) ?? [];
    const logged = found.some((c) =>
      engagementsOf('contacts', c.id).some(
        (x) => x.type === 'emails' && Date.parse(x.e.properties.hs_timestamp) >= first - DAY,
      ),
    );
    if (!logged) unsynced.push(email);
  }
  return {
    openDeals,
    probability,
    smartleadTimes,
    stale,
    missingNotes,
    unsynced,
    engagementsOf,
    linked,
    engagementType,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Review decisions, taken by reading the records and applied here so a rebuild keeps them:
//  - no_next_activity plants whose deal has hs_next_step filled in (e.g. "POC review with ops head") are dropped:
//    a written next step counts (README, deal risk). Each is listed in the label file's `dropped`.
//  - single_threaded plants below the ₹30 L threshold are dropped the same way (none in the current portals).
//  - competitor_mentioned plants naming a competitor outside the default list (e.g. Intugine) are KEPT with a
//    note: the risk is real; the default config misses it (a hard case the product currently fails).
//  - Findings the generator does not plant but the documented rules make real problems are added with
//    source "review": Proposal Sent (probability 0.6) is a late stage, so open deals there without a note lack
//    notes; SmartLead sends with no HubSpot email are unsynced even without a reply; the sparse team's removed
//    logging makes deals stale. The reference rules below find them; each was spot-checked against the records.
// ---------------------------------------------------------------------------------------------------------------

function nextStepWritten(p, dealId) {
  const d = p.objects.deals.find((x) => x.id === dealId);
  const asOf = Date.parse(p.portal.asOf);
  if (!d) return false;
  if ((d.properties.hs_next_step ?? '').trim() !== '') return 'hs_next_step is filled in';
  const next = d.properties.notes_next_activity_date;
  if (next && Date.parse(next) > asOf) return 'notes_next_activity_date is in the future';
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------------------------

const CHECK_PLANTS = [
  'stale_deal',
  'missing_notes',
  'missing_required_field',
  'close_date_past',
  'stage_skipped',
  'stage_mismatch',
  'duplicate_contact',
  'duplicate_company',
  'smartlead_unsynced',
];
const RISK_PLANTS = [
  'close_date_pushed',
  'no_next_activity',
  'single_threaded',
  'competitor_mentioned',
  'amount_decreased',
  'stage_regression',
];

function complianceLabels(name, p, extra) {
  const planted = p.generator?.planted ?? [];
  const ref = reference(p);
  const labels = [];
  const seen = new Set();
  const add = (l) => {
    const key = labelKey(l);
    if (seen.has(key)) return;
    seen.add(key);
    labels.push(l);
  };
  for (const x of planted) {
    if (!CHECK_PLANTS.includes(x.kind)) continue;
    if (x.kind === 'smartlead_unsynced')
      add({
        check: x.kind,
        objectType: 'contact',
        objectId: x.objectId,
        email: String(x.email).trim().toLowerCase(),
        source: 'planted',
      });
    else if (x.kind.startsWith('duplicate_'))
      add({
        check: x.kind,
        objectType: x.objectType,
        objectId: x.objectId,
        duplicateOf: x.duplicateOf,
        source: 'planted',
        note: String(x.variant ?? ''),
      });
    else add({ check: x.kind, objectType: 'deal', objectId: x.objectId, source: 'planted' });
  }
  const plantedStale = new Set(planted.filter((x) => x.kind === 'stale_deal').map((x) => x.objectId));
  for (const id of ref.stale)
    if (!plantedStale.has(id))
      add({
        check: 'stale_deal',
        objectType: 'deal',
        objectId: id,
        source: 'review',
        note: 'reference rule: open, no done engagement or SmartLead message for more than 14 whole days',
      });
  for (const id of ref.missingNotes)
    add({
      check: 'missing_notes',
      objectType: 'deal',
      objectId: id,
      source: 'review',
      note: 'reference rule: open in a stage with probability ≥ 0.6 (Proposal Sent counts as late) and no note',
    });
  for (const email of ref.unsynced)
    add({
      check: 'smartlead_unsynced',
      objectType: 'contact',
      objectId: null,
      email,
      source: 'review',
      note: 'reference rule: SmartLead messages with no HubSpot email on the contact since the first message minus a day (sends count, not only replies)',
    });
  for (const l of extra.labels ?? []) add(l);
  // Reference rules must agree with the plants: a planted problem the reference rule does not see is a review item.
  for (const l of labels) {
    if (l.source !== 'planted') continue;
    if (l.check === 'stale_deal' && !ref.stale.includes(l.objectId))
      throw new Error(`${name}: planted stale deal ${l.objectId} is not stale by the reference rule`);
  }
  return { dataset: name, asOf: p.portal.asOf, labels: labels.sort(byKey), clean: extra.clean ?? [] };
}

function riskLabels(name, p, extra) {
  const planted = p.generator?.planted ?? [];
  const labels = [];
  const dropped = [];
  for (const x of planted) {
    if (!RISK_PLANTS.includes(x.kind)) continue;
    if (x.kind === 'no_next_activity') {
      const why = nextStepWritten(p, x.objectId);
      if (why) {
        dropped.push({ signal: x.kind, dealId: x.objectId, why: `planted, but ${why}: a written next step counts` });
        continue;
      }
    }
    if (x.kind === 'single_threaded') {
      const d = p.objects.deals.find((y) => y.id === x.objectId);
      if (Number(d?.properties.amount ?? 0) < SINGLE_THREADED_AMOUNT) {
        dropped.push({
          signal: x.kind,
          dealId: x.objectId,
          why: 'planted, but the amount is below the ₹30 L single-threading threshold',
        });
        continue;
      }
    }
    const entry = { signal: x.kind, dealId: x.objectId, source: 'planted' };
    if (x.kind === 'competitor_mentioned' && typeof x.competitor === 'string' && !COMPETITORS.includes(x.competitor)) {
      entry.note = `names ${x.competitor}, which is not in the default risk.competitors list: a real risk the default config misses (hard case)`;
    }
    labels.push(entry);
  }
  for (const l of extra.riskLabels ?? []) labels.push(l);
  labels.sort((a, b) => (a.signal + a.dealId).localeCompare(b.signal + b.dealId));
  return {
    dataset: name,
    asOf: p.portal.asOf,
    scoredSignals: RISK_PLANTS,
    labels,
    dropped,
    clean: extra.riskClean ?? [],
  };
}

function labelKey(l) {
  if (l.check === 'smartlead_unsynced') return `${l.check}|${l.email}`;
  if (l.check.startsWith('duplicate_')) return `${l.check}|${[l.objectId, l.duplicateOf].sort().join('~')}`;
  return `${l.check}|${l.objectType}:${l.objectId}`;
}
const byKey = (a, b) => labelKey(a).localeCompare(labelKey(b));

// ---------------------------------------------------------------------------------------------------------------

function write(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

const PORTALS = [
  { name: 'tidy', seed: 7, deals: 60, shape: () => ({}) },
  { name: 'sparse', seed: 11, deals: 50, shape: sparse },
  { name: 'smartlead-heavy', seed: 23, deals: 60, shape: smartleadHeavy },
  {
    name: 'edge-cases',
    seed: 5,
    deals: 40,
    shape: (p) => {
      const e = edgeCases(p);
      return {
        ...e,
        labels: [
          {
            check: 'duplicate_company',
            objectType: 'company',
            objectId: '2990006',
            duplicateOf: '2990005',
            source: 'review',
            note: 'hard: "Kaveri Cold Chain Private Limited" (no domain) is "Kaveri Cold Chain Pvt. Ltd." written out',
          },
        ],
        clean: [
          {
            objectType: 'deal',
            objectId: e.cleanDeal,
            note: 'hard: a deal written to have no problem at all (every check must stay quiet)',
          },
          {
            objectType: 'deal',
            objectId: e.atThreshold,
            checks: ['stale_deal'],
            note: 'hard: last activity 14 days 20 hours ago, exactly at the 14-day threshold: not stale',
          },
          {
            objectType: 'company',
            objectId: '2990001',
            note: 'hard: Sahyadri Roadlines and Sahyadri Roadways are different firms',
          },
          {
            objectType: 'company',
            objectId: '2990002',
            note: 'hard: Sahyadri Roadways (no domain) is not Sahyadri Roadlines',
          },
          {
            objectType: 'company',
            objectId: '2990003',
            note: 'hard: Shree Ganesh Logistics and Shri Ganesh Logistics LLP have different domains and legal forms',
          },
          { objectType: 'company', objectId: '2990004', note: 'hard: see 2990003' },
        ],
        riskClean: [
          {
            dealId: e.cleanDeal,
            note: 'hard: recent activity, a meeting booked, two contacts, nothing pushed or lowered',
          },
        ],
      };
    },
  },
];

const summary = {};
for (const spec of PORTALS) {
  const p = generatePortal({ seed: spec.seed, deals: spec.deals });
  const extra = spec.shape(p) ?? {};
  // Validate as the product would load it.
  parsePortal(JSON.parse(JSON.stringify(p)));
  const file = join(HERE, `${spec.name}.json`);
  writePortalFile(file, p);
  const compliance = complianceLabels(spec.name, p, extra);
  if (spec.name === 'edge-cases') {
    const over = compliance.labels.find((l) => l.check === 'stale_deal' && l.objectId === extra.overByOne);
    if (!over) throw new Error('edge-cases: the deal one day over the threshold has no stale label');
    over.note = 'hard: last activity 15 days 1 hour ago, one day over the 14-day threshold';
    // The borderline deal over the threshold must be stale by the reference rule too, the one at it must not.
    const ref = reference(p);
    if (!ref.stale.includes(extra.overByOne) || ref.stale.includes(extra.atThreshold))
      throw new Error('edge-cases: borderline deals are not what they should be');
  }
  write(join(EVALS, 'daily-compliance', 'labels', `${spec.name}.json`), compliance);
  write(join(EVALS, 'deal-risk', 'labels', `${spec.name}.json`), riskLabels(spec.name, p, extra));
  summary[spec.name] = {
    deals: p.objects.deals.length,
    labels: compliance.labels.length,
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => typeof v !== 'object')),
  };
}
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

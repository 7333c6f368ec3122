/**
 * SmartLead: a few cold-email campaigns whose leads are partly HubSpot contacts (matched by email) and partly people
 * HubSpot has never seen. The SmartLead-first AE works live deals from here, so those deals look quiet in HubSpot
 * but are not stale. Replies reach HubSpot as an INCOMING_EMAIL only sometimes; every reply that did not is planted
 * as `smartlead_unsynced`.
 */
import type { PortalDatasetInput } from '../dataset/index.js';
import type { CompanyNamer } from './company-names.js';
import { randomPerson } from './contacts.js';
import {
  BASE_THEMES,
  EXTRA_CAMPAIGN_NAMES,
  REPLIES,
  SEQUENCE,
  type OutreachContext,
  type ReplyKind,
  type Theme,
} from './copy-outreach.js';
import type { Writer } from './engagements.js';
import type { ContactPlan, DealPlan, World } from './model.js';
import { aeIndices, slug } from './owners.js';
import type { PlantLog } from './plants.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MINUTE, iso, istParts, monthName, workTime } from './time.js';

type Section = NonNullable<PortalDatasetInput['smartlead']>;

interface Campaign {
  id: number;
  name: string;
  status: 'ACTIVE' | 'COMPLETED' | 'PAUSED';
  start: number;
  end: number;
  theme: Theme;
  mailbox: string;
  spend: number;
}

interface Lead {
  seq: number;
  id: number;
  campaign: Campaign;
  email: string;
  first: string;
  last: string;
  company: string;
  contactIdx: number | null;
  sent: number[];
  reply: { at: number; kind: ReplyKind } | undefined;
  n: number;
}

type Mode = { kind: 'recent'; forcePricing: boolean } | { kind: 'window'; from: number; to: number };

export interface SmartleadResult {
  section: Section;
  /** Latest SmartLead message (sent or reply) per HubSpot contact index. */
  lastMessageByContact: Map<number, number>;
  /** Planted stage-mismatch replies by deal index. */
  evidence: Map<number, { campaignId: number; leadId: number; at: string; text: string }>;
}

export function buildSmartlead(
  world: World,
  namer: CompanyNamer,
  writer: Writer,
  plants: PlantLog,
  rng: Rng,
): SmartleadResult {
  const campaigns = planCampaigns(world, rng);
  const leads: Lead[] = [];
  const pricingDeals = new Set(
    world.deals
      .filter((d) => d.plant === 'stage_mismatch' && d.variant === 'smartlead_reply')
      .map((d) => d.contacts[0]!),
  );

  for (const c of world.contacts) {
    if (c.email !== c.email.trim().toLowerCase()) continue; // planted duplicate records are not in SmartLead
    const mode = modeFor(world, c, pricingDeals.has(c.idx), rng);
    if (!mode) continue;
    const company = c.companyIdx === null ? '' : world.companies[c.companyIdx]!.name;
    const lead = schedule(world, campaigns, mode, rng, {
      email: c.email,
      first: c.firstName,
      last: c.lastName,
      company,
      contactIdx: c.idx,
      seq: leads.length,
    });
    if (lead) leads.push(lead);
  }
  const strangers = Math.max(2, Math.round(world.cfg.deals * 0.2));
  const withDomain = world.companies.filter((co) => co.domain !== null);
  for (let i = 0; i < strangers; i++) {
    const person = randomPerson(rng);
    const crmCompany = rng.chance(0.3) ? rng.pick(withDomain) : undefined;
    const invented = crmCompany ? undefined : namer.next();
    const domain = crmCompany?.domain ?? invented!.domain;
    const email = strangerEmail(world, person.first, person.last, domain);
    const mode: Mode = { kind: 'window', from: world.cfg.windowStart, to: world.cfg.asOf - HOUR };
    const lead = schedule(
      world,
      campaigns,
      mode,
      rng,
      {
        email,
        first: person.first,
        last: person.last,
        company: crmCompany?.name ?? invented!.name,
        contactIdx: null,
        seq: leads.length,
      },
      i < 2,
    );
    if (lead) leads.push(lead);
  }

  const order = [...leads].sort((a, b) => a.campaign.id - b.campaign.id || a.sent[0]! - b.sent[0]! || a.seq - b.seq);
  order.forEach((l, rank) => (l.id = 880_101 + rank * 7));
  const result = sync(world, order, writer, plants, rng);
  return { ...result, section: toSection(campaigns, order, world.cfg.asOf, rng) };
}

function planCampaigns(world: World, rng: Rng): Campaign[] {
  const { asOf, deals } = world.cfg;
  const aes = aeIndices(world.owners);
  const smartAes = aes.filter((a) => world.owners[a]!.style === 'smartlead');
  const mailbox = (ownerIdx: number) => `${slug(world.owners[ownerIdx]!.firstName)}@try-demologistics.example`;
  const base: Array<[Campaign['status'], number, number]> = [
    ['ACTIVE', 80, 0],
    ['ACTIVE', 140, 0],
    ['COMPLETED', 230, 120],
    ['PAUSED', 180, 45],
  ];
  const out: Campaign[] = [];
  const scale = Math.max(1, deals / 110);
  base.forEach(([status, startDays, endDays], i) => {
    const owner = status === 'ACTIVE' && smartAes.length > 0 ? smartAes[i % smartAes.length]! : aes[i % aes.length]!;
    out.push({
      id: 20_461 + i * 13,
      name: BASE_THEMES[i]!.name,
      status,
      start: workTime(rng, asOf - startDays * DAY),
      end: endDays === 0 ? asOf : asOf - endDays * DAY,
      theme: BASE_THEMES[i]!,
      mailbox: mailbox(owner),
      spend: Math.round((rng.int(15, 65) * 1000 * Math.sqrt(scale)) / 100) * 100,
    });
  });
  const extra = Math.floor(deals / 2500);
  for (let i = 0; i < extra; i++) {
    const status = (['ACTIVE', 'COMPLETED', 'PAUSED'] as const)[i % 3]!;
    const start = workTime(rng, asOf - rng.float(60, 250) * DAY);
    const name = EXTRA_CAMPAIGN_NAMES[i % EXTRA_CAMPAIGN_NAMES.length]!;
    const wave = Math.floor(i / EXTRA_CAMPAIGN_NAMES.length);
    const theme = { ...BASE_THEMES[i % BASE_THEMES.length]!, name };
    const owner = status === 'ACTIVE' && smartAes.length > 0 ? smartAes[i % smartAes.length]! : aes[i % aes.length]!;
    out.push({
      id: 20_461 + (base.length + i) * 13,
      name: wave > 0 ? `${name} - Wave ${wave + 1}` : name,
      status,
      start,
      end: status === 'ACTIVE' ? asOf : Math.min(asOf - 10 * DAY, start + rng.float(40, 120) * DAY),
      theme,
      mailbox: mailbox(owner),
      spend: rng.int(20, 80) * 1000,
    });
  }
  return out;
}

/** How (and whether) a HubSpot contact is in SmartLead, from the latest deal they are on. */
function modeFor(world: World, c: ContactPlan, forcePricing: boolean, rng: Rng): Mode | undefined {
  const { asOf } = world.cfg;
  if (forcePricing) return { kind: 'recent', forcePricing: true };
  const latest: DealPlan | undefined = c.deals.length > 0 ? world.deals[c.deals[c.deals.length - 1]!] : undefined;
  if (!latest) return rng.chance(0.5) ? { kind: 'window', from: c.createdAt - 20 * DAY, to: asOf - DAY } : undefined;
  const smartleadOwner = world.owners[latest.ownerIdx]!.style === 'smartlead';
  if (!smartleadOwner) {
    const first = world.deals[c.deals[0]!]!;
    return rng.chance(0.12)
      ? { kind: 'window', from: first.createdAt - 60 * DAY, to: first.createdAt - DAY }
      : undefined;
  }
  if (latest.outcome === 'open' && latest.quietFrom === undefined) {
    if (latest.contacts[0] === c.idx) return { kind: 'recent', forcePricing: false };
    return rng.chance(0.6) ? { kind: 'window', from: latest.createdAt - 20 * DAY, to: asOf - DAY } : undefined;
  }
  if (latest.outcome === 'open') {
    return rng.chance(0.7)
      ? { kind: 'window', from: latest.createdAt - 30 * DAY, to: latest.quietFrom! - 2 * DAY }
      : undefined;
  }
  return rng.chance(0.5) ? { kind: 'window', from: latest.createdAt - 20 * DAY, to: latest.closedAt! } : undefined;
}

function schedule(
  world: World,
  campaigns: Campaign[],
  mode: Mode,
  rng: Rng,
  who: { email: string; first: string; last: string; company: string; contactIdx: number | null; seq: number },
  mustReply = false,
): Lead | undefined {
  const { asOf } = world.cfg;
  const nSent = rng.weighted([
    [1, 0.3],
    [2, 0.35],
    [3, 0.35],
  ] as const);
  const sent: number[] = [];
  let campaign: Campaign;
  let replyBy: number;
  if (mode.kind === 'recent') {
    campaign = rng.pick(campaigns.filter((c) => c.status === 'ACTIVE'));
    let t = mode.forcePricing ? asOf - rng.float(4, 10) * DAY : asOf - rng.float(1, 13) * DAY;
    for (let i = 0; i < nSent && t >= campaign.start; i++) {
      sent.unshift(t);
      t -= rng.float(2, 5) * DAY;
    }
    if (sent.length === 0) sent.push(Math.max(campaign.start, asOf - 3 * DAY));
    replyBy = asOf - HOUR;
  } else {
    const fits = campaigns
      .map((c) => ({ c, from: Math.max(mode.from, c.start), to: Math.min(mode.to, c.end, asOf - HOUR) }))
      .filter((f) => f.to - f.from >= 2 * DAY);
    if (fits.length === 0) return undefined;
    const fit = rng.pick(fits);
    campaign = fit.c;
    let t = fit.from + rng.next() * Math.max(0, fit.to - fit.from - (nSent - 1) * 4 * DAY);
    for (let i = 0; i < nSent && t <= fit.to; i++) {
      const w = workTime(rng, t);
      sent.push(w <= fit.to && w > (sent[sent.length - 1] ?? -Infinity) ? w : t);
      t = sent[sent.length - 1]! + rng.float(2, 5) * DAY;
    }
    replyBy = fit.to;
  }
  const deal = who.contactIdx === null ? undefined : latestDeal(world, who.contactIdx);
  const forcePricing = mode.kind === 'recent' && mode.forcePricing;
  const replyChance =
    who.contactIdx === null ? 0.18 : deal && world.owners[deal.ownerIdx]!.style === 'smartlead' ? 0.25 : 0.2;
  let reply: Lead['reply'];
  if (forcePricing || mustReply || rng.chance(replyChance)) {
    const at = sent[sent.length - 1]! + rng.float(0.3, forcePricing ? 2 : 3) * DAY;
    if (at <= replyBy) reply = { at, kind: forcePricing ? 'pricing' : replyKind(deal, rng) };
  }
  return {
    seq: who.seq,
    id: 0,
    campaign,
    email: who.email,
    first: who.first,
    last: who.last,
    company: who.company,
    contactIdx: who.contactIdx,
    sent,
    reply,
    n: rng.int(2, 30) * 10,
  };
}

function latestDeal(world: World, contactIdx: number): DealPlan | undefined {
  const deals = world.contacts[contactIdx]!.deals;
  return deals.length > 0 ? world.deals[deals[deals.length - 1]!] : undefined;
}

/** A reply asking for pricing would contradict an early-stage deal, so those leads never send one (unless planted). */
function replyKind(deal: DealPlan | undefined, rng: Rng): ReplyKind {
  const early = deal !== undefined && deal.outcome === 'open' && deal.pipeline === 'default' && deal.stageIndex <= 1;
  const live = deal !== undefined && deal.outcome === 'open';
  const options: Array<readonly [ReplyKind, number]> = live
    ? [
        ['demo', 0.5],
        ['pricing', 0.3],
        ['ooo', 0.2],
      ]
    : [
        ['demo', 0.3],
        ['pricing', 0.2],
        ['not_interested', 0.25],
        ['ooo', 0.15],
        ['wrong_person', 0.1],
      ];
  return rng.weighted(early ? options.filter(([k]) => k !== 'pricing') : options);
}

function ctxFor(lead: Lead): OutreachContext {
  const back = istParts(lead.reply ? lead.reply.at + 6 * DAY : 0);
  return {
    first: lead.first,
    company: lead.company || 'your team',
    n: lead.n,
    until: `${back.day} ${monthName(back.month)}`,
  };
}

/** Decides which replies reached HubSpot, writes those as emails, and plants the rest. */
function sync(
  world: World,
  leads: Lead[],
  writer: Writer,
  plants: PlantLog,
  rng: Rng,
): Omit<SmartleadResult, 'section'> {
  const withEmail = new Set<number>();
  for (const e of world.engagements) if (e.type === 'emails') for (const c of e.contactIdxs) withEmail.add(c);
  const lastMessageByContact = new Map<number, number>();
  const evidence: SmartleadResult['evidence'] = new Map();
  for (const lead of leads) {
    if (lead.contactIdx !== null) {
      const last = Math.max(...lead.sent, lead.reply?.at ?? -Infinity);
      lastMessageByContact.set(lead.contactIdx, Math.max(last, lastMessageByContact.get(lead.contactIdx) ?? -Infinity));
    }
    if (!lead.reply) continue;
    const text = REPLIES[lead.reply.kind](ctxFor(lead));
    const contact = lead.contactIdx === null ? undefined : world.contacts[lead.contactIdx]!;
    const deal = contact ? latestDeal(world, contact.idx) : undefined;
    const planted =
      deal?.plant === 'stage_mismatch' && deal.variant === 'smartlead_reply' && deal.contacts[0] === contact?.idx;
    if (planted)
      evidence.set(deal.idx, { campaignId: lead.campaign.id, leadId: lead.id, at: iso(lead.reply.at), text });
    const synced = contact !== undefined && (withEmail.has(contact.idx) || (!planted && rng.chance(0.3)));
    if (synced) {
      const at = lead.reply.at + rng.float(2, 25) * MINUTE;
      const loggedAt = at + rng.float(0, 5) * MINUTE;
      const onDeal =
        deal && at >= deal.createdAt && (deal.outcome === 'open' || at <= deal.closedAt!) ? deal : undefined;
      writer.add(
        {
          type: 'emails',
          at,
          createdAt: loggedAt,
          modifiedAt: loggedAt,
          ownerIdx: onDeal?.ownerIdx ?? contact.ownerIdx,
          dealIdx: onDeal?.idx ?? null,
          contactIdxs: [contact.idx],
          companyIdx: contact.companyIdx,
        },
        {
          hs_email_subject: `Re: ${SEQUENCE[lead.sent.length - 1]![0](lead.campaign.theme, ctxFor(lead)).replace(/^Re: /, '')}`,
          hs_email_text: text,
          hs_email_direction: 'INCOMING_EMAIL',
          hs_email_status: 'SENT',
        },
      );
      continue;
    }
    plants.add({
      kind: 'smartlead_unsynced',
      objectType: 'contact',
      objectId: contact?.id ?? null,
      email: lead.email,
      inHubspot: contact !== undefined,
      campaignId: lead.campaign.id,
      leadId: lead.id,
      replyAt: iso(lead.reply.at),
      replyKind: lead.reply.kind,
    });
  }
  return { lastMessageByContact, evidence };
}

function strangerEmail(world: World, first: string, last: string, domain: string): string {
  const base = `${slug(first)}.${slug(last)}`;
  let email = `${base}@${domain}`;
  for (let n = 2; world.takenEmails.has(email); n++) email = `${base}${n}@${domain}`;
  world.takenEmails.add(email);
  return email;
}

function statsId(rng: Rng): string {
  const hex = (len: number) => Array.from({ length: len }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function toSection(campaigns: Campaign[], leads: Lead[], asOf: number, rng: Rng): Section {
  const messages: Section['messages'] = [];
  const records: Section['leads'] = [];
  const sorted = [...leads].sort((a, b) => a.campaign.id - b.campaign.id || a.id - b.id);
  for (const lead of sorted) {
    const ctx = ctxFor(lead);
    const finished =
      lead.reply !== undefined || lead.sent.length === SEQUENCE.length || lead.campaign.status === 'COMPLETED';
    records.push({
      campaign_id: lead.campaign.id,
      status:
        lead.campaign.status === 'PAUSED' && !finished
          ? 'PAUSED'
          : finished || lead.sent[lead.sent.length - 1]! < asOf - 10 * DAY
            ? 'COMPLETED'
            : 'INPROGRESS',
      created_at: iso(Math.max(lead.campaign.start, lead.sent[0]! - rng.float(1, 5) * DAY)),
      lead: {
        id: lead.id,
        email: lead.email,
        first_name: lead.first,
        last_name: lead.last,
        company_name: lead.company || null,
      },
    });
    lead.sent.forEach((t, i) => {
      const [subject, body] = SEQUENCE[i]!;
      messages.push({
        campaign_id: lead.campaign.id,
        lead_id: lead.id,
        type: 'SENT',
        time: iso(t),
        subject: subject(lead.campaign.theme, ctx),
        email_body: body(lead.campaign.theme, ctx),
        email_seq_number: String(i + 1),
        from: lead.campaign.mailbox,
        to: lead.email,
        stats_id: statsId(rng),
      });
    });
    if (lead.reply) {
      messages.push({
        campaign_id: lead.campaign.id,
        lead_id: lead.id,
        type: 'REPLY',
        time: iso(lead.reply.at),
        subject: `Re: ${SEQUENCE[lead.sent.length - 1]![0](lead.campaign.theme, ctx).replace(/^Re: /, '')}`,
        email_body: REPLIES[lead.reply.kind](ctx),
        from: lead.email,
        to: lead.campaign.mailbox,
        stats_id: statsId(rng),
      });
    }
  }
  return {
    campaigns: campaigns.map((c) => ({
      id: c.id,
      user_id: 196_026,
      name: c.name,
      status: c.status,
      created_at: iso(c.start - 2 * DAY),
      updated_at: iso(c.status === 'ACTIVE' ? c.end - 2 * HOUR : c.end),
      client_id: null,
    })),
    leads: records,
    messages,
    spend: campaigns.map((c) => ({ campaign_id: c.id, amount: c.spend })),
  };
}

import { describe, expect, it } from 'vitest';
import { ENGAGEMENT_TYPES, parsePortal, type ObjectType } from '../../src/dataset/index.js';
import { generatePortal } from '../../src/generator/index.js';
import { DAY, Facts, PROPOSAL_WORDS } from './facts.js';

const data = parsePortal(JSON.parse(JSON.stringify(generatePortal())));
const facts = new Facts(data);
const deals = data.objects.deals;
const aes = Object.keys(data.managers!);

describe('shape of the default demo portal', () => {
  it('one manager and three AEs, HubSpot owner shape', () => {
    expect(data.owners).toHaveLength(4);
    expect(aes).toHaveLength(3);
    for (const o of data.owners) {
      expect(o.id).toMatch(/^\d+$/);
      expect(o.email).toMatch(/@demo-logistics\.example$/);
      expect(Number.isInteger(o.userId)).toBe(true);
      expect(o.teams?.length).toBe(1);
    }
    expect(new Set(Object.values(data.managers!)).size).toBe(1);
  });

  it('pipelines: relabelled default stages plus a custom numeric stage, and a renewals pipeline', () => {
    const [main, renewals] = data.pipelines.deals;
    expect(main!.id).toBe('default');
    expect(main!.stages.map((s) => [s.id, s.label, s.metadata.probability])).toEqual([
      ['appointmentscheduled', 'Discovery', '0.1'],
      ['qualifiedtobuy', 'Demo Done', '0.2'],
      ['presentationscheduled', 'POC / Pilot', '0.4'],
      ['183741920', 'Proposal Sent', '0.6'],
      ['decisionmakerboughtin', 'Shortlisted / Final 2', '0.7'],
      ['contractsent', 'Negotiation / Contract', '0.9'],
      ['closedwon', 'Closed Won', '1.0'],
      ['closedlost', 'Closed Lost', '0.0'],
    ]);
    expect(renewals!.id).toBe('renewals');
    const share = deals.filter((d) => d.properties['pipeline'] === 'renewals').length / deals.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.07);
  });

  it('deal mix is about 55% open, 20% won, 25% lost', () => {
    const open = [...facts.deals.values()].filter((d) => d.open).length / deals.length;
    const won = deals.filter((d) => /won$/.test(d.properties['dealstage']!)).length / deals.length;
    expect(open).toBeGreaterThan(0.5);
    expect(open).toBeLessThan(0.6);
    expect(won).toBeGreaterThan(0.16);
    expect(won).toBeLessThan(0.24);
  });

  it('about 0.8 companies per deal; 1-4 contacts per company; contacts with no company and with no deal exist', () => {
    const ratio = data.objects.companies.length / deals.length;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(0.9);
    const perCompany = new Map<string, number>();
    const withCompany = new Set<string>();
    const onDeal = new Set<string>();
    for (const a of data.associations) {
      if (a.from.type === 'contacts' && a.to.type === 'companies') {
        perCompany.set(a.to.id, (perCompany.get(a.to.id) ?? 0) + 1);
        withCompany.add(a.from.id);
      }
      if (a.from.type === 'deals' && a.to.type === 'contacts') onDeal.add(a.to.id);
    }
    for (const n of perCompany.values()) expect(n).toBeLessThanOrEqual(5);
    expect(data.objects.contacts.some((c) => !withCompany.has(c.id))).toBe(true);
    expect(data.objects.contacts.some((c) => !onDeal.has(c.id))).toBe(true);
  });

  it('engagements are about 15 per deal (between 10x and 20x)', () => {
    const total = ENGAGEMENT_TYPES.reduce((n, t) => n + data.objects[t].length, 0);
    expect(total / deals.length).toBeGreaterThan(10);
    expect(total / deals.length).toBeLessThan(20);
  });

  it('ids are numeric strings in a range per type', () => {
    const ranges: Array<[ObjectType, RegExp]> = [
      ['companies', /^2\d{6}$/],
      ['contacts', /^3\d{6}$/],
      ['deals', /^4\d{6}$/],
      ['calls', /^51\d{6}$/],
      ['emails', /^52\d{6}$/],
      ['meetings', /^53\d{6}$/],
      ['notes', /^54\d{6}$/],
      ['tasks', /^55\d{6}$/],
    ];
    for (const [type, re] of ranges) for (const r of data.objects[type]) expect(r.id).toMatch(re);
  });

  it('every domain and email is under .example', () => {
    for (const c of data.objects.companies)
      if (c.properties['domain']) expect(c.properties['domain']).toMatch(/\.example$/);
    for (const c of data.objects.contacts)
      expect(c.properties['email']!.trim().toLowerCase()).toMatch(/@[a-z0-9.-]+\.example$/);
    for (const l of data.smartlead!.leads) expect(l.lead.email).toMatch(/\.example$/);
  });

  it('amounts are INR strings from 2L to 1.2Cr', () => {
    for (const d of deals) {
      const a = d.properties['amount'];
      if (!a) continue;
      expect(a).toMatch(/^\d+$/);
      expect(Number(a)).toBeGreaterThanOrEqual(200_000);
      expect(Number(a)).toBeLessThanOrEqual(12_000_000);
    }
  });
});

describe('time', () => {
  it('nothing happens after asOf except scheduled meetings and open tasks', () => {
    for (const type of ENGAGEMENT_TYPES) {
      for (const r of data.objects[type]) {
        const at = Date.parse(r.properties['hs_timestamp']!);
        const upcoming =
          r.properties['hs_task_status'] === 'NOT_STARTED' || r.properties['hs_meeting_outcome'] === 'SCHEDULED';
        expect(upcoming ? at > facts.asOf : at <= facts.asOf, `${type} ${r.id}`).toBe(true);
        expect(Date.parse(r.properties['hs_createdate']!)).toBeLessThanOrEqual(facts.asOf);
        expect(Date.parse(r.properties['hs_lastmodifieddate']!)).toBeLessThanOrEqual(facts.asOf);
        expect(Date.parse(r.properties['hs_createdate']!)).toBeLessThanOrEqual(
          Date.parse(r.properties['hs_lastmodifieddate']!),
        );
        expect(r.createdAt).toMatch(/Z$/);
      }
    }
    for (const m of data.smartlead!.messages) expect(Date.parse(m.time)).toBeLessThanOrEqual(facts.asOf);
  });

  it('histories are ascending, stage changes come from CRM_UI, and the current value is the last one', () => {
    for (const d of deals) {
      const h = data.propertyHistory!.deals![d.id]!;
      for (const entries of Object.values(h)) {
        for (let i = 1; i < entries.length; i++)
          expect(Date.parse(entries[i]!.timestamp)).toBeGreaterThan(Date.parse(entries[i - 1]!.timestamp));
      }
      expect(h['dealstage']!.every((e) => e.sourceType === 'CRM_UI')).toBe(true);
      expect(h['dealstage']!.at(-1)!.value).toBe(d.properties['dealstage']);
      if (h['amount']) expect(h['amount'].at(-1)!.value).toBe(d.properties['amount']);
      if (h['closedate']) expect(h['closedate'].at(-1)!.value ?? null).toBe(d.properties['closedate']);
      const latest = Math.max(...Object.values(h).flatMap((e) => e.map((x) => Date.parse(x.timestamp))));
      expect(Date.parse(d.properties['hs_lastmodifieddate']!)).toBeGreaterThanOrEqual(latest);
      expect(Date.parse(d.properties['createdate']!)).toBe(Date.parse(h['dealstage']![0]!.timestamp));
    }
    for (const c of data.objects.contacts) {
      const h = data.propertyHistory!.contacts![c.id]!['lifecyclestage']!;
      for (let i = 1; i < h.length; i++)
        expect(Date.parse(h[i]!.timestamp)).toBeGreaterThan(Date.parse(h[i - 1]!.timestamp));
      expect(h.at(-1)!.value).toBe(c.properties['lifecyclestage']);
    }
  });

  it('deals spread over about nine months before asOf', () => {
    const ages = deals.map((d) => (facts.asOf - Date.parse(d.properties['createdate']!)) / DAY);
    expect(Math.max(...ages)).toBeLessThan(300);
    expect(Math.max(...ages)).toBeGreaterThan(200);
    expect(Math.min(...ages)).toBeGreaterThan(0);
  });

  it('open deals outside the plants close in the future and have recent activity', () => {
    const planted = new Set(data.generator!.planted.map((p) => p.objectId));
    for (const d of facts.openDeals()) {
      if (planted.has(d.rec.id)) continue;
      expect(Date.parse(d.rec.properties['closedate']!)).toBeGreaterThan(facts.asOf);
      expect(facts.lastActivity(d)).toBeGreaterThan(facts.asOf - 14 * DAY);
      expect(d.nextActivity).toBeLessThan(Infinity);
    }
  });
});

describe('CRM consistency', () => {
  it('lifecycle stage follows the deals: won → customer, open → opportunity or customer', () => {
    const stageOf = new Map(data.objects.contacts.map((c) => [c.id, c.properties['lifecyclestage']]));
    for (const d of facts.deals.values()) {
      for (const c of d.contacts) {
        const stage = stageOf.get(c.id);
        if (/won$/.test(d.stage)) expect(stage).toBe('customer');
        else expect(['opportunity', 'customer']).toContain(stage);
      }
    }
  });

  it('engagements are tied to their deal, its contacts and its company', () => {
    const dealCompany = new Map<string, string>();
    for (const a of data.associations)
      if (a.from.type === 'deals' && a.to.type === 'companies') dealCompany.set(a.from.id, a.to.id);
    for (const d of facts.deals.values()) {
      expect(dealCompany.has(d.rec.id)).toBe(true);
      expect(d.contacts.length).toBeGreaterThanOrEqual(1);
    }
    const linked = new Set(
      data.associations
        .filter((a) => a.to.type === 'deals' || a.to.type === 'contacts')
        .map((a) => `${a.from.type}:${a.from.id}`),
    );
    for (const type of ENGAGEMENT_TYPES)
      for (const r of data.objects[type]) expect(linked.has(`${type}:${r.id}`)).toBe(true);
  });

  it('early-stage deals outside the plants never talk about proposals or pricing', () => {
    const planted = new Set(data.generator!.planted.map((p) => p.objectId));
    for (const d of facts.openMainDeals()) {
      if (
        !['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled'].includes(d.stage) ||
        planted.has(d.rec.id)
      )
        continue;
      for (const e of d.engagements) expect(Object.values(e.rec.properties).join(' ')).not.toMatch(PROPOSAL_WORDS);
      if (d.rec.properties['hs_next_step']) expect(d.rec.properties['hs_next_step']).not.toMatch(PROPOSAL_WORDS);
    }
  });

  it('marketing touches come before the contact was created (first touch) and before its first deal', () => {
    const contacts = new Map(data.objects.contacts.map((c) => [c.id, c]));
    const firstDeal = new Map<string, number>();
    for (const d of facts.deals.values()) {
      const created = Date.parse(d.rec.properties['createdate']!);
      for (const c of d.contacts) firstDeal.set(c.id, Math.min(created, firstDeal.get(c.id) ?? Infinity));
    }
    const touched = new Map<string, number[]>();
    for (const t of data.marketing!.touches)
      touched.set(t.contactId, [...(touched.get(t.contactId) ?? []), Date.parse(t.timestamp)]);
    expect(touched.size).toBeGreaterThan(20);
    for (const [id, times] of touched) {
      expect(Math.min(...times)).toBeLessThan(Date.parse(contacts.get(id)!.properties['createdate']!));
      for (const t of times) expect(t).toBeLessThan(firstDeal.get(id) ?? Infinity);
    }
  });
});

describe('AE styles and SmartLead', () => {
  const perDeal = (ae: string, type?: string) => {
    const mine = [...facts.deals.values()].filter((d) => d.rec.properties['hubspot_owner_id'] === ae);
    const n = mine.reduce((s, d) => s + d.engagements.filter((e) => !type || e.type === type).length, 0);
    return n / mine.length;
  };

  it('AE1 logs calls and notes, AE2 rarely calls and almost never writes notes, AE3 logs little in HubSpot', () => {
    const [ae1, ae2, ae3] = aes.sort((a, b) => Number(a) - Number(b)) as [string, string, string];
    expect(perDeal(ae1, 'calls')).toBeGreaterThan(3 * perDeal(ae2, 'calls'));
    expect(perDeal(ae1, 'notes')).toBeGreaterThan(3 * perDeal(ae2, 'notes'));
    expect(perDeal(ae3)).toBeLessThan(perDeal(ae1) / 2);
    expect(perDeal(ae3, 'emails')).toBeLessThan(0.5);
    const dealsOf = (ae: string) => deals.filter((d) => d.properties['hubspot_owner_id'] === ae).length;
    expect(dealsOf(ae3)).toBeGreaterThan(dealsOf(ae1));
  });

  it("AE3's live deals are quiet in HubSpot but active in SmartLead", () => {
    const ae3 = aes.sort((a, b) => Number(a) - Number(b))[2]!;
    const live = facts
      .openDeals()
      .filter((d) => d.rec.properties['hubspot_owner_id'] === ae3 && facts.lastActivity(d) > facts.asOf - 21 * DAY);
    expect(live.length).toBeGreaterThan(5);
    const quietInHubspot = live.filter((d) => d.lastEngagement < facts.asOf - 21 * DAY);
    expect(quietInHubspot.length).toBeGreaterThan(2);
    for (const d of quietInHubspot) expect(d.lastSmartlead).toBeGreaterThan(facts.asOf - 21 * DAY);
  });

  it('3-4 campaigns; leads include HubSpot contacts and strangers; replies include pricing asks and refusals', () => {
    const sl = data.smartlead!;
    expect(sl.campaigns.length).toBeGreaterThanOrEqual(3);
    expect(sl.campaigns.length).toBeLessThanOrEqual(4);
    expect(new Set(sl.campaigns.map((c) => c.status))).toEqual(new Set(['ACTIVE', 'COMPLETED', 'PAUSED']));
    const emails = new Set(data.objects.contacts.map((c) => c.properties['email']));
    expect(sl.leads.some((l) => emails.has(l.lead.email))).toBe(true);
    expect(sl.leads.some((l) => !emails.has(l.lead.email))).toBe(true);
    const replies = sl.messages.filter((m) => m.type === 'REPLY').map((m) => m.email_body ?? '');
    expect(replies.some((r) => /pricing/.test(r))).toBe(true);
    expect(replies.some((r) => /Not interested/.test(r))).toBe(true);
    expect(sl.spend?.length).toBe(sl.campaigns.length);
  });
});

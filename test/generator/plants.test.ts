import { describe, expect, it } from 'vitest';
import { parsePortal, type PortalDataset } from '../../src/dataset/index.js';
import { DEAL_PLANT_KINDS, PLANTED_KINDS, generatePortal } from '../../src/generator/index.js';
import { DAY, Facts, ids } from './facts.js';
import * as check from './plant-checks.js';

type Planted = NonNullable<PortalDataset['generator']>['planted'][number];

function load(options: Parameters<typeof generatePortal>[0]) {
  const data = parsePortal(JSON.parse(JSON.stringify(generatePortal(options))));
  const planted: Planted[] = data.generator!.planted;
  const of = (kind: string) => planted.filter((p) => p.kind === kind);
  return { data, facts: new Facts(data), planted, of };
}

/** Every plant is true in the data, and nothing outside the plants has the problem. */
function plantsMatchReality(options: Parameters<typeof generatePortal>[0]) {
  const { data, facts, of } = load(options);
  const expectExact = (kind: string, actual: string[]) => expect(ids(of(kind)), kind).toEqual(actual);
  expectExact('stale_deal', check.staleDeals(facts));
  expectExact('missing_notes', check.missingNotes(facts));
  expectExact('missing_required_field', check.missingRequired(facts));
  expectExact('close_date_past', check.closeDatePast(facts));
  expectExact('stage_skipped', check.stageSkipped(facts));
  expectExact('stage_regression', check.stageRegression(facts));
  expectExact('close_date_pushed', check.closeDatePushed(facts));
  expectExact('amount_decreased', check.amountDecreased(facts));
  expectExact('stage_mismatch', check.stageMismatch(facts));
  expectExact('competitor_mentioned', check.competitorMentioned(facts));
  expectExact('single_threaded', check.singleThreaded(facts));
  expectExact('no_next_activity', check.noNextActivity(facts));
  expectExact('duplicate_company', check.duplicateCompanies(data));
  expectExact('duplicate_contact', check.duplicateContacts(data));
  const unsynced = of('smartlead_unsynced')
    .map((p) => p.objectId ?? `email:${String(p['email'])}`)
    .sort();
  expect(unsynced, 'smartlead_unsynced').toEqual(check.unsyncedReplies(facts));
}

describe('planted problems (default portal)', () => {
  const { data, facts, planted, of } = load({});

  it('plants every kind, at least 2 of each deal-level kind', () => {
    for (const kind of PLANTED_KINDS) expect(of(kind).length, kind).toBeGreaterThanOrEqual(1);
    for (const kind of [...DEAL_PLANT_KINDS, 'duplicate_contact', 'duplicate_company', 'smartlead_unsynced']) {
      expect(of(kind).length, kind).toBeGreaterThanOrEqual(2);
    }
    expect(planted.every((p) => p.objectId === null || typeof p.objectId === 'string')).toBe(true);
  });

  it('matches reality exactly: each plant holds, and no unplanted record has the problem', () => {
    plantsMatchReality({});
  });

  it('stale deals are quiet in HubSpot and SmartLead for more than 21 days, including record metadata', () => {
    const cutoff = facts.asOf - 21 * DAY;
    for (const p of of('stale_deal')) {
      const d = facts.deal(p.objectId);
      expect(d.open).toBe(true);
      expect(facts.lastActivity(d)).toBeLessThan(cutoff);
      expect(Number(p['daysSinceActivity'])).toBeGreaterThan(21);
      expect(Date.parse(d.rec.properties['hs_lastmodifieddate']!)).toBeLessThan(cutoff);
      for (const e of d.engagements) {
        expect(Date.parse(e.rec.properties['hs_createdate']!)).toBeLessThan(cutoff);
        expect(Date.parse(e.rec.properties['hs_lastmodifieddate']!)).toBeLessThan(cutoff);
        if (!e.upcoming) expect(e.at).toBeLessThan(cutoff);
      }
      for (const entries of Object.values(d.history))
        for (const h of entries) expect(Date.parse(h.timestamp)).toBeLessThan(cutoff);
    }
  });

  it('duplicate companies: the same-domain pair shares a domain, the name-only pair has the same name', () => {
    const byId = new Map(data.objects.companies.map((c) => [c.id, c]));
    const names = of('duplicate_company').map((p) => byId.get(p.objectId!)!.properties['name']);
    expect(names).toContain('Shreeji Logistics Private Limited');
    expect(names).toContain('Vahan Freight');
    for (const p of of('duplicate_company')) {
      const dup = byId.get(p.objectId!)!;
      const orig = byId.get(String(p['duplicateOf']))!;
      expect(Number(dup.id)).toBeGreaterThan(Number(orig.id));
      if (p['variant'] === 'same_domain') expect(dup.properties['domain']).toBe(orig.properties['domain']);
      else
        expect(check.normalizeCompany(dup.properties['name']!)).toBe(check.normalizeCompany(orig.properties['name']!));
    }
  });

  it('unsynced SmartLead repliers have no HubSpot email at all; one replier is not in HubSpot', () => {
    const notInHubspot = of('smartlead_unsynced').filter((p) => p.objectId === null);
    expect(notInHubspot.length).toBeGreaterThanOrEqual(1);
    const emails = new Set([...facts.contacts.values()].map((c) => c.properties['email']!.trim().toLowerCase()));
    for (const p of notInHubspot) expect(emails.has(String(p['email']))).toBe(false);
    for (const p of of('smartlead_unsynced').filter((x) => x.objectId !== null)) {
      expect((facts.engagementsByContact.get(p.objectId!) ?? []).filter((e) => e.type === 'emails')).toEqual([]);
    }
  });

  it('stage mismatches are early-stage deals with proposal talk in an email, a meeting or a SmartLead reply', () => {
    const via = new Set(of('stage_mismatch').map((p) => p['via']));
    expect(via).toEqual(new Set(['email', 'meeting', 'smartlead_reply']));
  });

  it('single-threaded deals are big (>= 30L) with one contact; other big open deals have two or more', () => {
    for (const d of facts.openDeals()) {
      if (Number(d.rec.properties['amount'] ?? 0) < 3_000_000) continue;
      const planted = of('single_threaded').some((p) => p.objectId === d.rec.id);
      expect(d.contacts.length === 1).toBe(planted);
    }
  });
});

describe('AE weekly updates', () => {
  const { data, facts, of } = load({});
  const updates = new Map(data.aeUpdates!.map((u) => [u.ownerId, u]));
  const kinds = [
    'update_stage_mismatch',
    'update_missing_deal',
    'update_stale_deal',
    'update_amount_mismatch',
    'update_close_date_mismatch',
    'update_unlogged_activity',
    'update_lost_not_closed',
    'update_consistent',
  ];
  const mentions = data.generator!.planted.filter((p) => kinds.includes(p.kind));
  const expected = (p: Planted) => p['expected'] as Record<string, unknown>;

  it('one update per AE, sent on asOf day, mentioning 4-7 of their deals incl. one consistent', () => {
    const aes = Object.keys(data.managers!);
    expect([...updates.keys()].sort()).toEqual(aes.sort());
    for (const ae of aes) {
      const u = updates.get(ae)!;
      expect(u.sentAt.slice(0, 10)).toBe('2026-11-20');
      expect(Date.parse(u.sentAt)).toBeLessThanOrEqual(facts.asOf);
      const mine = mentions.filter((m) => m['ownerId'] === ae);
      expect(mine.length).toBeGreaterThanOrEqual(4);
      expect(mine.length).toBeLessThanOrEqual(7);
      expect(mine.some((m) => m.kind === 'update_consistent')).toBe(true);
      for (const m of mine) {
        expect(u.text).toContain(String(m['mention']));
        if (m.objectId) expect(facts.deal(m.objectId).rec.properties['hubspot_owner_id']).toBe(ae);
      }
    }
  });

  it('each divergence is real in the CRM', () => {
    const weekStart = Date.parse('2026-11-16T00:00:00+05:30');
    for (const m of mentions) {
      const e = expected(m);
      const d = m.objectId ? facts.deal(m.objectId) : undefined;
      if (d) expect(d.open, m.kind).toBe(true);
      switch (m.kind) {
        case 'update_missing_deal': {
          const names = [...facts.companies.values()].map((c) => check.normalizeCompany(c.properties['name']!));
          expect(names).not.toContain(check.normalizeCompany(String(e['company'])));
          expect(data.objects.deals.some((x) => x.properties['dealname']!.includes(String(e['company'])))).toBe(false);
          break;
        }
        case 'update_stage_mismatch':
          expect(d!.stage).toBe(e['crmStage']);
          expect(facts.stageIndex(String(e['claimedStage']))).toBeGreaterThan(facts.stageIndex(d!.stage));
          break;
        case 'update_stale_deal':
          expect(facts.lastActivity(d!)).toBeLessThan(facts.asOf - 21 * DAY);
          break;
        case 'update_amount_mismatch':
          expect(Number(d!.rec.properties['amount'])).toBe(e['crmAmount']);
          expect(e['claimedAmount']).not.toBe(e['crmAmount']);
          break;
        case 'update_close_date_mismatch':
          expect(d!.rec.properties['closedate']!.slice(0, 10)).toBe(e['crmCloseDate']);
          expect(e['claimedCloseDate']).not.toBe(e['crmCloseDate']);
          break;
        case 'update_unlogged_activity':
          expect(
            d!.engagements.filter((x) => (x.type === 'calls' || x.type === 'meetings') && x.at >= weekStart),
          ).toEqual([]);
          for (const c of d!.contacts) {
            expect(
              (facts.engagementsByContact.get(c.id) ?? []).filter(
                (x) => (x.type === 'calls' || x.type === 'meetings') && x.at >= weekStart,
              ),
            ).toEqual([]);
          }
          break;
        case 'update_lost_not_closed':
          expect(d!.stage).toBe(e['crmStage']);
          break;
        case 'update_consistent':
          expect(d!.stage).toBe(e['stage']);
          expect(Number(d!.rec.properties['amount'])).toBe(e['amount']);
          expect(d!.rec.properties['closedate']!.slice(0, 10)).toBe(e['closeDate']);
          expect(facts.lastActivity(d!)).toBeGreaterThan(facts.asOf - 21 * DAY);
          break;
      }
    }
    for (const kind of kinds) expect(of(kind).length, kind).toBeGreaterThanOrEqual(1);
  });
});

describe('plants at other seeds and sizes', () => {
  it('seed 7, 400 deals: plants match reality', () => {
    plantsMatchReality({ seed: 7, deals: 400 });
  });
  it('seed 3, 45 deals: plants match reality', () => {
    plantsMatchReality({ seed: 3, deals: 45 });
  });
});

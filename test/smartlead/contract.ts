/**
 * The OutreachPort contract: every implementation (the SmartLead client over the sandbox, the dataset fake)
 * must pass it, loaded with the fixture portal. Expectations come from the dataset, not from either side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalDataset } from '../../src/dataset/index.js';
import { SmartLeadError } from '../../src/errors/index.js';
import type { OutreachPort, OutreachProgress } from '../../src/smartlead/index.js';
import { BIG, BIG_LEADS, buildPortal, EMPTY, expected, leadEmail, MISSING, SMALL } from './fixtures.js';

export interface PortHandle {
  port: OutreachPort;
  close?: () => Promise<void>;
}

export type MakePort = (dataset: PortalDataset) => Promise<PortHandle> | PortHandle;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function rejectsWith(p: Promise<unknown>, code: string): Promise<SmartLeadError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SmartLeadError);
  expect((e as SmartLeadError).code).toBe(code);
  return e as SmartLeadError;
}

export function describeOutreachContract(name: string, makePort: MakePort): void {
  describe(`OutreachPort contract: ${name}`, () => {
    const dataset = buildPortal();
    let handle: PortHandle;
    let port: OutreachPort;

    beforeAll(async () => {
      handle = await makePort(dataset);
      port = handle.port;
    });
    afterAll(async () => {
      await handle?.close?.();
    });

    it('lists campaigns newest first with numeric ids and ISO times', async () => {
      const campaigns = await port.listCampaigns();
      expect(campaigns.map((c) => c.id)).toEqual(expected.campaignIds);
      const small = campaigns.find((c) => c.id === SMALL)!;
      expect(small).toEqual({
        id: SMALL,
        name: 'Warehouse Heads',
        status: 'PAUSED',
        createdAt: '2026-10-01T04:30:00.000Z',
        updatedAt: '2026-10-03T10:00:00.000Z',
        clientId: 5,
        parentCampaignId: null,
      });
      for (const c of campaigns) expect(c.createdAt).toMatch(ISO);
    });

    it('gets one campaign, and null for a missing one', async () => {
      const c = await port.getCampaign(BIG);
      expect(c).toMatchObject({
        id: BIG,
        name: 'Q4 Logistics CFOs',
        status: 'ACTIVE',
        createdAt: '2026-09-01T00:00:00.000Z',
        updatedAt: '2026-09-01T00:00:00.000Z',
      });
      expect(await port.getCampaign(MISSING)).toBeNull();
    });

    it('pages through every lead of a campaign (more than 100)', async () => {
      const leads = await port.listCampaignLeads(BIG);
      expect(leads).toHaveLength(BIG_LEADS);
      expect(leads.map((l) => l.leadId)).toEqual(Array.from({ length: BIG_LEADS }, (_, i) => 880 + i));
      expect(new Set(leads.map((l) => l.campaignLeadMapId)).size).toBe(BIG_LEADS);
      for (const l of leads) {
        expect(l.campaignId).toBe(BIG);
        expect(typeof l.campaignLeadMapId).toBe('number');
        expect(l.email).toBe(leadEmail(l.leadId));
        expect(l.createdAt).toBe('2026-09-01T00:00:00.000Z'); // the campaign's, as the dataset gives none
      }
      const ravi = leads[0]!;
      expect(ravi).toMatchObject({
        leadId: 880,
        email: 'CFO@Forace.example',
        firstName: 'Ravi',
        lastName: 'K',
        companyName: 'Forace Group',
        status: 'INPROGRESS',
        categoryId: 1,
        customFields: { Title: 'CFO' },
        isUnsubscribed: false,
      });
      expect(leads.find((l) => l.leadId === 881)!.status).toBe('INPROGRESS'); // emailed, no status in the dataset
      expect(leads.find((l) => l.leadId === 885)!.status).toBe('STARTED'); // never emailed
    });

    it('lists a small and an empty campaign, and refuses a missing one', async () => {
      const small = await port.listCampaignLeads(SMALL);
      expect(small.map((l) => [l.leadId, l.status, l.isUnsubscribed])).toEqual([
        [881, 'INPROGRESS', false],
        [2000, 'COMPLETED', false],
        [2001, 'PAUSED', true],
      ]);
      expect(small[1]!.createdAt).toBe('2026-10-02T12:00:00.000Z');
      expect(await port.listCampaignLeads(EMPTY)).toEqual([]);
      await rejectsWith(port.listCampaignLeads(MISSING), 'SMARTLEAD_NOT_FOUND');
    });

    it('reads a message history in time order with sequence numbers and threads', async () => {
      const history = await port.getLeadMessageHistory(BIG, 880);
      expect(history.map((m) => [m.type, m.time, m.sequenceNumber])).toEqual([
        ['SENT', '2026-11-10T09:00:00.000Z', 1],
        ['SENT', '2026-11-13T03:30:00.000Z', 2],
        ['REPLY', '2026-11-14T10:00:00.000Z', 2],
      ]);
      const [first, second, reply] = history as [(typeof history)[0], (typeof history)[0], (typeof history)[0]];
      expect(first).toMatchObject({
        campaignId: BIG,
        leadId: 880,
        subject: 'Freight costs at Forace',
        body: '<p>Hi Ravi</p>',
        to: 'CFO@Forace.example',
      });
      expect(reply).toMatchObject({ subject: null, body: '<p>Send the deck</p>', from: 'CFO@Forace.example' });
      expect(reply.statsId).toBe(second.statsId); // a reply is recorded against the email it answers
      expect(first.statsId).not.toBe(second.statsId);
      expect(new Set(history.map((m) => m.messageId)).size).toBe(3);

      const later = await port.getLeadMessageHistory(BIG, 880, { after: '2026-11-13T12:00:00Z' });
      expect(later.map((m) => m.type)).toEqual(['REPLY']);
    });

    it('gives an empty history for a lead never emailed, and refuses a lead outside the campaign', async () => {
      expect(await port.getLeadMessageHistory(BIG, 885)).toEqual([]);
      await rejectsWith(port.getLeadMessageHistory(BIG, 2000), 'SMARTLEAD_NOT_FOUND');
    });

    it('finds a lead by email case-insensitively with its campaigns; null when unknown', async () => {
      const ravi = await port.getLeadByEmail('cfo@FORACE.example');
      expect(ravi).toMatchObject({
        id: 880,
        email: 'CFO@Forace.example',
        firstName: 'Ravi',
        companyName: 'Forace Group',
        createdAt: '2026-09-01T00:00:00.000Z',
      });
      expect(ravi!.campaigns).toHaveLength(1);
      expect(ravi!.campaigns[0]).toMatchObject({
        campaignId: BIG,
        campaignName: 'Q4 Logistics CFOs',
        categoryId: 1,
        lastSentAt: '2026-11-13T03:30:00.000Z',
        lastReplyAt: '2026-11-14T10:00:00.000Z',
      });

      const shared = await port.getLeadByEmail(` ${leadEmail(881).toUpperCase()} `);
      expect(shared!.id).toBe(881);
      expect(shared!.campaigns.map((c) => c.campaignId).sort()).toEqual([BIG, SMALL].sort());

      expect(await port.getLeadByEmail('nobody@nowhere.example')).toBeNull();
      expect(await port.getLeadByEmail('   ')).toBeNull();
    });

    it('pages statistics: one row per sent email, filters by status and time', async () => {
      const all = await port.getCampaignStatistics(BIG);
      expect(all.total).toBe(expected.bigSent);
      expect(all.rows).toHaveLength(expected.bigSent); // more than one page of 100
      expect(new Set(all.rows.map((r) => r.statsId)).size).toBe(expected.bigSent);
      const sentTimes = all.rows.map((r) => r.sentTime!);
      expect([...sentTimes].sort()).toEqual(sentTimes);

      const replied = await port.getCampaignStatistics(BIG, { emailStatus: 'replied' });
      expect(replied.rows).toHaveLength(1);
      expect(replied.rows[0]).toMatchObject({
        leadEmail: 'CFO@Forace.example',
        sequenceNumber: 2,
        replyTime: '2026-11-14T10:00:00.000Z',
        leadCategory: 'Interested',
      });

      const bounced = await port.getCampaignStatistics(BIG, { emailStatus: 'bounced' });
      expect(bounced.rows.map((r) => r.leadEmail)).toEqual([leadEmail(895)]);

      const window = await port.getCampaignStatistics(BIG, {
        sentFrom: '2026-11-10T00:00:00Z',
        sentTo: '2026-11-11T23:59:59Z',
      });
      expect(window.rows.map((r) => r.sentTime)).toEqual(['2026-11-10T09:00:00.000Z', '2026-11-11T09:00:00.000Z']);
      const zoneless = await port.getCampaignStatistics(BIG, {
        sentFrom: '2026-11-10 09:00:00',
        sentTo: '2026-11-11 08:59:59',
      });
      expect(zoneless.rows.map((r) => r.sentTime)).toEqual(['2026-11-10T09:00:00.000Z']); // zone-less times are UTC

      const opened = await port.getCampaignStatistics(SMALL, { emailStatus: 'opened' });
      expect(opened.rows.map((r) => [r.leadEmail, r.openCount, r.clickCount])).toEqual([
        ['ops@warehouse.example', 3, 1],
        [leadEmail(881), 1, 0], // replied, so opened
      ]);
    });

    it('counts analytics consistently with the messages', async () => {
      const snapshot = await port.readAll();
      const inBig = snapshot.messages.filter((m) => m.campaignId === BIG);
      const a = await port.getCampaignAnalytics(BIG);
      expect(a).toMatchObject({ campaignId: BIG, name: 'Q4 Logistics CFOs', status: 'ACTIVE' });
      expect(a.sentCount).toBe(inBig.filter((m) => m.type === 'SENT').length);
      expect(a.sentCount).toBe(expected.bigSent);
      expect(a.uniqueSentCount).toBe(new Set(inBig.filter((m) => m.type === 'SENT').map((m) => m.leadId)).size);
      expect(a.replyCount).toBe(new Set(inBig.filter((m) => m.type === 'REPLY').map((m) => m.leadId)).size);
      expect(a.bounceCount).toBe(1);
      expect(a.totalCount).toBe(BIG_LEADS);
      expect(a.sequenceCount).toBe(2);
      expect(a.leadStats).toEqual({
        total: BIG_LEADS,
        notStarted: BIG_LEADS - 2 - 120, // neither 880, 881 nor the mass-mailed 890..1009
        inProgress: 122,
        completed: 0,
        paused: 0,
        stopped: 0,
        blocked: 0,
        interested: 1,
      });

      const day = await port.getCampaignAnalyticsByDate(BIG, '2026-11-10', '2026-11-11');
      expect(day).toMatchObject({
        campaignId: BIG,
        startDate: '2026-11-10',
        endDate: '2026-11-11',
        sentCount: 2,
        uniqueSentCount: 2,
        replyCount: 0,
      });
      await rejectsWith(port.getCampaignAnalyticsByDate(BIG, '2026-11-10', 'tomorrow'), 'SMARTLEAD_RESPONSE');
      await rejectsWith(port.getCampaignAnalytics(MISSING), 'SMARTLEAD_NOT_FOUND');
    });

    it('reads everything with progress', async () => {
      const progress: OutreachProgress[] = [];
      const s = await port.readAll((p) => progress.push(p));
      expect(s.campaigns.map((c) => c.id)).toEqual(expected.campaignIds);
      expect(s.leads).toHaveLength(expected.totalLeads);
      expect(s.messages).toHaveLength(expected.totalMessages);
      const leadKeys = new Set(s.leads.map((l) => `${l.campaignId}:${l.leadId}`));
      for (const m of s.messages) {
        expect(leadKeys.has(`${m.campaignId}:${m.leadId}`)).toBe(true);
        expect(m.time).toMatch(ISO);
      }
      expect(progress.at(-1)).toEqual({ phase: 'messages', done: expected.totalLeads, total: expected.totalLeads });
      expect(progress.filter((p) => p.phase === 'leads').at(-1)).toEqual({ phase: 'leads', done: 3, total: 3 });
    });
  });
}

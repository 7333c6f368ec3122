/**
 * One contract for every CrmWriter: the HubSpot adapter writing to the sandbox through the official client,
 * and the in-memory dataset fake. Each write is read back through the same port's reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotClient, DatasetCrm, HubSpotCrm, type CrmPort, type CrmWriter } from '../../src/crm/index.js';
import { HubSpotError } from '../../src/errors/index.js';
import { LIMIT_PRESETS, startSandbox } from '../../src/sandbox/index.js';
import { fixture } from '../support/fixtures.js';

type Port = CrmPort & CrmWriter;
const data = () => fixture({ deals: 12, notesPerDeal: 1 });

async function rejection(p: Promise<unknown>): Promise<HubSpotError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(HubSpotError);
  return e as HubSpotError;
}

function describeWriterContract(name: string, make: () => Promise<{ port: Port; close(): Promise<void> }>): void {
  describe(`CrmWriter contract: ${name}`, () => {
    let port: Port;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ port, close } = await make());
    });
    afterAll(() => close());

    it('updates deal properties and records the new stage in its history', async () => {
      // deal 4005: stage STAGES[1] (qualifiedtobuy), amount 50,000, owner 101
      const r = await port.updateDeal('4005', {
        dealstage: 'contractsent',
        amount: '65000',
        closedate: '2026-12-15T00:00:00.000Z',
      });
      expect(r).toEqual({ id: '4005' });
      const d = (await port.getDeal('4005'))!;
      expect(d).toMatchObject({
        stageId: 'contractsent',
        amount: 65_000,
        closeDate: '2026-12-15T00:00:00.000Z',
        ownerId: '101',
        contactIds: ['3005'],
        companyIds: ['2002'],
      });
      expect(d.stageHistory.at(-1)?.value).toBe('contractsent');
      expect(Date.parse(d.properties['hs_lastmodifieddate']!)).toBeGreaterThan(Date.parse('2026-02-01'));
    });

    it('refuses an unknown deal with a 404 and an invalid stage or read-only property with a 400, changing nothing', async () => {
      expect((await rejection(port.updateDeal('999999', { amount: '1' }))).status).toBe(404);
      expect((await rejection(port.updateDeal('4006', { dealstage: 'no-such-stage' }))).status).toBe(400);
      expect((await rejection(port.updateDeal('4006', { hs_object_id: '1' }))).status).toBe(400);
      expect((await rejection(port.updateDeal('4006', { hubspot_owner_id: '999' }))).status).toBe(400);
      expect((await port.getDeal('4006'))!).toMatchObject({ stageId: 'contractsent', ownerId: '102' });
    });

    it('creates a deal linked to its company and contacts in one request', async () => {
      const before = (await port.listDeals()).length;
      const { id } = await port.createDeal(
        {
          dealname: 'Client 1 - WMS expansion',
          dealstage: 'qualifiedtobuy',
          amount: '250000',
          hubspot_owner_id: '102',
          closedate: '2027-01-31T00:00:00.000Z',
        },
        { companyId: '2001', contactIds: ['3001', '3004'] },
      );
      expect(id).toMatch(/^\d+$/);
      expect((await port.listDeals()).length).toBe(before + 1);
      const d = (await port.getDeal(id))!;
      expect(d).toMatchObject({
        name: 'Client 1 - WMS expansion',
        stageId: 'qualifiedtobuy',
        pipelineId: 'default',
        amount: 250_000,
        ownerId: '102',
        companyIds: ['2001'],
        contactIds: ['3001', '3004'],
      });
      expect((await port.associations('companies', ['2001'], 'deals')).get('2001')).toContain(id);
    });

    it('refuses a deal linked to a company that does not exist, creating nothing', async () => {
      const before = (await port.listDeals()).length;
      expect(
        (await rejection(port.createDeal({ dealname: 'Ghost', dealstage: 'qualifiedtobuy' }, { companyId: '999999' })))
          .status,
      ).toBe(400);
      expect((await port.listDeals()).length).toBe(before);
    });

    it('creates a note, task, call and meeting on a deal, readable with their deal and contact links', async () => {
      const note = await port.createEngagement(
        'note',
        { hs_note_body: 'Shortlisted to final 2', hs_timestamp: '2026-11-20T10:00:00.000Z', hubspot_owner_id: '101' },
        { dealId: '4003', contactIds: ['3003'] },
      );
      const task = await port.createEngagement(
        'task',
        {
          hs_task_subject: 'Send revised proposal',
          hs_task_status: 'NOT_STARTED',
          hs_timestamp: '2026-11-25T10:00:00.000Z',
        },
        { dealId: '4003' },
      );
      const call = await port.createEngagement(
        'call',
        { hs_call_body: 'Spoke to the CFO', hs_call_status: 'COMPLETED', hs_timestamp: '2026-11-19T09:30:00.000Z' },
        { dealId: '4003' },
      );
      const meeting = await port.createEngagement(
        'meeting',
        {
          hs_meeting_title: 'F2F with CFO',
          hs_meeting_start_time: '2026-11-18T06:00:00.000Z',
          hs_timestamp: '2026-11-18T06:00:00.000Z',
          hs_meeting_outcome: 'COMPLETED',
        },
        { dealId: '4003' },
      );
      const [n] = await port.getEngagements('note', [note.id]);
      expect(n).toMatchObject({
        kind: 'note',
        body: 'Shortlisted to final 2',
        timestamp: '2026-11-20T10:00:00.000Z',
        ownerId: '101',
        dealIds: ['4003'],
        contactIds: ['3003'],
      });
      expect((await port.getEngagements('task', [task.id]))[0]).toMatchObject({
        subject: 'Send revised proposal',
        status: 'NOT_STARTED',
        dealIds: ['4003'],
      });
      expect((await port.getEngagements('call', [call.id]))[0]).toMatchObject({
        body: 'Spoke to the CFO',
        status: 'COMPLETED',
        timestamp: '2026-11-19T09:30:00.000Z',
        dealIds: ['4003'],
      });
      expect((await port.getEngagements('meeting', [meeting.id]))[0]).toMatchObject({
        subject: 'F2F with CFO',
        status: 'COMPLETED',
        dealIds: ['4003'],
      });
      expect((await port.associations('deals', ['4003'], 'notes')).get('4003')).toContain(note.id);
      expect(new Set([note.id, task.id, call.id, meeting.id]).size).toBe(4);
    });

    it('refuses an engagement without hs_timestamp or on a missing deal, creating nothing', async () => {
      const before = (await port.listEngagements('note')).length;
      expect((await rejection(port.createEngagement('note', { hs_note_body: 'x' }, { dealId: '4001' }))).status).toBe(
        400,
      );
      expect(
        (
          await rejection(
            port.createEngagement(
              'note',
              { hs_note_body: 'x', hs_timestamp: '2026-11-20T10:00:00Z' },
              { dealId: '999999' },
            ),
          )
        ).status,
      ).toBe(400);
      expect((await port.listEngagements('note')).length).toBe(before);
    });
  });
}

describeWriterContract('HubSpot adapter over the sandbox', async () => {
  const sb = await startSandbox({ dataset: data(), limits: LIMIT_PRESETS.pro });
  const hs = createHubSpotClient({
    accessToken: sb.token,
    basePath: sb.url,
    burst: { requests: 190, windowMs: 10_000 },
    searchPerSecond: 5,
  });
  return { port: new HubSpotCrm(hs), close: () => sb.close() };
});

describeWriterContract('in-memory dataset fake', async () => ({ port: new DatasetCrm(data()), close: async () => {} }));

describe('DatasetCrm writes', () => {
  it('leave the dataset it was given untouched', async () => {
    const d = data();
    const before = JSON.stringify(d);
    const crm = new DatasetCrm(d);
    await crm.updateDeal('4001', { dealstage: 'closedwon' });
    await crm.createEngagement('note', { hs_note_body: 'x', hs_timestamp: '2026-11-20T10:00:00Z' }, { dealId: '4001' });
    expect(JSON.stringify(d)).toBe(before);
    expect((await new DatasetCrm(d).getDeal('4001'))!.stageId).toBe('qualifiedtobuy');
    expect((await crm.getDeal('4001'))!.stageId).toBe('closedwon');
  });
});

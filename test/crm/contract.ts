/** One contract for every CrmPort: the HubSpot adapter over the sandbox and the in-memory dataset fake. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmPort } from '../../src/crm/index.js';
import { dealAmount, STAGES } from '../support/fixtures.js';

export const CONTRACT_DEALS = 120;

export function describeCrmContract(
  name: string,
  make: () => Promise<{ port: CrmPort; close(): Promise<void> }>,
): void {
  describe(`CrmPort contract: ${name}`, () => {
    let port: CrmPort;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ port, close } = await make());
    });
    afterAll(() => close());

    it("reads the account: currency, timezone and the dataset's now", async () => {
      const a = await port.accountInfo();
      expect(a).toMatchObject({ currency: 'INR', timezone: 'Asia/Kolkata', asOf: '2026-11-20T12:30:00.000Z' });
    });

    it('lists owners with display names', async () => {
      const owners = await port.listOwners();
      expect(owners.map((o) => [o.id, o.name])).toEqual([
        ['101', 'Asha Rao'],
        ['102', 'Vikram Shah'],
      ]);
    });

    it('lists pipelines with numeric probabilities and won/closed flags', async () => {
      const [p] = await port.listPipelines();
      expect(p!.stages.map((s) => s.id)).toEqual([
        'appointmentscheduled',
        'qualifiedtobuy',
        'contractsent',
        'closedwon',
        'closedlost',
      ]);
      expect(p!.stages.find((s) => s.id === 'closedwon')).toMatchObject({
        isClosed: true,
        isWon: true,
        probability: 1,
      });
      expect(p!.stages.find((s) => s.id === 'closedlost')).toMatchObject({
        isClosed: true,
        isWon: false,
        probability: 0,
      });
    });

    it('lists every deal with amount, stage, owner, history oldest first and associations', async () => {
      const deals = await port.listDeals();
      expect(deals).toHaveLength(CONTRACT_DEALS);
      const d6 = deals.find((d) => d.id === '4006')!;
      expect(d6).toMatchObject({
        name: 'Deal number 6',
        amount: dealAmount(6),
        stageId: STAGES[6 % 4],
        ownerId: '102',
        contactIds: ['3006'],
        companyIds: ['2000'],
      });
      expect(d6.stageHistory.map((h) => h.value)).toEqual(['appointmentscheduled', STAGES[6 % 4]]);
      expect(deals.find((d) => d.id === '4007')!.amount).toBeNull();
    });

    it('lists engagements with plain-text bodies and their deal links', async () => {
      const notes = await port.listEngagements('note');
      expect(notes).toHaveLength(CONTRACT_DEALS);
      const n = notes.find((x) => x.dealIds.includes('4003'))!;
      expect(n).toMatchObject({ kind: 'note', body: 'Note 0 on deal 3', ownerId: '101' });
      expect(await port.listEngagements('call')).toEqual([]);
    });

    it('lists contacts with their companies', async () => {
      const contacts = await port.listContacts();
      expect(contacts).toHaveLength(CONTRACT_DEALS);
      expect(contacts.find((c) => c.id === '3004')).toMatchObject({
        email: 'person4@client1.example',
        companyIds: ['2001'],
      });
    });

    it('reads deals by id, leaving out unknown ids', async () => {
      const deals = await port.getDeals(['4002', '999999', '4001']);
      expect(deals.map((d) => d.id)).toEqual(['4002', '4001']);
      expect(await port.getDeal('999999')).toBeNull();
    });

    it('searches deals with ANDed filters and a sort', async () => {
      const deals = await port.searchDeals({
        filters: [
          { propertyName: 'hubspot_owner_id', operator: 'EQ', value: '101' },
          { propertyName: 'amount', operator: 'GTE', value: String(dealAmount(100)) },
        ],
        sort: { propertyName: 'amount', direction: 'DESCENDING' },
      });
      const want = Array.from({ length: CONTRACT_DEALS }, (_, k) => k + 1)
        .filter((i) => i % 2 === 1 && i % 7 !== 0 && i >= 100)
        .reverse();
      expect(deals.map((d) => d.id)).toEqual(want.map((i) => String(4000 + i)));
      const top = await port.searchDeals({ sort: { propertyName: 'createdate', direction: 'DESCENDING' }, max: 2 });
      expect(top.map((d) => d.id)).toEqual([String(4000 + CONTRACT_DEALS), String(3999 + CONTRACT_DEALS)]);
    });

    it('finds records modified since a time', async () => {
      // deal i was last modified on day i + 1 of 2026
      const hits = await port.modifiedSince('deals', new Date(Date.UTC(2026, 0, 1) + 110 * 86_400_000).toISOString());
      expect(hits.map((h) => h.id).sort()).toEqual(
        Array.from({ length: CONTRACT_DEALS - 109 }, (_, k) => String(4110 + k)),
      );
      // deal 4110 was last modified on day 111 of 2026
      expect(hits.find((h) => h.id === '4110')!.modifiedAt).toBe(
        new Date(Date.UTC(2026, 0, 1) + 110 * 86_400_000).toISOString(),
      );
    });

    it('reads associations for many records in both directions', async () => {
      const fwd = await port.associations('deals', ['4001', '4002'], 'contacts');
      expect(Object.fromEntries(fwd)).toEqual({ '4001': ['3001'], '4002': ['3002'] });
      const back = await port.associations('companies', ['2001'], 'deals');
      expect(back.get('2001')).toHaveLength(
        Array.from({ length: CONTRACT_DEALS }, (_, k) => k + 1).filter((i) => i % 3 === 1).length,
      );
    });

    it('reads the whole portal in one snapshot', async () => {
      const snap = await port.readAll();
      expect([
        snap.owners.length,
        snap.companies.length,
        snap.contacts.length,
        snap.deals.length,
        snap.engagements.length,
      ]).toEqual([2, 3, CONTRACT_DEALS, CONTRACT_DEALS, CONTRACT_DEALS]);
    });
  });
}

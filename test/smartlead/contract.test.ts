/** The OutreachPort contract against both implementations, and a check that they agree field for field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetOutreach, SmartLeadClient } from '../../src/smartlead/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { describeOutreachContract } from './contract.js';
import { BIG, buildPortal, leadEmail, SMALL } from './fixtures.js';

describeOutreachContract('SmartLeadClient over the sandbox', async (dataset) => {
  const sandbox = await startSandbox({ dataset, limits: { smartlead: false } });
  const port = new SmartLeadClient({
    baseUrl: `${sandbox.url}/smartlead/api/v1`,
    apiKey: sandbox.token,
    requestsPerSecond: Infinity,
    concurrency: 4,
  });
  return { port, close: () => sandbox.close() };
});

describeOutreachContract('DatasetOutreach', (dataset) => ({ port: new DatasetOutreach(dataset.smartlead) }));

describe('SmartLeadClient over the sandbox and DatasetOutreach agree', () => {
  const dataset = buildPortal();
  const fake = new DatasetOutreach(dataset.smartlead);
  let sandbox: RunningSandbox;
  let client: SmartLeadClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ dataset, limits: { smartlead: false } });
    client = new SmartLeadClient({
      baseUrl: `${sandbox.url}/smartlead/api/v1`,
      apiKey: sandbox.token,
      requestsPerSecond: Infinity,
      concurrency: 4,
    });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('on the whole snapshot', async () => {
    expect(await client.readAll()).toEqual(await fake.readAll());
  });

  it('on statistics, analytics and leads by email', async () => {
    for (const id of [BIG, SMALL]) {
      expect(await client.getCampaignStatistics(id)).toEqual(await fake.getCampaignStatistics(id));
      expect(await client.getCampaignAnalytics(id)).toEqual(await fake.getCampaignAnalytics(id));
      expect(await client.getCampaignAnalyticsByDate(id, '2026-10-01', '2026-11-30')).toEqual(
        await fake.getCampaignAnalyticsByDate(id, '2026-10-01', '2026-11-30'),
      );
    }
    for (const email of [leadEmail(880), leadEmail(881), 'ops@warehouse.example', 'none@x.example']) {
      expect(await client.getLeadByEmail(email)).toEqual(await fake.getLeadByEmail(email));
    }
  });

  it('on error messages', async () => {
    const message = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: Error) => e.message,
      );
    expect(await message(client.listCampaignLeads(999))).toBe(await message(fake.listCampaignLeads(999)));
    expect(await message(client.getCampaignAnalyticsByDate(BIG, '2026-02-30', '2026-03-01'))).toBe(
      await message(fake.getCampaignAnalyticsByDate(BIG, '2026-02-30', '2026-03-01')),
    );
  });

  it('without a smartlead section: no campaigns', async () => {
    const none = new DatasetOutreach(undefined);
    expect(await none.readAll()).toEqual({ campaigns: [], leads: [], messages: [] });
    expect(await none.getLeadByEmail('a@b.example')).toBeNull();
  });
});

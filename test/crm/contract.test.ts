import { createHubSpotClient, DatasetCrm, HubSpotCrm } from '../../src/crm/index.js';
import { LIMIT_PRESETS, startSandbox } from '../../src/sandbox/index.js';
import { fixture } from '../support/fixtures.js';
import { CONTRACT_DEALS, describeCrmContract } from './contract.js';

const data = () => fixture({ deals: CONTRACT_DEALS, notesPerDeal: 1 });

describeCrmContract('HubSpot adapter over the sandbox', async () => {
  const sb = await startSandbox({ dataset: data(), limits: LIMIT_PRESETS.pro });
  const hs = createHubSpotClient({
    accessToken: sb.token,
    basePath: sb.url,
    burst: { requests: 190, windowMs: 10_000 },
    searchPerSecond: 5,
  });
  return { port: new HubSpotCrm(hs), close: () => sb.close() };
});

describeCrmContract('in-memory dataset fake', async () => ({ port: new DatasetCrm(data()), close: async () => {} }));

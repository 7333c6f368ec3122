/**
 * Connects the product to its data: with HUBSPOT_ACCESS_TOKEN, the real portal (and SmartLead when keyed);
 * otherwise the local sandbox, started in-process on 127.0.0.1 and read through the very same clients.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import { createHubSpotClient, HubSpotCrm, RequestCounter, type CrmPort } from '../crm/index.js';
import { SmartLeadClient, type OutreachPort } from '../smartlead/index.js';
import { prepareSandboxStore, startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { privateFile } from '../state/index.js';

export interface Connection {
  mode: Config['mode'];
  crm: CrmPort;
  outreach: OutreachPort | null;
  /** HubSpot requests made through this connection (retries included). */
  hubspotRequests: RequestCounter;
  /** SmartLead requests made through this connection. */
  smartleadRequests: RequestCounter;
  /** Where the data comes from, for people: a dataset path or the portal. */
  source: string;
  /** Identifies the data behind the connection; a cache built from another source is rebuilt. */
  sourceKey: string;
  sandbox: RunningSandbox | null;
  close(): Promise<void>;
}

export interface ConnectOptions {
  onProgress?: (message: string) => void;
}

export const SMARTLEAD_BASE = 'https://server.smartlead.ai/api/v1';

export async function connect(config: Config, opts: ConnectOptions = {}): Promise<Connection> {
  let sandbox: RunningSandbox | null = null;
  let source = 'HubSpot portal';
  // A real portal is identified by a digest of its token (never the token itself) and base URL.
  let sourceKey = `portal:${createHash('sha256')
    .update(`${config.hubspot.baseUrl ?? ''}\n${config.hubspot.accessToken}`)
    .digest('hex')
    .slice(0, 16)}`;
  let hubspotBase = config.hubspot.baseUrl;
  let smartleadBase = config.smartlead?.baseUrl ?? SMARTLEAD_BASE;

  if (config.mode === 'sandbox') {
    privateFile(join(config.stateDir, 'sandbox.db')); // the state folder 0700, the file 0600 (like mis.db)
    const prepared = prepareSandboxStore({
      storeFile: join(config.stateDir, 'sandbox.db'),
      dataset: config.sandbox.dataset,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    sandbox = await startSandbox({
      store: prepared.store,
      token: config.sandbox.token,
      limits: config.sandbox.limits,
      faults: config.sandbox.faults,
    });
    source = `sandbox (${prepared.source})`;
    sourceKey = `sandbox:${prepared.store.getMeta('generation') ?? prepared.source}`;
    hubspotBase = config.hubspot.baseUrl ?? sandbox.url;
    if (!config.smartlead?.baseUrl) smartleadBase = `${sandbox.url}/smartlead/api/v1`;
  }

  const hubspotRequests = new RequestCounter();
  const hs = createHubSpotClient({
    accessToken: config.hubspot.accessToken,
    ...(hubspotBase ? { basePath: hubspotBase } : {}),
    attempts: config.hubspot.attempts,
    burst: { requests: config.hubspot.burst, windowMs: 10_000 },
    searchPerSecond: config.hubspot.searchPerSecond,
    counter: hubspotRequests,
  });
  const smartleadRequests = new RequestCounter();
  const outreach = config.smartlead
    ? new SmartLeadClient({
        baseUrl: smartleadBase,
        apiKey: config.smartlead.apiKey,
        requestsPerSecond: config.smartlead.requestsPerSecond,
        onRequest: (method, path) => smartleadRequests.record(method, path),
      })
    : null;

  return {
    mode: config.mode,
    crm: new HubSpotCrm(hs),
    outreach,
    sourceKey,
    hubspotRequests,
    smartleadRequests,
    source,
    sandbox,
    async close() {
      if (sandbox) {
        await sandbox.close();
        sandbox.store.close();
      }
    },
  };
}

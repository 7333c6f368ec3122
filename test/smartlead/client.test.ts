/**
 * SmartLeadClient transport: retries and Retry-After against the sandbox's faults and rate limit, auth
 * failures, pacing, lenient parsing of SmartLead's quirks, and the API key kept out of every error.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmartLeadError } from '../../src/errors/index.js';
import { SmartLeadClient, type SmartLeadClientOptions } from '../../src/smartlead/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { BIG, buildPortal, EMPTY } from './fixtures.js';

const SECRET = 'sl-SECRET-key-4f9a2c';

async function caught(p: Promise<unknown>): Promise<SmartLeadError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SmartLeadError);
  return e as SmartLeadError;
}

/** Every text an error could leak through: message, hint, stack, JSON, String(), and its causes. */
function allText(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const err = cur as Error & { hint?: string };
    parts.push(String(err), err.message ?? '', err.hint ?? '', err.stack ?? '', JSON.stringify(err));
    cur = err.cause;
  }
  return parts.join('\n');
}

/** A client whose fetch answers from a script; records the URLs it was asked for. */
function scripted(
  answers: Array<{ status?: number; body?: unknown; text?: string; headers?: Record<string, string> } | Error>,
  extra: Partial<SmartLeadClientOptions> = {},
) {
  const urls: string[] = [];
  let i = 0;
  const fetchImpl = (async (input: string | URL | Request) => {
    urls.push(String(input));
    const a = answers[Math.min(i++, answers.length - 1)]!;
    if (a instanceof Error) throw a;
    const text = a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body));
    return new Response(text, {
      status: a.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...a.headers },
    });
  }) as typeof fetch;
  const client = new SmartLeadClient({
    baseUrl: 'https://server.smartlead.example/api/v1/',
    apiKey: SECRET,
    requestsPerSecond: Infinity,
    backoffMs: 1,
    fetch: fetchImpl,
    ...extra,
  });
  return { client, urls };
}

describe('SmartLeadClient against the sandbox', () => {
  let sandbox: RunningSandbox;
  const requests: string[] = [];
  const client = (extra: Partial<SmartLeadClientOptions> = {}) =>
    new SmartLeadClient({
      baseUrl: `${sandbox.url}/smartlead/api/v1`,
      apiKey: SECRET,
      requestsPerSecond: Infinity,
      backoffMs: 20,
      onRequest: (method, path) => requests.push(`${method} ${path}`),
      ...extra,
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ dataset: buildPortal(), token: SECRET, limits: { smartlead: false } });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('waits out a 429 Retry-After, then succeeds', async () => {
    requests.length = 0;
    sandbox.injectFault({ status: 429, count: 1, match: '/smartlead/api/v1/campaigns', retryAfter: 1 });
    const t0 = Date.now();
    const campaigns = await client().listCampaigns();
    const waited = Date.now() - t0;
    expect(campaigns).toHaveLength(3);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2500);
    expect(requests).toEqual(['GET /campaigns', 'GET /campaigns']);
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    requests.length = 0;
    const before = sandbox.stats().faultsInjected;
    sandbox.injectFault({ status: 503, count: 2, match: '/leads' });
    const leads = await client().listCampaignLeads(EMPTY);
    expect(leads).toEqual([]);
    expect(sandbox.stats().faultsInjected - before).toBe(2);
    expect(requests).toEqual(Array(3).fill('GET /campaigns/:campaignId/leads'));
  });

  it('gives up on persistent 5xx with SMARTLEAD_UNAVAILABLE', async () => {
    sandbox.injectFault({ status: 500, count: 3, match: '/analytics' });
    const e = await caught(client({ maxRetries: 2 }).getCampaignAnalytics(BIG));
    expect(e.code).toBe('SMARTLEAD_UNAVAILABLE');
    expect(e.status).toBe(500);
    expect(e.message).toContain(`GET /campaigns/${BIG}/analytics`);
    expect(e.message).toContain('after 3 attempts');
    expect(allText(e)).not.toContain(SECRET);
  });

  it('gives up on persistent 429 with SMARTLEAD_RATE_LIMIT', async () => {
    sandbox.injectFault({ status: 429, count: 2, match: '/statistics', retryAfter: 1 });
    const e = await caught(client({ maxRetries: 1 }).getCampaignStatistics(BIG));
    expect(e.code).toBe('SMARTLEAD_RATE_LIMIT');
    expect(e.message).toMatch(/lower the request rate .* or retry later/);
    expect(allText(e)).not.toContain(SECRET);
  });

  it('does not sit out a Retry-After beyond maxRetryAfterMs', async () => {
    sandbox.injectFault({ status: 429, count: 1, match: '/campaigns/77/leads', retryAfter: 120 });
    const t0 = Date.now();
    const e = await caught(client({ maxRetryAfterMs: 5_000 }).listCampaignLeads(BIG));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(e.code).toBe('SMARTLEAD_RATE_LIMIT');
    expect(e.message).toContain('wait 120 s');
  });

  it('maps 401 to SMARTLEAD_AUTH without the key', async () => {
    const wrong = 'sl-WRONG-key-77aa';
    const e = await caught(client({ apiKey: wrong }).listCampaigns());
    expect(e.code).toBe('SMARTLEAD_AUTH');
    expect(e.status).toBe(401);
    expect(e.message).toContain('check SMARTLEAD_API_KEY');
    expect(e.message).toContain('Invalid API Key');
    expect(allText(e)).not.toContain(wrong);
    expect(allText(e)).not.toContain(SECRET);
    expect(() => client({ apiKey: '' })).toThrow(/SMARTLEAD_API_KEY/);
  });

  it('recovers from the rolling-window rate limit on its own', async () => {
    sandbox.setLimits({ smartlead: { requests: 3, windowMs: 1000 } });
    try {
      const before = sandbox.stats().rateLimited;
      const c = client();
      const t0 = Date.now();
      const results = await Promise.all(Array.from({ length: 6 }, () => c.getCampaign(BIG)));
      expect(results.every((r) => r?.id === BIG)).toBe(true);
      expect(sandbox.stats().rateLimited - before).toBeGreaterThan(0);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // the second three had to wait for the window
    } finally {
      sandbox.setLimits({ smartlead: false });
    }
  });

  it('paces requests to requestsPerSecond', async () => {
    const c = client({ requestsPerSecond: 20 });
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) await c.getCampaign(EMPTY);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240); // 5 gaps of 50 ms
  });

  it('keeps the key out of every error it can raise', async () => {
    const c = client({ maxRetries: 0 });
    const errors: SmartLeadError[] = [
      await caught(c.listCampaignLeads(999)), // 404
      await caught(c.getCampaignAnalyticsByDate(BIG, 'soon', 'later')), // 400
      await caught(c.getCampaignStatistics(BIG, { emailStatus: 'nope' as 'opened' })), // 400
    ];
    sandbox.injectFault({ status: 502, count: 1, match: '/campaigns' });
    errors.push(await caught(c.listCampaigns()));
    sandbox.injectFault({ status: 429, count: 1, match: '/campaigns', retryAfter: 1 });
    errors.push(await caught(c.listCampaigns()));
    const closed = new SmartLeadClient({
      baseUrl: 'http://127.0.0.1:1/smartlead/api/v1',
      apiKey: SECRET,
      maxRetries: 1,
      backoffMs: 1,
    });
    errors.push(await caught(closed.listCampaigns()));
    expect(errors.map((e) => e.code)).toEqual([
      'SMARTLEAD_NOT_FOUND',
      'SMARTLEAD_RESPONSE',
      'SMARTLEAD_RESPONSE',
      'SMARTLEAD_UNAVAILABLE',
      'SMARTLEAD_RATE_LIMIT',
      'SMARTLEAD_UNAVAILABLE',
    ]);
    for (const e of errors) {
      expect(allText(e)).not.toContain(SECRET);
      expect(e.message).not.toContain('api_key');
    }
    expect(errors[1]!.message).toContain('start_date is required');
  });
});

describe('SmartLeadClient parsing SmartLead quirks', () => {
  it('coerces string-encoded numbers and odd time formats', async () => {
    const { client } = scripted([
      {
        body: [
          {
            id: '77',
            name: 'Q4',
            status: 'ACTIVE',
            created_at: '07/07/2025 11:13:06',
            updated_at: '2025-07-08 10:00:00',
            client_id: '5',
            parent_campaign_id: '',
          },
        ],
      },
      {
        body: {
          total_leads: '1',
          offset: 0,
          limit: 100,
          data: [
            {
              campaign_lead_map_id: '2433664091',
              lead_category_id: '3',
              status: 'INPROGRESS',
              created_at: 1751886786000,
              lead: {
                id: '2995276770',
                email: 'a@b.example',
                phone_number: 9876543210,
                custom_fields: null,
                is_unsubscribed: 'false',
              },
            },
          ],
        },
      },
      {
        body: {
          id: 77,
          name: 'Q4',
          status: 'ACTIVE',
          sent_count: '12',
          unique_sent_count: '10',
          open_count: '4',
          unique_open_count: '3',
          click_count: '0',
          unique_click_count: '0',
          reply_count: '2',
          bounce_count: '1',
          unsubscribed_count: '0',
          block_count: '0',
          total_count: '20',
          sequence_count: '3',
          campaign_lead_stats: {
            total: '20',
            notStarted: 5,
            inprogress: '10',
            completed: 5,
            paused: 0,
            stopped: 0,
            blocked: 0,
            interested: '1',
          },
        },
      },
    ]);
    expect(await client.listCampaigns()).toEqual([
      {
        id: 77,
        name: 'Q4',
        status: 'ACTIVE',
        createdAt: '2025-07-07T11:13:06.000Z',
        updatedAt: '2025-07-08T10:00:00.000Z',
        clientId: 5,
        parentCampaignId: null,
      },
    ]);
    const [lead] = await client.listCampaignLeads(77);
    expect(lead).toMatchObject({
      campaignId: 77,
      leadId: 2995276770,
      campaignLeadMapId: 2433664091,
      categoryId: 3,
      createdAt: '2025-07-07T11:13:06.000Z',
      phoneNumber: '9876543210',
      customFields: {},
      isUnsubscribed: false,
      firstName: null,
    });
    const a = await client.getCampaignAnalytics(77);
    expect(a).toMatchObject({ sentCount: 12, uniqueSentCount: 10, replyCount: 2, totalCount: 20, sequenceCount: 3 });
    expect(a.leadStats).toEqual({
      total: 20,
      notStarted: 5,
      inProgress: 10,
      completed: 5,
      paused: 0,
      stopped: 0,
      blocked: 0,
      interested: 1,
    });
  });

  it('reads {} , an empty body and 404 as "not found" for a campaign and a lead by email', async () => {
    const { client, urls } = scripted([
      { body: {} },
      { text: '' },
      { status: 404, body: { error: 'Resource not found' } },
      { body: {} },
      { text: '   ' },
    ]);
    expect(await client.getCampaign(1)).toBeNull();
    expect(await client.getCampaign(2)).toBeNull();
    expect(await client.getCampaign(3)).toBeNull();
    expect(await client.getLeadByEmail('Someone@Example.com')).toBeNull();
    expect(await client.getLeadByEmail('x@y.example')).toBeNull();
    expect(urls[0]).toBe(`https://server.smartlead.example/api/v1/campaigns/1?api_key=${SECRET}`);
    expect(new URL(urls[3]!).searchParams.get('email')).toBe('Someone@Example.com');
  });

  it('skips history items that are neither SENT nor REPLY', async () => {
    const { client } = scripted([
      {
        body: {
          history: [
            { type: 'SENT', time: '2026-01-01T00:00:00Z', email_seq_number: '1', subject: 's', email_body: 'b' },
            { type: 'FORWARD', time: '2026-01-02T00:00:00Z' },
          ],
          from: 'x@y',
          to: 'a@b',
        },
      },
    ]);
    const h = await client.getLeadMessageHistory(1, 2);
    expect(h).toEqual([
      {
        campaignId: 1,
        leadId: 2,
        type: 'SENT',
        time: '2026-01-01T00:00:00.000Z',
        subject: 's',
        body: 'b',
        statsId: null,
        messageId: null,
        sequenceNumber: 1,
        from: null,
        to: null,
      },
    ]);
  });

  it('names the endpoint and JSON path of a shape mismatch, not the payload', async () => {
    const { client } = scripted([
      {
        body: {
          total_leads: '2',
          data: [
            { lead: { id: 1, email: 'a@b.example', first_name: 'PAYLOAD-MARKER' } },
            { lead: { id: 2, first_name: 'PAYLOAD-MARKER' } },
          ],
        },
      },
    ]);
    const e = await caught(client.listCampaignLeads(77));
    expect(e.code).toBe('SMARTLEAD_RESPONSE');
    expect(e.message).toContain('GET /campaigns/77/leads');
    expect(e.message).toContain('data[1].lead.email');
    expect(allText(e)).not.toContain('PAYLOAD-MARKER');
    expect(allText(e)).not.toContain(SECRET);

    const notJson = scripted([{ text: '<html>gateway</html>' }]).client;
    expect((await caught(notJson.listCampaigns())).code).toBe('SMARTLEAD_RESPONSE');
  });

  it('redacts a key echoed back by the server or a failing fetch', async () => {
    const echo = scripted([
      { status: 400, body: { error: `bad request /campaigns?api_key=${SECRET}&x=1 (key ${SECRET})` } },
    ]).client;
    const e1 = await caught(echo.listCampaigns());
    expect(e1.message).toContain('api_key=***');
    expect(allText(e1)).not.toContain(SECRET);

    const boom = scripted(
      [new TypeError(`request to https://server.smartlead.example/api/v1/campaigns?api_key=${SECRET} failed`)],
      { maxRetries: 1 },
    ).client;
    const e2 = await caught(boom.listCampaigns());
    expect(e2.code).toBe('SMARTLEAD_UNAVAILABLE');
    expect(allText(e2)).not.toContain(SECRET);

    const unauthorized = scripted([{ status: 401, body: { message: `Invalid API Key ${SECRET}` } }]).client;
    const e3 = await caught(unauthorized.listCampaigns());
    expect(e3.code).toBe('SMARTLEAD_AUTH');
    expect(allText(e3)).not.toContain(SECRET);
  });

  it('takes Retry-After from the 429 body when the header is missing', async () => {
    const { client, urls } = scripted([
      {
        status: 429,
        body: {
          error: {
            code: 'RATE_LIMIT_EXCEEDED',
            message: 'Too many requests. Please retry after 1 seconds.',
            retry_after: 1,
          },
        },
      },
      { body: [] },
    ]);
    const t0 = Date.now();
    expect(await client.listCampaigns()).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(urls).toHaveLength(2);
  });

  it('pages statistics until total_stats', async () => {
    const row = (i: number) => ({
      lead_email: `l${i}@x.example`,
      sequence_number: '1',
      sent_time: '2026-01-01T00:00:00Z',
      open_count: '0',
      click_count: 0,
      is_bounced: false,
    });
    const { client, urls } = scripted([
      { body: { total_stats: '150', data: Array.from({ length: 100 }, (_, i) => row(i)), offset: 0, limit: 100 } },
      {
        body: { total_stats: '150', data: Array.from({ length: 50 }, (_, i) => row(100 + i)), offset: 100, limit: 100 },
      },
    ]);
    const s = await client.getCampaignStatistics(5, { emailStatus: 'replied', sentFrom: '2026-01-01T00:00:00Z' });
    expect(s.total).toBe(150);
    expect(s.rows).toHaveLength(150);
    const q = new URL(urls[1]!).searchParams;
    expect([q.get('offset'), q.get('limit'), q.get('email_status'), q.get('sent_time_start_date')]).toEqual([
      '100',
      '100',
      'replied',
      '2026-01-01T00:00:00Z',
    ]);
  });
});

describe('SmartLeadClient and a real socket that drops', () => {
  it('retries a connection reset and then succeeds', async () => {
    let n = 0;
    const server = createServer((req, res) => {
      if (n++ === 0) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    try {
      const c = new SmartLeadClient({
        baseUrl: `http://127.0.0.1:${port}/api/v1`,
        apiKey: SECRET,
        backoffMs: 10,
        requestsPerSecond: Infinity,
      });
      expect(await c.listCampaigns()).toEqual([]);
      expect(n).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

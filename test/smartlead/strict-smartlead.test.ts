/**
 * The sandbox's SmartLead as strict as SmartLead (api-facts C1–C3): campaign-lead filters honoured, out-of-range
 * paging refused with 400, unknown campaigns 404 on their sub-resources, rate-limit headers on every answer, and a
 * message history whose top-level `from` is the mailbox its messages were sent from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { BIG, BIG_LEADS, buildPortal, SMALL } from './fixtures.js';

const CAMPAIGN_MAILBOX = 'meera.sales@warehouse-co.example';

function portal() {
  const ds = buildPortal();
  for (const m of ds.smartlead!.messages)
    if (m.campaign_id === SMALL && m.lead_id === 2000 && m.type === 'SENT')
      (m as Record<string, unknown>)['from'] = CAMPAIGN_MAILBOX;
  return ds;
}

async function getFrom(sb: RunningSandbox, path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const url = new URL(`${sb.url}/smartlead/api/v1${path}`);
  url.searchParams.set('api_key', 'sandbox-token');
  const res = await fetch(url);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('SmartLead campaign leads, paging and ids', () => {
  let sb: RunningSandbox;
  const get = (path: string) => getFrom(sb, path);
  beforeAll(async () => {
    sb = await startSandbox({ dataset: portal(), limits: { smartlead: false } });
  });
  afterAll(() => sb.close());
  const ids = (body: { data: { lead: { id: number } }[] }) => body.data.map((d) => d.lead.id).sort((a, b) => a - b);

  it('honours status: every lead listed has it, and the statuses partition the campaign', async () => {
    const inProgress = await get(`/campaigns/${BIG}/leads?status=INPROGRESS&limit=100`);
    const started = await get(`/campaigns/${BIG}/leads?status=STARTED&limit=100`);
    expect(inProgress.status).toBe(200);
    for (const d of [...inProgress.body.data, ...started.body.data])
      expect(['INPROGRESS', 'STARTED']).toContain(d.status);
    expect(inProgress.body.data.every((d: { status: string }) => d.status === 'INPROGRESS')).toBe(true);
    expect(Number(inProgress.body.total_leads) + Number(started.body.total_leads)).toBe(BIG_LEADS);
    expect(Number(inProgress.body.total_leads)).toBeGreaterThan(0);
    expect(ids(inProgress.body)).toContain(880);
    const small = await get(`/campaigns/${SMALL}/leads?status=PAUSED`);
    expect(ids(small.body)).toEqual([2001]);
  });

  it('honours lead_category_id, emailStatus and event_time_gt', async () => {
    expect(ids((await get(`/campaigns/${BIG}/leads?lead_category_id=1`)).body)).toEqual([880]);
    expect(ids((await get(`/campaigns/${BIG}/leads?emailStatus=replied`)).body)).toEqual([880]);
    expect(ids((await get(`/campaigns/${BIG}/leads?emailStatus=bounced`)).body)).toEqual([895]);
    expect(ids((await get(`/campaigns/${SMALL}/leads?emailStatus=unsubscribed`)).body)).toEqual([2001]);
    expect(ids((await get(`/campaigns/${SMALL}/leads?emailStatus=clicked`)).body)).toEqual([2000]);
    expect(ids((await get(`/campaigns/${BIG}/leads?event_time_gt=2026-11-12T00:00:00Z`)).body)).toEqual([880]);
  });

  it('refuses unknown filter values and out-of-range limit/offset with 400', async () => {
    for (const q of [
      'status=DONE',
      'emailStatus=maybe',
      'lead_category_id=x',
      'limit=0',
      'limit=101',
      'limit=abc',
      'offset=-1',
      'offset=1.5',
    ]) {
      const r = await get(`/campaigns/${BIG}/leads?${q}`);
      expect(r.status, q).toBe(400);
      expect(typeof r.body.error, q).toBe('string');
    }
    expect((await get(`/campaigns/${BIG}/statistics?limit=1001`)).status).toBe(400);
    expect((await get(`/campaigns/${BIG}/statistics?limit=1000`)).status).toBe(200);
  });

  it('answers 404 for an unknown campaign on its sub-resources (the campaign itself: 200 {}, as api-facts C1 records)', async () => {
    for (const p of [
      '/leads',
      '/statistics',
      '/analytics',
      '/leads/880/message-history',
      '/analytics-by-date?start_date=2026-11-01&end_date=2026-11-02',
    ]) {
      expect(await get(`/campaigns/424242${p}`), p).toMatchObject({
        status: 404,
        body: { error: 'Resource not found' },
      });
    }
    expect(await get('/campaigns/424242')).toMatchObject({ status: 200, body: {} });
  });

  it("gives the history's top-level from as the mailbox its sent messages carry", async () => {
    const h = await get(`/campaigns/${SMALL}/leads/2000/message-history`);
    expect(h.body.from).toBe(CAMPAIGN_MAILBOX);
    for (const m of h.body.history.filter((x: { type: string }) => x.type === 'SENT')) expect(m.from).toBe(h.body.from);
    const big = await get(`/campaigns/${BIG}/leads/880/message-history`);
    for (const m of big.body.history.filter((x: { type: string }) => x.type === 'SENT'))
      expect(m.from).toBe(big.body.from);
  });
});

describe('SmartLead rate-limit headers', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ dataset: portal(), limits: { smartlead: { requests: 3, windowMs: 60_000 } } });
  });
  afterAll(() => sb.close());

  it('sends X-RateLimit-Limit/Remaining/Reset on every answer, and Retry-After with them on a 429', async () => {
    const before = Math.floor(Date.now() / 1000);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await getFrom(sb, '/campaigns/');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('3');
      remaining.push(r.headers.get('x-ratelimit-remaining')!);
      expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(before);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await getFrom(sb, '/campaigns/');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(before);
  });
});

/** The sandbox's SmartLead routes on the wire: real shapes, string-encoded numbers, `{}` for missing, 400s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { BIG, buildPortal, EMPTY, leadEmail, SMALL } from './fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('sandbox SmartLead routes', () => {
  let sandbox: RunningSandbox;
  const get = async (path: string, key: string | null = 'sandbox-token') => {
    const url = new URL(`${sandbox.url}/smartlead/api/v1${path}`);
    if (key !== null) url.searchParams.set('api_key', key);
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as any, type: res.headers.get('content-type') };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ dataset: buildPortal(), limits: { smartlead: false } });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('serves campaigns as a bare array, newest id first, keeping unknown fields', async () => {
    const { status, body, type } = await get('/campaigns/');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((c: any) => c.id)).toEqual([SMALL, BIG, EMPTY]);
    const big = body[1];
    expect(big).toMatchObject({
      id: BIG,
      name: 'Q4 Logistics CFOs',
      status: 'ACTIVE',
      created_at: '2026-09-01T00:00:00.000Z',
      track_settings: ['DONT_LINK_CLICK'],
      custom_note: 'keep me',
      parent_campaign_id: null,
    });
    expect((await get(`/campaigns/${BIG}`)).body).toEqual(big);
    expect((await get('/campaigns?client_id=5')).body.map((c: any) => c.id)).toEqual([SMALL]);
  });

  it('answers 200 {} for a missing campaign and an unknown email', async () => {
    expect(await get('/campaigns/424242')).toMatchObject({ status: 200, body: {} });
    expect(await get('/leads?email=nobody@nowhere.example')).toMatchObject({ status: 200, body: {} });
    expect(await get('/leads')).toMatchObject({ status: 400, body: { error: 'email is required' } });
  });

  it('pages campaign leads with total_leads as a string and limit at most 100', async () => {
    expect((await get(`/campaigns/${BIG}/leads?limit=500`)).status).toBe(400); // out of range: refused, not capped
    const first = await get(`/campaigns/${BIG}/leads?limit=100`);
    expect(first.body).toMatchObject({ total_leads: '130', offset: 0, limit: 100 });
    expect(first.body.data).toHaveLength(100);
    const second = await get(`/campaigns/${BIG}/leads?offset=100&limit=100`);
    expect(second.body.data).toHaveLength(30);
    expect(second.body.data[29].lead.id).toBe(1009);
    const item = first.body.data[0];
    expect(Object.keys(item)).toEqual(['campaign_lead_map_id', 'lead_category_id', 'status', 'created_at', 'lead']);
    expect(typeof item.campaign_lead_map_id).toBe('number');
    expect(item.lead).toMatchObject({
      id: 880,
      email: 'CFO@Forace.example',
      custom_fields: { Title: 'CFO' },
      lead_score: 42,
      is_unsubscribed: false,
      phone_number: null,
    });
    expect((await get('/campaigns/424242/leads')).status).toBe(404);
    const later = await get(`/campaigns/${SMALL}/leads?created_at_gt=2026-10-02T00:00:00Z`);
    expect(later.body.total_leads).toBe('1');
    expect(later.body.data[0].lead.id).toBe(2000);
  });

  it('serves message history with string seq numbers, stable ids and event_time_gt', async () => {
    const { body } = await get(`/campaigns/${BIG}/leads/880/message-history`);
    expect(body.from).toBe('outreach@mailer.sandbox.example');
    expect(body.to).toBe('CFO@Forace.example');
    expect(body.history.map((m: any) => [m.type, m.email_seq_number])).toEqual([
      ['SENT', '1'],
      ['SENT', '2'],
      ['REPLY', '2'],
    ]);
    for (const m of body.history) {
      expect(m.stats_id).toMatch(UUID);
      expect(m.message_id).toMatch(/^<.+@.+>$/);
    }
    expect(body.history[2]).not.toHaveProperty('subject');
    expect(body.history[2].cc).toEqual([]); // unknown field of the record kept

    const again = await startSandbox({ dataset: buildPortal(), limits: { smartlead: false } });
    try {
      const res = await fetch(
        `${again.url}/smartlead/api/v1/campaigns/${BIG}/leads/880/message-history?api_key=sandbox-token`,
      );
      expect(await res.json()).toEqual(body); // derived ids are deterministic
    } finally {
      await again.close();
    }

    const after = await get(`/campaigns/${BIG}/leads/880/message-history?event_time_gt=2026-11-12T00:00:00.000Z`);
    expect(after.body.history.map((m: any) => m.type)).toEqual(['SENT', 'REPLY']);
    expect((await get(`/campaigns/${BIG}/leads/880/message-history?event_time_gt=whenever`)).status).toBe(400);
    expect(await get(`/campaigns/${BIG}/leads/2000/message-history`)).toMatchObject({
      status: 404,
      body: { error: 'Resource not found' },
    });
  });

  it('finds leads by email case-insensitively, and lists a lead’s campaigns', async () => {
    const { body } = await get(`/leads/?email=${encodeURIComponent(leadEmail(881).toUpperCase())}`);
    expect(body).toMatchObject({ id: 881, email: leadEmail(881) });
    expect(body.lead_campaign_data.map((c: any) => [c.campaign_id, c.campaign_name])).toEqual([
      [BIG, 'Q4 Logistics CFOs'],
      [SMALL, 'Warehouse Heads'],
    ]);
    expect(typeof body.lead_campaign_data[0].campaign_lead_map_id).toBe('number');
    const campaigns = await get('/leads/881/campaigns');
    expect(campaigns.body.map((c: any) => c.id)).toEqual([BIG, SMALL]);
    expect((await get('/leads/5/campaigns')).body).toEqual([]);
  });

  it('serves statistics rows per sent email with filters', async () => {
    const page = await get(`/campaigns/${BIG}/statistics?limit=100`);
    expect(page.body).toMatchObject({ total_stats: '123', offset: 0, limit: 100 });
    expect(page.body.data).toHaveLength(100);
    const row = page.body.data[0];
    expect(Object.keys(row)).toEqual([
      'lead_name',
      'lead_email',
      'lead_category',
      'sequence_number',
      'stats_id',
      'email_campaign_seq_id',
      'seq_variant_id',
      'email_subject',
      'email_message',
      'sent_time',
      'open_time',
      'click_time',
      'reply_time',
      'open_count',
      'click_count',
      'is_unsubscribed',
      'is_bounced',
    ]);
    expect(typeof row.sequence_number).toBe('number');
    const replied = await get(`/campaigns/${BIG}/statistics?email_status=replied`);
    expect(replied.body.total_stats).toBe('1');
    expect(replied.body.data[0]).toMatchObject({
      lead_email: 'CFO@Forace.example',
      reply_time: '2026-11-14T10:00:00.000Z',
      open_time: '2026-11-14T10:00:00.000Z',
    });
    const seq2 = await get(`/campaigns/${BIG}/statistics?email_sequence_number=2`);
    expect(seq2.body.total_stats).toBe('1');
    const window = await get(
      `/campaigns/${BIG}/statistics?sent_time_start_date=${encodeURIComponent('2026-11-10 00:00:00.000Z')}&sent_time_end_date=2026-11-11T23:59:59Z`,
    );
    expect(window.body.total_stats).toBe('2');
    expect((await get(`/campaigns/${BIG}/statistics?email_status=read`)).status).toBe(400);
    expect((await get(`/campaigns/424242/statistics`)).status).toBe(404);
  });

  it('serves analytics with string-encoded counters', async () => {
    const { body } = await get(`/campaigns/${BIG}/analytics`);
    expect(body).toMatchObject({
      id: BIG,
      sent_count: '123',
      unique_sent_count: '122',
      reply_count: '1',
      bounce_count: '1',
      total_count: '130',
      sequence_count: '2',
    });
    expect(body.campaign_lead_stats).toMatchObject({ total: 130, notStarted: 8, inprogress: 122, interested: 1 });
    const small = await get(`/campaigns/${SMALL}/analytics`);
    expect(small.body).toMatchObject({
      open_count: '4',
      unique_open_count: '2',
      click_count: '1',
      unique_click_count: '1',
      client_id: 5,
    });
    expect(small.body.campaign_lead_stats).toMatchObject({ total: 3, inprogress: 1, completed: 1, paused: 1 });
  });

  it('requires start_date and end_date for analytics-by-date', async () => {
    const ok = await get(`/campaigns/${BIG}/analytics-by-date?start_date=2026-11-14&end_date=2026-11-14`);
    expect(ok.body).toMatchObject({
      start_date: '2026-11-14',
      end_date: '2026-11-14',
      sent_count: '0',
      reply_count: '1',
    });
    for (const q of [
      '',
      '?start_date=2026-11-01',
      '?start_date=2026-11-01&end_date=2026-02-30',
      '?start_date=11/01/2026&end_date=2026-11-02',
      '?start_date=2026-11-05&end_date=2026-11-01',
    ]) {
      const bad = await get(`/campaigns/${BIG}/analytics-by-date${q}`);
      expect(bad.status).toBe(400);
      expect(typeof bad.body.error).toBe('string');
    }
  });

  it('leaves auth to the server: missing and wrong keys get SmartLead’s 401 bodies', async () => {
    expect(await get('/campaigns', null)).toMatchObject({ status: 401, body: { message: 'API key is required.' } });
    expect(await get('/campaigns', 'nope')).toMatchObject({ status: 401, body: { message: 'Invalid API Key' } });
    const keys = Object.keys(sandbox.stats().requests);
    expect(keys).toContain('GET /smartlead/api/v1/campaigns/:campaignId/leads/:leadId/message-history');
  });
});

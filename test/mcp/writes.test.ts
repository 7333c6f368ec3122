/**
 * CRM write tools: absent unless writes are enabled; enabled, they only propose through the audited write path,
 * and apply only with a person's approval token. The real HubSpot client against the sandbox holds the CRM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { connectInMemory, type McpSession } from '../../src/mcp/index.js';
import { WriteService } from '../../src/writes/index.js';
import { hits, writeEnv, type WriteEnv } from '../writes/support.js';
import { call } from './support.js';

const PATCH = 'PATCH /crm/v3/objects/:type/:id';
const POST = 'POST /crm/v3/objects/:type';
const WRITE_TOOLS = [
  'hubspot_add_note',
  'hubspot_create_deal',
  'hubspot_create_task',
  'hubspot_log_call',
  'hubspot_log_meeting',
  'hubspot_update_deal',
];

let env: WriteEnv;
let session: McpSession;

beforeAll(async () => {
  env = await writeEnv();
  const snap = env.state.loadSnapshot()!;
  session = {
    ctx: {
      data: { crm: snap.crm, outreach: snap.outreach, marketing: null, smartleadSpend: {}, managers: {} },
      config: DEFAULT_TEAM_CONFIG,
      asOf: '2026-11-20T12:30:00.000Z',
      timezone: 'Asia/Kolkata',
      currency: 'INR',
    },
    state: env.state,
  };
});
afterAll(async () => {
  await env.close();
});

describe('with writes disabled (the default)', () => {
  it('lists no write tool and refuses a call to one', async () => {
    const { client, close } = await connectInMemory({ session });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      for (const w of WRITE_TOOLS) expect(names).not.toContain(w);
      const r = await call(client, 'hubspot_update_deal', { dealId: '4001', properties: { dealstage: 'closedwon' } });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/not found/);
      expect(hits(env.sb, PATCH)).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('with writes enabled', () => {
  let service: WriteService;
  let conn: Awaited<ReturnType<typeof connectInMemory>>;

  beforeAll(async () => {
    service = new WriteService({ crm: env.crm, state: env.state, stateDir: env.stateDir });
    conn = await connectInMemory({ session, writes: service });
  });
  afterAll(async () => {
    await conn.close();
  });

  it('lists the write tools as not read-only, touching the outside world, pointing hubspot_update_deal at the pipeline list for stage ids', async () => {
    const tools = (await conn.client.listTools()).tools;
    const writes = tools.filter((t) => WRITE_TOOLS.includes(t.name));
    expect(writes.map((t) => t.name).sort()).toEqual(WRITE_TOOLS);
    for (const t of writes) {
      expect(t.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
      expect(typeof t.annotations!.destructiveHint).toBe('boolean');
      expect(typeof t.annotations!.idempotentHint).toBe('boolean');
      expect(t.inputSchema.properties).toHaveProperty('approvalToken');
    }
    expect(tools.find((t) => t.name === 'hubspot_update_deal')!.description).toContain('hubspot_list_pipelines');
  });

  it('proposes without writing, refuses a bad token, and applies with the approval a person issued', async () => {
    const before = (await env.crm.getDeals(['4001']))[0]!;
    expect(before.stageId).not.toBe('contractsent');
    const args = { dealId: '4001', properties: { dealstage: 'contractsent' } };
    const proposed = await call(conn.client, 'hubspot_update_deal', args);
    expect(proposed.isError, proposed.text).toBe(false);
    expect(proposed.data).toMatchObject({ status: 'proposed', applied: false, target: { type: 'deal', id: '4001' } });
    expect(proposed.data['preview']).toMatch(/Negotiation/);
    expect(proposed.text).toContain('not written');
    const writeId = proposed.data['writeId'] as string;
    expect(service.get(writeId).status).toBe('proposed');
    expect(hits(env.sb, PATCH)).toBe(0);

    const forged = await call(conn.client, 'hubspot_update_deal', {
      ...args,
      writeId,
      approvalToken: 'v1.forged.token',
    });
    expect(forged.isError).toBe(true);
    expect(forged.text).toMatch(/nothing was written[\s\S]*mis writes approve/);
    const halfway = await call(conn.client, 'hubspot_update_deal', { ...args, writeId });
    expect(halfway.isError).toBe(true);
    expect(hits(env.sb, PATCH)).toBe(0);
    expect(service.get(writeId).status).toBe('proposed');
    expect((await env.crm.getDeals(['4001']))[0]!.stageId).toBe(before.stageId);

    const token = service.issueApproval(writeId, 'manager@example.com');
    const applied = await call(conn.client, 'hubspot_update_deal', { ...args, writeId, approvalToken: token });
    expect(applied.isError, applied.text).toBe(false);
    expect(applied.data).toMatchObject({ status: 'applied', applied: true, writeId });
    expect(hits(env.sb, PATCH)).toBe(1);
    expect((await env.crm.getDeals(['4001']))[0]!.stageId).toBe('contractsent');
    const again = await call(conn.client, 'hubspot_update_deal', { ...args, writeId, approvalToken: token });
    expect(again.isError).toBe(true);
    expect(hits(env.sb, PATCH)).toBe(1);
  });

  it("refuses to apply a write through another op's tool, and validates the change", async () => {
    const note = await call(conn.client, 'hubspot_add_note', {
      dealId: '4002',
      body: 'Customer asked for the revised quote.',
    });
    expect(note.data).toMatchObject({ status: 'proposed', applied: false });
    const writeId = note.data['writeId'] as string;
    const token = service.issueApproval(writeId, 'manager@example.com');
    const wrong = await call(conn.client, 'hubspot_update_deal', {
      dealId: '4002',
      properties: { amount: '1' },
      writeId,
      approvalToken: token,
    });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toContain('is add_note, not update_deal');
    expect(hits(env.sb, POST)).toBe(0);
    const invalid = await call(conn.client, 'hubspot_create_task', {
      dealId: '4002',
      subject: 'Call back',
      dueAt: 'someday',
    });
    expect(invalid.isError).toBe(true);
  });
});

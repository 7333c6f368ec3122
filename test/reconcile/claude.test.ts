/**
 * The claude extractor through the real Anthropic SDK against a scripted POST /v1/messages on 127.0.0.1 (no key,
 * no network): structured output validated by zod, numbers and dates checked against the deterministic parse.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claudeExtractor,
  ReconcileModelError,
  reconcileUpdate,
  type ModelExtraction,
} from '../../src/reconcile/index.js';
import { contextOf, daysAgo, portal } from '../analysis/checks/portal.js';

interface Scripted {
  status: number;
  body: unknown;
}
const requests: Array<Record<string, unknown>> = [];
let next: Scripted[] = [];
let server: Server;
let baseURL: string;

const message = (model: ModelExtraction): Scripted => ({
  status: 200,
  body: {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model: 'claude-test',
    content: [{ type: 'text', text: JSON.stringify(model) }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  },
});

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        auth: String(req.headers['x-api-key'] ?? req.headers['authorization'] ?? ''),
        body: JSON.parse(raw || '{}') as unknown,
      });
      const r = next.shift() ?? {
        status: 500,
        body: { type: 'error', error: { type: 'api_error', message: 'no script' } },
      };
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ctxP = () =>
  contextOf(
    portal()
      .company({ id: '2001', name: 'Forace Group Pvt Ltd' })
      .deal({
        id: '4001',
        name: 'Forace Group - TMS',
        stage: 'qualifiedtobuy',
        amount: 1_520_000,
        companies: ['2001'],
        closedate: '2026-12-15T00:00:00.000Z',
      })
      .note('9001', '4001', daysAgo(2))
      .build(),
  );
const UPDATE = 'Forace grp: POC started, 15.2L, PO by 15th Dec';
const mention = (over: Partial<ModelExtraction['mentions'][number]> = {}): ModelExtraction['mentions'][number] => ({
  text: UPDATE,
  name: 'Forace grp',
  stage: 'poc',
  stagePhrase: 'POC started',
  amountText: '15.2L',
  amount: 1_520_000,
  closeDateText: '15th Dec',
  closeDate: '2026-12-15',
  activities: [],
  active: null,
  lostReason: null,
  nextStep: null,
  competitors: [],
  product: null,
  newDeal: false,
  ...over,
});
const extractor = () => claudeExtractor({ apiKey: 'test-key', baseURL, model: 'claude-test', maxRetries: 0 });

describe('claude extractor (scripted /v1/messages)', () => {
  it('asks for structured output and reconciles from the validated answer', async () => {
    requests.length = 0;
    next = [message({ mentions: [mention()] })];
    const { result } = await reconcileUpdate({
      ctx: await ctxP(),
      ownerId: '101',
      text: UPDATE,
      extractor: extractor(),
    });
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    expect(req).toMatchObject({ method: 'POST', url: '/v1/messages' });
    // The key reaches the server (as x-api-key or a bearer token, as this SDK version sends it).
    expect(req['auth']).toMatch(/test-key$/);
    const body = req['body'] as {
      model: string;
      output_config: { format: { type: string; schema: { properties: Record<string, unknown> } } };
      messages: Array<{ content: string }>;
    };
    expect(body.model).toBe('claude-test');
    expect(body.output_config.format.type).toBe('json_schema');
    expect(Object.keys(body.output_config.format.schema.properties)).toEqual(['mentions']);
    expect(body.messages[0]!.content).toContain(UPDATE);
    expect(body.messages[0]!.content).toMatch(/Today is .*2026/);
    expect(result.extractor).toBe('claude');
    expect(result.discrepancies.map((d) => `${d.type}:${d.dealId}`)).toEqual(['stage_mismatch:4001']);
    expect(result.warnings).toBeUndefined();
  });

  it('replaces numbers and dates that do not match the words, and drops invented mentions', async () => {
    next = [
      message({
        mentions: [
          mention({ amount: 152_000, closeDate: '2026-12-05' }),
          mention({
            text: 'Zylo Foods: closed won, 2 Cr',
            name: 'Zylo Foods',
            stage: 'won',
            amountText: '2 Cr',
            amount: 20_000_000,
            closeDateText: null,
            closeDate: null,
          }),
        ],
      }),
    ];
    const { result } = await reconcileUpdate({
      ctx: await ctxP(),
      ownerId: '101',
      text: UPDATE,
      extractor: extractor(),
    });
    // The deterministic reading wins: 15.2L and 15th Dec agree with the CRM, so only the stage differs.
    expect(result.mentions).toHaveLength(1);
    expect(result.mentions[0]!.claims).toMatchObject({
      amount: { value: 1_520_000 },
      closeDate: { date: '2026-12-15' },
    });
    expect(result.discrepancies.map((d) => d.type)).toEqual(['stage_mismatch']);
    expect(result.warnings?.join('\n')).toMatch(/model amount 152000 \("15.2L"\).*using 15.2L/);
    expect(result.warnings?.join('\n')).toMatch(/model close date 2026-12-05 .*using 2026-12-15/);
    expect(result.warnings?.join('\n')).toMatch(/not found in the update, dropped: "Zylo Foods/);
  });

  it('an answer outside the schema, or a refused key, is a clear error', async () => {
    next = [
      {
        status: 200,
        body: {
          id: 'm',
          type: 'message',
          role: 'assistant',
          model: 'x',
          content: [{ type: 'text', text: '{"mentions": [{"text": 1}]}' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 1 },
        },
      },
    ];
    await expect(
      reconcileUpdate({ ctx: await ctxP(), ownerId: '101', text: UPDATE, extractor: extractor() }),
    ).rejects.toThrow(ReconcileModelError);
    requests.length = 0;
    next = [
      { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } },
    ];
    const err = await reconcileUpdate({
      ctx: await ctxP(),
      ownerId: '101',
      text: UPDATE,
      extractor: extractor(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReconcileModelError);
    expect((err as ReconcileModelError).message).toBe('the model API failed (HTTP 401)');
    expect((err as ReconcileModelError).hint).toMatch(/ANTHROPIC_API_KEY/);
    expect(JSON.stringify(err)).not.toContain('test-key');
    expect(requests).toHaveLength(1);
  });
});

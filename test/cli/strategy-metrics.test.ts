/** `mis metrics <name>` for the strategy metrics on the demo portal (built CLI): one valid JSON document, readable text. */
import type { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import * as m from '../../src/analysis/metrics/index.js';
import { runMis } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';

let env: Record<string, string>;
beforeAll(() => {
  // The demo portal as the run synced it once (a fresh copy): these tests read it, they don't test sync.
  env = { MIS_STATE_DIR: demoStateCopy('mis-strategy-'), MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' };
});

// Two spawns per metric are slow on a busy machine: the JSON of every metric is checked through MCP and the
// functions (test/mcp/strategy-metrics.test.ts); here the CLI path of two metrics, JSON and text.
const CASES: [string, z.ZodType, RegExp][] = [
  ['cac', m.cacSchema, /Customer acquisition cost, 1 Dec 2025 – 30 Nov 2026: blended ₹[\d,.]+ (L )?per new customer/],
  ['forecast', m.forecastReportSchema, /Forward forecast by close month/],
];

describe('mis metrics: strategy metrics', () => {
  it.each(CASES)('%s: --json parses with its schema; the text reads', { timeout: 240_000 }, (name, schema, text) => {
    const json = runMis(['metrics', name, '--json'], env);
    expect(json.status, json.stderr).toBe(0);
    schema.parse(JSON.parse(json.stdout));
    const out = runMis(['metrics', name], env);
    expect(out.stdout).toMatch(text);
    expect(out.stdout).not.toMatch(/undefined|NaN|closedwon|appointmentscheduled/);
  });
});

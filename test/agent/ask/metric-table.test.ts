/**
 * The strategy metrics in `mis ask` come from one table (src/agent/ask/metric-table.ts): every row names a metric
 * mis_get_metric computes, its own example resolves to it, and the older reports keep their own questions.
 */
import { describe, expect, it } from 'vitest';
import { INTENTS, resolveQuestion } from '../../../src/agent/ask/intents.js';
import { METRIC_ASKS } from '../../../src/agent/ask/metric-table.js';
import { METRICS } from '../../../src/mcp/tools/mis/get-metric.js';

const intentOf = (q: string) => {
  const r = resolveQuestion(q);
  return r.kind === 'intent' ? r.intent.id : 'needs-model';
};

describe('metric table', () => {
  it('every row is a metric mis_get_metric computes, asked by its own example', () => {
    for (const row of METRIC_ASKS) {
      expect(Object.keys(METRICS)).toContain(row.metric);
      expect(intentOf(row.example)).toBe(`metric-${row.metric}`);
    }
  });

  it('the older reports keep their questions (the more specific metric words come first)', () => {
    for (const i of INTENTS) expect(intentOf(i.example)).toBe(i.id);
    expect(intentOf('How does the MQL to SQL conversion look?')).toBe('funnel');
    expect(intentOf("What's our stage to stage conversion?")).toBe('metric-conversion');
    expect(intentOf('Is Asha covered for the quarter?')).not.toMatch(/^metric-/);
    expect(intentOf('Who is hitting quota this quarter?')).toBe('metric-attainment');
    expect(intentOf('What is our LTV to CAC ratio?')).toBe('metric-ltv');
  });

  it('a synonym is one row: churn and NRR are the LTV report, bounces the channel report', () => {
    expect(intentOf('How much did we churn this year?')).toBe('metric-ltv');
    expect(intentOf('What is our net revenue retention?')).toBe('metric-ltv');
    expect(intentOf('How many emails bounced last month?')).toBe('metric-channels');
    expect(intentOf('How fast do reps follow up on inbound leads?')).toBe('metric-speed_to_lead');
  });
});

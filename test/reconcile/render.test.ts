/**
 * The reconciliation as people read it, for each AE's demo update at 80 columns: deals by name with the id only
 * trailing, the kind of difference in words (no type codes), human dates, no line wider than 80, no word cut.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { demoDatasetPath, parsePortal, type PortalDataset } from '../../src/dataset/index.js';
import { reconcileUpdate } from '../../src/reconcile/index.js';
import { renderReconciliation, type RenderContext } from '../../src/reconcile/render.js';

let ds: PortalDataset;
let ctx: AnalysisContext;
beforeAll(async () => {
  ds = parsePortal(JSON.parse(readFileSync(demoDatasetPath(), 'utf8')), 'demo');
  ctx = {
    data: await portalDataFromDataset(ds),
    config: DEFAULT_TEAM_CONFIG,
    asOf: new Date(ds.portal.asOf).toISOString(),
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  };
});

describe('reconciliation text', () => {
  it('names deals, says what differs in words and fits 80 columns', async () => {
    const crm = ctx.data.crm;
    const deals = new Map(crm.deals.map((d) => [d.id, d.name] as const));
    const labels = new Map(crm.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.label] as const)));
    for (const u of ds.aeUpdates!) {
      const { result } = await reconcileUpdate({ ctx, ownerId: u.ownerId, text: u.text });
      expect(result.discrepancies.length).toBeGreaterThan(0);
      const rc: RenderContext = {
        ownerName: crm.owners.find((o) => o.id === u.ownerId)!.name,
        currency: ctx.currency,
        timezone: ctx.timezone,
        stageLabel: (id) => labels.get(id) ?? id,
        dealName: (id) => deals.get(id) ?? id,
        width: 80,
      };
      const text = renderReconciliation(result, rc);
      const lines = text.split('\n');
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
      // Every deal with a difference is named, its id trailing in brackets.
      for (const d of result.discrepancies.filter((x) => x.dealId))
        expect(text.replace(/\n\s*/g, ' ')).toContain(`${deals.get(d.dealId!)} (${d.dealId})`);
      expect(text).not.toMatch(/\bdeal \d{5,}/);
      expect(text).not.toMatch(/stage_mismatch|amount_mismatch|close_date_mismatch|unlogged_activity|missing_deal/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      // Wrapping never cuts a word: each word of each deal name appears whole.
      const words = new Set(text.split(/\s+/));
      for (const d of result.discrepancies.filter((x) => x.dealId))
        for (const w of deals.get(d.dealId!)!.split(' ')) expect(words.has(w) || text.includes(w), w).toBe(true);
    }
  });
});

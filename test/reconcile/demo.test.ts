/** Done-when: each AE's demo update reconciles to exactly the divergences the generator planted. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { demoDatasetPath, parsePortal, type PortalDataset } from '../../src/dataset/index.js';
import { nameTokens } from '../../src/names/index.js';
import { buildLexicon, draftUpdate, reconcileResultSchema, reconcileUpdate } from '../../src/reconcile/index.js';

const TYPE: Record<string, string> = {
  update_stage_mismatch: 'stage_mismatch',
  update_missing_deal: 'missing_deal',
  update_stale_deal: 'stale_deal',
  update_amount_mismatch: 'amount_mismatch',
  update_close_date_mismatch: 'close_date_mismatch',
  update_unlogged_activity: 'unlogged_activity',
  update_lost_not_closed: 'lost_not_closed',
};

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

describe('reconcile on the demo portal', () => {
  it("finds every planted divergence in each AE's update, and nothing else", async () => {
    const planted = (
      ds.generator as unknown as {
        planted: Array<{ kind: string; objectId: string | null; ownerId: string; expected?: { company?: string } }>;
      }
    ).planted;
    expect(ds.aeUpdates?.length).toBe(3);
    for (const u of ds.aeUpdates!) {
      const { result } = await reconcileUpdate({ ctx, ownerId: u.ownerId, text: u.text });
      reconcileResultSchema.parse(result);
      const want = planted
        .filter((p) => p.ownerId === u.ownerId && TYPE[p.kind])
        .map((p) => `${TYPE[p.kind]}:${p.objectId ?? nameTokens(p.expected!.company!).join(' ')}`)
        .sort();
      const got = result.discrepancies.map((d) => `${d.type}:${d.dealId ?? nameTokens(d.mention).join(' ')}`).sort();
      expect(got, u.ownerId).toEqual(want);
      // Every discrepancy quotes the update and proposes a valid change.
      for (const d of result.discrepancies) {
        expect(u.text).toContain(d.quote!);
        expect(d.proposedUpdates.length).toBeGreaterThan(0);
      }
      // The consistent mentions are matched and raise nothing.
      const consistent = planted
        .filter((p) => p.ownerId === u.ownerId && p.kind === 'update_consistent')
        .map((p) => p.objectId);
      for (const id of consistent) {
        expect(result.mentions.some((m) => m.dealId === id)).toBe(true);
        expect(result.discrepancies.some((d) => d.dealId === id)).toBe(false);
      }
      expect(result.coverage.mentionsTotal).toBe(
        planted.filter((p) => p.ownerId === u.ownerId && p.kind.startsWith('update_')).length,
      );
      expect(result.coverage.crmExplainedShare).toBeGreaterThan(0);
      expect(result.coverage.crmExplainedShare).toBeLessThan(1);
      expect(result.coverage.afterApplyShare).toBe(1);
    }
  });

  it('drafts an update from the CRM that reconciles with nothing to fix', async () => {
    const lexicon = buildLexicon({}, ctx.config.risk.competitors);
    for (const ownerId of ['71217', '71234', '71251']) {
      for (const style of ['tidy', 'lines', 'sparse'] as const) {
        const draft = draftUpdate(ctx, ownerId, lexicon, { style });
        expect(draft.lines.length, `${ownerId} ${style}`).toBeGreaterThan(2);
        const { result } = await reconcileUpdate({ ctx, ownerId, text: draft.text, lexicon });
        expect(result.discrepancies, `${ownerId} ${style}\n${draft.text}`).toEqual([]);
        expect(result.coverage.mentionsMatched).toBe(draft.lines.length);
        expect(result.coverage.crmExplainedShare).toBe(1);
      }
    }
  });

  it("reproduces the consistent mentions of the AEs' own updates", async () => {
    const lexicon = buildLexicon({}, ctx.config.risk.competitors);
    const planted = (
      ds.generator as unknown as { planted: Array<{ kind: string; objectId: string | null; ownerId: string }> }
    ).planted;
    for (const p of planted.filter((x) => x.kind === 'update_consistent')) {
      const draft = draftUpdate(ctx, p.ownerId, lexicon, { maxLines: 50 });
      expect(draft.lines.map((l) => l.dealId)).toContain(p.objectId);
    }
  });
});

/**
 * The demo portal (seed 42): deals planted with a risk problem carry that signal. A plant that is not true under the
 * signal's documented rule is a generator bug, not a miss; those are named below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { portalDataFromDataset, type AnalysisContext } from '../../../src/analysis/index.js';
import { dealRisk, dealRiskSchema, type DealRisk } from '../../../src/analysis/risk/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../../src/config/index.js';
import { parsePortal, type PortalDataset } from '../../../src/dataset/index.js';
import { generatePortal } from '../../../src/generator/index.js';

type Planted = NonNullable<PortalDataset['generator']>['planted'][number];

let ds: PortalDataset;
let ctx: AnalysisContext;
let risks: DealRisk[];

beforeAll(async () => {
  ds = parsePortal(generatePortal({ seed: 42 }), 'demo');
  ctx = {
    data: await portalDataFromDataset(ds),
    config: DEFAULT_TEAM_CONFIG,
    asOf: ds.portal.asOf,
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  };
  risks = dealRisk(ctx);
});

const planted = (kind: string): Planted[] => ds.generator!.planted.filter((p) => p.kind === kind);
const signalOn = (p: Planted) => risks.find((r) => r.dealId === p.objectId)?.signals.find((s) => s.signal === p.kind);

describe('deal risk on the demo portal', () => {
  it('returns valid entries for the open deals, deals with signals first', () => {
    const open = ctx.data.crm.deals.filter(
      (d) => !['closedwon', 'closedlost', 'renewal_won', 'renewal_lost'].includes(d.stageId),
    );
    expect(risks).toHaveLength(open.length);
    for (const r of risks) dealRiskSchema.parse(r);
    const firstQuiet = risks.findIndex((r) => r.signals.length === 0);
    if (firstQuiet >= 0) expect(risks.slice(firstQuiet).every((r) => r.signals.length === 0)).toBe(true);
  });

  for (const kind of [
    'close_date_pushed',
    'amount_decreased',
    'stage_regression',
    'single_threaded',
    'competitor_mentioned',
  ] as const) {
    it(`flags every planted ${kind}`, () => {
      const plants = planted(kind);
      expect(plants.length).toBeGreaterThan(0);
      for (const p of plants) expect(signalOn(p), `${kind} ${p.objectId}`).toBeDefined();
    });
  }

  it('names the planted competitor and note', () => {
    for (const p of planted('competitor_mentioned')) {
      const s = signalOn(p)!;
      expect(s.evidence['competitors']).toContain(p['competitor']);
      if (p['noteId'])
        expect((s.evidence['mentions'] as Array<{ id: string }>).map((m) => m.id)).toContain(p['noteId']);
    }
  });

  it('flags every planted no_next_activity whose deal has no next step text', () => {
    // Generator bug (reported): open deals get an hs_next_step with 45% chance, planted ones included, and the rule
    // counts a next step as "something next". Those plants have no future task or meeting, which is checked here.
    const plants = planted('no_next_activity');
    expect(plants.length).toBeGreaterThan(0);
    const deals = new Map(ctx.data.crm.deals.map((d) => [d.id, d]));
    for (const p of plants) {
      const deal = deals.get(p.objectId!)!;
      if (deal.properties['hs_next_step']) {
        expect(signalOn(p)).toBeUndefined();
        expect(deal.properties['notes_next_activity_date'] ?? null).toBeNull();
      } else expect(signalOn(p), `no_next_activity ${p.objectId}`).toBeDefined();
    }
  });
});

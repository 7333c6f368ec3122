/**
 * Everything a command that analyses needs: a connection, the state store, a fresh-enough cache (synced first
 * when empty, stale or built from another source), and an AnalysisContext for a chosen 'now'.
 */
import { marketingSchema, type AnalysisContext, type MarketingData, type PortalData } from '../analysis/index.js';
import { checkTeamConfigStages, loadTeamConfig, type Config, type TeamConfig } from '../config/index.js';
import { UsageError } from '../errors/index.js';
import { recentReconciliations, StateStore } from '../state/index.js';
import { STAGE_CLAIM_DAYS, stageClaimsFromStored } from '../reconcile/index.js';
import { sync, type SyncResult } from '../sync/index.js';
import { connect, type Connection } from './connect.js';

export interface OpenAnalysisOptions {
  asOf?: string | undefined;
  /** Sync even when the cache is fresh. */
  forceSync?: boolean;
  /** Never sync: open whatever the cache holds (mis serve syncs in a separate process). */
  noSync?: boolean;
  onProgress?: (message: string) => void;
  teamConfig?: TeamConfig;
}

export interface AnalysisSession {
  ctx: AnalysisContext;
  conn: Connection;
  state: StateStore;
  /** The sync this session ran, if the cache needed one. */
  synced: SyncResult | null;
  /** When the cache this session reads was synced (ISO). */
  syncedAt?: string;
  /** Whether the cache was built from this connection's source (with noSync it may not be). */
  sourceMatches?: boolean;
  close(): Promise<void>;
}

export async function openAnalysis(config: Config, opts: OpenAnalysisOptions = {}): Promise<AnalysisSession> {
  const team = opts.teamConfig ?? loadTeamConfig(process.env['MIS_CONFIG']);
  const conn = await connect(config, opts.onProgress ? { onProgress: opts.onProgress } : {});
  let state: StateStore | undefined;
  try {
    state = StateStore.open(config.stateDir);
    const last = state.getMeta('last_sync_at');
    const sourceMatches = state.getMeta('source_key') === conn.sourceKey;
    const stale =
      !opts.noSync &&
      (opts.forceSync ||
        !last ||
        !sourceMatches ||
        Date.now() - Date.parse(last) > team.sync.freshnessMinutes * 60_000);
    const synced = stale ? await sync(conn, state, opts.onProgress ? { onProgress: opts.onProgress } : {}) : null;
    const snap = state.loadSnapshot();
    if (!snap) throw new UsageError('the cache is empty after sync', 'Run `mis sync --full` and check its output.');
    checkTeamConfigStages(team, snap.crm.pipelines, process.env['MIS_CONFIG'] ?? 'mis.config.json');
    const extras = sandboxExtras(conn);
    const data: PortalData = {
      crm: snap.crm,
      outreach: snap.outreach,
      marketing: extras.marketing,
      smartleadSpend: extras.smartleadSpend,
      managers: { ...extras.managers, ...team.managers },
    };
    const asOf = opts.asOf ?? snap.crm.account.asOf ?? new Date().toISOString();
    // HC-1: stages claimed by AE updates that `mis reconcile` recorded in the last two weeks.
    const claims = stageClaimsFromStored(
      recentReconciliations(
        state,
        new Date(Date.parse(asOf) - STAGE_CLAIM_DAYS * 86_400_000).toISOString(),
        new Date(asOf).toISOString(),
      ),
    );
    if (claims.length) data.aeUpdateStageClaims = claims;
    const ctx: AnalysisContext = {
      data,
      config: team,
      asOf,
      timezone: team.timezone ?? snap.crm.account.timezone,
      currency: team.currency ?? snap.crm.account.currency,
    };
    const st = state;
    return {
      ctx,
      conn,
      state: st,
      synced,
      syncedAt: snap.syncedAt,
      sourceMatches: stale || sourceMatches,
      async close() {
        st.close();
        await conn.close();
      },
    };
  } catch (e) {
    state?.close();
    await conn.close();
    throw e;
  }
}

/** The sandbox's dataset carries marketing touches, SmartLead spend and managers; a real portal has none of them. */
function sandboxExtras(conn: Connection): Pick<PortalData, 'marketing' | 'smartleadSpend' | 'managers'> {
  if (!conn.sandbox) return { marketing: null, smartleadSpend: {}, managers: {} };
  const store = conn.sandbox.store;
  const ext = store.extensions();
  let marketing: MarketingData | null = null;
  if (ext.marketing && typeof ext.marketing === 'object') {
    const m = ext.marketing as {
      campaigns?: { id: string; name: string; channel: string; spend?: number }[];
      touches?: { contactId: string; campaignId: string; channel: string; timestamp: string }[];
    };
    marketing = marketingSchema.parse({
      campaigns: (m.campaigns ?? []).map((c) => ({
        id: c.id,
        name: c.name,
        channel: c.channel,
        spend: c.spend ?? null,
      })),
      touches: (m.touches ?? []).map((t) => ({
        contactId: t.contactId,
        campaignId: t.campaignId,
        channel: t.channel,
        timestamp: new Date(t.timestamp).toISOString(),
      })),
    });
  }
  const smartleadSpend: Record<number, number> = {};
  for (const s of ext.smartleadSpend) smartleadSpend[s.campaign_id] = (smartleadSpend[s.campaign_id] ?? 0) + s.amount;
  return { marketing, smartleadSpend, managers: store.managers() };
}

/**
 * Each nudge kind fixed from its link in headless Chromium, on the demo portal served by the sandbox: the page
 * restates the problem and offers the field that resolves it; saving writes through the audited write path (the
 * official HubSpot client), the deal is re-read through the real sync and its checks re-run; the finding is gone
 * and the page said so. Also: GET of every link changes nothing; forged POSTs are refused with nothing written; a
 * tap whose second write fails reports what applied and the link finishes the rest on retry. Screenshots of each
 * kind's page go to $MIS_SCREENSHOTS (default a temp folder). MIS_SKIP_BROWSER=1 skips.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/analysis/checks/index.js';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { createHubSpotClient, HubSpotCrm, RequestCounter } from '../../src/crm/index.js';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import {
  createActionsHandler,
  dealLookup,
  dealView,
  linkId,
  linkSecret,
  recordLink,
  signLink,
  writeServiceWriter,
  type LinkAction,
  type QuickLogWriter,
} from '../../src/notify/index.js';
import type { Connection } from '../../src/session/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { StateStore } from '../../src/state/index.js';
import { sync } from '../../src/sync/index.js';
import { WriteService } from '../../src/writes/index.js';

const CHROMIUM = process.env['MIS_CHROMIUM'] ?? '/usr/bin/chromium';
const SKIP = process.env['MIS_SKIP_BROWSER'] === '1';
const SHOTS = process.env['MIS_SCREENSHOTS'] ?? mkdtempSync(join(tmpdir(), 'mis-quick-log-shots-'));

let sb: RunningSandbox;
let state: StateStore;
let conn: Connection;
let ctx: AnalysisContext;
let server: Server;
let base: string;
let browser: Browser;
let phone: BrowserContext;
let failSecondWrite = false;
let emailHtml = '';
const asOf = new Date(readPortalFile(demoDatasetPath()).portal.asOf).toISOString();

/** The context on the synced cache; after a tap, 'now' is the later of the portal's and the clock's (as mis serve does). */
function rebuild(now = asOf): void {
  const snap = state.loadSnapshot()!;
  ctx = {
    data: { crm: snap.crm, outreach: null, marketing: null, smartleadSpend: {}, managers: {} },
    config: DEFAULT_TEAM_CONFIG,
    asOf: now,
    timezone: 'Asia/Kolkata',
    currency: 'INR',
  };
}

const findingsOf = (dealId: string) =>
  runChecks(ctx)
    .filter((f) => f.objectType === 'deal' && f.objectId === dealId)
    .map((f) => f.check);
const writeCount = () => Number(state.db.prepare('SELECT COUNT(*) FROM crm_writes').pluck().get());

/** A nudge for the deal and its links, recorded like a sent digest; the email lists the links as buttons. */
function nudgeFor(dealId: string, ownerId: string): Record<LinkAction, string> {
  const nudgeId = `nd_test_${dealId}`;
  state.db
    .prepare(
      "INSERT OR IGNORE INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at, sent_at) VALUES (?, ?, '2026-11-20', ?, 1, 'email', ?, 'sent', ?, ?)",
    )
    .run(nudgeId, ownerId, `deal:${dealId}`, JSON.stringify({ dealId }), asOf, asOf);
  const out = {} as Record<LinkAction, string>;
  for (const action of ['update_stage', 'add_note', 'skip', 'ask_manager'] as const) {
    const claims = {
      id: linkId(nudgeId, action),
      nudgeId,
      ownerId,
      dealId,
      action,
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    recordLink(state, claims, new Date().toISOString());
    out[action] = `${base}/a/${signLink(linkSecret(state), claims)}`;
  }
  emailHtml = `<!doctype html><meta name="viewport" content="width=device-width,initial-scale=1"><p>Deal ${dealId}</p><a href="${out.update_stage}">Update Stage</a> <a href="${out.add_note}">Add Note</a> <a href="${out.skip}">Skip – Not Ready</a>`;
  return out;
}

/** A deal of the demo portal whose only finding is `check` (and, for required fields, the field named). */
function dealWith(
  check: string,
  pred: (ev: Record<string, unknown>) => boolean = () => true,
): { id: string; ownerId: string } {
  const all = runChecks(ctx).filter((f) => f.objectType === 'deal' && f.objectId);
  const byDeal = new Map<string, string[]>();
  for (const f of all) byDeal.set(f.objectId!, [...(byDeal.get(f.objectId!) ?? []), f.check]);
  const f = all.find(
    (x) => x.check === check && byDeal.get(x.objectId!)!.length === 1 && x.ownerId && pred(x.evidence),
  );
  if (!f) throw new Error(`the demo portal has no deal whose only finding is ${check}`);
  return { id: f.objectId!, ownerId: f.ownerId! };
}

async function open(link: string): Promise<Page> {
  const page = await phone.newPage();
  await page.goto(`${base}/email`);
  const a = page.locator(`a[href="${link}"]`);
  await Promise.all([page.waitForEvent('domcontentloaded'), a.tap()]);
  return page;
}

async function save(page: Page): Promise<number> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.waitForEvent('domcontentloaded'),
    page.getByRole('button', { name: 'Save to HubSpot' }).tap(),
  ]);
  return res.status();
}

describe.skipIf(SKIP)('each nudge kind is fixed from its link, and the finding clears', () => {
  beforeEach(() => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium, or MIS_SKIP_BROWSER=1`);
  });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) return;
    mkdirSync(SHOTS, { recursive: true });
    sb = await startSandbox({
      dataset: readPortalFile(demoDatasetPath()),
      limits: { hubspot: false, search: false, daily: false, smartlead: false },
    });
    const hs = createHubSpotClient({ accessToken: sb.token, basePath: sb.url, burst: false, attempts: 1 });
    const crm = new HubSpotCrm(hs);
    conn = {
      mode: 'sandbox',
      crm,
      outreach: null,
      hubspotRequests: new RequestCounter(),
      smartleadRequests: new RequestCounter(),
      source: 'test',
      sourceKey: 'test',
      sandbox: sb,
      close: async () => undefined,
    } as Connection;
    const stateDir = mkdtempSync(join(tmpdir(), 'mis-fix-kinds-'));
    state = StateStore.open(stateDir);
    await sync(conn, state);
    rebuild();
    const service = new WriteService({ crm, state, stateDir });
    const real = writeServiceWriter(service, (id) => `owner-${id}@example.com`);
    let n = 0;
    const writer: QuickLogWriter = {
      async write(change, meta) {
        if (failSecondWrite && ++n === 2) throw new Error('HubSpot is unavailable (503)');
        return real.write(change, meta);
      },
    };
    const handler = createActionsHandler({
      state,
      writer,
      deal: dealLookup(() => ctx),
      recheck: async (dealId) => {
        await sync(conn, state);
        rebuild(new Date(Math.max(Date.parse(asOf), Date.now())).toISOString());
        const v = dealView(ctx, dealId);
        rebuild(); // the next deal's page is read at the portal's 'now' again
        return v;
      },
    });
    server = createServer((req, res) => {
      if (handler(req, res)) return;
      if (req.url === '/email')
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(emailHtml);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((r) => server.close(r));
    state?.close();
    await sb?.close();
    console.log(`quick-log screenshots: ${SHOTS}`);
  });

  const kinds: Array<{
    kind: string;
    check: string;
    pred?: (ev: Record<string, unknown>) => boolean;
    fill: (page: Page) => Promise<void>;
    problem: RegExp;
  }> = [
    {
      kind: 'close-date-past',
      check: 'close_date_past',
      problem: /The close date, \w{3} \d{1,2} \w{3}.*has passed/,
      fill: async (p) => p.locator('#closedate').fill('2027-01-29'),
    },
    {
      kind: 'missing-amount',
      check: 'missing_required_field',
      pred: (ev) => Array.isArray(ev['missingFields']) && (ev['missingFields'] as string[]).includes('amount'),
      problem: /HubSpot has no amount/,
      fill: async (p) => {
        await p.locator('#amount').fill('1500000');
        if (await p.locator('#closedate').count()) await p.locator('#closedate').fill('2027-01-29');
      },
    },
    {
      kind: 'stale-deal',
      check: 'stale_deal',
      problem: /Nothing has been logged on this deal for \d+ days/,
      fill: async (p) => {
        await p.getByRole('radio', { name: 'Call' }).check();
        await p.getByLabel('What happened', { exact: true }).fill('Called the CFO: budget confirmed');
        await p.getByLabel('Next step', { exact: true }).fill('Send the revised quote');
        await p.locator('#nextDue').fill('2027-01-08');
      },
    },
    {
      kind: 'missing-notes',
      check: 'missing_notes',
      problem: /There are no notes on this deal/,
      fill: async (p) =>
        p.getByLabel('What happened', { exact: true }).fill('Discovery call notes: 3 sites, Q1 rollout'),
    },
  ];

  for (const k of kinds) {
    it(`${k.kind}: the page names the problem and fixes it; the finding is gone and the page says so`, async () => {
      const deal = dealWith(k.check, k.pred);
      expect(findingsOf(deal.id)).toEqual([k.check]);
      const links = nudgeFor(deal.id, deal.ownerId);
      const page = await open(
        k.check === 'stale_deal' || k.check === 'missing_notes' ? links.add_note : links.update_stage,
      );
      const text = await page.locator('main').innerText();
      expect(text).toMatch(k.problem);
      expect(text).not.toMatch(/closedate|dealstage|hs_|\d{4}-\d{2}-\d{2}T/); // no raw property names or ISO timestamps
      await k.fill(page);
      await page.screenshot({ path: join(SHOTS, `${k.kind}.png`), fullPage: true });
      expect(await save(page)).toBe(200);
      // The page says the deal is complete — or, when time has moved on since the portal's 'now', that this is fixed
      // and what else is due now (a sandbox's 'now' lies in the past).
      expect(await page.locator('main').innerText()).toMatch(/is complete now|that is fixed on/);
      rebuild(new Date().toISOString());
      expect(findingsOf(deal.id)).not.toContain(k.check); // re-read through sync, checks re-run now
      rebuild();
      const acted = state.db
        .prepare("SELECT COUNT(*) FROM nudge_responses WHERE nudge_id = ? AND kind = 'acted'")
        .pluck()
        .get(`nd_test_${deal.id}`);
      expect(acted).toBe(1);
      await page.close();
    }, 60_000);
  }

  it('a GET of every link changes nothing; forged POSTs are refused with nothing written', async () => {
    const deal = dealWith('close_date_past');
    const links = nudgeFor(deal.id, deal.ownerId);
    const writes = writeCount();
    const responses = () => Number(state.db.prepare('SELECT COUNT(*) FROM nudge_responses').pluck().get());
    const r0 = responses();
    for (const l of Object.values(links)) for (let i = 0; i < 2; i++) expect((await fetch(l)).status).toBe(200);
    expect(writeCount()).toBe(writes);
    expect(responses()).toBe(r0);
    expect(
      state.db
        .prepare('SELECT COUNT(*) FROM notify_links WHERE used_at IS NOT NULL AND nudge_id = ?')
        .pluck()
        .get(`nd_test_${deal.id}`),
    ).toBe(0);
    for (const form of [
      { stage: 'closedwon' },
      { stage: 'nonsense' },
      { dealstage: 'closedwon' },
      { closedate: '2001-01-01' },
      { amount: '-5' },
      { outcome: 'won' },
    ]) {
      const res = await fetch(links.update_stage, { method: 'POST', body: new URLSearchParams(form) });
      expect(res.status, JSON.stringify(form)).toBe(400);
    }
    expect(writeCount()).toBe(writes);
    expect(findingsOf(deal.id)).toEqual(['close_date_past']);
  }, 60_000);

  it('a tap whose second write fails says what applied; the link stays usable and the retry writes only the rest', async () => {
    const deal = dealWith('close_date_past');
    const links = nudgeFor(deal.id, deal.ownerId);
    const page = await open(links.update_stage);
    await page.locator('#closedate').fill('2027-02-26');
    await page.getByLabel('What happened', { exact: true }).fill('Pushed to Q1 on the buyer’s request');
    const writes = writeCount();
    failSecondWrite = true;
    try {
      expect(await save(page)).toBe(502);
    } finally {
      failSecondWrite = false;
    }
    const said = await page.locator('main').innerText();
    expect(said).toMatch(/Saved the close date \(.+\); the note was not saved/);
    expect(said).toMatch(/link still works/);
    expect(writeCount() - writes).toBe(1);
    await page.goBack();
    await page.locator('#closedate').fill('2027-02-26');
    await page.getByLabel('What happened', { exact: true }).fill('Pushed to Q1 on the buyer’s request');
    expect(await save(page)).toBe(200);
    expect(await page.locator('main').innerText()).toMatch(/is complete now|that is fixed on/);
    const ops = state.db
      .prepare("SELECT op FROM crm_writes WHERE source = ? AND status = 'applied' ORDER BY created_at")
      .pluck()
      .all(`nudge:nd_test_${deal.id}`);
    expect(ops).toEqual(['update_deal', 'add_note']); // the close date once, then the note
    await page.close();
  }, 60_000);
});

/**
 * One tap from the real HTML digest email in headless Chromium, on the demo portal served by the sandbox: the AE
 * taps [Add to my tasks] on a follow-up, the page names the task (opening it changed nothing), the AE taps its
 * button, and the task is in HubSpot (read back with the official client) with the subject, due date, deal and
 * owner — once, however often the page is reloaded or the button re-sent. Screenshots of the digest, the reminder
 * page, the answer and a quick-log page go to $MIS_SCREENSHOTS (default a temp folder). MIS_SKIP_BROWSER=1 skips.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { followUpReminders } from '../../src/assist/index.js';
import { parseTeamConfig } from '../../src/config/index.js';
import { createHubSpotClient, HubSpotCrm, RequestCounter } from '../../src/crm/index.js';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import {
  commitPlan,
  createActionsHandler,
  dealLookup,
  NotifyStore,
  planTeam,
  renderHtml,
  renderMessage,
  writeServiceWriter,
  type Digest,
} from '../../src/notify/index.js';
import type { Connection } from '../../src/session/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { StateStore } from '../../src/state/index.js';
import { sync } from '../../src/sync/index.js';
import { WriteService } from '../../src/writes/index.js';

const CHROMIUM = process.env['MIS_CHROMIUM'] ?? '/usr/bin/chromium';
const SKIP = process.env['MIS_SKIP_BROWSER'] === '1';
const SHOTS = process.env['MIS_SCREENSHOTS'] ?? mkdtempSync(join(tmpdir(), 'mis-reminder-shots-'));
const ASHA = '71217';

let sb: RunningSandbox;
let crm: HubSpotCrm;
let state: StateStore;
let ctx: AnalysisContext;
let server: Server;
let base: string;
let browser: Browser;
let phone: BrowserContext;
let digest: Digest;
const asOf = new Date(readPortalFile(demoDatasetPath()).portal.asOf).toISOString();

const tasks = async () => (await crm.readAll()).engagements.filter((e) => e.kind === 'task');

describe.skipIf(SKIP)('a follow-up reminder accepted with one tap from the HTML digest', () => {
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
    crm = new HubSpotCrm(createHubSpotClient({ accessToken: sb.token, basePath: sb.url, burst: false, attempts: 1 }));
    const conn = {
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
    const stateDir = mkdtempSync(join(tmpdir(), 'mis-reminder-tap-'));
    state = StateStore.open(stateDir);
    await sync(conn, state);
    let emailHtml = '';
    const rebuild = (): AnalysisContext => {
      const snap = state.loadSnapshot()!;
      return {
        data: { crm: snap.crm, outreach: null, marketing: null, smartleadSpend: {}, managers: {} },
        config: parseTeamConfig({ notify: { linkBaseUrl: base } }),
        asOf,
        timezone: 'Asia/Kolkata',
        currency: 'INR',
      };
    };
    const handler = createActionsHandler({
      state,
      writer: writeServiceWriter(new WriteService({ crm, state, stateDir }), (id) => `owner-${id}@example.com`),
      deal: dealLookup(() => ctx),
    });
    server = createServer((req, res) => {
      if (handler(req, res)) return;
      if (req.url === '/email')
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(emailHtml);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ctx = rebuild();
    const [plan] = planTeam({ ctx, state }, { ownerId: ASHA });
    expect(plan!.due, plan!.reason).toBe(true);
    commitPlan(new NotifyStore(state), plan!, new Map(plan!.messages.map((m) => [m.id, renderMessage(m)])), asOf);
    digest = plan!.messages.find((m) => m.audience === 'ae')!.digest;
    emailHtml = renderHtml(digest);
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
    console.log(`reminder screenshots: ${SHOTS}`);
  });

  it('opens the page from the email, adds the task on the button, once', async () => {
    const r = digest.reminders[0];
    expect(r, 'the demo portal gives Asha a follow-up reminder').toBeTruthy();
    const expected = followUpReminders(ctx, { ownerId: ASHA }).find((x) => x.key === r!.key)!;
    const before = await tasks();

    const email = await phone.newPage();
    await email.goto(`${base}/email`);
    await email.screenshot({ path: join(SHOTS, 'digest-email.png'), fullPage: true });
    const link = email.locator(`a[href="${r!.accept}"]`);
    // A follow-up's own button, or the one offered with the deal's next action.
    expect(await link.textContent()).toMatch(/^Add (to my tasks|as a task, due \w{3} \d{1,2} \w+)$/);
    await Promise.all([email.waitForEvent('domcontentloaded'), link.tap()]);
    await expect(email.locator('h1').textContent()).resolves.toBe('Add this follow-up to your tasks?');
    const body = (await email.locator('main').textContent())!;
    expect(body).toContain(r!.subject);
    expect(body).toContain(`due ${r!.due}`);
    await email.screenshot({ path: join(SHOTS, 'reminder-page.png'), fullPage: true });
    // Opening the page (and reloading it) created nothing.
    await email.reload();
    expect((await tasks()).length).toBe(before.length);

    const [res] = await Promise.all([
      email.waitForResponse((x) => x.request().method() === 'POST'),
      email.waitForEvent('domcontentloaded'),
      email.getByRole('button', { name: 'Add to my tasks' }).tap(),
    ]);
    expect(res.status()).toBe(200);
    await expect(email.locator('h1').textContent()).resolves.toBe('Added to your tasks');
    await email.screenshot({ path: join(SHOTS, 'reminder-added.png'), fullPage: true });

    // The browser re-sends the form (back, then the button again): nothing more is created.
    await email.goBack();
    const again = await email.request.post(r!.accept.replace(/^https?:\/\/[^/]+/, base));
    expect(again.status()).toBe(410);

    const after = await tasks();
    expect(after.length).toBe(before.length + 1);
    const task = after.find((t) => !before.some((x) => x.id === t.id))!;
    expect(task).toMatchObject({
      subject: expected.change.subject,
      timestamp: expected.dueAt,
      dealIds: [r!.dealId],
      ownerId: ASHA,
    });
    await email.close();
  });

  it('screenshots the quick-log page of the top item', async () => {
    const page = await phone.newPage();
    await page.goto(digest.top.links.updateStage);
    await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
    await page.screenshot({ path: join(SHOTS, 'quick-log.png'), fullPage: true });
    expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await page.close();
  });
});

/**
 * The one-tap links and the quick-log page in a real browser (headless Chromium through playwright-core) at a
 * phone's viewport: the digest email as sent, its buttons tapped, the form filled and saved — the writes go through
 * the audited write path (WriteService over the official HubSpot client) to the sandbox on 127.0.0.1, and are read
 * back with the official client. Needs Debian's chromium (`apt-get install -y chromium`); MIS_SKIP_BROWSER=1 skips.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { parseTeamConfig } from '../../src/config/index.js';
import {
  commitPlan,
  createActionsHandler,
  dealLookup,
  NotifyStore,
  planTeam,
  renderMessage,
  writeServiceWriter,
  type Digest,
  type DigestItem,
  type QuickLogWriter,
} from '../../src/notify/index.js';
import { WriteService } from '../../src/writes/index.js';
import { hits, writeEnv, type WriteEnv } from '../writes/support.js';

const CHROMIUM = process.env['MIS_CHROMIUM'] ?? '/usr/bin/chromium';
const SKIP = process.env['MIS_SKIP_BROWSER'] === '1';
const PHONE = { width: 390, height: 844 };
const SCREENSHOT = '/tmp/mis-quick-log.png';
const POST_OBJECT = 'POST /crm/v3/objects/:type';
const PATCH_OBJECT = 'PATCH /crm/v3/objects/:type/:id';

let env: WriteEnv;
let server: Server;
let base: string;
let browser: Browser;
let phone: BrowserContext;
let digest: Digest;
let digestHtml = '';
let clockMs = Date.now();
let writeDelayMs = 0;

function context(linkBaseUrl: string): AnalysisContext {
  const snap = env.state.loadSnapshot()!;
  return {
    data: { crm: snap.crm, outreach: null, marketing: null, smartleadSpend: {}, managers: { '101': '102' } },
    config: parseTeamConfig({ notify: { linkBaseUrl } }),
    asOf: '2026-11-20T12:30:00.000Z',
    timezone: 'Asia/Kolkata',
    currency: 'INR',
  };
}

const responses = (nudgeId: string) =>
  env.state.db
    .prepare('SELECT kind, detail FROM nudge_responses WHERE nudge_id = ? ORDER BY id')
    .all(nudgeId) as Array<{ kind: string; detail: string }>;
const writesFor = (nudgeId: string) =>
  env.state.db
    .prepare(
      'SELECT op, status, actor, approved_by, tool, target_id, result FROM crm_writes WHERE source = ? ORDER BY created_at',
    )
    .all(`nudge:${nudgeId}`) as Array<{
    op: string;
    status: string;
    actor: string | null;
    approved_by: string | null;
    tool: string | null;
    target_id: string | null;
    result: string | null;
  }>;
const heading = (page: Page) => page.locator('h1').innerText();

async function dealStage(dealId: string): Promise<string | null | undefined> {
  const d = await env.hs.client.crm.objects.basicApi.getById(
    'deals',
    dealId,
    ['dealstage'],
    undefined,
    undefined,
    false,
    undefined,
    env.hs.options,
  );
  return d.properties['dealstage'];
}

async function dealNoteIds(dealId: string): Promise<string[]> {
  const page = await env.hs.client.crm.associations.v4.basicApi.getPage(
    'deals',
    dealId,
    'notes',
    undefined,
    500,
    env.hs.options,
  );
  return page.results.map((r) => String(r.toObjectId)).sort();
}

/** Opens the digest email as sent and taps one of its buttons for `item`; returns the page it lands on. */
async function tapInDigest(
  item: DigestItem,
  button: 'Update Stage' | 'Add Note' | 'Skip – Not Ready',
): Promise<{ page: Page; status: number | undefined }> {
  const page = await phone.newPage();
  await page.goto(`${base}/digest`);
  const href = {
    'Update Stage': item.links.updateStage,
    'Add Note': item.links.addNote,
    'Skip – Not Ready': item.links.skip,
  }[button];
  const link = page.locator(`a[href="${href}"]`);
  expect(await link.innerText()).toBe(button);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url() === href),
    page.waitForEvent('domcontentloaded'),
    link.tap(),
  ]);
  return { page, status: res.status() };
}

/** Taps "Save to HubSpot" and waits for the answer page. */
async function save(page: Page): Promise<number> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.waitForEvent('domcontentloaded'),
    page.getByRole('button', { name: 'Save to HubSpot' }).tap(),
  ]);
  return res.status();
}

// The few browser globals the page functions below use (they run in Chromium; the project compiles without the DOM lib).
interface Box {
  left: number;
  right: number;
  width: number;
  height: number;
}
interface PageElement {
  tagName: string;
  getBoundingClientRect(): Box;
  click(): void;
}
declare const window: { innerWidth: number; visualViewport: { scale: number } | null };
declare const document: {
  documentElement: { scrollWidth: number };
  body: PageElement;
  querySelector(css: string): PageElement | null;
  querySelectorAll(css: string): Iterable<PageElement>;
};
declare function getComputedStyle(el: PageElement): { fontSize: string };

/** The layout as a phone shows it: the page's width, the visual viewport's zoom, and any control sticking out. */
async function layout(page: Page) {
  return page.evaluate(() => ({
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    scale: window.visualViewport?.scale ?? 1,
    outside: [...document.querySelectorAll('form *')]
      .map((el) => ({ tag: el.tagName, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.left < 0 || r.right > window.innerWidth))
      .map(({ tag }) => tag),
    saveHeight: document.querySelector('button[type=submit]')?.getBoundingClientRect().height ?? 0,
    bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
  }));
}

/** The audited writer, made to take `writeDelayMs` first when a test wants a slow HubSpot. */
function slowly(writer: QuickLogWriter): QuickLogWriter {
  return {
    async write(change, meta) {
      if (writeDelayMs > 0) await new Promise((r) => setTimeout(r, writeDelayMs));
      return writer.write(change, meta);
    },
  };
}

describe.skipIf(SKIP)('one-tap links and the quick-log page in Chromium', () => {
  // Without Chromium every test fails, each saying so (a failing beforeAll would only mark them skipped).
  beforeEach(() => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install it (apt-get install -y --no-install-recommends chromium) or point MIS_CHROMIUM at one; MIS_SKIP_BROWSER=1 skips this test`,
      );
    }
  });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) return;
    env = await writeEnv();
    const service = new WriteService({ crm: env.crm, state: env.state, stateDir: env.stateDir });
    const emails = new Map(env.state.loadSnapshot()!.crm.owners.map((o) => [o.id, o.email ?? `owner-${o.id}`]));
    let ctx: AnalysisContext | null = null;
    const handler = createActionsHandler({
      state: env.state,
      clock: () => new Date(clockMs),
      writer: slowly(writeServiceWriter(service, (ownerId) => emails.get(ownerId) ?? `owner-${ownerId}`)),
      // The deal and its open stages, as `mis serve --http` gives them to the page.
      deal: (dealId) => (ctx ? dealLookup(ctx)(dealId) : null),
    });
    server = createServer((req, res) => {
      if (handler(req, res)) return;
      if (req.url === '/digest') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(digestHtml);
        return;
      }
      res.writeHead(404).end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // A real digest for Asha (owner 101), its links pointing at this server, recorded as sent.
    ctx = context(base);
    // Asha has had her first (one-item) digests already: today's carries several items.
    for (const day of ['2026-11-16', '2026-11-17', '2026-11-18']) {
      env.state.db
        .prepare(
          "INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at, sent_at) VALUES (?, '101', ?, 'deal:none', 1, 'email', '{}', 'sent', ?, ?)",
        )
        .run(`nd_prior_${day}`, day, `${day}T12:00:00.000Z`, `${day}T12:00:00.000Z`);
    }
    const [plan] = planTeam({ ctx, state: env.state }, { ownerId: '101' });
    expect(plan!.due).toBe(true);
    const rendered = new Map(plan!.messages.map((m) => [m.id, renderMessage(m)]));
    commitPlan(new NotifyStore(env.state), plan!, rendered, ctx.asOf);
    env.state.db.prepare("UPDATE nudges SET status = 'sent', sent_at = ?").run(ctx.asOf);
    const ae = plan!.messages.find((m) => m.audience === 'ae')!;
    digest = ae.digest;
    digestHtml = rendered.get(ae.id)!.html;
    expect(digest.more.length).toBeGreaterThanOrEqual(2);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((r) => server.close(r));
    await env?.close();
  });

  it('[Add Note] opens a quick-log page that fits a phone; saving lands the note in HubSpot, audited, and the nudge counts as acted on', async () => {
    const item = digest.top;
    const notesBefore = await dealNoteIds(item.dealId);
    const { page, status } = await tapInDigest(item, 'Add Note');
    expect(status).toBe(200);
    expect(await page.title()).toBe(`Quick log · ${item.dealName}`);
    expect(await heading(page)).toBe(item.dealName);

    const l = await layout(page);
    expect(l.innerWidth).toBe(PHONE.width); // the viewport meta works: laid out at the phone's width, not 980px
    expect(l.scale).toBe(1);
    expect(l.scrollWidth).toBeLessThanOrEqual(l.innerWidth); // no horizontal scroll
    expect(l.outside).toEqual([]);
    expect(l.saveHeight).toBeGreaterThanOrEqual(44); // a thumb-sized button
    expect(l.bodyFontPx).toBeGreaterThanOrEqual(16); // iOS zooms into inputs under 16px
    await expect(page.getByRole('button', { name: 'Save to HubSpot' }).isVisible()).resolves.toBe(true);

    expect(await page.getByRole('radio', { name: 'Note' }).isChecked()).toBe(true);
    // The stage is offered on Add Note only when the deal's findings are about its stage; it keeps the stage unless chosen.
    for (const sel of await page.locator('#stage').all()) expect(await sel.inputValue()).toBe('');
    await page.getByLabel('What happened', { exact: true }).fill('Spoke to the CFO; PO expected next week');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(await save(page)).toBe(200);
    expect(await heading(page)).toBe('Saved to HubSpot');

    // In HubSpot (read back with the official client): one new note on the deal, with the AE's text; stage untouched.
    const added = (await dealNoteIds(item.dealId)).filter((id) => !notesBefore.includes(id));
    expect(added).toHaveLength(1);
    const note = await env.hs.client.crm.objects.basicApi.getById(
      'notes',
      added[0]!,
      ['hs_note_body', 'hubspot_owner_id'],
      undefined,
      undefined,
      false,
      undefined,
      env.hs.options,
    );
    expect(note.properties).toMatchObject({
      hs_note_body: 'Spoke to the CFO; PO expected next week',
      hubspot_owner_id: '101',
    });
    expect(hits(env.sb, PATCH_OBJECT)).toBe(0);
    expect(await dealStage(item.dealId)).toBe(item.stageId);

    // Audited: proposed by the nudge, approved by the AE's tap, applied.
    const w = writesFor(item.nudgeId);
    expect(
      w.map(({ op, status: s, actor, approved_by, tool }) => ({ op, status: s, actor, approved_by, tool })),
    ).toEqual([
      {
        op: 'add_note',
        status: 'applied',
        actor: 'asha@example.com',
        approved_by: 'asha@example.com',
        tool: 'notify:quick-log',
      },
    ]);
    expect(JSON.parse(w[0]!.result!)).toMatchObject({ recordId: added[0] });
    const r = responses(item.nudgeId);
    expect(r.map((x) => x.kind)).toEqual(['acted']);
    expect(JSON.parse(r[0]!.detail)).toMatchObject({ action: 'add_note', via: 'quick_log' });
    await page.close();
  });

  it('[Update Stage] → choose a stage → the deal moves in HubSpot', async () => {
    const item = digest.more[0]!;
    const before = await dealStage(item.dealId);
    expect(before).toBe(item.stageId);
    const posts = hits(env.sb, POST_OBJECT);
    const { page, status } = await tapInDigest(item, 'Update Stage');
    expect(status).toBe(200);
    expect(await page.getByLabel('What happened', { exact: true }).inputValue()).toBe('');
    const options = await page.locator('#stage option').evaluateAll((os) =>
      (os as unknown as Array<{ value: string; textContent: string | null; disabled: boolean }>).map((o) => ({
        value: o.value,
        text: o.textContent,
        disabled: o.disabled,
      })),
    );
    expect(options.find((o) => o.value === before)).toMatchObject({
      disabled: true,
      text: expect.stringContaining('(now)'),
    });
    expect(options.map((o) => o.value)).not.toContain('closedwon'); // only open stages are offered
    const target = options.find((o) => o.value && !o.disabled && o.value !== before)!;
    await page.getByLabel('Stage', { exact: true }).selectOption(target.value);
    const l = await layout(page);
    expect(l.scrollWidth).toBeLessThanOrEqual(l.innerWidth);

    expect(await save(page)).toBe(200);
    expect(await heading(page)).toBe('Saved to HubSpot');
    expect(await dealStage(item.dealId)).toBe(target.value);
    expect(hits(env.sb, POST_OBJECT)).toBe(posts); // no text: no engagement created
    expect(writesFor(item.nudgeId).map((w) => [w.op, w.status, w.target_id])).toEqual([
      ['update_deal', 'applied', item.dealId],
    ]);
    expect(responses(item.nudgeId).map((x) => x.kind)).toEqual(['acted']);
    await page.close();
  });

  it('text typed on the [Update Stage] page is logged with the stage move, never dropped', async () => {
    const item = digest.top; // its Update Stage link is still unused
    const notesBefore = await dealNoteIds(item.dealId);
    const page = await phone.newPage();
    expect((await page.goto(item.links.updateStage))!.status()).toBe(200);
    expect(await page.getByRole('radio', { name: 'Note' }).isChecked()).toBe(true);
    await page.getByLabel('What happened', { exact: true }).fill('Legal review done');
    await page.getByLabel('Stage', { exact: true }).selectOption('contractsent');
    expect(await save(page)).toBe(200);
    expect(await page.locator('main').innerText()).toMatch(/Saved the stage \(.+\) and the note/);
    const added = (await dealNoteIds(item.dealId)).filter((id) => !notesBefore.includes(id));
    expect(added).toHaveLength(1);
    const note = await env.hs.client.crm.objects.basicApi.getById(
      'notes',
      added[0]!,
      ['hs_note_body'],
      undefined,
      undefined,
      false,
      undefined,
      env.hs.options,
    );
    expect(note.properties['hs_note_body']).toBe('Legal review done');
    expect(await dealStage(item.dealId)).toBe('contractsent');
    expect(writesFor(item.nudgeId).map((w) => w.op)).toEqual(['add_note', 'update_deal', 'add_note']); // the tap's deal update first
    await page.close();
  });

  it('a second tap on Save while the first is on its way sends nothing more, and the page says Saved', async () => {
    const item = digest.more[0]!; // its Add Note link is still unused
    const page = await phone.newPage();
    expect((await page.goto(item.links.addNote))!.status()).toBe(200);
    await page.getByLabel('What happened', { exact: true }).fill('Sent the revised quote');
    const posts: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())));
    writeDelayMs = 600; // HubSpot taking its time
    try {
      const done = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.evaluate(() => {
        const button = document.querySelector('button[type=submit]')!;
        button.click();
        setTimeout(() => button.click(), 150);
      });
      expect((await done).status()).toBe(200);
      await page.locator('h1', { hasText: 'Saved to HubSpot' }).waitFor();
    } finally {
      writeDelayMs = 0;
    }
    expect(posts).toHaveLength(1);
    expect(writesFor(item.nudgeId).map((w) => [w.op, w.status])).toEqual([
      ['update_deal', 'applied'],
      ['add_note', 'applied'],
    ]);
    await page.close();
  });

  it('a used link opens a refusal page, and nothing is written again', async () => {
    const page = await phone.newPage();
    const writes = env.state.db.prepare('SELECT COUNT(*) FROM crm_writes').pluck().get();
    const res = await page.goto(digest.top.links.addNote);
    expect(res!.status()).toBe(410);
    expect(await heading(page)).toBe('This link can’t be used');
    expect(await page.locator('main').innerText()).toMatch(/already used/);
    expect(await page.locator('form').count()).toBe(0);
    expect(env.state.db.prepare('SELECT COUNT(*) FROM crm_writes').pluck().get()).toBe(writes);
    await page.close();
  });

  it('an expired link opens a refusal page, also when it expires while the form is open', async () => {
    const item = digest.more[1]!;
    const now = clockMs;
    try {
      clockMs = now + 49 * 3_600_000; // linkTtlHours is 48
      const page = await phone.newPage();
      const res = await page.goto(item.links.updateStage);
      expect(res!.status()).toBe(410);
      expect(await heading(page)).toBe('This link can’t be used');
      expect(await page.locator('main').innerText()).toMatch(/expired/);

      // Opened in time, saved too late: refused, nothing written.
      clockMs = now;
      expect((await page.goto(item.links.addNote))!.status()).toBe(200);
      await page.getByLabel('What happened', { exact: true }).fill('Too late');
      clockMs = now + 49 * 3_600_000;
      expect(await save(page)).toBe(410);
      expect(await page.locator('main').innerText()).toMatch(/expired/);
      expect(writesFor(item.nudgeId)).toEqual([]);
      expect(responses(item.nudgeId)).toEqual([]);
      await page.close();
    } finally {
      clockMs = now;
    }
  });

  it('[Skip – Not Ready] opens a page with a button (opening records nothing); the button records a skip, not an action', async () => {
    const item = digest.more[1]!;
    const requests = env.sb.stats().total;
    const { page, status } = await tapInDigest(item, 'Skip – Not Ready');
    expect(status).toBe(200);
    expect(await heading(page)).toMatch(/^Skip .+\?$/);
    expect(responses(item.nudgeId)).toEqual([]);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.waitForEvent('domcontentloaded'),
      page.getByRole('button', { name: 'Skip – not ready' }).tap(),
    ]);
    expect(res.status()).toBe(200);
    expect(await heading(page)).toBe('Skipped for now');
    expect(responses(item.nudgeId).map((x) => x.kind)).toEqual(['skipped']);
    expect(writesFor(item.nudgeId)).toEqual([]);
    expect(env.sb.stats().total).toBe(requests); // HubSpot not touched
    const snooze = env.state.db
      .prepare("SELECT until FROM notify_suppressions WHERE owner_id = '101' AND item_key = ? AND kind = 'snooze'")
      .get(item.key) as { until: string } | undefined;
    expect(Date.parse(snooze!.until)).toBeGreaterThan(clockMs);
    await page.close();
  });
});

/**
 * `mis dashboard` on the demo portal in headless Chromium (playwright-core, Debian's chromium): every page at a
 * phone's and a desktop's width renders its charts (SVG with marks) with no console error and no sideways
 * scrolling; the numbers on the pages equal the CLI's `--json` for the same period and owner; filters change them;
 * every deal link resolves; CSV downloads carry the same numbers. Screenshots go to test-output/dashboard/.
 * MIS_SKIP_BROWSER=1 skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, MIS, runMisAsync } from '../support/cli.js';

const CHROMIUM = process.env['MIS_CHROMIUM'] ?? '/usr/bin/chromium';
const SKIP = process.env['MIS_SKIP_BROWSER'] === '1';
const OUT = fileURLToPath(new URL('../../test-output/dashboard/', import.meta.url));
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;
const PAGES = ['team', 'ae?owner=asha', 'marketing', 'review', 'deal/4000329'] as const;

// The few browser globals the page functions use (they run in Chromium; the project compiles without the DOM lib).
interface El {
  getAttribute(n: string): string | null;
  querySelectorAll(css: string): ArrayLike<El>;
  textContent: string | null;
}
declare const document: { documentElement: { scrollWidth: number }; querySelectorAll(css: string): ArrayLike<El> };
declare const window: { innerWidth: number };

let stateDir: string;
let child: ChildProcess;
let base: string;
let browser: Browser;
const json: Record<string, any> = {};
const loadMs: Record<string, number[]> = {};

async function cli(name: string, args: string[]): Promise<void> {
  const r = await runMisAsync([...args, '--json'], { MIS_STATE_DIR: stateDir });
  if (r.status !== 0) throw new Error(`mis ${args.join(' ')} failed: ${r.stderr}`);
  json[name] = JSON.parse(r.stdout);
}

/** The numbers a page shows, by their data-key. */
async function numbers(page: Page): Promise<Record<string, number | null>> {
  return page.evaluate(() => {
    const out: Record<string, number | null> = {};
    for (const el of Array.from(document.querySelectorAll('[data-key]'))) {
      const v = el.getAttribute('data-value');
      out[el.getAttribute('data-key')!] = v === null ? null : Number(v);
    }
    return out;
  });
}

async function open(page: Page, path: string): Promise<{ status: number; errors: string[] }> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const t = Date.now();
  const res = await page.goto(`${base}/${path}`);
  (loadMs[path.split('?')[0]!] ??= []).push(Date.now() - t);
  return { status: res?.status() ?? 0, errors };
}

describe.skipIf(SKIP)('mis dashboard in Chromium', () => {
  beforeEach(() => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium, or MIS_SKIP_BROWSER=1 to skip`,
      );
  });

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    stateDir = mkdtempSync(join(tmpdir(), 'mis-dashboard-'));
    await cli('weekly', ['report', 'weekly']); // the first run syncs the demo portal into the cache
    const lastWeekTo = json['weekly'].momentum.period.from as string;
    const lastWeekFrom = new Date(Date.parse(lastWeekTo) - 7 * 86_400_000).toISOString();
    await Promise.all([
      cli('weeklyAsha', ['report', 'weekly', '--owner', 'Asha']),
      cli('weeklyLast', ['report', 'weekly', '--from', lastWeekFrom, '--to', lastWeekTo]),
      cli('riskAsha', ['risk', '--owner', 'asha.rao@demo-logistics.example']),
    ]);
    await Promise.all([
      cli('source', ['metrics', 'source']),
      cli('funnel', ['metrics', 'funnel']),
      cli('roi', ['metrics', 'roi']),
      cli('summary', ['summary']),
    ]);
    child = spawn(process.execPath, [MIS, 'dashboard', '--port', '0'], { env: cleanEnv({ MIS_STATE_DIR: stateDir }) });
    base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const first = out.split('\n')[0]!;
        if (out.includes('\n')) {
          const m = /^dashboard listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
          if (m) resolve(m[1]!);
          else reject(new Error(`unexpected first line: ${first}`));
        }
      });
      child.on('exit', (code) => reject(new Error(`mis dashboard exited ${code}`)));
    });
    if (existsSync(CHROMIUM))
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGINT');
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    const shown = Object.entries(loadMs)
      .map(([p, ms]) => `${p}: ${ms.join(' / ')} ms`)
      .join('; ');
    process.stderr.write(`dashboard page loads (first, then cached): ${shown}\n`);
  });

  for (const [vp, size] of Object.entries(VIEWPORTS)) {
    it(`renders every page with charts at ${vp} width (${size.width}px), no console error, no sideways scroll`, async () => {
      const ctx = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
      for (const path of PAGES) {
        const page = await ctx.newPage();
        const { status, errors } = await open(page, path);
        expect(status, path).toBe(200);
        const layout = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          charts: Array.from(document.querySelectorAll('figure svg')).map(
            (svg) => svg.querySelectorAll('path, rect.mark-rect, line').length,
          ),
          titles: Array.from(document.querySelectorAll('figure')).map((f) => f.getAttribute('aria-label') ?? ''),
        }));
        expect(layout.charts.length, `${path}: charts`).toBeGreaterThan(0);
        for (const marks of layout.charts) expect(marks, `${path}: marks in every chart`).toBeGreaterThan(0);
        for (const t of layout.titles)
          expect(t.length, `${path}: every chart has a text description`).toBeGreaterThan(10);
        expect(layout.scrollWidth, `${path}: the page fits the screen`).toBeLessThanOrEqual(layout.innerWidth);
        expect(errors, `${path}: console errors`).toEqual([]);
        const name = `${vp}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
        await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: vp === 'desktop' });
        await page.close();
      }
      await ctx.close();
    }, 180_000);
  }

  it('shows the numbers `mis report weekly --json` prints, for the team, for one AE (by first name) and for last week', async () => {
    const page = await browser.newPage();
    const check = (n: Record<string, number | null>, w: Record<string, { count: number; amount: number }>) => {
      for (const step of ['start', 'created', 'reopened', 'increased', 'decreased', 'won', 'lost', 'end']) {
        expect(n[`waterfall.${step}.amount`], step).toBe(w[step]!.amount);
        expect(n[`waterfall.${step}.count`], step).toBe(w[step]!.count);
      }
    };
    await open(page, 'team');
    const team = await numbers(page);
    check(team, json['weekly'].momentum.team.waterfall);
    for (const r of json['weekly'].scorecard.byOwner) {
      expect(team[`scorecard.${r.ownerId}.calls.actual`]).toBe(r.calls.actual);
      expect(team[`scorecard.${r.ownerId}.stale.stale`]).toBe(r.stale.stale);
    }
    for (const r of json['weekly'].coverage.byOwner)
      expect(team[`coverage.${r.ownerId}.coverage`]).toBeCloseTo(r.coverage, 9);
    for (const p of json['summary'].pipelines)
      for (const st of p.stages.filter((s: { isClosed: boolean }) => !s.isClosed))
        expect(team[`pipeline.${p.id}.${st.id}.amount`]).toBe(st.amount);

    await open(page, 'team?owner=Asha');
    const asha = await numbers(page);
    const ashaRow = json['weeklyAsha'].momentum.byOwner;
    expect(ashaRow).toHaveLength(1);
    check(asha, ashaRow[0].waterfall);
    expect(
      Object.keys(asha)
        .filter((k) => k.startsWith('scorecard.') && k.endsWith('.calls.actual'))
        .sort(),
    ).toEqual([`scorecard.${ashaRow[0].ownerId}.calls.actual`, 'scorecard.team.calls.actual']);

    await open(page, 'team?period=last-week');
    const last = await numbers(page);
    check(last, json['weeklyLast'].momentum.team.waterfall);
    for (const r of json['weeklyLast'].scorecard.byOwner)
      expect(last[`scorecard.${r.ownerId}.calls.actual`]).toBe(r.calls.actual);
    // The filters change the numbers: last week is another week, one AE is not the team.
    expect(
      Object.keys(last).filter((k) => (k.startsWith('scorecard.') || k.startsWith('waterfall.')) && last[k] !== team[k])
        .length,
    ).toBeGreaterThan(0);
    expect(asha['waterfall.end.amount']).toBeLessThan(team['waterfall.end.amount']!);

    await open(page, 'team?pipeline=renewals');
    const renewals = await numbers(page);
    expect(
      Object.keys(renewals)
        .filter((k) => k.startsWith('pipeline.'))
        .every((k) => k.startsWith('pipeline.renewals.')),
    ).toBe(true);
    expect(renewals['waterfall.end.amount']).toBeLessThan(team['waterfall.end.amount']!);
    await page.close();
  }, 120_000);

  it('AE, Marketing and Review pages match mis risk / metrics --json', async () => {
    const page = await browser.newPage();
    await open(page, 'ae?owner=asha.rao@demo-logistics.example');
    const ae = await numbers(page);
    const risky = json['riskAsha'].deals.filter((d: { signals: unknown[] }) => d.signals.length).slice(0, 15);
    expect(risky.length).toBeGreaterThan(0);
    for (const d of risky) expect(ae[`risk.${d.dealId}.amountAtRisk`], d.dealName).toBeCloseTo(d.amountAtRisk, 6);

    await open(page, 'marketing');
    const mk = await numbers(page);
    for (const s of json['source'].sources) {
      expect(mk[`source.${s.source}.leads`]).toBe(s.leads);
      expect(mk[`source.${s.source}.open.amount`]).toBe(s.open.amount);
    }
    for (const s of json['funnel'].stages) expect(mk[`funnel.${s.stage}.reached`]).toBe(s.reached);
    for (const c of json['roi'].campaigns)
      expect(mk[`roi.${c.campaignId}.attributedRevenue`]).toBeCloseTo(c.attributedRevenue, 6);
    // Human labels, never enum codes.
    const text = await page.locator('main').innerText();
    expect(text).toContain('Paid social');
    expect(text).not.toMatch(/\b(PAID_SOCIAL|EMAIL_MARKETING|ORGANIC_SEARCH|marketingqualifiedlead)\b/);

    await open(page, 'review');
    const rv = await numbers(page);
    expect(rv['waterfall.end.amount']).toBe(json['weekly'].momentum.team.waterfall.end.amount);
    expect(rv['coverage.team.coverage']).toBeCloseTo(json['weekly'].coverage.team.coverage, 9);
    await page.close();
  }, 120_000);

  it('every deal link on the pages resolves to the deal page, and CSV downloads carry the same numbers', async () => {
    const page = await browser.newPage();
    const links = new Set<string>();
    for (const path of ['team', 'ae?owner=Karan', 'ae?owner=Rohit Malhotra', 'review']) {
      await open(page, path);
      for (const href of await page
        .locator('a[href*="/deal/"]')
        .evaluateAll((as) => as.map((a) => (a as unknown as El).getAttribute('href')!)))
        links.add(href);
    }
    expect(links.size).toBeGreaterThan(10);
    for (const href of links) {
      const res = await fetch(new URL(href, base));
      expect(res.status, href).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/<h1>[^<]+<\/h1>/);
      expect(html).toContain('Timeline');
    }
    const csv = await (await fetch(`${base}/team?csv=waterfall`)).text();
    const rows = csv
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual(['Step', 'Deals', 'Amount']);
    expect(Number(rows.find((r) => r[0] === 'End')![2])).toBe(json['weekly'].momentum.team.waterfall.end.amount);
    expect((await fetch(`${base}/team`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/deal/999999999`)).status).toBe(404);
    await page.close();
  }, 120_000);
});

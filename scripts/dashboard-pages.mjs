#!/usr/bin/env node
/**
 * Page load times of `mis dashboard` (and, with --shots DIR, a screenshot of every page at a desktop's and a
 * phone's width). Starts the built CLI (`npm run build` first) on a portal file, then for each page:
 *   first   the first request (the server computes the page from the cache),
 *   again   the median of further requests (the page as the server keeps it),
 *   browser the median time to the load event in headless Chromium (with --shots; charts are inline SVG).
 * Figures, not assertions.
 *
 *   node scripts/dashboard-pages.mjs [--dataset FILE] [--runs N] [--shots DIR]
 *
 * Without --dataset it uses the committed demo portal. For a large portal:
 *   node bin/mis.js sandbox generate --out /tmp/portal-20k.json --deals 20000 --seed 1
 *   node scripts/dashboard-pages.mjs --dataset /tmp/portal-20k.json
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const MIS = fileURLToPath(new URL('../bin/mis.js', import.meta.url));
const CHROMIUM = process.env['MIS_CHROMIUM'] ?? '/usr/bin/chromium';
const { values } = parseArgs({
  options: { dataset: { type: 'string' }, runs: { type: 'string' }, shots: { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs ?? 5));
const state = mkdtempSync(join(tmpdir(), 'mis-dashboard-pages-'));
const env = { ...process.env, MIS_STATE_DIR: state, MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '1000' };
delete env['HUBSPOT_ACCESS_TOKEN'];
if (values.dataset) env['MIS_DATASET'] = values.dataset;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

const t0 = performance.now();
const child = spawn(process.execPath, [MIS, 'dashboard', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (b) => (stderr += b.toString()));
const url = await new Promise((resolve, reject) => {
  const rl = createInterface({ input: child.stdout });
  rl.once('line', (line) => {
    const m = /dashboard listening on (\S+)/.exec(line);
    if (m) resolve(m[1]);
    else reject(new Error(`unexpected first line: ${line}`));
  });
  child.once('exit', (code) => reject(new Error(`mis dashboard exited with ${code}: ${stderr.slice(-500)}`)));
});
const startMs = performance.now() - t0;

// The first deal with a risk signal gets the Deal page (a deal a manager would open).
const deals = await (await fetch(`${url}/team`)).text();
const dealPath = /href="(\/deal\/[^"]+)"/.exec(deals)?.[1]?.slice(1) ?? null;
const PAGES = ['team', 'ae?owner=asha', 'marketing', 'review', ...(dealPath ? [dealPath] : [])];

const rows = [];
for (const path of PAGES) {
  // Team was fetched once above to find a deal: time it cold with a filter it has not computed yet.
  const cold = path === 'team' ? 'team?period=quarter' : path;
  let t = performance.now();
  const first = await fetch(`${url}/${cold}`);
  const html = await first.text();
  const firstMs = performance.now() - t;
  const again = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await (await fetch(`${url}/${cold}`)).text();
    again.push(performance.now() - t);
  }
  rows.push({ path: cold, status: first.status, kb: Math.round(html.length / 1024), firstMs, againMs: median(again) });
}

if (values.shots) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set MIS_CHROMIUM)`);
  const { chromium } = await import('playwright-core');
  mkdirSync(values.shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    for (const [name, viewport] of Object.entries({
      desktop: { width: 1280, height: 900 },
      phone: { width: 390, height: 844 },
    })) {
      const page = await browser.newPage({ viewport });
      for (const row of rows) {
        const times = [];
        for (let i = 0; i < Math.min(runs, 3); i++) {
          const t = performance.now();
          await page.goto(`${url}/${row.path}`, { waitUntil: 'load' });
          times.push(performance.now() - t);
        }
        row[`${name}Ms`] = median(times);
        const file = join(values.shots, `${row.path.replace(/[^a-z0-9]+/gi, '-')}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
rmSync(state, { recursive: true, force: true });

console.log(`portal: ${values.dataset ?? 'the committed demo portal'}`);
console.log(`mis dashboard start (sync into a fresh cache, then listen): ${ms(startMs)}`);
console.log(
  ['page'.padEnd(24), 'status', 'size'.padStart(7), 'first'.padStart(9), 'again'.padStart(9)]
    .concat(values.shots ? ['desktop'.padStart(9), 'phone'.padStart(9)] : [])
    .join('  '),
);
for (const r of rows)
  console.log(
    [
      r.path.padEnd(24),
      String(r.status).padEnd(6),
      `${r.kb} KB`.padStart(7),
      ms(r.firstMs).padStart(9),
      ms(r.againMs).padStart(9),
    ]
      .concat(values.shots ? [ms(r.desktopMs).padStart(9), ms(r.phoneMs).padStart(9)] : [])
      .join('  '),
  );

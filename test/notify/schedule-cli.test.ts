/**
 * The built CLI on the demo sandbox: `npm start` (`mis start`) on a fresh state folder leaves it private (0700, no
 * file readable by group or others), and three `mis schedule --once --only notify-delivery --as-of …` processes
 * started together (a controlled clock) deliver every digest — and on Monday morning the manager's weekly
 * report — to a real SMTP receiver on 127.0.0.1 exactly once.
 */
import { readdirSync, statSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/index.js';
import { runMisAsync } from '../support/cli.js';
import { startSmtp } from './receivers.js';

const dir = mkdtempSync(join(tmpdir(), 'mis-sched-cli-'));
const stateDir = join(dir, 'state'); // does not exist yet: mis creates it
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp({ delayMs: 30 });
});
afterAll(async () => {
  await smtp.close();
});

function walk(p: string): string[] {
  return readdirSync(p, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [join(p, e.name), ...walk(join(p, e.name))] : [join(p, e.name)],
  );
}

describe('mis start and mis schedule on a fresh folder', () => {
  it('npm start leaves the state folder 0700 with no file readable by group or others', async () => {
    const r = await runMisAsync(['start'], { MIS_STATE_DIR: stateDir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/http:\/\/127\.0\.0\.1:8787\/a\/[0-9a-f]{24}\./);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    const open = walk(stateDir)
      .filter((f) => (statSync(f).mode & 0o077) !== 0)
      .map((f) => `${f.slice(stateDir.length)} ${(statSync(f).mode & 0o777).toString(8)}`);
    expect(open).toEqual([]);
    expect(walk(stateDir).map((f) => f.slice(stateDir.length + 1))).toContain('link.key');
  }, 180_000);

  it('3 concurrent schedulers deliver each digest and the Monday report exactly once', async () => {
    const config = join(dir, 'mis.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        notify: { smtp: { host: '127.0.0.1', port: smtp.port }, from: 'sales-mis <mis@demo.example>' },
      }),
    );
    const env = { MIS_STATE_DIR: stateDir, MIS_CONFIG: config };
    const tick = (asOf: string) =>
      Promise.all(
        [0, 1, 2].map(() =>
          runMisAsync(['schedule', '--once', '--only', 'notify-delivery', '--as-of', asOf, '--json'], env),
        ),
      );
    const lines: string[] = [];
    for (const asOf of [
      '2026-11-20T12:05:00.000Z',
      '2026-11-21T12:05:00.000Z',
      '2026-11-23T03:35:00.000Z',
      '2026-11-23T12:05:00.000Z',
    ]) {
      const before = smtp.mails.length;
      const runs = await tick(asOf);
      for (const r of runs) expect(r.status, r.stderr).toBe(0);
      const got = smtp.mails.slice(before);
      const ids = got.map((m) => m.messageId);
      expect(new Set(ids).size, `${asOf}: duplicates`).toBe(ids.length);
      const sentPer = runs.map((r) => (JSON.parse(r.stdout) as { delivery: { sent: unknown[] } }).delivery.sent.length);
      expect(sentPer.reduce((a, b) => a + b, 0)).toBe(got.length);
      lines.push(
        `${asOf}: ${got.length} delivered (${sentPer.join('/')} per scheduler), ${ids.length - new Set(ids).size} duplicates: ${got.map((m) => m.subject).join(' | ')}`,
      );
    }
    console.log(lines.join('\n'));
    const state = new StateStore(join(stateDir, 'mis.db'));
    const rows = state.db
      .prepare('SELECT day, audience, status FROM notify_outbox ORDER BY day, audience')
      .all() as Array<{ day: string; audience: string; status: string }>;
    state.close();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    // Friday 17:35: AE digests; Saturday: nothing; Monday 09:05: the manager's weekly report only; Monday 17:35: digests.
    expect(rows.filter((r) => r.day === '2026-11-21')).toEqual([]);
    expect(rows.filter((r) => r.audience === 'report').map((r) => r.day)).toEqual(['2026-11-23']);
    expect(rows.filter((r) => r.day === '2026-11-20' && r.audience === 'ae').length).toBe(3);
    expect(rows.filter((r) => r.day === '2026-11-23' && r.audience === 'ae').length).toBe(3);
    expect(smtp.mails.length).toBe(rows.length);
  }, 400_000);
});

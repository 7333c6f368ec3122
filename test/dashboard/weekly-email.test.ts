/**
 * `mis report weekly --email` through the durable outbox to a real SMTP server on 127.0.0.1 (smtp-server): the
 * message carries a text part and the charts as inline PNG parts referenced from the HTML by cid; its numbers equal
 * `mis report weekly --json`; a rerun for the same week sends nothing more. Text output of the same command at 80
 * columns never cuts a word.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisAsync } from '../support/cli.js';
import { startSmtp } from '../notify/receivers.js';

let dir: string;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mis-weekly-email-'));
  smtp = await startSmtp();
  writeFileSync(
    join(dir, 'mis.config.json'),
    JSON.stringify({
      notify: { smtp: { host: '127.0.0.1', port: smtp.port, secure: false }, from: 'sales-mis <mis@localhost>' },
    }),
  );
  env = { MIS_STATE_DIR: join(dir, 'state'), MIS_CONFIG: join(dir, 'mis.config.json') };
}, 60_000);

afterAll(async () => {
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the manager weekly email', () => {
  it('arrives with inline chart images and a text part, with the numbers of mis report weekly --json, once per week', async () => {
    const json = await runMisAsync(['report', 'weekly', '--json'], env);
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    const sent = await runMisAsync(
      [
        'report',
        'weekly',
        '--email',
        '--recipients',
        'boss@example.com',
        '--dashboard-url',
        'http://127.0.0.1:9999/dashboard',
      ],
      env,
    );
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('boss@example.com: sent');
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['boss@example.com']);
    const raw = mail.raw.replace(/=\r?\n/g, '');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    const images = raw.match(/Content-Type: image\/png/gi) ?? [];
    expect(images.length).toBe(5);
    const cids = [...raw.matchAll(/Content-ID: <([^>]+)>/gi)].map((m) => m[1]!);
    expect(cids.length).toBe(5);
    for (const cid of cids) expect(raw).toContain(`cid:${cid}`);
    expect(raw).not.toContain('data:image/png');
    // The text part's numbers: the waterfall's end and each AE's calls, as the JSON has them.
    const start = raw.search(/Content-Type: text\/plain/i);
    const body = raw.slice(start, raw.indexOf('\n--', start));
    const text = body.slice(body.search(/\r?\n\r?\n/));
    const w = report.momentum.team.waterfall;
    expect(text).toMatch(new RegExp(`End\\s+${w.end.count}\\s`));
    for (const r of report.scorecard.byOwner) expect(text).toContain(r.ownerName);
    expect(text).toContain('http://127.0.0.1:9999/dashboard/team');

    const again = await runMisAsync(['report', 'weekly', '--email', '--recipients', 'boss@example.com'], env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('already sent for this week');
    expect(smtp.mails).toHaveLength(1);
  }, 120_000);

  it('prints the weekly report at 80 columns without cutting a word, and as Markdown and CSV', async () => {
    const r = await runMisAsync(['report', 'weekly'], { ...env, COLUMNS: '80' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const tableLines = lines.filter((l) => l.startsWith('  '));
    for (const l of tableLines) expect(l.length, l).toBeLessThanOrEqual(80);
    for (const name of ['Asha Rao', 'Karan Mehta', 'Rohit Malhotra'])
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(name);
    const md = await runMisAsync(['report', 'weekly', '--format', 'md'], env);
    expect(md.stdout).toMatch(/^# Weekly sales report/);
    expect(md.stdout).toContain('| Step | Deals | Amount |');
    const csv = await runMisAsync(['report', 'weekly', '--format', 'csv'], env);
    expect(csv.stdout.split('\r\n')[0]).toBe('table,row,column,value');
    expect(csv.stdout).toMatch(/waterfall,8,Amount,\d+/);
  }, 120_000);
});

/**
 * Delivery through real receivers on 127.0.0.1 — an SMTP server (smtp-server) and a webhook endpoint — and the
 * durable outbox: a rerun never sends twice; a run killed between "recorded" and "sent" loses nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import {
  applySettings,
  notifyRun,
  NotifyStore,
  pendingRows,
  slackWebhookTransport,
  smtpTransport,
  type Transports,
} from '../../src/notify/index.js';
import { StateStore } from '../../src/state/index.js';
import { startSmtp, startWebhook } from './receivers.js';
import { demoContext } from './support.js';

let ctx: AnalysisContext;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  ctx = await demoContext();
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

const tmp = () => mkdtempSync(join(tmpdir(), 'mis-notify-'));
const ROHIT = '71234';

describe('delivery', () => {
  it('sends email over SMTP and Slack over the webhook, once, and a rerun sends nothing new', async () => {
    const before = smtp.mails.length;
    const hook = await startWebhook();
    const state = StateStore.open(tmp());
    const store = new NotifyStore(state);
    store.saveProfile(applySettings(store.profile(ROHIT), ['preferredChannel=slack']), ctx.asOf);
    const email = smtpTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      from: 'sales-mis <mis@localhost>',
    });
    const transports: Transports = { email, slack: slackWebhookTransport(() => hook.url) };
    try {
      const report = await notifyRun({ ctx, state }, { dryRun: false, outboxDir: tmp(), transports });
      const due = report.owners.filter((o) => o.due);
      expect(due.length).toBeGreaterThanOrEqual(3);
      const emails = due.flatMap((o) => o.messages).filter((m) => m.channel === 'email');
      const slacks = due.flatMap((o) => o.messages).filter((m) => m.channel === 'slack');
      expect(slacks.map((s) => s.recipient)).toEqual([`slack:${ROHIT}`]);
      expect(report.delivery!.sent).toHaveLength(emails.length + slacks.length);
      expect(report.delivery!.failed).toEqual([]);

      const got = smtp.mails.slice(before);
      expect(got.map((m) => m.messageId).sort()).toEqual(emails.map((m) => `<${m.id}@sales-mis>`).sort());
      expect(got.map((m) => m.to[0]).sort()).toEqual(emails.map((m) => m.recipient).sort());
      const asha = got.find((m) => m.to[0] === 'asha.rao@demo-logistics.example')!;
      expect(asha.raw).toMatch(/Content-Type: text\/html/i);
      expect(asha.raw).toMatch(/Content-Type: text\/plain/i);
      expect(asha.from).toBe('mis@localhost');

      expect(hook.posts).toHaveLength(1);
      const body = hook.posts[0]!.body as {
        text: string;
        blocks: Array<{ type: string; elements?: Array<{ url?: string }> }>;
      };
      // Slack's fallback text escapes &, < and > like the blocks do (a name cannot ping a channel or forge a link).
      expect(body.text).toBe(slacks[0]!.subject.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      expect(
        body.blocks.find((b) => b.type === 'actions')!.elements!.every((e) => /\/a\/[0-9a-f]{24}\./.test(e.url ?? '')),
      ).toBe(true);
      // Nudges are sent with their messages; one per deal per day.
      const n = state.db.prepare('SELECT status, COUNT(*) c FROM nudges GROUP BY status').all() as {
        status: string;
        c: number;
      }[];
      expect(n).toEqual([{ status: 'sent', c: expect.any(Number) }]);

      const again = await notifyRun({ ctx, state }, { dryRun: false, outboxDir: tmp(), transports });
      expect(again.owners.every((o) => !o.due && /already recorded today/.test(o.reason))).toBe(true);
      expect(again.delivery!.sent).toEqual([]);
      expect(smtp.mails.length - before).toBe(emails.length);
      expect(hook.posts).toHaveLength(1);
    } finally {
      email.close?.();
      state.close();
      await hook.close();
    }
  });

  it('keeps a message that failed to send and delivers it exactly once on the next run', async () => {
    const hook = await startWebhook({ failFirst: 1 });
    const state = StateStore.open(tmp());
    const store = new NotifyStore(state);
    store.saveProfile(applySettings(store.profile(ROHIT), ['preferredChannel=slack']), ctx.asOf);
    const transports: Transports = { slack: slackWebhookTransport(() => hook.url) };
    try {
      const first = await notifyRun({ ctx, state }, { dryRun: false, ownerId: ROHIT, outboxDir: tmp(), transports });
      expect(first.delivery!.failed).toHaveLength(1);
      expect(first.delivery!.failed[0]!.error).toMatch(/500/);
      expect(first.delivery!.failed[0]!.error).not.toContain('secret'); // the webhook URL is never in errors
      expect(pendingRows(store).map((r) => r.status)).toEqual(['recorded']);
      const second = await notifyRun({ ctx, state }, { dryRun: false, ownerId: ROHIT, outboxDir: tmp(), transports });
      expect(second.delivery!.sent).toHaveLength(1);
      expect(hook.posts).toHaveLength(1);
      expect(pendingRows(store)).toEqual([]);
      await notifyRun({ ctx, state }, { dryRun: false, ownerId: ROHIT, outboxDir: tmp(), transports });
      expect(hook.posts).toHaveLength(1);
    } finally {
      state.close();
      await hook.close();
    }
  });

  it('refuses to record anything when a due message has no delivery configured', async () => {
    const state = StateStore.open(tmp());
    try {
      await expect(notifyRun({ ctx, state }, { dryRun: false, outboxDir: tmp(), transports: {} })).rejects.toThrow(
        /no email delivery configured/,
      );
      expect(state.db.prepare('SELECT COUNT(*) FROM notify_outbox').pluck().get()).toBe(0);
    } finally {
      state.close();
    }
  });

  it('--dry-run writes .txt, .html and .slack.json and sends nothing; only its links are recorded (as a preview)', async () => {
    const state = StateStore.open(tmp());
    const dir = tmp();
    try {
      const report = await notifyRun({ ctx, state }, { dryRun: true, outboxDir: dir, transports: {} });
      const files = readdirSync(dir).sort();
      expect(files.length).toBe(report.files.length);
      expect(files.filter((f) => f.endsWith('.txt')).length).toBe(files.filter((f) => f.endsWith('.html')).length);
      expect(files.filter((f) => f.endsWith('.slack.json')).length).toBe(
        files.filter((f) => f.endsWith('.txt')).length,
      );
      expect(
        readFileSync(
          join(
            dir,
            files.find((f) => f.includes('71217-ae.txt'))!,
          ),
          'utf8',
        ),
      ).toMatch(/^Subject: .+\n\nGood evening Asha/);
      expect(state.db.prepare('SELECT COUNT(*) FROM notify_outbox').pluck().get()).toBe(0);
      expect(state.db.prepare("SELECT COUNT(*) FROM nudges WHERE status <> 'preview'").pluck().get()).toBe(0);
      expect(state.db.prepare('SELECT COUNT(*) FROM notify_links').pluck().get()).toBeGreaterThan(0);
      // The preview does not stop the day's real digest.
      expect(report.owners.filter((o) => o.due).length).toBeGreaterThan(0);
      const again = await notifyRun({ ctx, state }, { dryRun: true, outboxDir: dir, transports: {} });
      expect(again.owners.filter((o) => o.due).length).toBe(report.owners.filter((o) => o.due).length);
    } finally {
      state.close();
    }
  });
});

const CHILD = fileURLToPath(new URL('./crash-child.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/notify/index.js', import.meta.url));

describe('crash between "recorded" and "sent" (child process killed with SIGKILL)', () => {
  for (const point of ['recorded', 'sending'] as const) {
    it(`killed after "${point}": the rerun delivers every message exactly once`, async () => {
      // The child runs the built dist/ (the integration project's global setup builds it).
      expect(
        existsSync(DIST),
        `${DIST} is missing: run \`npm run build\` (npm run test:integration builds it first)`,
      ).toBe(true);
      const dir = tmp();
      const file = join(dir, 'mis.db');
      const before = smtp.mails.length;
      const run = (crash: string) =>
        new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
          (resolve) => {
            // Asynchronous: a synchronous spawn would block this process's SMTP receiver.
            const child = spawn(process.execPath, [CHILD], {
              env: { PATH: process.env['PATH'], STATE: file, SMTP_PORT: String(smtp.port), CRASH: crash },
            });
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
            child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
            child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
          },
        );
      const crashed = await run(point);
      expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
      const state = new StateStore(file);
      const recorded = state.db.prepare('SELECT id, status FROM notify_outbox ORDER BY id').all() as {
        id: string;
        status: string;
      }[];
      state.close();
      expect(recorded.length).toBeGreaterThanOrEqual(3);
      expect(recorded.every((r) => r.status === 'recorded' || r.status === 'sending')).toBe(true);
      expect(smtp.mails.length).toBe(before); // nothing went out

      const rerun = await run('');
      expect(rerun.status, rerun.stderr).toBe(0);
      const delivery = JSON.parse(rerun.stdout) as { sent: Array<{ id: string }> };
      expect(delivery.sent.map((s) => s.id).sort()).toEqual(recorded.map((r) => r.id));
      const got = smtp.mails
        .slice(before)
        .map((m) => m.messageId)
        .sort();
      expect(got).toEqual(recorded.map((r) => `<${r.id}@sales-mis>`));

      const third = await run('');
      expect(JSON.parse(third.stdout)).toMatchObject({ sent: [] });
      expect(smtp.mails.length - before).toBe(recorded.length);
    }, 60_000);
  }
});

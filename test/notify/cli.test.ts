/**
 * The CLI in-process on the demo portal: mis digest, mis notify (dry run, SMTP + Slack webhook), mis profile. Each
 * test starts from its own copy of the synced demo portal, so none depends on what another set or sent.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestReportSchema, notifyReportSchema } from '../../src/notify/index.js';
import { runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';
import { startSmtp, startWebhook } from './receivers.js';

const fresh = () => {
  const dir = demoStateCopy('mis-notify-cli-');
  return { dir, env: { MIS_STATE_DIR: dir } };
};
/** Rohit (71234) reads his digest in Slack; the others keep email. */
const rohitOnSlack = async (env: Record<string, string>) => {
  const r = await runMain(['profile', '--owner', '71234', '--set', 'preferredChannel=slack'], env);
  expect(r.status, r.stderr).toBe(0);
};
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: Awaited<ReturnType<typeof startWebhook>>;

beforeAll(async () => {
  smtp = await startSmtp();
  hook = await startWebhook();
});
afterAll(async () => {
  await smtp.close();
  await hook.close();
});

describe('mis digest / notify / profile', () => {
  it('mis digest --json prints the digest model', async () => {
    const { env } = fresh();
    const r = await runMain(['digest', '--owner', 'asha.rao@demo-logistics.example', '--json'], env);
    expect(r.status, r.stderr).toBe(0);
    const report = digestReportSchema.parse(JSON.parse(r.stdout));
    expect(report.ownerId).toBe('71217');
    expect(report.due).toBe(true);
    expect(report.stored).toBe(false);
    expect(report.digest!.format).toBe('sales-mis/digest@1');
    expect(report.digest!.top.amountText).toMatch(/^₹/);
    const text = await runMain(['digest', '--owner', '71217'], env);
    expect(text.stdout).toMatch(/^Subject: .+\n\nGood evening Asha/);
    expect(text.stdout).toContain('TOP PRIORITY');
    expect((await runMain(['digest'], env)).status).toBe(2);
  }, 120_000);

  it('mis profile shows and validates settings', async () => {
    const { env } = fresh();
    const set = await runMain(
      ['profile', '--owner', '71234', '--set', 'preferredChannel=slack', '--set', 'frequency=daily', '--json'],
      env,
    );
    expect(set.status, set.stderr).toBe(0);
    const rohit = (
      JSON.parse(set.stdout) as { profiles: Array<{ ownerId: string; preferredChannel: string; tier: string }> }
    ).profiles[0]!;
    expect(rohit).toMatchObject({ ownerId: '71234', preferredChannel: 'slack', tier: 'standard' });
    const bad = await runMain(['profile', '--owner', '71234', '--set', 'maxItems=4'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('maxItems=4: must be 1, 3 or 5');
    const table = await runMain(['profile'], env);
    expect(table.stdout).toMatch(/Rohit Malhotra \(71234\)\s+not scored\s+standard\s+slack/);
  }, 60_000);

  it('mis notify --dry-run writes the outbox files and sends nothing', async () => {
    const { dir, env } = fresh();
    await rohitOnSlack(env);
    const mailed = smtp.mails.length;
    const r = await runMain(['notify', '--dry-run'], env);
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'outbox'));
    expect(files.some((f) => f.endsWith('-71217-ae.html'))).toBe(true);
    expect(files.some((f) => f.endsWith('-71234-ae.slack.json'))).toBe(true);
    expect(smtp.mails).toHaveLength(mailed);
  }, 60_000);

  it('mis notify without delivery configured refuses with what to do', async () => {
    const { env } = fresh();
    const r = await runMain(['notify'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no (email|slack)( or (email|slack))? delivery configured/);
    expect(r.stderr).toContain('→');
  }, 60_000);

  it('mis notify sends through SMTP and the Slack webhook once; a rerun sends nothing', async () => {
    const { dir, env } = fresh();
    await rohitOnSlack(env);
    const config = join(dir, 'mis.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        notify: { smtp: { host: '127.0.0.1', port: smtp.port }, from: 'sales-mis <mis@demo.example>' },
      }),
    );
    const e = { ...env, MIS_CONFIG: config, MIS_SLACK_WEBHOOK_URL: hook.url };
    const r = await runMain(['notify', '--json'], e);
    expect(r.status, r.stderr).toBe(0);
    const report = notifyReportSchema.parse(JSON.parse(r.stdout));
    const emails = report.delivery!.sent.filter((s) => s.channel === 'email');
    expect(emails.length).toBeGreaterThanOrEqual(2);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(emails.map((s) => s.recipient).sort());
    expect(hook.posts).toHaveLength(1);
    expect(r.stdout).not.toContain(hook.url);
    const again = await runMain(['notify'], e);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already recorded today');
    expect(smtp.mails).toHaveLength(emails.length);
    expect(hook.posts).toHaveLength(1);
    const shown = digestReportSchema.parse(
      JSON.parse((await runMain(['digest', '--owner', '71217', '--json'], e)).stdout),
    );
    expect(shown.stored).toBe(true);
    expect(shown.reason).toContain('ae: sent');
  }, 120_000);
});

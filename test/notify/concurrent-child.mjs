// One `mis notify` sender in its own process over the built dist/, for the concurrency test: it loads the demo
// portal and opens the shared state file, prints "ready", waits for "go" on stdin (so every sender starts together),
// then plans, records and delivers. STATE=<file> SMTP_PORT=<port>. Prints the delivery report as JSON.
import { portalDataFromDataset } from '../../dist/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../dist/config/index.js';
import { demoDatasetPath, readPortalFile } from '../../dist/dataset/index.js';
import { notifyRun, smtpTransport } from '../../dist/notify/index.js';
import { StateStore } from '../../dist/state/index.js';

const ds = readPortalFile(demoDatasetPath());
const ctx = {
  data: await portalDataFromDataset(ds),
  config: DEFAULT_TEAM_CONFIG,
  asOf: new Date(ds.portal.asOf).toISOString(),
  timezone: ds.portal.timezone,
  currency: ds.portal.currency,
};
const state = new StateStore(process.env.STATE);
const email = smtpTransport({
  host: '127.0.0.1',
  port: Number(process.env.SMTP_PORT),
  secure: false,
  ignoreTLS: true,
  from: 'sales-mis <mis@localhost>',
});
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const report = await notifyRun({ ctx, state }, { dryRun: false, outboxDir: '/nonexistent', transports: { email } });
email.close?.();
state.close();
process.stdout.write(JSON.stringify(report.delivery));
process.exit(0);

// A `mis notify` run in a child process over the built dist/, killed (SIGKILL) at a chosen point:
//   CRASH=recorded  after the outbox rows are recorded, before any is sent
//   CRASH=sending   after the first row is marked `sending`, before the provider is called
// STATE=<file> SMTP_PORT=<port>. Prints the delivery report as JSON when it is not killed.
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
const crash = process.env.CRASH ?? '';
const die = () => process.kill(process.pid, 'SIGKILL');
const email = smtpTransport({
  host: '127.0.0.1',
  port: Number(process.env.SMTP_PORT),
  secure: false,
  ignoreTLS: true,
  from: 'sales-mis <mis@localhost>',
});
const report = await notifyRun(
  { ctx, state },
  {
    dryRun: false,
    outboxDir: '/nonexistent',
    transports: { email },
    hooks: {
      afterRecorded: () => crash === 'recorded' && die(),
      beforeSend: () => crash === 'sending' && die(),
    },
  },
);
email.close?.();
state.close();
process.stdout.write(JSON.stringify(report.delivery));

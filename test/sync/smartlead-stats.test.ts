/**
 * MA-5 opens, clicks and bounces per campaign and per sequence step: sync keeps SmartLead's campaign statistics
 * on each sent email (one statistics read per campaign page, no request per lead), and `mis metrics channels`
 * reads them from the cache. Campaign 9 (times IST):
 * - lead 11: step 1 sent 2 Nov (opened 3×, 1 click), step 2 sent 5 Nov, reply 6 Nov (a replied email counts as opened);
 * - lead 12: step 1 sent 2 Nov (opened once), step 2 sent 5 Nov (not opened);
 * - lead 13: step 1 sent 2 Nov, bounced.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPerformance, channelPerformanceSchema } from '../../src/analysis/metrics/index.js';
import { loadConfig } from '../../src/config/index.js';
import { writePortalFile, type PortalDatasetInput } from '../../src/dataset/index.js';
import { renderChannels } from '../../src/analysis/text/index.js';
import { openAnalysis, type AnalysisSession } from '../../src/session/index.js';
import { PortalBuilder } from '../analysis/metrics/builder.js';
import { contextOf } from '../analysis/metrics/helpers.js';

function portal(): PortalDatasetInput {
  const input = new PortalBuilder()
    .deal({ id: 'D1', owner: '101', created: '2026-10-01', stages: [['appointmentscheduled', '2026-10-01']] })
    .smartleadCampaign(9)
    .smartleadMessage(9, 11, 'a@example.com', 'SENT', '2026-11-02 09:00')
    .smartleadMessage(9, 12, 'b@example.com', 'SENT', '2026-11-02 09:05')
    .smartleadMessage(9, 13, 'c@example.com', 'SENT', '2026-11-02 09:10')
    .smartleadMessage(9, 11, 'a@example.com', 'SENT', '2026-11-05 09:00')
    .smartleadMessage(9, 12, 'b@example.com', 'SENT', '2026-11-05 09:05')
    .smartleadMessage(9, 11, 'a@example.com', 'REPLY', '2026-11-06 10:00')
    .build();
  const msgs = input.smartlead!.messages!;
  Object.assign(msgs[0]!, { open_count: 3, click_count: 1, open_time: '2026-11-02T05:00:00Z' });
  Object.assign(msgs[1]!, { open_count: 1, open_time: '2026-11-02T06:00:00Z' });
  Object.assign(msgs[2]!, { is_bounced: true });
  return input;
}

let dir: string;
let session: AnalysisSession;
let requests: Record<string, number>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mis-sl-stats-'));
  const dataset = join(dir, 'portal.json');
  writePortalFile(dataset, portal());
  const config = loadConfig(
    { MIS_DATASET: dataset, MIS_STATE_DIR: join(dir, 'state'), MIS_SANDBOX_LIMITS: 'off' },
    dir,
  );
  session = await openAnalysis(config, { forceSync: true });
  const sb = session.conn.sandbox!;
  requests = ((await (await fetch(`${sb.url}/__sandbox/stats`)).json()) as { requests: Record<string, number> })
    .requests;
});
afterAll(async () => {
  await session.close();
});

describe('SmartLead statistics in the sync cache', () => {
  it('costs one statistics read for the campaign and one history for the one lead who replied', () => {
    const sl = Object.entries(requests).filter(([k]) => k.includes('/smartlead/'));
    const count = (part: string) => sl.filter(([k]) => k.includes(part)).reduce((n, [, v]) => n + v, 0);
    expect(count('/statistics')).toBe(1);
    expect(count('/message-history')).toBe(1);
  });

  it('keeps each send’s opens, clicks and bounce, the replied lead’s history sends included', () => {
    const sends = session.ctx.data.outreach!.messages.filter((m) => m.type === 'SENT');
    expect(sends).toHaveLength(5);
    expect(sends.every((m) => m.stats !== undefined)).toBe(true);
    const byLead = (id: number) => sends.filter((m) => m.leadId === id).map((m) => m.stats);
    expect(byLead(11)).toEqual([
      { openCount: 3, clickCount: 1, bounced: false },
      { openCount: 1, clickCount: 0, bounced: false }, // opened: it was replied to
    ]);
    expect(byLead(13)).toEqual([{ openCount: 0, clickCount: 0, bounced: true }]);
  });

  it('channels per campaign: opens 3 + 1 + 1 = 5 by 2 of 3 leads, 1 click (1/3), 1 bounce of 5 sends, 1 reply (1/3)', async () => {
    const c = channelPerformance(session.ctx);
    expect(channelPerformanceSchema.parse(c)).toEqual(c);
    expect(c.statisticsSynced).toBe(true);
    expect(c.campaigns[0]).toMatchObject({
      campaignId: 9,
      leadsSent: 3,
      sent: 5,
      opens: 5,
      leadsOpened: 2,
      openRate: 2 / 3,
      clicks: 1,
      leadsClicked: 1,
      clickRate: 1 / 3,
      bounces: 1,
      bounceRate: 1 / 5,
      replies: 1,
      replyRate: 1 / 3,
    });
    // the same figures from the dataset directly (tests and evals read it so)
    expect(channelPerformance(await contextOf(portal()))).toEqual(c);
  });

  it('per step: step 1 sent 3, opened 2, clicked 1, bounced 1; step 2 sent 2, opened 1, replied 1 (1/2)', () => {
    const [s1, s2] = channelPerformance(session.ctx).campaigns[0]!.steps;
    expect(s1).toEqual({
      step: 1,
      sent: 3,
      replies: 0,
      replyRate: 0,
      opened: 2,
      clicked: 1,
      bounced: 1,
      openRate: 2 / 3,
      clickRate: 1 / 3,
      bounceRate: 1 / 3,
    });
    expect(s2).toEqual({
      step: 2,
      sent: 2,
      replies: 1,
      replyRate: 1 / 2,
      opened: 1,
      clicked: 0,
      bounced: 0,
      openRate: 1 / 2,
      clickRate: 0,
      bounceRate: 0,
    });
    const text = renderChannels(channelPerformance(session.ctx));
    expect(text).toMatch(/SmartLead 9 .*2 \(67%\) .*1 \(33%\) .*1 \(33%\) .*1 \(20%\)/);
    expect(text).toContain('Step 2');
  });
});

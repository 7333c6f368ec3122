/**
 * The manager's weekly email opens with the same "At a glance" lines as `mis report weekly` (forecast, attainment,
 * speed to lead, aging), in its HTML, text and Markdown parts, before the first chart.
 */
import { describe, expect, it } from 'vitest';
import { weeklyReport } from '../../src/analysis/index.js';
import { glanceLines, renderWeekly } from '../../src/analysis/text/index.js';
import { buildManagerWeeklyEmail } from '../../src/dashboard/index.js';
import { esc } from '../../src/dashboard/html.js';
import { demoContext, memoryState } from '../notify/support.js';

describe('the weekly email’s glance', () => {
  it('carries the text report’s glance lines first, in every part', { timeout: 60_000 }, async () => {
    const ctx = await demoContext();
    const state = memoryState();
    const email = await buildManagerWeeklyEmail(ctx, state, { dashboardUrl: 'http://127.0.0.1:9/dashboard' });
    const lines = glanceLines(weeklyReport(ctx));
    expect(lines.length).toBe(4); // the demo portal has forecast, attainment, speed to lead and aging figures
    const text = renderWeekly(email.report);
    for (const l of lines) {
      expect(text).toContain(l); // the same words as `mis report weekly`
      expect(email.html).toContain(`<li>${esc(l)}</li>`);
      expect(email.text).toContain(`• ${l}`);
      expect(email.markdown).toContain(`- ${l}`);
    }
    // first, before the first section's chart
    expect(email.html.indexOf('At a glance')).toBeLessThan(email.html.indexOf('<img'));
    expect(email.markdown.indexOf('## At a glance')).toBeLessThan(
      email.markdown.indexOf('## ', email.markdown.indexOf('## At a glance') + 1),
    );
    state.close();
  });
});

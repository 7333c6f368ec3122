/** The portal summary for people: aligned tables, ₹ lakh/crore for INR, dates in the team's time zone. */
import type { PortalSummary } from '../index.js';
import { formatDateTime, formatMoney, renderTable } from '../../format/index.js';

export function renderPortalSummary(s: PortalSummary): string {
  const cur = s.portal.currency;
  const m = (n: number) => formatMoney(n, cur);
  const out: string[] = [];
  out.push(`${s.portal.name ?? 'HubSpot portal'} · ${s.portal.source}`);
  out.push(`As of ${formatDateTime(s.portal.asOf, s.portal.timezone)} · ${s.portal.timezone} · ${cur}`);
  out.push(
    `${s.totals.owners} owners · ${s.totals.companies} companies · ${s.totals.contacts} contacts · ${s.totals.deals} deals (${s.totals.openDeals} open) · ${s.totals.engagements.toLocaleString('en-IN')} engagements`,
  );
  out.push('');
  out.push('Owners');
  out.push(
    renderTable(
      ['Owner', 'Email', 'Open deals', 'Open pipeline', 'Weighted', 'Won deals', 'Won'],
      s.owners.map((o) => [
        o.name,
        o.email ?? '—',
        o.openDeals,
        m(o.openAmount),
        m(o.weightedAmount),
        o.wonDeals,
        m(o.wonAmount),
      ]),
    ),
  );
  for (const p of s.pipelines) {
    out.push('');
    out.push(
      `Pipeline: ${p.label} — ${p.openDeals} open deals, ${m(p.openAmount)} open, ${m(p.weightedAmount)} weighted`,
    );
    out.push(
      renderTable(
        ['Stage', 'Prob.', 'Deals', 'Amount', 'Weighted'],
        p.stages.map((st) => [
          st.label,
          `${Math.round(st.probability * 100)}%`,
          st.deals,
          m(st.amount),
          st.isClosed ? '—' : m(st.weightedAmount),
        ]),
      ),
    );
  }
  out.push('');
  out.push('Engagements logged in HubSpot, by owner');
  out.push(
    renderTable(
      ['Owner', 'Calls', 'Emails', 'Meetings', 'Notes', 'Tasks', 'Total', 'Last 14 days'],
      [
        ...s.engagements.byOwner.map((r) => [
          r.name,
          r.counts.call,
          r.counts.email,
          r.counts.meeting,
          r.counts.note,
          r.counts.task,
          r.total,
          r.last14Days,
        ]),
        [
          'All',
          s.engagements.byKind.call,
          s.engagements.byKind.email,
          s.engagements.byKind.meeting,
          s.engagements.byKind.note,
          s.engagements.byKind.task,
          s.totals.engagements,
          sumLast14(s),
        ],
      ],
    ),
  );
  out.push('');
  if (s.smartlead) {
    const t = s.smartlead.totals;
    out.push(
      `SmartLead — ${t.sent.toLocaleString('en-IN')} emails sent, ${t.replies} replies, ${t.leadsNotInHubSpot} of ${t.leads} leads not in HubSpot`,
    );
    out.push(
      renderTable(
        ['Campaign', 'Status', 'Leads', 'Sent', 'Replies', 'Reply rate', 'Not in HubSpot'],
        s.smartlead.campaigns.map((c) => [
          c.name,
          c.status,
          c.leads,
          c.sent,
          c.replies,
          c.replyRate === null ? '—' : `${(c.replyRate * 100).toFixed(1)}%`,
          c.leadsNotInHubSpot,
        ]),
      ),
    );
  } else {
    out.push('SmartLead — not connected (set SMARTLEAD_API_KEY to read campaigns).');
  }
  out.push('');
  out.push(
    `Read through the HubSpot and SmartLead clients in ${(s.durationMs / 1000).toFixed(1)} s: ${s.requests.hubspot} HubSpot requests, ${s.requests.smartlead} SmartLead requests.`,
  );
  return out.join('\n');
}

function sumLast14(s: PortalSummary): number {
  return s.engagements.byOwner.reduce((a, r) => a + r.last14Days, 0);
}

/** The digest as a mobile-friendly HTML email: one column, inline CSS only, big tap targets. Only arranges the model. */
import { greeting, type Digest, type DigestItem } from '../../content/digest.js';
import { checks, clip, flagged, meetingLine, remindersByAction, say, taskLine, week, wins } from './text.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const BTN =
  'display:inline-block;margin:4px 6px 4px 0;padding:10px 14px;border-radius:6px;font:600 14px/1.2 -apple-system,Segoe UI,Roboto,Arial,sans-serif;text-decoration:none;';
const PRIMARY = `${BTN}background:#1f6feb;color:#ffffff;`;
const SECONDARY = `${BTN}background:#eef2f7;color:#1f2937;`;
const H =
  'margin:20px 0 8px;font:700 12px/1.4 -apple-system,Segoe UI,Roboto,Arial,sans-serif;letter-spacing:.06em;color:#6b7280;text-transform:uppercase;';
const P = 'margin:0 0 6px;font:15px/1.45 -apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#111827;';
const SMALL = 'margin:0 0 6px;font:13px/1.4 -apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#4b5563;';

export function renderHtml(d: Digest): string {
  const body: string[] = [];
  if (d.audience === 'manager') {
    body.push(
      `<p style="${P}">Hi ${esc(d.recipient.firstName)}, ${esc(d.owner.firstName)} could use your support.</p>`,
    );
    body.push(`<h2 style="${H}">Support needed</h2>`);
    [d.top, ...d.more].forEach((it, i) => body.push(item(d, it, false, d.owner.firstName, i === 0)));
    body.push(`<h2 style="${H}">${esc(d.owner.firstName)}'s week so far</h2><p style="${P}">${esc(week(d))}</p>`);
  } else {
    body.push(`<p style="${P}">${greeting(d.asOf, d.timezone)} ${esc(d.recipient.firstName)}</p>`);
    body.push(`<h2 style="${H}">Top priority</h2>`);
    body.push(item(d, d.top, true, 'You', true));
    if (d.more.length) {
      body.push(
        `<h2 style="${H}">${d.level >= 3 ? `Also pending · ${esc(d.pending.moneyAtRiskText)} at risk` : 'Also on your list'}</h2>`,
      );
      for (const it of d.more) body.push(item(d, it, false, 'You', false));
    }
    if (d.managerCc && d.manager)
      body.push(
        `<p style="${P}">Want ${esc(d.manager.firstName)}'s help on these? <a href="${esc(d.managerCc)}" style="color:#1f6feb;">Loop them in</a></p>`,
      );
    body.push(...assistHtml(d));
    const w = wins(d);
    if (w) body.push(`<h2 style="${H}">Today's wins</h2><p style="${P}">${esc(w)}</p>`);
    body.push(`<h2 style="${H}">This week so far</h2><p style="${P}">${esc(week(d))}</p>`);
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(d.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div style="max-width:600px;margin:0 auto;padding:16px;background:#ffffff;">
<p style="${SMALL}">sales-mis · ${esc(d.dayLabel)}</p>
${body.join('\n')}
</div></body></html>
`;
}

/** Next actions on clean deals, the next working day's meetings, overdue tasks and one-tap reminders. */
function assistHtml(d: Digest): string[] {
  const out: string[] = [];
  const card = (inner: string) =>
    `<div style="margin:0 0 10px;padding:10px 12px;border:1px solid #e5e7eb;border-radius:8px;">${inner}</div>`;
  const { onAction, rest } = remindersByAction(d);
  if (d.nextActions.length) {
    out.push(`<h2 style="${H}">Next steps on your other deals</h2>`);
    for (const a of d.nextActions) {
      const r = onAction.get(a.dealId);
      const button = r
        ? `<div><a href="${esc(r.accept)}" style="${SECONDARY}">Add as a task, due ${esc(r.due)}</a></div>`
        : '';
      out.push(
        card(
          `<p style="${P}"><strong>${esc(a.name)}</strong> (${esc(a.amountText)} · ${esc(a.stage)})</p><p style="${P}">→ ${esc(a.action)}</p><p style="${SMALL}">${esc(a.reason)}</p>${button}`,
        ),
      );
    }
  }
  if (d.meetings.length && d.meetingsDay) {
    out.push(`<h2 style="${H}">Your meetings on ${esc(d.meetingsDay)}</h2>`);
    for (const m of d.meetings)
      out.push(
        card(
          `<p style="${P}"><strong>${esc(meetingLine(m))}</strong></p>${m.lines.map((l) => `<p style="${SMALL}">${esc(l)}</p>`).join('')}`,
        ),
      );
  }
  if (d.overdueTasks.count) {
    out.push(`<h2 style="${H}">Overdue tasks (${d.overdueTasks.count})</h2>`);
    const more = d.overdueTasks.count - d.overdueTasks.items.length;
    out.push(
      `<ul style="margin:0 0 8px;padding-left:20px;">${d.overdueTasks.items.map((t) => `<li style="${P}">${esc(taskLine(t))}</li>`).join('')}${more > 0 ? `<li style="${SMALL}">and ${more} more in HubSpot</li>` : ''}</ul>`,
    );
  }
  if (rest.length) {
    out.push(`<h2 style="${H}">Follow-ups to add to your tasks</h2>`);
    for (const r of rest)
      out.push(
        card(
          `<p style="${P}"><strong>${esc(r.subject)}</strong>, due ${esc(r.due)}</p><p style="${SMALL}">${esc(r.reason)}</p><div><a href="${esc(r.accept)}" style="${PRIMARY}">Add to my tasks</a></div>`,
        ),
      );
  }
  return out;
}

function item(d: Digest, it: DigestItem, top: boolean, speaker: string, framed: boolean): string {
  const said = it.said
    ? `<p style="${SMALL}">${esc(speaker)} said: “${esc(it.said.mention)}” · HubSpot shows: ${esc(say(d, it.said.crm))}</p>`
    : '';
  return `<div style="margin:0 0 12px;padding:12px;border:1px solid #e5e7eb;border-radius:8px;${top ? 'border-left:4px solid #1f6feb;' : ''}">
<p style="${P}"><strong>${esc(it.headline)}</strong></p>
${framed ? `<p style="${P}">${esc(it.framing)}.</p>` : ''}
<p style="${P}">→ ${esc(it.ask.text)}</p>
${top ? it.findings.map((f) => `<p style="${SMALL}">Why: ${esc(clip(say(d, f.summary)))}</p>`).join('') : ''}${said}<p style="${SMALL}">${esc(it.moneyAtRiskText)} at risk · ${esc(it.stage)} · ${esc(checks(it))}${d.audience === 'manager' ? esc(flagged(it)) : ''}</p>
<div><a href="${esc(it.links.updateStage)}" style="${PRIMARY}">Update Stage</a><a href="${esc(it.links.addNote)}" style="${SECONDARY}">Add Note</a><a href="${esc(it.links.skip)}" style="${SECONDARY}">Skip – Not Ready</a></div>
</div>`;
}

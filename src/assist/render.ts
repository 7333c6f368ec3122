/** Text for people: the brief, the next actions, meeting prep and reminders, with names, human dates and ₹. */
import { formatMoney } from '../format/index.js';
import type { DealBrief } from './brief.js';
import type { NextAction } from './next-action.js';
import type { MeetingPrep } from './prep.js';
import type { OverdueTask, Reminder } from './reminders.js';
import { dayLabel, timeLabel } from './when.js';

const RISK_LABEL: Record<string, string> = {
  going_cold: 'Going cold',
  close_date_pushed: 'Close date pushed',
  no_next_activity: 'No next step',
  single_threaded: 'Single-threaded',
  competitor_mentioned: 'Competitor mentioned',
  amount_decreased: 'Amount down',
  stage_regression: 'Moved back a stage',
  smartlead_silence: 'Gone quiet after a SmartLead reply',
};

const TOUCH_LABEL: Record<string, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  note: 'Note',
  smartlead_sent: 'SmartLead email',
  smartlead_reply: 'SmartLead reply',
};

const DIFF_LABEL: Record<string, string> = {
  stage_mismatch: 'stage',
  amount_mismatch: 'amount',
  close_date_mismatch: 'close date',
  lost_not_closed: 'lost but open in HubSpot',
  unlogged_activity: 'activity not logged',
  stale_deal: 'no recent activity',
  missing_deal: 'not in HubSpot',
};

export interface BriefSection {
  title: string;
  lines: string[];
}

/** The brief as a headline and titled sections of plain lines (the text render and the workflow output share it). */
export function briefSections(b: DealBrief): { headline: string; sections: BriefSection[] } {
  const tz = b.timezone;
  const now = Date.parse(b.asOf);
  const day = (iso: string) => dayLabel(Date.parse(iso), tz, now);
  const money = (x: number | null) => formatMoney(x, b.currency);
  const sections: BriefSection[] = [];
  const stand = [
    `${b.ownerName} · ${b.stage.label} for ${b.stage.days} days · ${money(b.amount)} · closes ${b.closeDate ? day(b.closeDate) : 'no date set'}`,
  ];
  if (b.closeDatePushes.length)
    stand.push(
      `Close date moved ${b.closeDatePushes.length} time${b.closeDatePushes.length > 1 ? 's' : ''}: ${b.closeDatePushes.map((p) => `${day(p.from)} → ${day(p.to)}`).join(', ')}`,
    );
  if (b.nextAction) stand.push(`Next: ${b.nextAction.action}. ${b.nextAction.reason}`);
  if (b.scheduled) stand.push(`Scheduled: ${b.scheduled.subject}${b.scheduled.at ? ` on ${day(b.scheduled.at)}` : ''}`);
  sections.push({ title: 'Where it stands', lines: stand });
  const people = b.people.map((p) => {
    const when = p.lastTouchAt
      ? `last in touch ${day(p.lastTouchAt)}${p.status === 'quiet' ? ` — quiet for ${p.quietDays} days` : ''}`
      : 'never in touch';
    return `${p.name}${p.role ? `, ${p.role}` : ''}${p.onDeal ? '' : ' (at the company, not on the deal)'}: ${when}`;
  });
  if (!b.people.length) people.push('No contact on the deal.');
  if (b.singleThreaded) people.push('Single-threaded: at most one person on this deal.');
  sections.push({ title: 'People', lines: people });
  sections.push({
    title: 'Last touches',
    lines: b.lastTouches.length
      ? b.lastTouches.map(
          (t) =>
            `${day(t.at)} · ${TOUCH_LABEL[t.kind] ?? t.kind}${t.contactName ? ` · ${t.contactName}` : ''}: “${t.text}”`,
        )
      : ['Nothing logged.'],
  });
  if (b.aeSaid) {
    sections.push({
      title: `What ${b.ownerName.split(' ')[0]} said (update of ${day(b.aeSaid.receivedAt)})`,
      lines: [
        `“${b.aeSaid.quote}”`,
        ...b.aeSaid.differences.map((x) => `Differs from HubSpot: ${DIFF_LABEL[x.type] ?? x.type.replace(/_/g, ' ')}`),
      ],
    });
  }
  if (b.risks.length)
    sections.push({
      title: 'Risks',
      lines: b.risks.map((r) => `${RISK_LABEL[r.signal] ?? r.signal}: ${r.explanation}`),
    });
  if (b.unmetRequirements.length)
    sections.push({ title: 'Still to do', lines: b.unmetRequirements.map((r) => r.requirement) });
  if (b.questions.length) sections.push({ title: 'Questions to ask', lines: [...b.questions] });
  const company = b.company?.name && !b.dealName.includes(b.company.name) ? ` (${b.company.name})` : '';
  return { headline: `Brief: ${b.dealName}${company}`, sections };
}

export function renderBrief(b: DealBrief, width = 80): string {
  const { headline, sections } = briefSections(b);
  const out = [...wrapWords(headline, width)];
  for (const s of sections) out.push('', s.title, ...s.lines.flatMap((l) => hang(l, width, '  ', '    ')));
  out.push('', b.hubspotUrl ? `In HubSpot: ${b.hubspotUrl}` : `Deal ${b.dealId}`);
  return out.join('\n');
}

/** A wrapped paragraph whose first line starts with `first` and the rest with `rest`. */
function hang(text: string, width: number, first: string, rest: string): string[] {
  const lines = wrapWords(text, width - rest.length + first.length, first);
  return lines.map((l, i) => (i === 0 ? l : `${rest}${l.slice(first.length)}`));
}

/** Words laid out in lines of at most `width` characters (a word longer than the line gets a line of its own). */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

export function renderNextActions(actions: readonly NextAction[], currency: string, top: number, width = 80): string {
  const needed = actions.filter((a) => a.needed);
  const shown = actions.slice(0, top);
  const out = wrapWords(
    `${needed.length} of ${actions.length} open deals need an action; ${shown.length} shown, most money at risk first.`,
    width,
  );
  shown.forEach((a, i) => {
    out.push('');
    out.push(
      ...wrapWords(
        `${i + 1}. ${a.dealName} · ${a.ownerName} · ${a.stage} · ${formatMoney(a.amount, currency)}`,
        width,
      ).map((l, j) => (j ? `   ${l}` : l)),
    );
    out.push(...wrapWords(`→ ${a.action}`, width, '   '));
    out.push(...wrapWords(a.reason, width, '     '));
  });
  return out.join('\n');
}

export function renderPrep(p: MeetingPrep, renderOne: (b: DealBrief) => string = renderBrief): string {
  const when = dayLabel(Date.parse(`${p.day}T12:00:00Z`), 'UTC', Date.parse(`${p.day}T12:00:00Z`));
  if (!p.meetings.length) return `${p.ownerName} has no meetings in HubSpot on ${when}.`;
  const out = [`${p.ownerName}: ${p.meetings.length} meeting${p.meetings.length > 1 ? 's' : ''} on ${when}`];
  for (const m of p.meetings) {
    out.push(
      '',
      `── ${timeLabel(Date.parse(m.at), p.timezone)} ${m.title}${m.attendees.length ? ` with ${m.attendees.map((a) => a.name).join(', ')}` : ''}`,
    );
    out.push(m.brief ? renderOne(m.brief) : 'Not on a deal in HubSpot: nothing to brief from.');
  }
  return out.join('\n');
}

export function renderReminders(
  reminders: readonly Reminder[],
  overdue: readonly OverdueTask[],
  timeZone: string,
  asOf: string,
): string {
  const now = Date.parse(asOf);
  const out: string[] = [];
  out.push(
    reminders.length
      ? `${reminders.length} follow-up reminder${reminders.length > 1 ? 's' : ''} to add as HubSpot tasks:`
      : 'No follow-up reminders: every open deal has its next step.',
  );
  for (const r of reminders)
    out.push(
      ...hang(`• ${dayLabel(Date.parse(r.dueAt), timeZone, now)}: ${r.change.subject}. ${r.reason}`, 80, '  ', '    '),
    );
  if (overdue.length) {
    out.push('', `${overdue.length} overdue task${overdue.length > 1 ? 's' : ''}:`);
    for (const t of overdue)
      out.push(
        ...hang(
          `• ${t.subject}${t.dealName ? ` (${t.dealName})` : ''}: due ${dayLabel(Date.parse(t.dueAt), timeZone, now)}, ${t.daysOverdue} day${t.daysOverdue === 1 ? '' : 's'} ago`,
          80,
          '  ',
          '    ',
        ),
      );
  }
  return out.join('\n');
}

/** The digest as plain text: TOP PRIORITY, the other items, TODAY'S WINS, THIS WEEK SO FAR. Only arranges the model. */
import { greeting, type Digest, type DigestItem } from '../../content/digest.js';
import { cutAtWord } from '../../../assist/index.js';
import { LEVEL_NAMES } from '../../policy/ladder.js';
import { checkWords, readable } from './words.js';

export function renderText(d: Digest): string {
  const out: string[] = [];
  if (d.audience === 'manager') {
    out.push(`Hi ${d.recipient.firstName}, ${d.owner.firstName} could use your support · ${d.dayLabel}`, '');
    out.push('SUPPORT NEEDED');
    [d.top, ...d.more].forEach((it, i) => {
      // The framing once (first card); each card says how long its deal has been flagged.
      out.push(`  ${i + 1}. ${it.headline}`);
      if (i === 0) out.push(`     ${it.framing}.`);
      out.push(`     ${it.moneyAtRiskText} at risk · ${it.stage} · ${checks(it)}${flagged(it)}`);
      if (it.said)
        out.push(`     ${d.owner.firstName} said: "${it.said.mention}" · HubSpot shows: ${say(d, it.said.crm)}`);
    });
    out.push('', `${d.owner.firstName.toUpperCase()}'S WEEK SO FAR`, `  ${week(d)}`);
    out.push('', 'A conversation usually unblocks these faster than a reminder.');
    return out.join('\n');
  }
  out.push(
    `${greeting(d.asOf, d.timezone)} ${d.recipient.firstName} · ${d.kind === 'summary' ? 'your weekly summary' : 'your pipeline digest'} · ${d.dayLabel}`,
    '',
  );
  out.push('TOP PRIORITY');
  out.push(`  ${d.top.headline}.`);
  out.push(`  ${d.top.framing}.`);
  out.push(`  → ${d.top.ask.text}`);
  for (const f of d.top.findings) out.push(`  Why: ${clip(say(d, f.summary))}`);
  if (d.top.said) out.push(`  You said: "${d.top.said.mention}" · HubSpot shows: ${say(d, d.top.said.crm)}`);
  out.push(`  ${d.top.moneyAtRiskText} at risk · ${d.top.stage} · ${checks(d.top)}`);
  out.push(...buttons(d.top, '  '));
  if (d.more.length) {
    out.push(
      '',
      d.level >= 3
        ? `ALSO PENDING (${d.pending.count} open, ${d.pending.moneyAtRiskText} at risk)`
        : 'ALSO ON YOUR LIST',
    );
    d.more.forEach((it, i) => {
      out.push(
        `  ${i + 2}. ${it.headline}${it.level > 1 ? ` (L${it.level} ${LEVEL_NAMES[it.level]})` : ''}`,
        `     → ${it.ask.text}`,
      );
      if (it.said) out.push(`     You said: "${it.said.mention}" · HubSpot shows: ${say(d, it.said.crm)}`);
      out.push(...buttons(it, '     '));
    });
  }
  if (d.managerCc && d.manager)
    out.push('', `Want ${d.manager.firstName}'s help on these? One tap loops them in: ${d.managerCc}`);
  out.push(...assistText(d));
  const w = wins(d);
  if (w) out.push('', "TODAY'S WINS", `  ${w}`);
  out.push('', 'THIS WEEK SO FAR', `  ${week(d)}`);
  return out.join('\n');
}

/** Next actions on clean deals, the next working day's meetings, overdue tasks and one-tap reminders. */
function assistText(d: Digest): string[] {
  const out: string[] = [];
  const { onAction, rest } = remindersByAction(d);
  if (d.nextActions.length) {
    out.push('', 'NEXT STEPS ON YOUR OTHER DEALS');
    for (const a of d.nextActions) {
      out.push(`  • ${a.name} (${a.amountText} · ${a.stage}): ${a.action}`, `    ${a.reason}`);
      const r = onAction.get(a.dealId);
      if (r) out.push(`    [Add as a task, due ${r.due}] ${r.accept}`);
    }
  }
  if (d.meetings.length && d.meetingsDay) {
    out.push('', `YOUR MEETINGS ON ${d.meetingsDay.toUpperCase()}`);
    for (const m of d.meetings) {
      out.push(`  • ${meetingLine(m)}`);
      for (const l of m.lines) out.push(`    ${l}`);
    }
  }
  if (d.overdueTasks.count) {
    out.push('', `OVERDUE TASKS (${d.overdueTasks.count})`);
    for (const t of d.overdueTasks.items) out.push(`  • ${taskLine(t)}`);
    if (d.overdueTasks.count > d.overdueTasks.items.length)
      out.push(`  and ${d.overdueTasks.count - d.overdueTasks.items.length} more in HubSpot`);
  }
  if (rest.length) {
    out.push('', 'FOLLOW-UPS TO ADD TO YOUR TASKS');
    for (const r of rest)
      out.push(`  • ${r.subject}, due ${r.due}`, `    ${r.reason}`, `    [Add to my tasks] ${r.accept}`);
  }
  return out;
}

/** A reminder that is a shown next action's task is offered with it (one line, not two); the rest are listed. */
export function remindersByAction(d: Digest): {
  onAction: Map<string, Digest['reminders'][number]>;
  rest: Digest['reminders'];
} {
  const deals = new Set(d.nextActions.map((a) => a.dealId));
  const onAction = new Map<string, Digest['reminders'][number]>();
  const rest: Digest['reminders'] = [];
  for (const r of d.reminders)
    if (r.withAction && deals.has(r.dealId) && !onAction.has(r.dealId)) onAction.set(r.dealId, r);
    else rest.push(r);
  return { onAction, rest };
}

export function meetingLine(m: Digest['meetings'][number]): string {
  return `${m.time} ${m.title}${m.with.length ? ` with ${m.with.join(', ')}` : ''}${m.dealName && !m.title.includes(m.dealName) ? ` (${m.dealName})` : ''}`;
}

export function taskLine(t: Digest['overdueTasks']['items'][number]): string {
  const ago = t.daysOverdue === 0 ? 'earlier today' : `${t.daysOverdue} ${t.daysOverdue === 1 ? 'day' : 'days'} ago`;
  return `${t.subject}${t.dealName ? ` (${t.dealName})` : ''}: due ${t.due}, ${ago}`;
}

/** Today's wins, or '' when there were none (a count of zero is not a win). */
export function wins(d: Digest): string {
  const w = d.wins;
  const parts: string[] = [];
  if (w.callsToday > 0)
    parts.push(
      `${w.callsToday} ${w.callsToday === 1 ? 'call' : 'calls'} logged${w.callsTargetToday ? ` of ${w.callsTargetToday} today` : ''}`,
    );
  if (w.meetingsToday) parts.push(`meetings ${w.meetingsToday}`);
  if (w.notesToday) parts.push(`notes ${w.notesToday}`);
  for (const m of w.stageMoves) parts.push(`${m.dealName} moved ${m.from} → ${m.to}`);
  for (const x of w.dealsWon) parts.push(`won ${x.dealName} (${x.amountText})`);
  return parts.join(' · ');
}

export function week(d: Digest): string {
  const k = d.week;
  return `calls ${k.calls.actual}/${k.calls.target} · emails ${k.emails.actual}/${k.emails.target} · meetings ${k.meetings.actual}/${k.meetings.target} · notes ${k.notes.actual}/${k.notes.target}`;
}

/** " · flagged 9 days ago" for an item on its ladder since an earlier day, else ''. */
export function flagged(it: DigestItem): string {
  const n = it.ladderDay - 1;
  return n > 0 ? ` · flagged ${n} ${n === 1 ? 'day' : 'days'} ago` : '';
}

export function checks(it: DigestItem): string {
  return checkWords(it);
}

/** A finding's summary, or what HubSpot shows, in the digest's words (human dates, no property names). */
export function say(d: Digest, text: string): string {
  return readable(text, d.timezone, d.asOf);
}

function buttons(it: DigestItem, indent: string): string[] {
  return [
    `${indent}[Update Stage] ${it.links.updateStage}`,
    `${indent}[Add Note] ${it.links.addNote}`,
    `${indent}[Skip – Not Ready] ${it.links.skip}`,
  ];
}

/** At most n characters, cut at a word (never mid-word). */
export function clip(s: string, n = 160): string {
  return cutAtWord(s, n);
}

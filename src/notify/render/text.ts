/** The digest as plain text: TOP PRIORITY, the other items, TODAY'S WINS, THIS WEEK SO FAR. Only arranges the model. */
import type { Digest, DigestItem } from '../digest.js';
import { LEVEL_NAMES } from '../ladder.js';

export function renderText(d: Digest): string {
  const out: string[] = [];
  if (d.audience === 'manager') {
    out.push(`Hi ${d.recipient.firstName}, ${d.owner.firstName} could use your support · ${d.dayLabel}`, '');
    out.push('SUPPORT NEEDED');
    [d.top, ...d.more].forEach((it, i) => {
      out.push(
        `  ${i + 1}. ${it.headline}`,
        `     ${it.framing}.`,
        `     ${it.moneyAtRiskText} at risk · ${it.stage} · ${checks(it)}`,
      );
      if (it.said) out.push(`     ${d.owner.firstName} said: "${it.said.mention}" · HubSpot shows: ${it.said.crm}`);
    });
    out.push('', `${d.owner.firstName.toUpperCase()}'S WEEK SO FAR`, `  ${week(d)}`);
    out.push('', `A conversation usually unblocks these faster than a reminder. (${d.rule})`);
    return out.join('\n');
  }
  out.push(
    `Good morning ${d.recipient.firstName} · ${d.kind === 'summary' ? 'your weekly summary' : 'your pipeline digest'} · ${d.dayLabel}`,
    '',
  );
  out.push('TOP PRIORITY');
  out.push(`  ${d.top.headline}.`);
  out.push(`  ${d.top.framing}.`);
  out.push(`  → ${d.top.ask.text}`);
  for (const f of d.top.findings) out.push(`  Why: ${clip(f.summary)}`);
  if (d.top.said) out.push(`  You said: "${d.top.said.mention}" · HubSpot shows: ${d.top.said.crm}`);
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
      if (it.said) out.push(`     You said: "${it.said.mention}" · HubSpot shows: ${it.said.crm}`);
      out.push(...buttons(it, '     '));
    });
  }
  if (d.managerCc && d.manager)
    out.push('', `Want ${d.manager.firstName}'s help on these? One tap loops them in: ${d.managerCc}`);
  const w = wins(d);
  if (w) out.push('', "TODAY'S WINS", `  ${w}`);
  out.push('', 'THIS WEEK SO FAR', `  ${week(d)}`);
  return out.join('\n');
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

export function checks(it: DigestItem): string {
  return it.findings.map((f) => f.check.replace(/_/g, ' ')).join(', ');
}

function buttons(it: DigestItem, indent: string): string[] {
  return [
    `${indent}[Update Stage] ${it.links.updateStage}`,
    `${indent}[Add Note] ${it.links.addNote}`,
    `${indent}[Skip – Not Ready] ${it.links.skip}`,
  ];
}

export function clip(s: string, n = 160): string {
  return s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`;
}

/** The digest as Slack Block Kit (incoming webhook payload) with link buttons. Only arranges the model. */
import type { Digest, DigestItem } from '../../content/digest.js';
import { checks, flagged, meetingLine, remindersByAction, say, taskLine, week, wins } from './text.js';

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
// Slack mrkdwn treats &, < and > as control characters.
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderSlack(d: Digest): SlackMessage {
  const blocks: Array<Record<string, unknown>> = [];
  blocks.push({
    type: 'header',
    text: {
      type: 'plain_text',
      text:
        d.audience === 'manager'
          ? `Support needed: ${d.owner.firstName}`
          : d.kind === 'summary'
            ? 'Your weekly summary'
            : 'Top priority',
      emoji: true,
    },
  });
  const items = [d.top, ...d.more];
  items.forEach((it, i) => {
    if (i === 1) blocks.push({ type: 'divider' });
    blocks.push(...item(it, d, i));
  });
  if (d.managerCc && d.manager)
    blocks.push({
      type: 'section',
      text: mrkdwn(`Want ${esc(d.manager.firstName)}'s help on these? <${d.managerCc}|Loop them in>`),
    });
  if (d.audience === 'ae') blocks.push(...assistBlocks(d));
  const w = wins(d);
  if (d.audience === 'ae' && w) blocks.push({ type: 'section', text: mrkdwn(`*Today's wins*\n${esc(w)}`) });
  blocks.push({
    type: 'section',
    text: mrkdwn(
      `*${d.audience === 'ae' ? 'This week so far' : `${esc(d.owner.firstName)}'s week so far`}*\n${esc(week(d))}`,
    ),
  });
  blocks.push({ type: 'context', elements: [mrkdwn(`sales-mis · ${esc(d.dayLabel)}`)] });
  return { text: esc(d.subject), blocks };
}

function assistBlocks(d: Digest): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const { onAction, rest } = remindersByAction(d);
  d.nextActions.forEach((a, i) => {
    const r = onAction.get(a.dealId);
    out.push({
      type: 'section',
      text: mrkdwn(
        `${i === 0 ? '*Next steps on your other deals*\n' : ''}• *${esc(a.name)}* (${esc(a.amountText)} · ${esc(a.stage)}): ${esc(a.action)}\n   _${esc(a.reason)}_`,
      ),
      ...(r
        ? {
            accessory: {
              type: 'button',
              action_id: `accept_reminder_action_${i}`,
              text: { type: 'plain_text', text: `Add as a task, due ${r.due}` },
              url: r.accept,
            },
          }
        : {}),
    });
  });
  if (d.meetings.length && d.meetingsDay)
    out.push({
      type: 'section',
      text: mrkdwn(
        `*Your meetings on ${esc(d.meetingsDay)}*\n${d.meetings.map((m) => [`• *${esc(meetingLine(m))}*`, ...m.lines.map((l) => `   ${esc(l)}`)].join('\n')).join('\n')}`,
      ),
    });
  if (d.overdueTasks.count)
    out.push({
      type: 'section',
      text: mrkdwn(
        `*Overdue tasks (${d.overdueTasks.count})*\n${d.overdueTasks.items.map((t) => `• ${esc(taskLine(t))}`).join('\n')}`,
      ),
    });
  rest.forEach((r, i) =>
    out.push({
      type: 'section',
      text: mrkdwn(`${i === 0 ? '*Follow-ups to add to your tasks*\n' : ''}• ${esc(r.subject)}, due ${esc(r.due)}`),
      accessory: {
        type: 'button',
        action_id: `accept_reminder_${i}`,
        text: { type: 'plain_text', text: 'Add to my tasks' },
        url: r.accept,
      },
    }),
  );
  return out;
}

function item(it: DigestItem, d: Digest, i: number): Array<Record<string, unknown>> {
  // The level's line once, on the first card.
  const framed = i === 0;
  const lines = [`*${esc(it.headline)}*`, ...(framed ? [esc(it.framing)] : []), `→ ${esc(it.ask.text)}`];
  if (it.said)
    lines.push(
      `_${d.audience === 'ae' ? 'You' : esc(d.owner.firstName)} said:_ “${esc(it.said.mention)}” · _HubSpot shows:_ ${esc(say(d, it.said.crm))}`,
    );
  return [
    { type: 'section', text: mrkdwn(lines.join('\n')) },
    {
      type: 'context',
      elements: [
        mrkdwn(
          `${esc(it.moneyAtRiskText)} at risk · ${esc(it.stage)} · ${esc(checks(it))}${d.audience === 'manager' ? esc(flagged(it)) : ''}`,
        ),
      ],
    },
    {
      type: 'actions',
      block_id: `item_${i}`,
      elements: [
        {
          type: 'button',
          action_id: `update_stage_${i}`,
          text: { type: 'plain_text', text: 'Update Stage' },
          url: it.links.updateStage,
          style: 'primary',
        },
        {
          type: 'button',
          action_id: `add_note_${i}`,
          text: { type: 'plain_text', text: 'Add Note' },
          url: it.links.addNote,
        },
        {
          type: 'button',
          action_id: `skip_${i}`,
          text: { type: 'plain_text', text: 'Skip – Not Ready' },
          url: it.links.skip,
        },
      ],
    },
  ];
}

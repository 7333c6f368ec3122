/** meeting-briefs (meeting-prep, AE-3): the AE's meetings on the next working day, each with its call brief. */
import { z } from 'zod';
import { humanDay } from '../../format/index.js';
import { localTime } from '../../time/index.js';
import { citationSchema, read } from './common.js';
import { assembleBrief, callBriefSchema, renderCallBrief, unquoteBrief, verifyProse } from './call-brief.js';
import { defineOutput } from './spec.js';

/** "Mon 23 Nov" for a local YYYY-MM-DD. */
const dayName = (day: string): string => humanDay(day, 'UTC');

export const meetingBriefsSchema = z.object({
  kind: z.literal('meeting_briefs'),
  ownerId: z.string(),
  ownerName: z.string(),
  day: z.string(),
  meetings: z
    .array(
      z.object({
        meetingId: z.string(),
        title: z.string(),
        at: z.string(),
        attendees: z.array(z.string()),
        brief: callBriefSchema.nullable(),
      }),
    )
    .max(12),
  headline: z.string().min(1).max(600),
  citations: z.array(citationSchema),
});
export type MeetingBriefs = z.infer<typeof meetingBriefsSchema>;

const prepResult = z.looseObject({
  ownerId: z.string(),
  ownerName: z.string(),
  day: z.string(),
  meetings: z.array(
    z.looseObject({
      meetingId: z.string(),
      title: z.string(),
      at: z.string(),
      dealId: z.string().nullable(),
      attendees: z.array(z.looseObject({ name: z.string() })),
      brief: z.unknown(),
    }),
  ),
});

export const meetingBriefs = defineOutput({
  name: 'meeting-briefs',
  description: "an AE's meetings on the next working day, each with a call brief built from mis_meeting_prep",
  schema: meetingBriefsSchema,
  assemble(results) {
    const r = read(results, 'prep', prepResult);
    const meetings = r.meetings.slice(0, 12).map((m) => ({
      meetingId: m.meetingId,
      title: m.title,
      at: m.at,
      attendees: m.attendees.map((a) => a.name),
      brief: m.brief ? assembleBrief(unquoteBrief({ brief: m.brief })) : null,
    }));
    return {
      kind: 'meeting_briefs' as const,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      day: r.day,
      meetings,
      headline: meetings.length
        ? `${r.ownerName}: ${meetings.length} meeting${meetings.length > 1 ? 's' : ''} on ${dayName(r.day)}.`
        : `${r.ownerName} has no meetings in HubSpot on ${dayName(r.day)}.`,
      citations: meetings.flatMap((m) => (m.brief ? [{ type: 'deal' as const, id: m.brief.dealId }] : [])),
    };
  },
  render(d, view) {
    const out = [d.headline];
    for (const m of d.meetings) {
      const time = localTime(m.at, view.timezone).time;
      out.push(
        '',
        `── ${time} ${m.title}${m.attendees.length ? ` with ${m.attendees.join(', ')}` : ''}`,
        m.brief ? renderCallBrief(m.brief) : 'Not on a deal in HubSpot.',
      );
    }
    return out.join('\n');
  },
  verify(output, results) {
    return verifyProse(
      [
        output.headline,
        ...output.meetings.flatMap((m) =>
          m.brief ? [m.brief.headline, ...m.brief.sections.flatMap((s) => s.lines), ...m.brief.questions] : [],
        ),
      ],
      results,
    );
  },
});

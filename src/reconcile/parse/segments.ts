/**
 * Cuts an update (an email, a Slack message: bullets, one line per deal, or run-on sentences) into the pieces
 * that each talk about one deal, and finds the name each piece starts with.
 */

export interface Segment {
  text: string;
  /** Offset of `text` in the whole update. */
  index: number;
}

/** Abbreviations whose full stop does not end a sentence. */
const NO_BREAK_AFTER =
  /(?:^|[\s(])(pvt|ltd|co|mr|mrs|ms|dr|vs|inc|approx|no|st|corp|intl|bros|sr|jr|e\.g|i\.e|w\.e\.f|etc)$/i;

export function splitSegments(update: string): Segment[] {
  const out: Segment[] = [];
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /[\s\-*•·>–—]/.test(update[s]!)) s++;
    // Numbered bullets: "1. ", "2) ".
    const num = /^\d{1,2}[.)]\s+/.exec(update.slice(s, e));
    if (num) s += num[0].length;
    while (e > s && /[\s.;,|/]/.test(update[e - 1]!)) e--;
    if (e > s) out.push({ text: update.slice(s, e), index: s });
  };
  const lineRe = /[^\n]+/g;
  for (const line of update.matchAll(lineRe)) {
    const base = line.index;
    const text = line[0];
    let start = 0;
    const breaks: Array<[number, number]> = [];
    // Sentence ends: ". " (not inside a number or after an abbreviation), " / ", "; ", " | ".
    const re =
      /\.(?=\s+\S)|\s+\/\s+|;\s*|\s+\|\s+|,\s+(?=(?:and\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,3}\s*[:–—]\s)/g;
    for (const m of text.matchAll(re)) {
      if (m[0] === '.') {
        const before = text.slice(0, m.index);
        if (/\d$/.test(before) && /^\s*\d/.test(text.slice(m.index + 1))) continue;
        if (NO_BREAK_AFTER.test(before)) continue;
      }
      breaks.push([m.index, m.index + m[0].length]);
    }
    for (const [a, b] of breaks) {
      push(base + start, base + a);
      start = b;
    }
    push(base + start, base + text.length);
  }
  return out;
}

/** Words that open a piece without naming a deal: greetings, sign-offs, the rest of the pipeline. */
const NOT_A_NAME = new Set([
  'hi',
  'hello',
  'hey',
  'dear',
  'team',
  'all',
  'thx',
  'thanks',
  'thank',
  'regards',
  'cheers',
  'best',
  'rest',
  'overall',
  'weekly',
  'week',
  'update',
  'updates',
  'quick',
  'pipeline',
  'pipe',
  'fyi',
  'note',
  'pls',
  'please',
  'will',
  'also',
  'other',
  'others',
  'remaining',
  'this',
  'last',
  'next',
  'total',
  'summary',
  'forecast',
  'commit',
  'w/e',
  'we',
  'i',
  'my',
  'our',
  'sorry',
  'today',
  'tomorrow',
  'yday',
  'yesterday',
  'bhai',
  'sir',
  'boss',
  'nothing',
  'no',
  'not',
  'new',
  'everything',
  'rest',
  'hubspot',
  'crm',
  'smartlead',
  'sync',
  'ok',
  'okay',
  'mostly',
  'working',
  'spent',
  'had',
  'did',
  'met',
  'call',
  'calls',
  'meeting',
  'meetings',
  'demo',
  'demos',
  'sent',
  'followed',
  'following',
  'pending',
  'holiday',
  'leave',
  'ooo',
  'wfh',
  'travel',
  'travelling',
]);

/** Lead-ins before the name: "new one - ", "new opp:", "update on", "re:". */
const LEAD_IN =
  /^(?:new\s+(?:one|opp(?:ty|ortunity)?|deal|lead|logo|account)\s*(?:[-–—:]|\bis\b)?\s*|update on\s+|re:?\s+|also,?\s+|and\s+|fyi,?\s+|plus\s+)/i;

export interface Head {
  name: string | null;
  /** The AE called it new ("new opp", "new one"). */
  isNew: boolean;
  /** Where the name starts in the segment. */
  index: number;
}

/**
 * The name a segment is about: its words up to the first separator (":", " - ", ",", "(") or the first word
 * the lexicon knows (`stopAt`: offsets where claims begin). Null when the piece is a greeting or a sign-off.
 */
export function headOf(segment: string, stopAt: number): Head {
  const lead = LEAD_IN.exec(segment);
  const isNew = /\bnew\b/i.test(lead?.[0] ?? '') || /\bnew (?:opp|one|deal|logo|lead)\b/i.test(segment);
  const from = lead ? lead[0].length : 0;
  const rest = segment.slice(from);
  const sep = rest.search(
    /\s*(?::|\s[-–—]\s|,|\(|\s[-–—]|\bw\/|\bwith\b|\s+is\s|\s+are\s|\s+has\s|\s+had\s|\s+ne\s|\s+ka\s|\s+ki\s|\s+ke\s|\s+se\s|\s+mein\s)/i,
  );
  let end = sep < 0 ? rest.length : sep;
  if (stopAt >= from && stopAt - from < end) end = stopAt - from;
  let name = rest
    .slice(0, end)
    .trim()
    .replace(/[\s\-–—:.,]+$/, '');
  name = name.replace(/\s+(?:deal|opp|opportunity|account|update)$/i, '');
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return { name: null, isNew, index: from };
  if (NOT_A_NAME.has(words[0]!.toLowerCase().replace(/[^a-z/]/g, ''))) return { name: null, isNew, index: from };
  if (!/\p{L}{2,}/u.test(name)) return { name: null, isNew, index: from };
  return { name, isNew, index: from };
}

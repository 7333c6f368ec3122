/**
 * How a busy Indian AE writes: "15.2L", "1.1 Cr", "80 lakhs", "by 15th Dec", "F2F on Wed", company names cut
 * short or slightly misspelt.
 */
import type { Rng } from './random.js';
import { DAY, daysInMonth, istDayStart, istParts, istWeekStart, monthName, weekdayName } from './time.js';

/** Phrases per open stage index; each says that stage and no other. */
export const STAGE_PHRASES: readonly string[][] = [
  ['disc call done', 'early stage, discovery', 'intro done, discovery'],
  ['demo done', 'demo done, team liked it', 'demo done, IT reviewing'],
  ['POC running', 'pilot live', 'POC on'],
  ['proposal sent', 'quote shared, awaiting feedback', 'proposal with finance'],
  ['shortlisted to final 2', 'final 2 now', 'shortlisted'],
  ['in nego', 'contract stage, legal reviewing', 'negotiating terms'],
];

function trimNumber(n: number, decimals: number): string {
  return n.toFixed(decimals).replace(/\.?0+$/, '');
}

/** 1520000 → "15.2L" (or "15.2 lakhs"), 11500000 → "1.15 Cr". Exact for amounts in 10k steps. */
export function formatInr(amount: number, rng: Rng): string {
  if (amount >= 10_000_000 && amount % 100_000 === 0) return `${trimNumber(amount / 10_000_000, 2)} Cr`;
  const lakhs = amount / 100_000;
  if (Number.isInteger(lakhs) && rng.chance(0.35)) return `${lakhs} lakhs`;
  return `${trimNumber(lakhs, 1)}L`;
}

function ordinal(day: number): string {
  const tail = day % 100 >= 11 && day % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${tail}`;
}

/** "15th Dec", or "end Dec" for the last day of a month. */
export function formatDay(ms: number, rng: Rng): string {
  const p = istParts(ms);
  if (p.day === daysInMonth(p.year, p.month) && rng.chance(0.6)) return `end ${monthName(p.month)}`;
  return `${ordinal(p.day)} ${monthName(p.month)}`;
}

/** A day earlier this week (IST), as an AE would name it: "yday" or "on Wed". */
export function earlierThisWeek(asOf: number, rng: Rng): { ms: number; phrase: string } {
  const today = istDayStart(asOf);
  const monday = istWeekStart(asOf);
  const days: number[] = [];
  for (let d = monday; d < today; d += DAY) if (istParts(d).weekday !== 0) days.push(d);
  const day = days.length > 0 ? rng.pick(days) : today - DAY;
  const phrase = day === today - DAY ? 'yday' : `on ${weekdayName(istParts(day).weekday)}`;
  return { ms: day + 15 * 60 * 60 * 1000, phrase };
}

const LEGAL_SUFFIX = / (Pvt\.? Ltd\.?|Private Limited|Ltd|Limited|LLP|& Co|Industries)$/;

/**
 * A short name for a company as an AE would type it. The first word alone is used only when no other company in
 * the portal starts with it, so the mention still points at one company.
 */
export function alias(name: string, firstWordUnique: boolean, rng: Rng): string {
  let out =
    name.endsWith(' Group') && rng.chance(0.7) ? name.replace(/ Group$/, ' grp') : name.replace(LEGAL_SUFFIX, '');
  const words = out.split(' ');
  const r = rng.next();
  if (firstWordUnique && words[0]!.length >= 4 && r < 0.35) out = words[0]!;
  else if (r < 0.55)
    out = out
      .replace('Logistics', 'Logi')
      .replace('Industries', 'Inds')
      .replace('Engineering', 'Engg')
      .replace('Private', 'Pvt');
  if (rng.chance(0.2)) out = typo(out, rng);
  if (rng.chance(0.25)) out = out.toLowerCase();
  return out;
}

/** Swaps two neighbouring letters inside the longest word ("Logsitics"). */
function typo(s: string, rng: Rng): string {
  const words = s.split(' ');
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > words[longest]!.length) longest = i;
  });
  const w = words[longest]!;
  if (w.length < 6) return s;
  const i = rng.int(1, w.length - 3);
  words[longest] = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  return words.join(' ');
}

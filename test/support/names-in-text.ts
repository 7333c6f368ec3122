/**
 * Checks human text for bare record ids: every number that is a record id of the portal (deal, contact, company,
 * owner, engagement, SmartLead campaign) must appear with that record's name. "Line" is what a reader sees as one
 * place: the line itself, or, when the text wraps, the lines just above in the same table cell or paragraph
 * (the text from the id's cell start up to the next column gap, for up to eight lines above, without crossing a
 * blank line).
 *
 * Also checks the width rules: no line longer than the width, and no word cut (a line ending in a letter directly
 * followed, at the next line's same cell start, by a letter, where the joined word is not a word of the text).
 */
import type { PortalDataset } from '../../src/dataset/index.js';

export interface IdProblem {
  line: number;
  id: string;
  kind: string;
  expected: string[];
  text: string;
}

interface Names {
  kind: string;
  names: string[];
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Every record id of the portal with the names a reader would recognise it by. */
export function portalNames(ds: PortalDataset): Map<string, Names> {
  const out = new Map<string, Names>();
  const companyOfDeal = new Map<string, string>();
  const companyName = new Map<string, string>();
  for (const c of ds.objects.companies ?? []) {
    const name = String(c.properties['name'] ?? '');
    companyName.set(c.id, name);
    out.set(c.id, { kind: 'company', names: [name].filter(Boolean) });
  }
  for (const a of ds.associations ?? []) {
    if (a.from.type === 'deals' && a.to.type === 'companies') companyOfDeal.set(a.from.id, a.to.id);
    if (a.to.type === 'deals' && a.from.type === 'companies') companyOfDeal.set(a.to.id, a.from.id);
  }
  for (const d of ds.objects.deals ?? []) {
    const names = [String(d.properties['dealname'] ?? '')];
    const co = companyOfDeal.get(d.id);
    if (co && companyName.get(co)) names.push(companyName.get(co)!);
    out.set(d.id, { kind: 'deal', names: names.filter(Boolean) });
  }
  for (const c of ds.objects.contacts ?? []) {
    const p = c.properties;
    const full = [p['firstname'], p['lastname']].filter(Boolean).join(' ');
    out.set(c.id, { kind: 'contact', names: [full, String(p['email'] ?? '')].filter(Boolean) });
  }
  for (const o of ds.owners) {
    const full = [o.firstName, o.lastName].filter(Boolean).join(' ');
    out.set(o.id, { kind: 'owner', names: [full, o.email].filter((x): x is string => Boolean(x)) });
  }
  for (const kind of ['calls', 'emails', 'meetings', 'notes', 'tasks'] as const)
    for (const e of ds.objects[kind] ?? []) out.set(e.id, { kind: kind.slice(0, -1), names: [] });
  for (const c of ds.smartlead?.campaigns ?? []) out.set(String(c.id), { kind: 'campaign', names: [c.name] });
  return out;
}

/** The start of the cell holding column `col`: just after the last gap of two or more spaces before it. */
function cellStart(line: string, col: number): number {
  const before = line.slice(0, col);
  const m = /.*\S\s{2,}/.exec(before);
  return m ? m[0].length : before.length - before.trimStart().length;
}

/** The text of the cell starting at `start` in `line`: up to the next gap of two or more spaces. */
function cellAt(line: string, start: number): string {
  const rest = line.slice(start);
  const gap = rest.search(/\S\s{2,}/);
  return gap < 0 ? rest : rest.slice(0, gap + 1);
}

export function bareIds(text: string, names: Map<string, Names>): IdProblem[] {
  const lines = text.split('\n');
  const problems: IdProblem[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/(?<![\w.@/-])\d{4,}(?![\w@]|\.\d)/g)) {
      const rec = names.get(m[0]);
      if (!rec) continue;
      const start = cellStart(line, m.index);
      const around = [line];
      const cell = [cellAt(line, start)];
      for (let k = i - 1; k >= Math.max(0, i - 8) && lines[k]!.trim(); k--) cell.unshift(cellAt(lines[k]!, start));
      const joined = clean(cell.join(' '));
      const here = clean(around.join(' '));
      const ok = rec.names.some((n) => here.includes(clean(n)) || joined.includes(clean(n)));
      if (!ok) problems.push({ line: i + 1, id: m[0], kind: rec.kind, expected: rec.names, text: line });
    }
  });
  return problems;
}

export interface WidthProblem {
  line: number;
  why: string;
  text: string;
}

/** Lines over `width`, and words cut across lines (the joined word must not appear whole anywhere in the text). */
export function widthProblems(text: string, width: number): WidthProblem[] {
  const lines = text.split('\n');
  // Words as written in prose (addresses and links left out: their parts run together by design).
  const prose = text.toLowerCase().replace(/\S*[@/]\S*|\S+\.example\b/g, ' ');
  const words = new Set(prose.match(/[\p{L}\p{N}]+/gu) ?? []);
  const out: WidthProblem[] = [];
  lines.forEach((line, i) => {
    if ([...line].length > width) out.push({ line: i + 1, why: `${[...line].length} characters`, text: line });
    // A shortened text ends at a word's end ("Control Tower …" or "Control Tower…"), never inside one.
    for (const m of line.matchAll(/(\p{L}+)…/gu))
      if (!words.has(m[1]!.toLowerCase() + 's') && !isWholeWord(m[1]!, text))
        out.push({ line: i + 1, why: `"${m[1]}…" is cut mid-word`, text: line });
    const next = lines[i + 1];
    if (!next) return;
    // A cut shows as a cell ending in a word character where the next line's same cell starts with one, with no
    // space between, and the joined word found nowhere else whole.
    for (const m of line.matchAll(/([\p{L}]+)(?=\s{2,}|$)/gu)) {
      const endCol = m.index + m[0].length;
      const start = cellStart(line, m.index);
      const below = cellAt(next, start);
      if (next.slice(0, start).trim() && start > 0 && !/\s{2,}$/.test(next.slice(0, start))) continue;
      const first = /^([\p{L}]+)/u.exec(below);
      if (!first || below.length === 0 || start + below.length < start) continue;
      const joined = (m[1]! + first[1]!).toLowerCase();
      if (!words.has(joined)) continue;
      if (line.slice(start, endCol).trim() && below.trim())
        out.push({ line: i + 1, why: `"${m[1]}" + "${first[1]}" looks like a word cut in two`, text: line });
    }
  });
  return out;
}

/** Whether `w` stands alone somewhere in `text` (not only as the cut piece before "…"). */
function isWholeWord(w: string, text: string): boolean {
  return new RegExp(`(?<![\\p{L}])${w}(?![\\p{L}…])`, 'iu').test(text);
}

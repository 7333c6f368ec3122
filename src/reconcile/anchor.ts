/**
 * Cuts an update into subjects anchored on the CRM's vocabulary. A line (a bullet, a paragraph) is about one
 * subject from the first known entity in it until another known entity begins a new one: the clauses after the
 * subject ("commercials next week", "PO by month end") are claims about it, not new mentions. Entities are company
 * and deal names (typos forgiven), their initials, old deal names, contact people (who point at their deal but
 * never interrupt another subject) and, inside a company's subject, the product part of a deal's name (two deals
 * at one company). Owners and colleagues, sales words, pronouns and greetings are never subjects. A line naming no
 * known entity is a deal the CRM lacks only with evidence: a proper name plus "new" / "create the deal" (strong),
 * or a proper name heading a list item with opportunity signals (weak). Quoted text of a forwarded thread is not
 * the AE's claim and is left out.
 */
import { nameScore, nameTokens, tokenSimilarity } from '../names/index.js';
import type { Alias, Vocabulary } from './vocabulary.js';
import { NEVER_A_NAME } from './words.js';

export interface AnchoredSegment {
  /** The subject's words, verbatim from the update. */
  text: string;
  index: number;
  /** The entity as written ("AMD", "Mehul", "the Aranya deal" → "Aranya"); for a new deal, its proper name. */
  name: string | null;
  /** Words that tell two deals of one company apart ("cold room", "fuel"). */
  product: string | null;
  /** Resolved by the vocabulary: the business and the deals it can be (null for a deal the CRM lacks). */
  entity: string | null;
  dealIds: string[];
  /** How the subject was found. */
  via: Alias['kind'] | 'new';
  /** 0..1: how sure the anchoring is (a typo or a contact name is less sure than the name as written). */
  confidence: number;
  isNew: boolean;
}

interface Token {
  raw: string;
  low: string;
  index: number;
  end: number;
}

interface Anchor {
  index: number;
  end: number;
  raw: string;
  kind: Alias['kind'];
  entity: string;
  dealIds: string[];
  score: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function tokensOf(text: string, base: number): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({
    raw: m[0],
    low: nameTokens(m[0], new Set())[0] ?? m[0].toLowerCase(),
    index: base + m.index,
    end: base + m.index + m[0].length,
  }));
}

const isCapitalised = (raw: string) => /^\p{Lu}/u.test(raw);

/** Lines that are mail headers, and where quoted text of a forwarded thread begins. */
const HEADER = /^\s*(?:from|sent|to|cc|bcc|subject|date)\s*:/i;
const QUOTE_START = /^\s*(?:-{2,}\s*(?:forwarded|original)\s+message|begin forwarded message|on .{4,80}\bwrote:\s*$)/i;

/** A new opportunity, in the AE's words. */
const NEW_SIGNAL =
  /(?<![\p{L}])(?:new|naya|nayi|fresh)(?![\p{L}])|🆕|(?<![\p{L}])(?:creat(?:e|ing)|open(?:ing)?|add(?:ing)?|set(?:ting)? up|log(?:ging)?)\s+(?:a\s+|the\s+|new\s+)?(?:deal|opp(?:ty|ortunity)?)(?![\p{L}])/iu;
/** Only an opportunity can be new in these words ("new opp", "new logo", "NEW:", 🆕), not a new CFO. */
const STRICT_NEW =
  /(?<![\p{L}])new\s+(?:opp(?:ty|ortunity)?|deal|logo|lead|account|enquiry|inquiry)(?![\p{L}])|^\W*new\s*[:\-–]|(?<![\p{L}])NEW(?![\p{L}])|(?<![\p{L}])naya\s+(?:lead|client|account)|🆕/u;

/** What makes a named line an opportunity: a stage word, an amount, a next step. */
const OPPORTUNITY_SIGNAL =
  /(?<![\p{L}])(?:demo|poc|pilot|trial|proposal|quote|offer|commercials|po|rfq|requirement|meeting|call|visit|f2f|next step|lakh|lakhs|crore|cr|l)(?![\p{L}])|\d+(?:\.\d+)?\s*(?:l|cr|lakhs?|crores?)(?![\p{L}])/iu;

function sentencesOf(line: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  const re = /[.!?]+(?=\s+\S)/g;
  for (const m of line.matchAll(re)) {
    const before = line.slice(0, m.index);
    if (/(?:^|[\s(])(?:mr|mrs|ms|dr|st|no|vs|approx|pvt|ltd|co|inc|e\.g|i\.e|etc|sr|jr)$/i.test(before)) continue;
    if (/\d$/.test(before) && /^\.\d/.test(line.slice(m.index))) continue;
    out.push({ start, end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  out.push({ start, end: line.length });
  return out.filter((s) => line.slice(s.start, s.end).trim().length > 0);
}

interface Context {
  vocab: Vocabulary;
  competitors: ReadonlySet<string>;
  contactFirst: ReadonlySet<string>;
}

/** Known entities named in a run of tokens (no product words: those need a subject first). */
function entityAnchors(tokens: Token[], ctx: Context, line: string): Anchor[] {
  const { vocab } = ctx;
  const found: Anchor[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (vocab.people.has(t.low)) continue;
    let best: Anchor | null = null;
    const consider = (a: Anchor) => {
      const ownA = a.dealIds.some((id) => vocab.dealOwner.get(id) === vocab.ownerId);
      const ownB = best ? best.dealIds.some((id) => vocab.dealOwner.get(id) === vocab.ownerId) : false;
      if (
        !best ||
        a.end - a.index > best.end - best.index + 2 ||
        a.score > best.score + 0.05 ||
        (Math.abs(a.score - best.score) <= 0.05 && ownA && !ownB)
      )
        best = a;
    };
    for (const alias of vocab.aliases) {
      if (alias.kind === 'initials') {
        if (/^\p{Lu}{2,6}$/u.test(t.raw) && t.raw === alias.tokens[0])
          consider({
            index: t.index,
            end: t.end,
            raw: t.raw,
            kind: 'initials',
            entity: alias.entity,
            dealIds: alias.dealIds,
            score: 0.9,
          });
        continue;
      }
      const first = alias.tokens[0]!;
      if (alias.kind === 'contact') {
        if (t.low !== first || !isCapitalised(t.raw) || ctx.vocab.people.has(first)) continue;
        let end = t.end;
        let n = 1;
        if (alias.tokens[1] && tokens[i + 1]?.low === alias.tokens[1]) {
          end = tokens[i + 1]!.end;
          n = 2;
        }
        consider({
          index: t.index,
          end,
          raw: tokens
            .slice(i, i + n)
            .map((x) => x.raw)
            .join(' '),
          kind: 'contact',
          entity: alias.entity,
          dealIds: alias.dealIds,
          score: n === 2 ? 0.85 : 0.75,
        });
        continue;
      }
      if (alias.kind === 'oldname') {
        if (!isCapitalised(t.raw) || !alias.tokens.includes(t.low)) continue;
        consider({
          index: t.index,
          end: t.end,
          raw: t.raw,
          kind: 'oldname',
          entity: alias.entity,
          dealIds: alias.dealIds,
          score: 0.8,
        });
        continue;
      }
      if (alias.kind !== 'company') continue;
      if (t.low.length < 3) continue;
      const sim = tokenSimilarity(t.low, first);
      const exact = t.low === first;
      // A typo needs a capital or the start of a clause ("streling express: …") to be taken for a name.
      const atClauseStart =
        /(?:^|[/.!?:|•>\n]|\s[-–—]|->)\s*$/u.test(line.slice(Math.max(0, tokens[i - 1]?.end ?? 0), t.index)) || i === 0;
      if (
        !exact &&
        (sim < (t.low.length >= 6 ? 0.8 : 0.85) || t.low.length < 5 || !(isCapitalised(t.raw) || atClauseStart))
      )
        continue;
      // How many of the alias's words follow in the text.
      let n = 1;
      while (n < alias.tokens.length && tokens[i + n] && tokenSimilarity(tokens[i + n]!.low, alias.tokens[n]!) >= 0.85)
        n++;
      // "Coromandel SC": the rest of the name by its initials.
      const restInitials = alias.tokens
        .slice(n)
        .map((x) => x[0]!.toUpperCase())
        .join('');
      const nextTok = tokens[i + n];
      if (n < alias.tokens.length && restInitials.length >= 2 && nextTok && nextTok.raw === restInitials) n++;
      const generic = NEVER_A_NAME.has(first) || first.length < 4;
      if (generic && n < Math.min(2, alias.tokens.length)) continue;
      if (generic && alias.tokens.length === 1 && !isCapitalised(t.raw)) continue;
      const written = tokens.slice(i, i + n).map((x) => x.low);
      const score = nextTok && n > 1 && nextTok.raw === restInitials ? 0.9 : nameScore(written, alias.tokens);
      consider({
        index: t.index,
        end: tokens[i + n - 1]!.end,
        raw: tokens
          .slice(i, i + n)
          .map((x) => x.raw)
          .join(' '),
        kind: 'company',
        entity: alias.entity,
        dealIds: alias.dealIds,
        score: exact ? Math.max(score, 0.85) : score * 0.95,
      });
    }
    if (best) {
      // Another business named as well by the same words ("Forace" for Forace Group and Forace Logistics): unsure.
      const b = best as Anchor;
      const own = (ids: string[]) => ids.some((id) => vocab.dealOwner.get(id) === vocab.ownerId);
      const rival = vocab.aliases.some(
        (al) =>
          al.kind === 'company' &&
          al.entity !== b.entity &&
          own(al.dealIds) === own(b.dealIds) &&
          al.dealIds.length > 0 &&
          b.kind === 'company' &&
          b.raw.split(/\s+/).length < al.tokens.length &&
          tokenSimilarity(t.low, al.tokens[0]!) >= 0.85 &&
          nameScore(nameTokens(b.raw), al.tokens) >= b.score - 0.05,
      );
      if (rival) b.score = Math.min(b.score, 0.55);
      found.push(b);
      while (i + 1 < tokens.length && tokens[i + 1]!.index < b.end) i++;
    }
  }
  return found;
}

/** Deal ids of the entity this AE owns, or all of them when the AE owns none. */
function ownDeals(entityDeals: string[], vocab: Vocabulary): string[] {
  const own = entityDeals.filter((id) => vocab.dealOwner.get(id) === vocab.ownerId);
  return own.length ? own : entityDeals;
}

/** Words of the sentence that name one deal's product within an entity ("cold room" of two Ekatra deals). */
function productAnchors(tokens: Token[], entityDeals: string[], vocab: Vocabulary, entity: string): Anchor[] {
  const deals = ownDeals(entityDeals, vocab);
  if (deals.length < 2) return [];
  const tokenDeals = new Map<string, Set<string>>();
  for (const id of deals)
    for (const t of vocab.productTokens.get(id) ?? [])
      if (t.length >= 3 && !/^\d+$/.test(t)) tokenDeals.set(t, new Set([...(tokenDeals.get(t) ?? []), id]));
  const out: Anchor[] = [];
  for (const t of tokens) {
    const ids = tokenDeals.get(t.low);
    if (!ids || ids.size === deals.length) continue;
    out.push({ index: t.index, end: t.end, raw: t.raw, kind: 'product', entity, dealIds: [...ids], score: 0.8 });
  }
  return out;
}

/** The first proper name in a piece of text that is no known word: "Nellore Aqua", "Sai Shraddha Travels". */
function properName(
  tokens: Token[],
  text: string,
  base: number,
  ctx: Context,
): { name: string; index: number; tokens: number } | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      !isCapitalised(t.raw) ||
      /^\p{Lu}+$/u.test(t.raw) ||
      NEVER_A_NAME.has(t.low) ||
      ctx.vocab.people.has(t.low) ||
      ctx.contactFirst.has(t.low) ||
      ctx.competitors.has(t.low) ||
      t.raw.length < 3
    )
      continue;
    let j = i + 1;
    while (j < tokens.length && j - i < 5) {
      const next = tokens[j]!;
      const gap = text.slice(tokens[j - 1]!.end - base, next.index - base);
      if (
        !/^\s+$/.test(gap) ||
        !isCapitalised(next.raw) ||
        ctx.vocab.people.has(next.low) ||
        (/^(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)/i.test(next.low) &&
          NEVER_A_NAME.has(next.low))
      )
        break;
      j++;
    }
    const n = j - i;
    if (n === 1 && t.raw.length < 5) continue;
    return { name: text.slice(t.index - base, tokens[j - 1]!.end - base), index: t.index, tokens: n };
  }
  return null;
}

/** Where a new subject starts: the last clause break before its anchor, after the previous subject's last anchor. */
function splitPoint(line: string, from: number, anchorAt: number): number {
  const window = line.slice(from, anchorAt);
  let best = -1;
  // A strong break (" / ", " | ", "//", "->", a full stop) wins over a comma inside the previous subject's claims.
  for (const m of window.matchAll(/\s\/\s|\s\|\s|\/\/|->|→|[.!?]\s/gu)) best = m.index + m[0].length;
  if (best >= 0) return from + best;
  for (const m of window.matchAll(/[,;!?)]+\s*|\s[-–—]+\s|\p{Extended_Pictographic}\s*/gu))
    best = m.index + m[0].length;
  return best >= 0 ? from + best : anchorAt;
}

interface Subject {
  start: number;
  end: number;
  entity: string | null;
  dealIds: string[];
  name: string | null;
  product: string[];
  via: AnchoredSegment['via'];
  confidence: number;
  lastAnchorEnd: number;
}

export function anchorSegments(
  update: string,
  vocab: Vocabulary,
  competitors: readonly string[] = [],
): AnchoredSegment[] {
  const ctx: Context = {
    vocab,
    competitors: new Set(competitors.flatMap((c) => nameTokens(c, new Set()))),
    contactFirst: new Set(vocab.aliases.filter((a) => a.kind === 'contact').map((a) => a.tokens[0]!)),
  };
  const out: AnchoredSegment[] = [];
  const emit = (s: Subject, line: string, base: number) => {
    let a = s.start;
    let b = s.end;
    while (a < b && /[\s\-*•·>–—_:,.;]/.test(line[a]!)) a++;
    while (b > a && /[\s.;,|/\-–—]/.test(line[b - 1]!)) b--;
    const text = line.slice(a, b);
    if (!text) return;
    out.push({
      text,
      index: base + a,
      name: s.name,
      product: s.product.length ? s.product.join(' ') : null,
      entity: s.entity,
      dealIds: s.dealIds,
      via: s.via,
      confidence: s.confidence,
      isNew: s.via === 'new',
    });
  };
  let sawContent = false;
  let offset = 0;
  for (const rawLine of update.split('\n')) {
    const base = offset;
    offset += rawLine.length + 1;
    if (QUOTE_START.test(rawLine) && sawContent) break;
    if (/^\s*>/.test(rawLine) || HEADER.test(rawLine)) continue;
    if (!rawLine.trim()) continue;
    sawContent = true;
    // Bullets, numbering, emoji and markdown emphasis in front of the subject.
    const line = rawLine.replace(/\*/g, ' ').replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, ' ');
    const lineTokens = tokensOf(line, 0);
    let cur: Subject | null = null;
    const close = (at: number) => {
      if (cur) {
        cur.end = at;
        emit(cur, line, base);
      }
      cur = null;
    };
    const sentences = sentencesOf(line);
    sentences.forEach((sen, si) => {
      const toks = lineTokens.filter((t) => t.index >= sen.start && t.end <= sen.end);
      const anchors = entityAnchors(toks, ctx, line);
      const entities = new Set<string>([...anchors.map((a) => a.entity), ...(cur?.entity ? [cur.entity] : [])]);
      const all = [...anchors];
      for (const e of entities) {
        const entityDeals = vocab.aliases.find((a) => a.entity === e && a.kind === 'company')?.dealIds ?? [];
        all.push(
          ...productAnchors(toks, entityDeals, vocab, e).filter(
            (p) => !anchors.some((a) => p.index < a.end && a.index < p.end),
          ),
        );
      }
      all.sort((a, b) => a.index - b.index);
      const senText = line.slice(sen.start, sen.end);
      if (anchors.length === 0) {
        const hasNew = NEW_SIGNAL.test(senText) || NEW_SIGNAL.test(line);
        const pn = properName(toks, senText, sen.start, ctx);
        if (pn && NEW_SIGNAL.test(senText)) {
          close(sen.start);
          cur = {
            start: sen.start,
            end: sen.end,
            entity: null,
            dealIds: [],
            name: pn.name,
            product: [],
            via: 'new',
            confidence: pn.tokens >= 2 || pn.name.length >= 6 ? 0.9 : 0.7,
            lastAnchorEnd: pn.index + pn.name.length,
          };
          return;
        }
        if (cur) {
          for (const p of all) if ((cur as Subject).entity === p.entity) refine(cur, p);
          return;
        }
        // A list item headed by an unknown proper name, with opportunity signals: weak evidence of a new deal.
        if (
          pn &&
          si === 0 &&
          /^[\s\W\d]*$/u.test(line.slice(0, pn.index)) &&
          /^\s*(?:\([^)]*\)\s*)?(?:[-–—:|>]|->|,)/.test(line.slice(pn.index + pn.name.length))
        ) {
          const signals = OPPORTUNITY_SIGNAL.test(line) ? 1 : 0;
          if (signals || hasNew)
            cur = {
              start: sen.start,
              end: sen.end,
              entity: null,
              dealIds: [],
              name: pn.name,
              product: [],
              via: 'new',
              confidence: hasNew ? 0.9 : 0.5,
              lastAnchorEnd: pn.index + pn.name.length,
            };
        }
        return;
      }
      // "new opp", "new logo", "NEW:" in front of a known company: a deal the CRM lacks at a company it has.
      if (
        !cur &&
        STRICT_NEW.test(senText) &&
        anchors[0]!.kind === 'company' &&
        anchors.every((a) => a.entity === anchors[0]!.entity)
      ) {
        const a = anchors[0]!;
        cur = {
          start: si === 0 ? 0 : sen.start,
          end: sen.end,
          entity: a.entity,
          dealIds: [],
          name: a.raw,
          product: [],
          via: 'new',
          confidence: 0.8,
          lastAnchorEnd: a.end,
        };
        return;
      }
      for (const a of all) {
        const c = cur as Subject | null;
        if (a.kind === 'product') {
          if (!c || c.entity !== a.entity) continue;
          const common = c.dealIds.filter((id) => a.dealIds.includes(id));
          if (common.length) {
            refine(c, a);
            continue;
          }
          // Another deal of the same company, named by its product: a new subject.
          const at = splitPoint(line, c.lastAnchorEnd, a.index);
          close(at);
          cur = {
            start: at,
            end: sen.end,
            entity: a.entity,
            dealIds: a.dealIds,
            name: c.name,
            product: [a.raw],
            via: 'product',
            confidence: 0.8,
            lastAnchorEnd: a.end,
          };
          continue;
        }
        if (!c) {
          cur = {
            start: si === 0 ? 0 : sen.start,
            end: sen.end,
            entity: a.entity,
            dealIds: a.dealIds,
            name: a.raw,
            product: [],
            via: a.kind,
            confidence: a.score,
            lastAnchorEnd: a.end,
          };
          continue;
        }
        if (c.entity === a.entity || a.dealIds.some((id) => c.dealIds.includes(id))) {
          const common = c.dealIds.filter((id) => a.dealIds.includes(id));
          if (common.length) c.dealIds = common;
          if (c.via === 'contact' && a.kind !== 'contact') {
            c.name = a.raw;
            c.via = a.kind;
            c.confidence = Math.max(c.confidence, a.score);
          }
          c.lastAnchorEnd = a.end;
          continue;
        }
        // A contact person never interrupts another subject ("TFS: final round with Rustom").
        if (a.kind === 'contact') continue;
        const firstInSentence = !all.some(
          (x) => x !== a && x.index < a.index && x.index >= sen.start && x.kind !== 'product',
        );
        const at = firstInSentence && c.start < sen.start ? sen.start : splitPoint(line, c.lastAnchorEnd, a.index);
        close(at);
        cur = {
          start: at,
          end: sen.end,
          entity: a.entity,
          dealIds: a.dealIds,
          name: a.raw,
          product: [],
          via: a.kind,
          confidence: a.score,
          lastAnchorEnd: a.end,
        };
      }
    });
    close(line.length);
  }
  return out;
}

function refine(s: Subject, a: Anchor): void {
  const common = s.dealIds.filter((id) => a.dealIds.includes(id));
  if (common.length === 0) return;
  s.dealIds = common;
  if (!s.product.includes(a.raw)) s.product.push(a.raw);
}

/**
 * The phrase list stage_mismatch reads in logged activity and SmartLead replies: what each phrase implies about where
 * the deal really is. Small on purpose, word-bounded, and in past tense for statements ("proposal sent", not
 * "will send the proposal"). Pass a different list to `stageMismatch` to change it.
 */

/** The stage category a phrase implies: late (a proposal, contract, PO or LOI is in play), won, or lost. */
export type ImpliedCategory = 'late' | 'won' | 'lost';

export interface StagePhrase {
  id: string;
  implies: ImpliedCategory;
  /**
   * statement: something happened; a negation or hypothetical in the same clause ("not signed", "once the contract is
   * signed", "no proposal yet") cancels it. request: the customer asks for pricing/a proposal; only a negation
   * cancels it, and it contradicts early stages only. outcome: a loss phrase that carries its own negation ("not going
   * ahead"); only a negation or hypothetical before it cancels it.
   */
  kind: 'statement' | 'request' | 'outcome';
  /** Global regular expression (flag g); word-bounded. */
  pattern: RegExp;
  /** What the phrase says, for the summary: "says a proposal or quote went out". */
  says: string;
}

const PROPOSAL = String.raw`(?:proposal|quotation|quote|commercials|price quote|price list|pricing|contract(?: draft)?|MSA|order form)`;

export const STAGE_MISMATCH_PHRASES: readonly StagePhrase[] = [
  {
    id: 'proposal_sent',
    implies: 'late',
    kind: 'statement',
    pattern: new RegExp(
      String.raw`\b(?:sent|shared|submitted|emailed|mailed|attach(?:ed|ing)|enclos(?:ed|ing)|forwarded)\b[^.?!;\n]{0,40}?\b${PROPOSAL}\b`,
      'gi',
    ),
    says: 'says a proposal or quote went out',
  },
  {
    id: 'proposal_sent_passive',
    implies: 'late',
    kind: 'statement',
    pattern: new RegExp(
      String.raw`\b${PROPOSAL}\b[^.?!;\n]{0,25}?\b(?:sent|shared|submitted|attached|went out|is out|delivered)\b`,
      'gi',
    ),
    says: 'says a proposal or quote went out',
  },
  {
    id: 'proposal_discussed',
    implies: 'late',
    kind: 'statement',
    pattern:
      /\b(?:through (?:the|our|their) (?:proposal|quote|quotation|commercials|pricing|contract(?: draft)?)|proposal (?:discussion|review|walk-?through|presentation))\b/gi,
    says: 'says a proposal was discussed with the customer',
  },
  {
    id: 'contract_in_play',
    implies: 'late',
    kind: 'statement',
    pattern:
      /\b(?:(?:contract|MSA|agreement) (?:draft|redlines?)|draft (?:contract|MSA|agreement)|redlin(?:es|ed|ing) (?:on |of |to |for )?(?:the |our |their )?(?:contract|MSA|agreement))\b/gi,
    says: 'says a contract is being drafted or redlined',
  },
  { id: 'po_loi', implies: 'late', kind: 'statement', pattern: /\b(?:PO|LOI)\b/g, says: 'mentions a PO or LOI' },
  {
    id: 'po_loi_words',
    implies: 'late',
    kind: 'statement',
    pattern: /\b(?:purchase order|letter of intent)\b/gi,
    says: 'mentions a purchase order or letter of intent',
  },
  {
    id: 'verbal_yes',
    implies: 'late',
    kind: 'statement',
    pattern: /\bverbal(?:ly)? (?:yes|ok|okay|go-?ahead|commit(?:ment)?|confirm(?:ation|ed)?|approval|agreed|nod)\b/gi,
    says: 'records a verbal yes',
  },
  {
    id: 'pricing_request',
    implies: 'late',
    kind: 'request',
    pattern:
      /\b(?:send|share|need|want|request(?:ed|ing)?|ask(?:ed|ing)? for|looking for|interested in|what(?:'s| is| are| would be))\b[^.?!;\n]{0,30}?\b(?:pricing|prices?|proposal|quote|quotation|commercials)\b/gi,
    says: 'asks for pricing or a proposal',
  },
  {
    id: 'contract_signed',
    implies: 'won',
    kind: 'statement',
    pattern:
      /\b(?:(?:contract|agreement|MSA|order form)\b[^.?!;\n]{0,20}?\b(?:is |has been |was |got |now )?signed|signed (?:the |our |a |their )?(?:contract|agreement|MSA|order form))\b/gi,
    says: 'says the contract was signed',
  },
  {
    id: 'po_received',
    implies: 'won',
    kind: 'statement',
    pattern:
      /\b(?:(?:PO|[Pp]urchase [Oo]rder)\b[^.?!;\n]{0,20}?\b(?:received|released|issued|attached|raised|came in)|(?:received|got) (?:the |a |their )?(?:PO|[Pp]urchase [Oo]rder))\b/g,
    says: 'says the PO came in',
  },
  {
    id: 'closed_won',
    implies: 'won',
    kind: 'statement',
    pattern: /\bclosed[- ]won\b/gi,
    says: 'says the deal was won',
  },
  {
    id: 'lost_to',
    implies: 'lost',
    kind: 'statement',
    pattern: /\blost (?:the deal |it |out )?to\b/gi,
    says: 'says the deal was lost to someone else',
  },
  {
    id: 'went_elsewhere',
    implies: 'lost',
    kind: 'statement',
    pattern:
      /\b(?:went|gone|decided to go|chose|selected|finali[sz]ed|signed) with (?:a|another|the other|a different) (?:competitor|vendor|provider|solution)\b/gi,
    says: 'says the customer chose another vendor',
  },
  {
    id: 'no_budget',
    implies: 'lost',
    kind: 'outcome',
    pattern: /\b(?:no|zero) budget\b|\bbudget (?:is |has been |was |got )?(?:cut|frozen|withdrawn|pulled)\b/gi,
    says: 'says there is no budget',
  },
  {
    id: 'not_going_ahead',
    implies: 'lost',
    kind: 'outcome',
    pattern:
      /\b(?:not (?:going ahead|proceeding|moving forward)|decided (?:not to (?:go ahead|proceed|move forward|buy)|against))\b/gi,
    says: 'says the customer is not going ahead',
  },
  {
    id: 'dropped',
    implies: 'lost',
    kind: 'statement',
    pattern:
      /\b(?:(?:project|deal|evaluation|requirement|initiative|rfp|rfq|opportunity)\b[^.?!;\n]{0,20}?\b(?:dropped|scrapped|shelved|cancell?ed|called off)|(?:dropped|scrapped|shelved|cancell?ed|called off) (?:the |this |our |their )?(?:project|deal|evaluation|requirement|initiative|rfp|rfq|opportunity))\b/gi,
    says: 'says the project was dropped',
  },
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "went with FarEye", "chose LogiNext", "moving to Shipsy": a loss to a named competitor (config.risk.competitors). */
export function competitorLossPhrase(competitors: readonly string[]): StagePhrase | null {
  if (competitors.length === 0) return null;
  const names = competitors
    .map((c) => escapeRegExp(c.trim()))
    .filter(Boolean)
    .join('|');
  return {
    id: 'went_with_competitor',
    implies: 'lost',
    kind: 'statement',
    pattern: new RegExp(
      String.raw`\b(?:went|gone|decided to go|chose|chosen|selected|finali[sz]ed|signed|moved|moving|switched|switching) (?:with|to|for) (?:${names})\b`,
      'gi',
    ),
    says: 'says the customer chose a competitor',
  };
}

/** True negations: "no", "not", "never", "haven't", "yet to", "without". */
export const NEGATION = /(?:\b(?:no|not|never|without|yet to|no longer|neither|nor)\b|n['’]t\b)/i;
/** Not-yet-happened framing: "will", "once", "if", "pending", "to be", "expects". */
export const HYPOTHETICAL =
  /\b(?:will|would|shall|once|if|unless|until|till|before|pending|awaiting|await|expects?|expected|expecting|plan(?:s|ning)? to|going to|needs? to|to be|might|could|should|hope|hoping|whether|when)\b/i;

/** Cheap pre-filter: text without any of these words cannot match a phrase. */
export const PHRASE_KEYWORDS =
  /\b(?:proposals?|quot(?:e|es|ed|ation)|commercials|pric(?:e|es|ing)|contracts?|msa|agreement|order form|redlin\w*|po|purchase order|loi|letter of intent|verbal\w*|closed[- ]won|lost|budget|going ahead|proceeding|moving forward|decided|dropped|scrapped|shelved|cancell?ed|called off|went|gone|chose|chosen|selected|finali[sz]ed|signed|moved|moving|switch\w*)\b/i;

export interface PhraseMatch {
  phrase: StagePhrase;
  index: number;
  end: number;
  text: string;
}

/** The clause before a match: back to the previous sentence or clause break, at most 40 characters. */
function clauseBefore(text: string, index: number): string {
  const from = Math.max(0, index - 40);
  const before = text.slice(from, index);
  let clause = before;
  const cut = Math.max(...['.', '?', '!', ';', ':', '\n'].map((c) => clause.lastIndexOf(c)));
  if (cut >= 0) clause = clause.slice(cut + 1);
  const but = clause.toLowerCase().lastIndexOf(' but ');
  return but >= 0 ? clause.slice(but + 5) : clause;
}

/** Whether the words around a match take it back ("no proposal yet", "not signed", "once the PO is released"). */
export function cancelled(text: string, phrase: StagePhrase, index: number, end: number): boolean {
  const before = clauseBefore(text, index);
  const inside = text.slice(index, end);
  const after = text.slice(end, end + 20);
  const notYet =
    /^\W{0,3}(?:(?:is |are )?not yet|yet to|(?:still )?pending|to follow|will follow|(?:is |are )?(?:due|coming|expected))\b/i.test(
      after,
    ) || /^\s+yet\b/i.test(after);
  switch (phrase.kind) {
    case 'request':
      return NEGATION.test(before) || NEGATION.test(inside);
    case 'outcome':
      return NEGATION.test(before) || HYPOTHETICAL.test(before);
    case 'statement':
      return (
        NEGATION.test(before) ||
        HYPOTHETICAL.test(before) ||
        NEGATION.test(inside) ||
        HYPOTHETICAL.test(inside) ||
        notYet
      );
  }
}

/** One case-insensitive pattern for a record's names (the deal's company and deal name); null when there are none. */
export function namePattern(names: readonly string[]): RegExp | null {
  const parts = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 3))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  return parts.length ? new RegExp(parts.join('|'), 'gi') : null;
}

/**
 * `text` with the record's names blanked out, same length, so a customer called "Redline Cement" or "Proposal
 * Logistics" does not read as a phrase; match positions stay valid for snippets of the original text.
 */
export function maskNames(text: string, names: RegExp | null): string {
  return names ? text.replace(names, (m) => ' '.repeat(m.length)) : text;
}

/**
 * The first uncancelled match of each phrase in `text`. `names` (see namePattern) are blanked out, so the customer's
 * own name never reads as a phrase; they are only looked at when the raw text matches something.
 */
export function findPhrases(
  raw: string,
  phrases: readonly StagePhrase[],
  names: RegExp | null | (() => RegExp | null) = null,
): PhraseMatch[] {
  if (!PHRASE_KEYWORDS.test(raw)) return [];
  const first = scanPhrases(raw, phrases);
  if (first.length === 0) return first;
  const text = maskNames(raw, typeof names === 'function' ? names() : names);
  return text === raw ? first : scanPhrases(text, phrases);
}

function scanPhrases(text: string, phrases: readonly StagePhrase[]): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  for (const phrase of phrases) {
    const re = phrase.pattern;
    const global = re.global || re.sticky;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = global ? re.exec(text) : null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const end = m.index + m[0].length;
      if (cancelled(text, phrase, m.index, end)) continue;
      out.push({ phrase, index: m.index, end, text: m[0] });
      break;
    }
    re.lastIndex = 0;
  }
  return out;
}

/**
 * Company names the way people write them: legal forms dropped ("Pvt Ltd", "Private Limited", "(P) Ltd", "LLP",
 * "Inc", "& Co"), abbreviations expanded ("grp", "Logi", "Engg", "Inds"), case, accents and punctuation folded.
 * Duplicate detection and reconcile both read names through here, so they agree on what a company is called.
 */
import { words } from './text.js';

/** Legal forms: never part of what people call the company. */
const LEGAL_FORMS = new Set([
  'pvt',
  'private',
  'ltd',
  'limited',
  'llp',
  'llc',
  'opc',
  'inc',
  'incorporated',
  'co',
  'corp',
  'corporation',
  'company',
  'plc',
]);
/** Joining words, and the "p" left of "(P) Ltd". */
const GLUE = new Set(['and', 'the']);
/**
 * Generic words a company adds or drops at the end of its name ("The Forace Group" = "Forace"). Two records that
 * differ only by them are the same company; in the words an AE wrote they still tell sister companies apart.
 */
const GENERIC_TAIL = new Set(['group', 'industries']);

const ABBREVIATIONS: Record<string, string> = {
  grp: 'group',
  gp: 'group',
  logi: 'logistics',
  logis: 'logistics',
  logs: 'logistics',
  logistic: 'logistics',
  inds: 'industries',
  ind: 'industries',
  industry: 'industries',
  engg: 'engineering',
  eng: 'engineering',
  engineers: 'engineering',
  intl: 'international',
  mfg: 'manufacturing',
  svcs: 'services',
  svc: 'services',
  sol: 'solutions',
  soln: 'solutions',
  solns: 'solutions',
  ent: 'enterprises',
  enterprise: 'enterprises',
  bros: 'brothers',
  chem: 'chemicals',
  transp: 'transport',
  trpt: 'transport',
  tech: 'technologies',
  technology: 'technologies',
  pharma: 'pharmaceuticals',
  mktg: 'marketing',
  exp: 'express',
  xpress: 'express',
  frt: 'freight',
  carrier: 'carriers',
  roadline: 'roadlines',
  textile: 'textiles',
  tyre: 'tyres',
  tire: 'tyres',
};

/** Words in a mention that are not part of any company name ("the Navkar deal", "Shreeji wale"). */
const MENTION_FILLER = new Set([
  'deal',
  'opp',
  'oppty',
  'opportunity',
  'account',
  'acct',
  'team',
  'guys',
  'folks',
  'ji',
  'wale',
  'wala',
  'log',
  'client',
  'customer',
  'new',
  'one',
]);

const expand = (t: string): string => ABBREVIATIONS[t] ?? t;

/**
 * A company name as one comparable string: "Shreeji Logistics Pvt Ltd" and "Shreeji Logistics Private Limited" both
 * give "shreeji logistics"; a leading "the" and the trailing legal form and generic words are dropped.
 */
export function normalizeCompanyName(name: string | null | undefined): string | null {
  if (!name) return null;
  const tokens = words(name).map(expand);
  if (tokens[0] === 'the' && tokens.length > 1) tokens.shift();
  const tail = (t: string) => LEGAL_FORMS.has(t) || GENERIC_TAIL.has(t) || t === 'and' || t === 'p';
  while (tokens.length > 1 && tail(tokens[tokens.length - 1]!)) tokens.pop();
  const s = tokens.join(' ');
  return s === '' ? null : s;
}

/** The words that name a company in a name or a mention: legal forms, joining words and `filler` left out. */
export function nameTokens(name: string, filler: ReadonlySet<string> = MENTION_FILLER): string[] {
  const out: string[] = [];
  for (const raw of words(name)) {
    const t = expand(raw);
    if (LEGAL_FORMS.has(t) || GLUE.has(t) || filler.has(t)) continue;
    out.push(t);
  }
  return out;
}

const LEGAL_SUFFIX = /\s+(Pvt\.?\s*Ltd\.?|Private Limited|Ltd\.?|Limited|LLP|& Co\.?|Inc\.?)$/i;
/** A company name as people say it, its trailing legal form dropped: "Navkar Express Pvt. Ltd." → "Navkar Express". */
export function withoutLegalForm(name: string): string {
  return name.replace(LEGAL_SUFFIX, '').trim();
}

/** The company part of a deal name: "Navkar Express LLP - TMS" → "Navkar Express LLP". */
export function dealCompanyPart(dealName: string): { company: string; product: string | null } {
  const m = /^(.*?)\s+[-–—|:]\s+(.+)$/.exec(dealName);
  return m ? { company: m[1]!, product: m[2]! } : { company: dealName, product: null };
}

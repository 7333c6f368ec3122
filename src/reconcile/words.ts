/**
 * Words that never name a deal in an AE's update: sales vocabulary (PO, LOI, F2F, POC, TCV…), roles (MD, CFO),
 * pronouns, greetings and sign-offs, fillers of speech, Hinglish function words, days and months. They are general
 * language facts, not names from any one update: a capitalised "Proposal" or "Commercials" at the start of a clause
 * is still a sales word, and an owner's or colleague's name is checked separately (from the CRM's owners).
 */

const SALES = [
  'po', 'pos', 'loi', 'mou', 'f2f', 'poc', 'pilot', 'trial', 'sandbox', 'tcv', 'acv', 'arr', 'mrr', 'yr1', 'commercials', 'commercial', 'proposal', 'proposals', 'quote',
  'quotes', 'quotation', 'offer', 'demo', 'demos', 'deck', 'rfq', 'rfp', 'rfi', 'msa', 'sla', 'nda', 'sow', 'gst', 'inr', 'rs', 'lakh', 'lakhs', 'lac', 'lacs', 'crore',
  'cr', 'deal', 'deals', 'opp', 'oppty', 'opportunity', 'lead', 'leads', 'account', 'accounts', 'pipeline', 'pipe', 'forecast', 'commit', 'closure', 'closing',
  'close', 'closed', 'won', 'lost', 'dropped', 'negotiation', 'nego', 'neg', 'legal', 'procurement', 'purchase', 'finance', 'budget', 'budgets', 'pricing', 'price',
  'rate', 'discount', 'payment', 'pymt', 'terms', 'contract', 'agreement', 'order', 'invoice', 'renewal', 'tender', 'approval', 'approvals', 'board', 'capex',
  'opex', 'vendor', 'vendors', 'competitor', 'customer', 'client', 'clients', 'prospect', 'requirement', 'requirements', 'scope', 'sizing', 'review', 'meeting',
  'mtg', 'call', 'calls', 'visit', 'email', 'mail', 'mailer', 'whatsapp', 'followup', 'follow', 'update', 'updates', 'status', 'summary', 'week', 'weekly',
  'wk', 'month', 'quarter', 'q1', 'q2', 'q3', 'q4', 'fy', 'eom', 'eow', 'eod', 'ytd', 'crm', 'hubspot', 'smartlead', 'go-live', 'golive', 'live', 'kickoff',
  'kick-off', 'onboarding', 'implementation', 'integration', 'new', 'naya', 'nayi', 'hot', 'warm', 'cold', 'stuck', 'blocked', 'risk', 'urgent',
]; // cold: "cold lead"

const ROLES = [
  'md', 'ceo', 'cfo', 'coo', 'cto', 'cio', 'cmo', 'cxo', 'vp', 'avp', 'svp', 'gm', 'agm', 'dgm', 'head', 'director', 'manager', 'owner', 'founder', 'promoter',
  'partner', 'partners', 'it', 'hr', 'ops', 'admin', 'team', 'boss', 'sir', 'madam', 'maam', 'mr', 'mrs', 'ms', 'dr', 'ji', 'bhai', 'bhau', 'garu', 'saab', 'sahab',
  'anna', 'didi', 'plant', 'superintendent', 'buyer', 'buyers', 'purchaser', 'committee', 'management', 'supervisor', 'supervisors',
];

const FUNCTION = [
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'they', 'them', 'their', 'it', 'its', 'this', 'that', 'these', 'those', 'there',
  'here', 'the', 'a', 'an', 'and', 'or', 'but', 'so', 'then', 'also', 'plus', 'if', 'once', 'when', 'after', 'before', 'since', 'till', 'until', 'by', 'on', 'in', 'at',
  'to', 'for', 'from', 'of', 'with', 'w', 'about', 'as', 'all', 'any', 'some', 'no', 'not', 'nothing', 'none', 'other', 'others', 'rest', 'one', 'two', 'three',
  'first', 'second', 'third', 'last', 'next', 'previous', 'same', 'still', 'just', 'now', 'today', 'tomorrow', 'yesterday', 'tmrw', 'yday', 'will', 'would',
  'should', 'could', 'can', 'may', 'might', 'must', 'shall', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'do', 'does', 'did', 'done', 'dn',
  'got', 'get', 'sent', 'shared', 'spoke', 'met', 'said', 'says', 'want', 'wants', 'need', 'needs', 'asked', 'sharing', 'short', 'big', 'small', 'full',
  'very', 'v', 'good', 'great', 'ok', 'okay', 'yes', 'sure', 'sorry', 'thanks', 'thank', 'thx', 'pls', 'please', 'regards', 'cheers', 'best', 'warm', 'hi', 'hello',
  'hey', 'dear', 'fyi', 'btw', 'fw', 'fwd', 're', 'subject', 'sent', 'cc', 'note', 'notes', 'side', 'overall', 'quick', 'holi', 'holiday', 'leave', 'bye',
  'uh', 'um', 'umm', 'hmm', 'er', 'like', 'okay', 'so', 'well', 'voice', 'transcribed', 'auto', 'min', 'mins', 'sec', 'pm', 'am', 'units', 'unit', 'hospitals',
  'hospital', 'group', 'project', 'projects', 'site', 'sites', 'phase', 'kindly', 'approve',
];

const HINGLISH = [
  'hai', 'hain', 'tha', 'thi', 'the', 'ho', 'hoga', 'hogi', 'gaya', 'gayi', 'kal', 'aaj', 'parso', 'ne', 'ko', 'ka', 'ki', 'ke', 'se', 'pe', 'par', 'mein', 'me',
  'wala', 'wale', 'wali', 'woh', 'wo', 'yeh', 'ye', 'unke', 'unka', 'inhone', 'unhone', 'abhi', 'bhi', 'aur', 'lekin', 'kya', 'nahi', 'nahin', 'haan', 'bola', 'bole',
  'boli', 'bol', 'rahe', 'raha', 'rahi', 'karenge', 'karna', 'kiya', 'kar', 'liya', 'diya', 'dunga', 'denge', 'saath', 'liye', 'baad', 'pehle', 'hafte', 'hafta',
  'chutti', 'saal', 'pakka', 'accha', 'thoda', 'purana', 'naya', 'lead', 'sab', 'kuch', 'agle', 'pichle', 'fix', 'chahiye', 'padega', 'dekhenge', 'is',
];

const CALENDAR = [
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'weds', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
  'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct',
  'october', 'nov', 'november', 'dec', 'december',
];

/** Lower-case words that are never the name of a deal. */
export const NEVER_A_NAME: ReadonlySet<string> = new Set([...SALES, ...ROLES, ...FUNCTION, ...HINGLISH, ...CALENDAR]);

/** Speech fillers a transcription keeps ("uh,", "um") and which split phrases like "on, um, Wednesday". */
export const FILLERS = /,?\s*(?<![\p{L}])(?:uh+|um+|erm|hmm+|you know)(?![\p{L}])[,.]?(?=\s|$)/giu;

/** Abbreviations AEs use for claim words, expanded before the claims are read ("demo dn", "PO recd", "nxt wk"). */
const SHORT_FORMS: Array<[RegExp, string]> = [
  [/\bdn\b/gi, 'done'],
  [/\b(?:recd|rcvd|rcd|recvd)\b/gi, 'received'],
  [/\bnxt\b/gi, 'next'],
  [/\brnd\b/gi, 'round'],
  [/\bwks?\b/gi, 'week'],
  [/\bmtg\b/gi, 'meeting'],
  [/\bw\/\s?/gi, 'with '],
  [/\btmrw\b/gi, 'tomorrow'],
];

const UNITS_W: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15,
  sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS_W: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ORDINALS_W: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13,
  fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};
const UNIT_RE = Object.keys(UNITS_W).join('|');
const TENS_RE = Object.keys(TENS_W).join('|');
const ORD_RE = Object.keys(ORDINALS_W).join('|');
const MONTH_RE = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*`;
const ordinalSuffix = (n: number) => (n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th');

/** "twenty five lakhs" → "25 lakhs", "one point five crore" → "1.5 crore", "two hundred" → "200". */
const CARDINAL = new RegExp(
  String.raw`\b(?:(${TENS_RE})(?:[\s-]+(${UNIT_RE}))?|(${UNIT_RE}))(?:\s+hundred(?:\s+(?:and\s+)?(?:(${TENS_RE})(?:[\s-]+(${UNIT_RE}))?|(${UNIT_RE})))?)?(?:\s+point\s+((?:(?:${UNIT_RE}|zero|oh)\s*)+))?(?=\s*(?:lakhs?|lacs?|crores?|cr\b|thousand|hundred|k\b|l\b|\s(?:beds|users|units|projects|vans|buses|trucks|stores|sites|plants|licences|licenses|seats|days|weeks)))`,
  'gi',
);
/** "thirty first March", "the fourth", "on the twenty second" → "31st March", "the 4th". */
const ORDINAL = new RegExp(String.raw`\b(?:(${TENS_RE})[\s-]+)?(${ORD_RE})\b(?=\s+(?:of\s+)?${MONTH_RE}\b)|(?<=\bthe\s+)(?:(${TENS_RE})[\s-]+)?(${ORD_RE})\b`, 'gi');

function numberWords(text: string): string {
  let t = text.replace(CARDINAL, (whole, tens?: string, unit?: string, single?: string, h2tens?: string, h2unit?: string, h2single?: string, decimals?: string) => {
    const low = (w?: string) => (w ? w.toLowerCase() : '');
    let n = (TENS_W[low(tens)] ?? 0) + (UNITS_W[low(unit)] ?? 0) + (UNITS_W[low(single)] ?? 0);
    if (/hundred/i.test(whole)) n = n * 100 + (TENS_W[low(h2tens)] ?? 0) + (UNITS_W[low(h2unit)] ?? 0) + (UNITS_W[low(h2single)] ?? 0);
    if (decimals) {
      const digits = decimals.trim().split(/\s+/).map((w) => (/^(zero|oh)$/i.test(w) ? 0 : UNITS_W[low(w)] ?? 0));
      return `${n}.${digits.join('')}${/\s$/.test(whole) ? ' ' : ''}`;
    }
    return String(n);
  });
  t = t.replace(ORDINAL, (_w, tens?: string, ord?: string, tens2?: string, ord2?: string) => {
    const n = (TENS_W[(tens ?? tens2 ?? '').toLowerCase()] ?? 0) + (ORDINALS_W[(ord ?? ord2 ?? '').toLowerCase()] ?? 0);
    return n >= 1 && n <= 31 ? `${n}${ordinalSuffix(n)}` : _w;
  });
  return t;
}

/** The claim text with short forms expanded, numbers in words as digits and speech fillers dropped. */
export function plainClaimText(text: string): string {
  let t = text.replace(FILLERS, '');
  for (const [re, to] of SHORT_FORMS) t = t.replace(re, to);
  return numberWords(t);
}

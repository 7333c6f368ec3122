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
export const FILLERS = /(?<![\p{L}])(?:uh+|um+|erm|hmm+|you know|i mean)(?![\p{L}])[,.]?\s*/giu;

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

/** The claim text with short forms expanded and speech fillers dropped; same meaning, plainer words. */
export function plainClaimText(text: string): string {
  let t = text.replace(FILLERS, '');
  for (const [re, to] of SHORT_FORMS) t = t.replace(re, to);
  return t;
}

/**
 * The phrase lexicon the offline extractor reads: how AEs say where a deal is, that it is alive, that something
 * happened, and which stage of this portal each stage word means. It is data: a team can extend it with a JSON
 * file (`mis reconcile --lexicon FILE`, see docs/reconcile.md) without touching code.
 */
import { z } from 'zod';
import type { Pipeline, Stage } from '../crm/index.js';
import { UsageError } from '../errors/index.js';
import {
  calendarEntrySchema,
  DEFAULT_CALENDAR,
  DEFAULT_FISCAL_YEAR_START_MONTH,
  type CalendarEntry,
} from './parse/calendar.js';
import { STAGE_KEYS, type ActivityKind, type StageKey } from './schema.js';

/** Stage words, most specific first within each stage. Patterns are case-insensitive regex sources. */
const STAGE_PHRASES: Record<StageKey, string[]> = {
  discovery: [
    String.raw`intro(?:duction|ductory)? (?:call|meeting|mtg|done|hua|ho gaya)`,
    String.raw`intro done`,
    String.raw`disc(?:overy)? call`,
    String.raw`discovery`,
    String.raw`disco call`,
    String.raw`early stage`,
    String.raw`initial (?:discussion|call|conversation|meeting)s?`,
    String.raw`requirement(?:s)? gathering|req gathering|need(?:s)? analysis`,
    String.raw`qualif(?:ied|ication|ying)`,
    String.raw`exploring|exploratory`,
  ],
  demo: [
    String.raw`demo(?:'d|ed)?(?: was| went)? (?:done|given|completed|delivered|over|kiya|hua|ho gaya|ho gya|went well)`,
    String.raw`post[- ]demo`,
    String.raw`(?:did|gave|had) (?:the |a |product )?demo`,
    String.raw`demo stage`,
  ],
  poc: [
    String.raw`poc`,
    String.raw`pilot`,
    String.raw`proof of concept`,
    String.raw`(?:trial|sandbox)(?: trial)?(?: is)? (?:on|running|started|live|going|going on|chal raha|chal rahi|in progress)`,
    String.raw`paid trial`,
  ],
  proposal: [
    String.raw`proposal(?: was)? (?:sent|shared|submitted|given|with|mailed|out|bheja|bhej di)`,
    String.raw`(?:sent|shared|submitted|gave) (?:the |a |our |revised |final )?(?:proposal|quote|quotation|commercials|pricing)`,
    String.raw`quot(?:e|ation)(?:s)?(?: was)? (?:sent|shared|submitted|given|out)`,
    String.raw`(?:proposal|quote|quotation|offer|commercials)(?: [^\s,;.]+){0,4}? (?:sent|shared|submitted|given|mailed|went out|bheja|bhej di|bhej diya)`,
    String.raw`(?:has|have) (?:our|the) (?:proposal|quote|offer)`,
    String.raw`commercials (?:sent|shared|submitted|given)`,
    String.raw`pricing (?:sent|shared|submitted)`,
    String.raw`proposal stage`,
    String.raw`rfp (?:response )?submitted`,
  ],
  shortlisted: [
    String.raw`short[- ]?listed`,
    String.raw`final (?:2|two|3|three)`,
    String.raw`final (?:round|rnd)`,
    String.raw`down to (?:2|two|3|three)`,
    String.raw`we are l1|l1 vendor|we(?:'re| are) l-?1`,
    String.raw`tech(?:nical)?(?: round| evaluation| eval)? (?:cleared|done and cleared)`,
  ],
  negotiation: [
    String.raw`in nego\b`,
    String.raw`neg(?:o|otiation|otiating|otiate)?s?\b`,
    String.raw`contract stage`,
    String.raw`contract (?:sent|shared|under review|being reviewed|with legal)`,
    String.raw`legal (?:review(?:ing)?|vetting|is reviewing|reviewing)`,
    String.raw`msa (?:redlines|review|sent|shared)|redlines`,
    String.raw`commercial (?:discussion|closure)s?`,
    String.raw`price discussion`,
  ],
  committed: [
    String.raw`verbal(?:ly)? (?:yes|go[- ]ahead|confirmation|confirmed|commit(?:ment)?|ok|nod)`,
    String.raw`loi (?:signed|received|issued|in hand|aa gaya)`,
    String.raw`(?:got|received|have) (?:the )?loi\b`,
  ],
  won: [
    String.raw`closed[- ]won`,
    String.raw`(?:got|received|have) (?:the )?(?:po|order)\b`,
    String.raw`(?:po|order)(?: was| is)? (?:received|issued|released|in hand|aa gaya|aa gayi|mil gaya|done|signed|booked)`,
    // Live in production; a pilot or trial that is live is still a pilot.
    String.raw`(?<!(?:pilot|trial|poc|sandbox)\b[^,;.]{0,30})(?:go[- ]live (?:done|completed|happened|ho gaya|hua)|go[- ]live\s+\d{1,2}(?:st|nd|rd|th)?(?: \w+)? (?:ko )?(?:ho gaya|hua|done)|(?:is |are |been )?live since)`,
    String.raw`(?:contract|agreement|msa|deal) (?:signed|closed)(?! lost)`,
    String.raw`signed (?:the )?(?:contract|agreement|msa|deal)`,
    String.raw`\bwon\b`,
    String.raw`bagged`,
    String.raw`converted`,
  ],
  lost: [
    String.raw`closed[- ]lost`,
    String.raw`\blost\b`,
    String.raw`dropped`,
    String.raw`not (?:going ahead|proceeding|moving (?:ahead|forward)|interested)`,
    String.raw`no[- ]go\b`,
    String.raw`dead\b|deal off|backed out|declined`,
    // Put aside with no date is as good as lost; "parked till April" is a push (a new close date), not a loss.
    String.raw`(?:parked|shelved|on hold)(?!\s*(?:till|until|untill|upto|up to|to|into|post|after|beyond|for)\s+(?!now\b))`,
    String.raw`(?:went|gone|going|lost) (?:with|to)\b|chose`,
    String.raw`(?:building|build) (?:it )?in[- ]house`,
    String.raw`no budget|budget (?:cut|freeze)`,
    String.raw`cancell?ed`,
    String.raw`nahi (?:hoga|ho raha|karenge)|ho nahi raha|band kar`,
  ],
};

/** Words before a stage phrase that make it a plan or a wish, not where the deal is. */
const NOT_YET_BEFORE = String.raw`(?:will|to be|going to|about to|want to|plan(?:ning)? to|need to|have to|yet to|pending|awaiting|waiting for|asked for|ask(?:ed|ing)? for|requested|request for|next step[:\-]?|next[:\-]?|not yet|sending|preparing|prep(?:ping)?|working on|want(?:s)? (?:a|the)?|may|might|could|hope to|expect(?:ing)?|no|not|didn't|did not|isn't|is not)\s+(?:the |a |an |our )?`;
/** Words after a stage phrase that make it a plan. */
const NOT_YET_AFTER = String.raw`^\s*(?:is |was )?(?:scheduled|planned|lined up|next|tomorrow|tmrw|tmr|pending|awaited|to be|this (?:week|wk) (?:planned|scheduled)|in (?:the )?pipeline|requested|asked)`;

const ACTIVE_PHRASES = [
  String.raw`still active`,
  String.raw`\bactive\b`,
  String.raw`in touch`,
  String.raw`following up|follow(?:ing)?[- ]?up|chasing`,
  String.raw`engaged|progressing|moving (?:ahead|forward|fast|well)|on track`,
  String.raw`decision soon|in discussions?|discussions? (?:on|going on|ongoing)|talks (?:on|going on)`,
  String.raw`baat chal rahi|responsive|touch ?base|checked in|pinged`,
];

const ACTIVITY_PHRASES: Record<ActivityKind, string[]> = {
  meeting: [
    String.raw`f2f|face[- ]to[- ]face|in[- ]person`,
    String.raw`site visit|plant visit|office visit|visited (?:them|their|the)|visit(?:ed)?\b`,
    String.raw`(?:site |fleet |route |spend |plant )?(?:survey|audit|diagnostic|assessment)(?: was)? (?:done|completed|kar liya|kiya|hua|ho gaya)`,
    String.raw`(?:did|gave|had|ran) (?:the |a |our |product )?demo|demo(?:'d|ed)?(?: was)? (?:done|given|completed|kiya)`,
    String.raw`\bmet\b|\bmeeting\b|\bmtg\b|\bmeet\b`,
    String.raw`zoom|gmeet|g-meet|teams call|video call|\bvc\b|workshop`,
    String.raw`lunch|dinner|coffee`,
    String.raw`demo(?: was)?(?: done| given| hua| ho gaya)?(?= (?:yday|yesterday|today|kal|on |this wk|this week|last))`,
  ],
  call: [
    String.raw`(?:long |quick |short |con[- ]?|conference |intro |follow[- ]?up )?call(?:ed)?\b`,
    String.raw`spoke|spoken|talked|phone|baat (?:hui|ki|kari)|connected (?:with|w/)`,
  ],
  email: [
    String.raw`e-?mail(?:ed)?|mailed|(?:sent|dropped|drop) (?:a |an )?(?:mail|email)|mail (?:sent|bheja|kiya)`,
    String.raw`whatsapp(?:ed)?|\bwa msg`,
  ],
};

/** "PO by", "closing by": the date that follows is the expected close. */
const CLOSE_CUES = String.raw`(?:clos(?:e|ing|ure)|po|sign(?:ing|ed|-?off)?|contract|expected close|target close|finali[sz](?:e|ing|ation)|parked|pushed|postponed|deferred|delayed|on hold|moves? to|slipp?(?:ed|ing)?)`;

const PRODUCT_WORDS = [
  'TMS + WMS',
  'Control Tower',
  'Fleet Visibility',
  'TMS',
  'WMS',
  'ePOD',
  'Fleet',
  'Route Optimisation',
  'Route Optimization',
  'Visibility',
];

/** Label words that say which stage of a real pipeline a stage key is. */
const STAGE_LABEL_HINTS: Record<StageKey, RegExp> = {
  discovery: /discover|qualif|intro|appointment|lead|first call/i,
  demo: /demo/i,
  poc: /poc|pilot|trial|proof/i,
  proposal: /proposal|quote|quotation|pricing|offer|commercials? (?:sent|submitted)/i,
  shortlisted: /shortlist|final\s*2|final round|decision maker|evaluation/i,
  negotiation: /negotiat|contract|legal/i,
  committed: /commit|verbal|\bloi\b|\bpo\b/i,
  won: /won|renewed|closed won/i,
  lost: /lost|churn|closed lost/i,
};

/** Order of the keys from earliest to latest, for ranking and ahead/behind. */
export const STAGE_RANK: Record<StageKey, number> = {
  discovery: 0,
  demo: 1,
  poc: 2,
  proposal: 3,
  shortlisted: 4,
  negotiation: 5,
  committed: 6,
  won: 7,
  lost: 7,
};

export const lexiconOverrideSchema = z.object({
  stages: z
    .partialRecord(z.enum(STAGE_KEYS), z.array(z.string().min(1)))
    .optional()
    .describe('extra phrases per stage key (regex sources)'),
  stageIds: z
    .partialRecord(z.enum(STAGE_KEYS), z.string().min(1))
    .optional()
    .describe("stage key → this portal's stage id"),
  active: z.array(z.string().min(1)).optional(),
  products: z.array(z.string().min(1)).optional(),
  competitors: z.array(z.string().min(1)).optional(),
  calendar: z
    .array(calendarEntrySchema)
    .optional()
    .describe('festivals and holidays dates are given by; added to the Indian defaults (same name: replaces)'),
  fiscalYearStartMonth: z
    .number()
    .int()
    .min(1)
    .max(12)
    .optional()
    .describe('month the financial year starts (default 4, April)'),
});
export type LexiconOverride = z.infer<typeof lexiconOverrideSchema>;

export interface Lexicon {
  stages: Array<{ key: StageKey; re: RegExp }>;
  notYetBefore: RegExp;
  notYetAfter: RegExp;
  active: RegExp;
  activities: Array<{ kind: ActivityKind; re: RegExp }>;
  closeCue: RegExp;
  products: string[];
  competitors: string[];
  stageIds: Partial<Record<StageKey, string>>;
  calendar: CalendarEntry[];
  fiscalYearStartMonth: number;
}

function compile(source: string, where: string): RegExp {
  try {
    return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${source})(?![\p{L}\p{N}])`, 'giu');
  } catch (e) {
    throw new UsageError(
      `lexicon: ${where} is not a valid pattern: ${(e as Error).message}`,
      'Fix the pattern in the lexicon file (JavaScript regex source) and run again.',
    );
  }
}

export function buildLexicon(override: LexiconOverride = {}, competitors: readonly string[] = []): Lexicon {
  const stages: Lexicon['stages'] = [];
  for (const key of STAGE_KEYS) {
    for (const p of [...(override.stages?.[key] ?? []), ...STAGE_PHRASES[key]])
      stages.push({ key, re: compile(p, `stages.${key}`) });
  }
  const activities: Lexicon['activities'] = [];
  for (const kind of ['meeting', 'call', 'email'] as const)
    for (const p of ACTIVITY_PHRASES[kind]) activities.push({ kind, re: compile(p, `activities.${kind}`) });
  return {
    stages,
    notYetBefore: new RegExp(String.raw`${NOT_YET_BEFORE}$`, 'i'),
    notYetAfter: new RegExp(NOT_YET_AFTER, 'i'),
    active: compile([...(override.active ?? []), ...ACTIVE_PHRASES].join('|'), 'active'),
    activities,
    closeCue: new RegExp(String.raw`\b${CLOSE_CUES}\b[^;.!?]{0,45}$`, 'i'),
    products: [...(override.products ?? []), ...PRODUCT_WORDS],
    competitors: [...new Set([...(override.competitors ?? []), ...competitors])],
    stageIds: override.stageIds ?? {},
    calendar: [
      ...(override.calendar ?? []),
      ...DEFAULT_CALENDAR.filter(
        (e) =>
          !(override.calendar ?? []).some((o) =>
            o.names.some((n) => e.names.map((x) => x.toLowerCase()).includes(n.toLowerCase())),
          ),
      ),
    ],
    fiscalYearStartMonth: override.fiscalYearStartMonth ?? DEFAULT_FISCAL_YEAR_START_MONTH,
  };
}

/**
 * The stage of `pipeline` a stage key means: the lexicon's explicit mapping, else a stage whose label says so,
 * else the open stage at the same relative position. `committed` falls back to the last open stage.
 */
export function stageFor(lexicon: Lexicon, pipeline: Pipeline, key: StageKey): Stage | undefined {
  const stages = [...pipeline.stages].sort((a, b) => a.displayOrder - b.displayOrder);
  const explicit = lexicon.stageIds[key];
  if (explicit) {
    const hit = stages.find((s) => s.id === explicit);
    if (hit) return hit;
  }
  if (key === 'won') return stages.find((s) => s.isClosed && s.isWon);
  if (key === 'lost') return stages.find((s) => s.isClosed && !s.isWon);
  const open = stages.filter((s) => !s.isClosed);
  const byLabel = open.find((s) => STAGE_LABEL_HINTS[key].test(s.label));
  if (byLabel) return byLabel;
  if (open.length === 0) return undefined;
  // "Shortlisted", "final round" with no stage of its own: the negotiation stage (the last round before the PO).
  if (key === 'shortlisted') {
    const nego = open.find((s) => STAGE_LABEL_HINTS.negotiation.test(s.label));
    if (nego) return nego;
  }
  if (key === 'committed') return open[open.length - 1];
  // Relative position among the six open keys (discovery … negotiation).
  const i = Math.round((STAGE_RANK[key] / 5) * (open.length - 1));
  return open[Math.min(open.length - 1, Math.max(0, i))];
}

/** The stage key a portal stage stands for (the reverse of stageFor), for drafting and ahead/behind. */
export function keyForStage(lexicon: Lexicon, pipeline: Pipeline, stage: Stage): StageKey {
  if (stage.isClosed) return stage.isWon ? 'won' : 'lost';
  for (const key of ['discovery', 'demo', 'poc', 'proposal', 'shortlisted', 'negotiation'] as const) {
    if (stageFor(lexicon, pipeline, key)?.id === stage.id) return key;
  }
  const open = pipeline.stages.filter((s) => !s.isClosed).sort((a, b) => a.displayOrder - b.displayOrder);
  const i = open.findIndex((s) => s.id === stage.id);
  const rank = open.length > 1 ? Math.round((i / (open.length - 1)) * 5) : 0;
  return (['discovery', 'demo', 'poc', 'proposal', 'shortlisted', 'negotiation'] as const)[rank] ?? 'discovery';
}

/**
 * hygiene: duplicates, missing fields and the other check findings (runChecks), naming inconsistencies measured on
 * the portal's own properties (company name variants; free-text values where a picklist belongs), a one-time cleanup
 * ordered by impact, and the ongoing rules (the checks already running) with their trend (HC-4).
 */
import { z } from 'zod';
import { auditTrend, derive, type AnalysisContext, type CheckName } from '../analysis/index.js';
import { runChecks } from '../analysis/checks/index.js';
import { normalizeCompanyName } from '../names/index.js';
import { lostReasonGroup } from '../analysis/metrics/index.js';
import { CHECK_LABELS } from '../analysis/text/index.js';
import {
  DASHBOARD,
  base,
  baseShape,
  fmtOf,
  numbered,
  propertyLabel,
  recordRefSchema,
  type AdviseOptions,
} from './common.js';

/** Properties that should be a picklist, by object. */
const PICKLIST_CANDIDATES: ReadonlyArray<{ object: 'companies' | 'contacts' | 'deals'; property: string }> = [
  { object: 'companies', property: 'industry' },
  { object: 'companies', property: 'city' },
  { object: 'companies', property: 'country' },
  { object: 'companies', property: 'state' },
  { object: 'contacts', property: 'jobtitle' },
  { object: 'contacts', property: 'hs_lead_status' },
  { object: 'deals', property: 'closed_lost_reason' },
  { object: 'deals', property: 'dealtype' },
];

const normValue = (v: string) =>
  v
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const hygieneAdviceSchema = z.object({
  topic: z.literal('hygiene'),
  ...baseShape,
  checks: z.array(
    z.object({
      check: z.string().describe('as people name it'),
      findings: z.number().int(),
      amount: z.number().describe('money on the deals concerned'),
    }),
  ),
  duplicates: z.array(
    z.object({ kind: z.enum(['contact', 'company']), record: recordRefSchema, duplicateOf: recordRefSchema }),
  ),
  missingFields: z.array(z.object({ field: z.string(), deals: z.number().int(), amount: z.number() })),
  nameVariants: z.array(z.object({ names: z.array(z.string()), companies: z.number().int() })),
  freeText: z.array(
    z.object({
      object: z.string(),
      property: z.string().describe('as people name it'),
      records: z.number().int().describe('records with a value'),
      distinct: z.number().int().describe('distinct values as typed'),
      variants: z.number().int().describe('values that differ only in case, spacing or punctuation from another'),
      groups: z.number().int().nullable().describe('for lost reasons: the reason groups they fall into'),
      verdict: z.string(),
    }),
  ),
  trend: z.array(
    z.object({
      weekOf: z.string(),
      findings: z.number().int(),
      staleDeals: z.number().int(),
      openDeals: z.number().int(),
    }),
  ),
  rules: z.array(z.object({ check: z.string(), today: z.number().int() })),
});
export type HygieneAdvice = z.infer<typeof hygieneAdviceSchema>;

export function adviseHygiene(ctx: AnalysisContext, opts: AdviseOptions = {}): HygieneAdvice {
  const d = derive(ctx);
  const f = fmtOf(ctx);
  const findings = runChecks(ctx);
  const amountOf = (type: string, id: string | null) => (type === 'deal' && id ? (d.deals.get(id)?.amount ?? 0) : 0);
  const label = (c: CheckName) => CHECK_LABELS[c] ?? c;

  const byCheck = new Map<CheckName, { findings: number; amount: number }>();
  for (const x of findings) {
    const row = byCheck.get(x.check) ?? { findings: 0, amount: 0 };
    row.findings++;
    row.amount += amountOf(x.objectType, x.objectId);
    byCheck.set(x.check, row);
  }
  const checks = [...byCheck]
    .map(([c, v]) => ({ check: label(c), ...v }))
    .sort((a, b) => b.amount - a.amount || b.findings - a.findings);

  const personName = (id: string) => {
    const c = d.contacts.get(id);
    return c ? [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || `contact ${id}` : `contact ${id}`;
  };
  const companyName = (id: string) => d.companies.get(id)?.name ?? `company ${id}`;
  const duplicates: HygieneAdvice['duplicates'] = findings
    .filter((x) => (x.check === 'duplicate_contact' || x.check === 'duplicate_company') && x.objectId)
    .map((x) => {
      const kind = x.check === 'duplicate_contact' ? ('contact' as const) : ('company' as const);
      const dup = x.evidence['duplicateOf'];
      const other = typeof dup === 'string' || typeof dup === 'number' ? String(dup) : '';
      const name = kind === 'contact' ? personName : companyName;
      return {
        kind,
        record: { type: kind, id: x.objectId!, name: name(x.objectId!) },
        duplicateOf: { type: kind, id: other, name: name(other) },
      };
    });

  const missing = new Map<string, { deals: number; amount: number }>();
  for (const x of findings.filter((y) => y.check === 'missing_required_field'))
    for (const p of (x.evidence['missingFields'] as string[] | undefined) ?? []) {
      const row = missing.get(propertyLabel(p)) ?? { deals: 0, amount: 0 };
      row.deals++;
      row.amount += amountOf(x.objectType, x.objectId);
      missing.set(propertyLabel(p), row);
    }
  const missingFields = [...missing]
    .map(([field, v]) => ({ field, ...v }))
    .sort((a, b) => b.amount - a.amount || b.deals - a.deals);

  // Company names that normalise alike but are typed differently ("Rann Cables Pvt Ltd" / "Rann Cables").
  const groups = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const c of ctx.data.crm.companies) {
    if (c.archived || !c.name?.trim()) continue;
    const key = normalizeCompanyName(c.name);
    if (!key) continue;
    groups.set(key, (groups.get(key) ?? new Set()).add(c.name.trim()));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const nameVariants = [...groups]
    .filter(([, names]) => names.size > 1)
    .map(([key, names]) => ({ names: [...names].sort(), companies: counts.get(key) ?? names.size }))
    .sort((a, b) => b.companies - a.companies || a.names[0]!.localeCompare(b.names[0]!));

  const freeText: HygieneAdvice['freeText'] = [];
  for (const c of PICKLIST_CANDIDATES) {
    const records = (
      ctx.data.crm[c.object] as Array<{ archived: boolean; properties: Record<string, string | null> }>
    ).filter((r) => !r.archived);
    const values = records
      .map((r) => r.properties[c.property])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (values.length === 0) continue;
    const raw = new Set(values.map((v) => v.trim()));
    const norm = new Map<string, Set<string>>();
    for (const v of raw) norm.set(normValue(v), (norm.get(normValue(v)) ?? new Set()).add(v));
    const variants = [...norm.values()].reduce((s, set) => s + set.size - 1, 0);
    const isCode = [...raw].every((v) => /^[A-Z0-9_]+$/.test(v) || /^[a-z0-9_]+$/.test(v));
    const groupsOf = c.property === 'closed_lost_reason' ? new Set([...raw].map((v) => lostReasonGroup(v))).size : null;
    const verdict = isCode
      ? 'a picklist already (coded values)'
      : variants > 0
        ? `typed by hand: ${variants} values differ only in spelling; make it a picklist`
        : groupsOf !== null && groupsOf < raw.size
          ? `free text: ${raw.size} reasons fall into ${groupsOf} groups; make the groups a picklist and keep the text as a note`
          : `free text with ${raw.size} distinct ${raw.size === 1 ? 'value' : 'values'}; consistent today`;
    freeText.push({
      object: c.object === 'companies' ? 'company' : c.object === 'contacts' ? 'contact' : 'deal',
      property: propertyLabel(c.property),
      records: values.length,
      distinct: raw.size,
      variants,
      groups: groupsOf,
      verdict,
    });
  }

  const asOf = Date.parse(ctx.asOf);
  const since = new Date(asOf - 4 * 7 * 86_400_000).toISOString();
  const trendData = auditTrend(
    ctx,
    4,
    (opts.storedAudit ?? []).filter((r) => r.asOf >= since),
    (c) => runChecks(c),
  );
  const weeks = new Map<string, { findings: number; staleDeals: number; openDeals: number }>();
  for (const o of trendData.owners)
    for (const w of o.weeks) {
      const row = weeks.get(w.weekStart) ?? { findings: 0, staleDeals: 0, openDeals: 0 };
      row.findings += w.findings;
      row.staleDeals += w.staleDeals;
      row.openDeals += w.openDeals;
      weeks.set(w.weekStart, row);
    }
  const trend = [...weeks]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, v]) => ({ weekOf: f.date(weekStart), ...v }));

  const sumBy = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
  const unsynced = findings.filter((x) => x.check === 'smartlead_unsynced');
  const PIPELINE_CHECKS: readonly CheckName[] = [
    'close_date_past',
    'stage_mismatch',
    'stage_skipped',
    'stale_deal',
    'missing_notes',
  ];
  const dealFindings = findings.filter((x) => PIPELINE_CHECKS.includes(x.check));
  const dealAmount = [...new Set(dealFindings.map((x) => x.objectId))].reduce((s, id) => s + amountOf('deal', id), 0);
  const picklists = freeText.filter(
    (x) => !x.verdict.startsWith('a picklist') && !x.verdict.includes('consistent today'),
  );
  const oneTime = [
    missingFields.length
      ? {
          action: `Fill the missing deal fields: ${missingFields.map((m) => `${m.field} on ${m.deals}`).join(', ')}`,
          why: `${f.money(sumBy(missingFields))} of open pipeline is missing something the forecast or routing needs`,
          amount: sumBy(missingFields),
          count: missingFields.reduce((s, m) => s + m.deals, 0),
          records: findings
            .filter((x) => x.check === 'missing_required_field' && x.objectId)
            .sort((a, b) => amountOf('deal', b.objectId) - amountOf('deal', a.objectId))
            .slice(0, 10)
            .map((x) => ({
              type: 'deal' as const,
              id: x.objectId!,
              name: d.deals.get(x.objectId!)?.name ?? `deal ${x.objectId}`,
            })),
        }
      : null,
    duplicates.length
      ? {
          action: `Merge the ${duplicates.length} duplicate records in HubSpot (the newer into the older)`,
          why: `${duplicates.filter((x) => x.kind === 'contact').length} contacts and ${duplicates.filter((x) => x.kind === 'company').length} companies appear twice, splitting activity and attribution`,
          amount: null,
          count: duplicates.length,
          records: duplicates.slice(0, 10).map((x) => x.record),
        }
      : null,
    nameVariants.length
      ? {
          action: `Pick one spelling for the ${nameVariants.length} companies typed several ways`,
          why: 'variants split a company’s deals and contacts in reports',
          amount: null,
          count: nameVariants.length,
          records: [],
        }
      : null,
    ...picklists.map((p) => ({
      action: `Make ${p.object} ${p.property} a picklist`,
      why: p.verdict,
      amount: null,
      count: p.records,
      records: [],
    })),
    unsynced.length
      ? {
          action: `Create HubSpot contacts for the ${unsynced.length} SmartLead leads HubSpot never saw (or turn on the SmartLead–HubSpot sync)`,
          why: 'their replies and sends are invisible to the AE and to attribution',
          amount: null,
          count: unsynced.length,
          records: [],
        }
      : null,
    dealFindings.length
      ? {
          action: `Fix the ${dealFindings.length} deal findings on stages, close dates and notes (mis advise pipeline has the cleanup, most money first)`,
          why: `${f.money(dealAmount)} of open pipeline is reported wrong until they are fixed`,
          amount: dealAmount,
          count: dealFindings.length,
          records: [],
        }
      : null,
  ]
    .filter((x) => x !== null)
    // The one-time cleanup by impact: money on the records first, then how many records.
    .sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || (b.count ?? 0) - (a.count ?? 0));
  const plan = numbered([
    ...oneTime,
    {
      action: 'Keep it clean: the daily check already runs every rule below and nudges each AE in their digest',
      why:
        `${findings.length} findings today` +
        (trend.length >= 2
          ? `; ${trend.at(-1)!.findings} in the week of ${trend.at(-1)!.weekOf}, ${trend.at(-1)!.findings > trend[0]!.findings ? 'up' : trend.at(-1)!.findings < trend[0]!.findings ? 'down' : 'unchanged'} from ${trend[0]!.findings} in the week of ${trend[0]!.weekOf}`
          : ''),
      amount: null,
      count: findings.length,
      records: [],
    },
  ]);

  const rules = (Object.keys(CHECK_LABELS) as CheckName[]).map((c) => ({
    check: label(c),
    today: byCheck.get(c)?.findings ?? 0,
  }));

  return hygieneAdviceSchema.parse({
    topic: 'hygiene',
    ...base(ctx),
    headline:
      `${findings.length} findings today: ${duplicates.length} duplicates, ${missingFields.reduce((s, m) => s + m.deals, 0)} missing deal fields, ` +
      `${nameVariants.length} companies typed several ways and ${picklists.length} free-text ${picklists.length === 1 ? 'field' : 'fields'} that ${picklists.length === 1 ? 'belongs' : 'belong'} in a picklist.`,
    checks,
    duplicates: duplicates.slice(0, 25),
    missingFields,
    nameVariants: nameVariants.slice(0, 15),
    freeText,
    trend,
    rules,
    plan,
    cannotTell: [
      'Which of two duplicates is right: the check proposes the newer record into the older; a person decides what to keep.',
      'Values that are wrong but well-formed (a real-looking amount that is out of date) — only the AE knows.',
      ...(opts.storedAudit?.length
        ? []
        : ['The weekly trend is reconstructed from today’s data: run mis check daily to store real snapshots.']),
    ],
    links: [
      DASHBOARD.ae,
      DASHBOARD.team,
      { label: 'All findings', path: 'mis check' },
      { label: 'Trend', path: 'mis audit' },
    ],
    sources: ['mis check', 'mis audit', 'company names and properties in the portal'],
  });
}

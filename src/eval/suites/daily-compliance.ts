/**
 * daily-compliance: the daily-compliance-check workflow on each eval portal; findings (as the mis_run_checks tool
 * returned them to the driver) against hand-reviewed labels — precision/recall/F1 per check — plus what the digest
 * shows people: totals that match the tool, rows that are real problems, ids that exist.
 */
import { z } from 'zod';
import { complianceDigestSchema, type ComplianceDigest } from '../../agent/index.js';
import { CHECK_NAMES, type CheckName } from '../../analysis/index.js';
import { knownIds, runWorkflowOn } from '../product.js';
import { readEvalJson } from '../paths.js';
import { listShort, setScore } from '../scorers/set-overlap.js';
import { onlyKnownIds } from '../scorers/text.js';
import { defineSuite, type EvalCase, type Scorer } from '../types.js';

const caseSchema = z.object({
  id: z.string().min(1),
  description: z.string().min(1),
  hard: z.boolean().optional(),
  dataset: z.string().min(1).describe('portal@1 file under evals/'),
  labels: z.string().min(1).describe('labels file under evals/daily-compliance/'),
});

const labelSchema = z.object({
  check: z.enum(CHECK_NAMES),
  objectType: z.enum(['deal', 'contact', 'company']),
  objectId: z.string().nullable(),
  email: z.string().optional(),
  duplicateOf: z.string().optional(),
  source: z.enum(['planted', 'review']),
  note: z.string().optional(),
});
export type ComplianceLabel = z.infer<typeof labelSchema>;

export const complianceLabelsSchema = z.object({
  dataset: z.string(),
  asOf: z.string(),
  labels: z.array(labelSchema),
  clean: z.array(
    z.object({
      objectType: z.enum(['deal', 'contact', 'company']),
      objectId: z.string(),
      checks: z.array(z.enum(CHECK_NAMES)).optional(),
      note: z.string(),
    }),
  ),
});

export interface ComplianceCase extends EvalCase {
  dataset: string;
  labels: z.infer<typeof complianceLabelsSchema>;
}

/** A finding as the scorers need it (never the evidence text). */
export interface FoundItem {
  check: CheckName;
  objectType: string;
  objectId: string | null;
  email: string | null;
  duplicateOf: string | null;
}

export interface ComplianceOutput {
  findings: FoundItem[];
  /** counts.total of each mis_run_checks call without an owner (what the tool said the team total is). */
  toolTotals: number[];
  digest: ComplianceDigest;
  knownIds: ReadonlySet<string>;
}

/**
 * How a finding and a label are matched: SmartLead leads by email (several contacts may share one), duplicates as an
 * unordered pair (which record merges into which is not the point), everything else by record.
 */
export function findingKey(f: {
  check: string;
  objectType: string;
  objectId: string | null;
  email?: string | null | undefined;
  duplicateOf?: string | null | undefined;
}): string {
  if (f.check === 'smartlead_unsynced') return `${f.check}|${(f.email ?? f.objectId ?? '').trim().toLowerCase()}`;
  if (f.check === 'duplicate_contact' || f.check === 'duplicate_company')
    return `${f.check}|${[f.objectId ?? '', f.duplicateOf ?? ''].sort().join('~')}`;
  return `${f.check}|${f.objectType} ${f.objectId ?? ''}`;
}

const toolFinding = z.looseObject({
  check: z.enum(CHECK_NAMES),
  objectType: z.string(),
  objectId: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()),
});
const toolResult = z.looseObject({ counts: z.looseObject({ total: z.number() }), findings: z.array(toolFinding) });

const F1_THRESHOLD = 0.8;

function perCheck(check: CheckName): Scorer<ComplianceCase, ComplianceOutput> {
  return {
    name: `f1:${check}`,
    description: `precision/recall/F1 of ${check} findings against the labels`,
    kind: 'deterministic',
    aggregate: 'f1',
    threshold: F1_THRESHOLD,
    score({ case: c, output }) {
      const want = c.labels.labels.filter((l) => l.check === check).map(findingKey);
      const got = output.findings.filter((f) => f.check === check).map(findingKey);
      return setScore(want, got, F1_THRESHOLD);
    },
  };
}

const cleanRecords: Scorer<ComplianceCase, ComplianceOutput> = {
  name: 'clean_records',
  description:
    'records labelled clean (hard cases: at the threshold, similar names, a deal with no problem) get no finding',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ case: c, output }) {
    if (!c.labels.clean.length) return { skipped: 'not applicable: no record labelled clean in this case' };
    const flagged = c.labels.clean.filter((r) =>
      output.findings.some(
        (f) => f.objectId === r.objectId && f.objectType === r.objectType && (!r.checks || r.checks.includes(f.check)),
      ),
    );
    const score = 1 - flagged.length / c.labels.clean.length;
    return flagged.length
      ? {
          pass: false,
          score,
          reason: `findings on records labelled clean: ${listShort(
            flagged.map(
              (r) =>
                `${r.objectType} ${r.objectId} (${output.findings
                  .filter((f) => f.objectId === r.objectId)
                  .map((f) => f.check)
                  .join(', ')})`,
            ),
          )}`,
        }
      : { pass: true, score, reason: `${c.labels.clean.length} clean records, none flagged` };
  },
};

const digestTotals: Scorer<ComplianceCase, ComplianceOutput> = {
  name: 'digest_totals',
  description: "the digest's totals and per-AE counts add up to what the checks tool returned",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    const d = output.digest;
    const problems: string[] = [];
    const tool = output.toolTotals.at(-1);
    if (tool !== undefined && d.totals.findings !== tool)
      problems.push(`totals.findings ${d.totals.findings}, the checks tool said ${tool}`);
    const perOwner = d.owners.reduce((s, o) => s + o.findings, 0);
    if (perOwner !== d.totals.findings)
      problems.push(`per-AE findings add up to ${perOwner}, totals say ${d.totals.findings}`);
    const high = d.owners.reduce((s, o) => s + o.high, 0);
    if (high !== d.totals.high) problems.push(`per-AE high add up to ${high}, totals say ${d.totals.high}`);
    return problems.length
      ? { pass: false, score: 0, reason: problems.join('; ') }
      : { pass: true, score: 1, reason: `${d.totals.findings} findings, ${d.totals.high} high, consistent` };
  },
};

const digestRowsTrue: Scorer<ComplianceCase, ComplianceOutput> = {
  name: 'digest_rows_labelled',
  description: 'every row the digest shows an AE is a labelled problem (precision of what people see)',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.9,
  score({ case: c, output }) {
    const labelled = new Set(c.labels.labels.map(findingKey));
    const found = new Map(
      output.findings.map((f) => [`${f.check}|${f.objectType} ${f.objectId ?? ''}|${f.email ?? ''}`, f]),
    );
    const rows = output.digest.owners.flatMap((o) => o.top);
    if (!rows.length)
      return c.labels.labels.length
        ? { pass: false, score: 0, reason: `shows no rows; ${c.labels.labels.length} problems are labelled` }
        : { pass: true, score: 1, reason: 'nothing labelled, nothing shown' };
    const wrong = rows.filter((r) => {
      const f = found.get(`${r.check}|${r.objectType} ${r.objectId ?? ''}|${r.email ?? ''}`);
      const key = findingKey(f ?? { check: r.check, objectType: r.objectType, objectId: r.objectId, email: r.email });
      return !labelled.has(key);
    });
    const score = 1 - wrong.length / rows.length;
    return {
      pass: score >= 0.9,
      score,
      reason: wrong.length
        ? `rows not labelled: ${listShort(wrong.map((r) => `${r.check} ${r.objectType} ${r.objectId ?? r.email ?? '—'}`))}`
        : `${rows.length} rows shown, all labelled problems`,
    };
  },
};

const digestIds: Scorer<ComplianceCase, ComplianceOutput> = {
  name: 'digest_ids_real',
  description: 'the headline and citations name only records that exist',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    return onlyKnownIds(
      [output.digest.headline],
      output.digest.citations.map((x) => x.id),
      output.knownIds,
    );
  },
};

export const dailyCompliance = defineSuite<ComplianceCase, ComplianceOutput>({
  name: 'daily-compliance',
  description: 'daily-compliance-check workflow: findings vs hand-reviewed labels of planted problems, per check',
  loadCases(evalsDir) {
    return readEvalJson(evalsDir, 'daily-compliance/cases.json', z.array(caseSchema)).map((c) => ({
      id: c.id,
      description: c.description,
      ...(c.hard ? { hard: true } : {}),
      dataset: c.dataset,
      labels: readEvalJson(evalsDir, `daily-compliance/${c.labels}`, complianceLabelsSchema),
    }));
  },
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    const run = await runWorkflowOn(session, 'daily-compliance-check', t.driver);
    const seen = new Map<string, FoundItem>();
    const toolTotals: number[] = [];
    for (const r of run.toolResults) {
      if (r.tool !== 'mis_run_checks' || !r.ok) continue;
      const parsed = toolResult.safeParse(r.result);
      if (!parsed.success) continue;
      if (!r.args['owner'] && !r.args['cursor']) toolTotals.push(parsed.data.counts.total);
      for (const f of parsed.data.findings) {
        const email = typeof f.evidence['email'] === 'string' ? f.evidence['email'] : null;
        const duplicateOf = typeof f.evidence['duplicateOf'] === 'string' ? f.evidence['duplicateOf'] : null;
        const item: FoundItem = { check: f.check, objectType: f.objectType, objectId: f.objectId, email, duplicateOf };
        seen.set(`${f.check}|${f.objectType}|${f.objectId}|${email}|${duplicateOf}`, item);
      }
    }
    return {
      findings: [...seen.values()],
      toolTotals,
      digest: complianceDigestSchema.parse(run.outcome.output),
      knownIds: knownIds(session.dataset),
    };
  },
  scorers: [...CHECK_NAMES.map(perCheck), cleanRecords, digestTotals, digestRowsTrue, digestIds],
});

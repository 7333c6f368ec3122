/**
 * compliance-digest (daily-compliance-check): per AE, how many findings and of which checks, the most important
 * rows (new since the last recorded check marked), and a headline. Rendered like `mis check`.
 */
import { z } from 'zod';
import { CHECK_NAMES, SEVERITIES } from '../../analysis/index.js';
import { formatDateTime, formatMoney, renderTable, terminalWidth, wrapText } from '../../format/index.js';
import { citationSchema, ownerNamer, read, restoreQuotes } from './common.js';
import { defineOutput } from './spec.js';
import { ownerHandle } from '../../crm/index.js';
import { CHECK_LABELS, lowerFirst, recordCell, wrapToTerminal } from '../../analysis/text/index.js';

const rowSchema = z.object({
  check: z.enum(CHECK_NAMES),
  objectType: z.enum(['deal', 'contact', 'company']),
  objectId: z.string().nullable().describe('the record id (null: a SmartLead lead with no HubSpot contact; see email)'),
  email: z.string().nullable().describe('for a lead with no record: its email'),
  name: z
    .string()
    .nullable()
    .optional()
    .describe("the record's name for people to read: the deal's, the contact's (else email) or the company's"),
  severity: z.enum(SEVERITIES),
  summary: z.string().describe('one line a person understands'),
  amount: z.number().nullable().describe('deal amount in the portal currency (deal findings)'),
  isNew: z.boolean().describe('not found by the previous recorded check'),
});

const ownerSchema = z
  .object({
    ownerId: z.string().nullable(),
    ownerName: z.string(),
    findings: z.number().int().nonnegative(),
    high: z.number().int().nonnegative(),
    byCheck: z
      .array(z.object({ check: z.enum(CHECK_NAMES), count: z.number().int().positive() }))
      .describe('counts per check, most frequent among the top rows first'),
    top: z.array(rowSchema).max(10).describe('most important first: high severity, then larger deals'),
  })
  .superRefine((o, ctx) => {
    const sum = o.byCheck.reduce((s, c) => s + c.count, 0);
    if (sum !== o.findings)
      ctx.addIssue({
        code: 'custom',
        path: ['byCheck'],
        message: `counts add up to ${sum}, not findings (${o.findings})`,
      });
    if (o.top.length > o.findings) ctx.addIssue({ code: 'custom', path: ['top'], message: 'more rows than findings' });
  });

export const complianceDigestSchema = z.object({
  kind: z.literal('compliance_digest'),
  asOf: z.string(),
  previousRunAsOf: z.string().nullable().describe('the recorded check the isNew marks compare with'),
  totals: z.object({
    findings: z.number().int().nonnegative(),
    high: z.number().int().nonnegative(),
    new: z.number().int().nonnegative(),
  }),
  owners: z.array(ownerSchema).describe('one entry per AE with findings (unowned last)'),
  headline: z
    .string()
    .min(1)
    .max(1200)
    .describe('two or three sentences for the team lead: the biggest problems, by whom, with record ids'),
  citations: z.array(citationSchema).describe('records the headline refers to'),
});
export type ComplianceDigest = z.infer<typeof complianceDigestSchema>;

const toolFinding = z.looseObject({
  check: z.enum(CHECK_NAMES),
  objectType: z.enum(['deal', 'contact', 'company']),
  objectId: z.string().nullable(),
  ownerId: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  summary: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  isNew: z.boolean(),
  recordName: z.string().nullable().optional(),
});
const checksResult = z.looseObject({
  asOf: z.string(),
  previousRunAsOf: z.string().nullable(),
  findings: z.array(toolFinding),
});
const dealsResult = z.looseObject({
  deals: z.array(z.looseObject({ id: z.string(), name: z.string().optional(), amount: z.number().nullable() })),
});
const ownersResult = z.looseObject({ owners: z.array(z.looseObject({ id: z.string(), name: z.string() })) });

const RANK = { high: 2, medium: 1, low: 0 } as const;
const TOP = 10;

export const complianceDigest = defineOutput({
  name: 'compliance-digest',
  description:
    'the daily compliance digest: totals, per AE the finding counts per check and the most important rows, a headline citing record ids',
  schema: complianceDigestSchema,
  assemble(results) {
    const checks = read(results, 'checks', checksResult);
    const dealRows = read(results, 'deals', dealsResult).deals;
    const amounts = new Map(dealRows.map((d) => [d.id, d.amount]));
    const dealNames = new Map(dealRows.map((d) => [d.id, d.name ?? null]));
    const name = ownerNamer(read(results, 'owners', ownersResult).owners);
    const amountOf = (f: z.infer<typeof toolFinding>) =>
      f.objectType === 'deal' && f.objectId ? (amounts.get(f.objectId) ?? null) : null;
    const byOwner = new Map<string | null, z.infer<typeof toolFinding>[]>();
    for (const f of checks.findings) byOwner.set(f.ownerId, [...(byOwner.get(f.ownerId) ?? []), f]);
    const ids = [...byOwner.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : name(a).localeCompare(name(b))));
    const owners = ids.map((id) => {
      const list = [...byOwner.get(id)!].sort(
        (a, b) => RANK[b.severity] - RANK[a.severity] || (amountOf(b) ?? 0) - (amountOf(a) ?? 0),
      );
      const counts = new Map<(typeof CHECK_NAMES)[number], number>();
      for (const f of list) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
      return {
        ownerId: id,
        ownerName: name(id),
        findings: list.length,
        high: list.filter((f) => f.severity === 'high').length,
        byCheck: [...counts].map(([check, count]) => ({ check, count })),
        top: list.slice(0, TOP).map((f) => ({
          check: f.check,
          objectType: f.objectType,
          objectId: f.objectId,
          email: typeof f.evidence['email'] === 'string' ? f.evidence['email'] : null,
          name: f.recordName ?? (f.objectType === 'deal' && f.objectId ? (dealNames.get(f.objectId) ?? null) : null),
          severity: f.severity,
          summary: restoreQuotes(f.summary, f.evidence),
          amount: amountOf(f),
          isNew: f.isNew,
        })),
      };
    });
    const high = checks.findings.filter((f) => f.severity === 'high');
    const worst = owners
      .filter((o) => o.ownerId !== null)
      .sort((a, b) => b.high - a.high || b.findings - a.findings)[0];
    const biggest = [...high]
      .filter((f) => f.objectType === 'deal' && f.objectId)
      .sort((a, b) => (amountOf(b) ?? 0) - (amountOf(a) ?? 0))
      .slice(0, 3);
    const headline = checks.findings.length
      ? [
          `${checks.findings.length} findings (${high.length} high, ${checks.findings.filter((f) => f.isNew).length} new).`,
          worst ? `Most to fix: ${worst.ownerName} (${worst.findings}, ${worst.high} high).` : '',
          biggest.length
            ? `Largest high-severity deals: ${biggest.map((f) => `${dealNames.get(f.objectId!) ?? 'deal'} (${lowerFirst(CHECK_LABELS[f.check])}; deal ${f.objectId})`).join('; ')}.`
            : '',
        ]
          .filter(Boolean)
          .join(' ')
      : 'Nothing to fix: the CRM matches every rule.';
    return {
      kind: 'compliance_digest' as const,
      asOf: checks.asOf,
      previousRunAsOf: checks.previousRunAsOf,
      totals: {
        findings: checks.findings.length,
        high: high.length,
        new: checks.findings.filter((f) => f.isNew).length,
      },
      owners,
      headline,
      citations: biggest.map((f) => ({ type: 'deal' as const, id: f.objectId! })),
    };
  },
  render(d, view) {
    const out: string[] = [];
    out.push(`Daily CRM check · as of ${formatDateTime(d.asOf, view.timezone)}`);
    out.push(
      `${d.totals.findings} findings${d.previousRunAsOf ? `, ${d.totals.new} new since the run as of ${formatDateTime(d.previousRunAsOf, view.timezone)}` : ''}.`,
    );
    const max = view.rowsPerOwner ?? TOP;
    const handles = d.owners.flatMap((o) => (o.ownerId ? [{ id: o.ownerId, name: o.ownerName }] : []));
    for (const o of d.owners) {
      out.push('');
      out.push(
        ...wrapToTerminal(
          `${o.ownerName} — ${o.findings} findings (${o.high} high): ${o.byCheck.map((c) => `${c.count} ${lowerFirst(CHECK_LABELS[c.check])}`).join(', ')}`,
        ),
      );
      const shown = o.top.slice(0, max);
      out.push(
        renderTable(
          ['', 'Severity', 'Check', 'Record', 'Amount', 'What'],
          shown.map((r) => [
            r.isNew ? 'new' : '',
            r.severity,
            CHECK_LABELS[r.check],
            // People read names: the deal's name with its id as a trailing reference.
            recordCell(
              { objectType: r.objectType, objectId: r.objectId, evidence: { email: r.email } },
              r.name ?? null,
            ),
            r.objectType === 'deal' && r.objectId ? formatMoney(r.amount, view.currency) : '',
            r.summary,
          ]),
        ),
      );
      const rest = o.findings - shown.length;
      if (rest > 0) {
        const left = new Map(o.byCheck.map((c) => [c.check, c.count]));
        for (const r of shown) left.set(r.check, (left.get(r.check) ?? 0) - 1);
        const what = [...left]
          .filter(([, n]) => n > 0)
          .map(([c, n]) => `${n} ${lowerFirst(CHECK_LABELS[c])}`)
          .join(', ');
        const hint = o.ownerId ? `mis check --owner ${ownerHandle(handles, o.ownerId)}` : 'mis check --all';
        out.push(...wrapToTerminal(`… and ${rest} more (${what}): ${hint}`, '  '));
      }
    }
    if (!d.totals.findings) out.push('', 'Nothing to fix: the CRM matches every rule.');
    // The headline wraps to the terminal like the tables (never cutting a word).
    const w = terminalWidth();
    out.push('', ...(w ? wrapText(d.headline, w) : [d.headline]));
    return out.join('\n');
  },
});

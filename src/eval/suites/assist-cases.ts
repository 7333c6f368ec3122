/**
 * The cases the brief and next-action suites share (evals/assist/cases.json, built with the three hand-designed
 * portals by evals/assist/build.mjs): one open deal each, with the next action a good AE would take and the facts
 * its brief must state, both written from the deal's designed situation, never from the product.
 */
import { z } from 'zod';
import type { PortalDataset } from '../../dataset/index.js';
import { readEvalJson } from '../paths.js';
import type { EvalCase } from '../types.js';

const caseSchema = z.strictObject({
  id: z.string().min(1),
  portal: z.string().min(1),
  dealId: z.string().min(1),
  description: z.string().min(1),
  hard: z.boolean().optional(),
  expect: z.strictObject({ kind: z.string(), contactId: z.string().nullable() }),
  facts: z.strictObject({
    stage: z.string(),
    amount: z.number(),
    closeDate: z.string(),
    ownerName: z.string(),
    peopleOnDeal: z.array(z.string()),
    singleThreaded: z.boolean(),
    newestTouchDay: z.string().nullable(),
    quietPeople: z.array(z.string()),
  }),
});

export interface AssistCase extends EvalCase {
  /** A portal@1 file relative to evals/. */
  dataset: string;
  dealId: string;
  expect: { kind: string; contactId: string | null };
  facts: z.infer<typeof caseSchema>['facts'];
}

export function loadAssistCases(evalsDir: string): AssistCase[] {
  return readEvalJson(evalsDir, 'assist/cases.json', z.array(caseSchema)).map((c) => ({
    id: c.id,
    description: c.description,
    ...(c.hard ? { hard: true } : {}),
    dataset: `assist/${c.portal}`,
    dealId: c.dealId,
    expect: c.expect,
    facts: c.facts,
  }));
}

/** Every text and record id the portal holds for a deal: what a brief may quote and cite. */
export function dealRecordIds(
  d: PortalDataset,
  dealId: string,
): { contacts: Set<string>; engagements: Set<string>; texts: string[] } {
  const contacts = new Set<string>();
  const engagements = new Set<string>();
  const company = new Set<string>();
  for (const a of d.associations) {
    if (a.from.type === 'deals' && a.from.id === dealId && a.to.type === 'contacts') contacts.add(a.to.id);
    if (a.from.type === 'deals' && a.from.id === dealId && a.to.type === 'companies') company.add(a.to.id);
  }
  for (const a of d.associations)
    if (a.from.type === 'contacts' && a.to.type === 'companies' && company.has(a.to.id)) contacts.add(a.from.id);
  const texts: string[] = [];
  for (const type of ['calls', 'emails', 'meetings', 'notes', 'tasks'] as const) {
    for (const r of d.objects[type] ?? []) {
      const linked = d.associations.some(
        (a) =>
          a.from.type === type &&
          a.from.id === r.id &&
          ((a.to.type === 'deals' && a.to.id === dealId) || (a.to.type === 'contacts' && contacts.has(a.to.id))),
      );
      if (!linked) continue;
      engagements.add(r.id);
      for (const v of Object.values(r.properties)) if (typeof v === 'string') texts.push(v);
    }
  }
  for (const m of d.smartlead?.messages ?? []) {
    engagements.add(`${m.campaign_id}:${m.lead_id}:${new Date(m.time).toISOString()}`);
    for (const v of [m.subject, m.email_body]) if (typeof v === 'string') texts.push(v);
  }
  return { contacts, engagements, texts };
}

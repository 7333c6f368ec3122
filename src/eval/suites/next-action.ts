/**
 * next-action: `mis_next_actions` (AE-5) over the product's MCP server on three hand-designed portals; the action
 * chosen for each deal against the one its situation was designed for, the person it names, and whether every
 * number and name in its reason is one the portal holds for that deal.
 */
import { structuredOf, untraceable } from '../../agent/index.js';
import { nextActionSchema, type NextAction } from '../../assist/index.js';
import { defineSuite, type Scorer } from '../types.js';
import { loadAssistCases, type AssistCase } from './assist-cases.js';

export interface NextActionOutput {
  action: NextAction | null;
  /** The brief of the same deal: the facts a reason may state. */
  facts: unknown;
}

const rightAction: Scorer<AssistCase, NextActionOutput> = {
  name: 'right_action',
  description: 'the action chosen is the one the deal was designed for',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.85,
  score({ case: c, output }) {
    const got = output.action?.kind ?? 'none';
    return got === c.expect.kind
      ? { pass: true, score: 1, reason: `${got}` }
      : { pass: false, score: 0, reason: `expected ${c.expect.kind}, got ${got}` };
  },
};

const rightPerson: Scorer<AssistCase, NextActionOutput> = {
  name: 'right_person',
  description:
    'the action is with the person the situation points to (the one who wrote, the one to add, the one last in touch)',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.8,
  score({ case: c, output }) {
    if (!c.expect.contactId) return { skipped: 'not applicable: no person expected' };
    const got = output.action?.contactId ?? null;
    return got === c.expect.contactId
      ? { pass: true, score: 1, reason: `contact ${got}` }
      : { pass: false, score: 0, reason: `expected contact ${c.expect.contactId}, got ${got ?? 'none'}` };
  },
};

const traceable: Scorer<AssistCase, NextActionOutput> = {
  name: 'reason_traceable',
  description: "every number and name in the action and its reason is in the deal's data",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    if (!output.action) return { pass: false, score: 0, reason: 'no action' };
    const unknown = untraceable(`${output.action.action}. ${output.action.reason}`, [output.facts]);
    return unknown.length
      ? { pass: false, score: 0, reason: `not in the data: ${unknown.join(', ')}` }
      : { pass: true, score: 1, reason: 'traceable' };
  },
};

export const nextActionSuite = defineSuite<AssistCase, NextActionOutput>({
  name: 'next-action',
  description: 'mis_next_actions per deal on three hand-designed portals: right action, right person, traceable reason',
  loadCases: loadAssistCases,
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    const r = await session.client.callTool({ name: 'mis_next_actions', arguments: { deal: c.dealId } });
    const out = structuredOf(r as Parameters<typeof structuredOf>[0]) as { actions?: unknown[] };
    const action = r.isError ? null : nextActionSchema.parse(out.actions?.[0]);
    const b = await session.client.callTool({ name: 'mis_deal_brief', arguments: { deal: c.dealId } });
    return { action, facts: structuredOf(b as Parameters<typeof structuredOf>[0]) };
  },
  scorers: [rightAction, rightPerson, traceable],
});

/** Pieces the output schemas share. */
import { z } from 'zod';
import { AgentError } from '../errors.js';

export const citationSchema = z.object({
  type: z
    .enum(['deal', 'contact', 'company', 'owner', 'engagement', 'campaign', 'finding'])
    .describe('what kind of record'),
  id: z.string().min(1).describe('its id (HubSpot record id, owner id, SmartLead campaign id)'),
});
export type Citation = z.infer<typeof citationSchema>;

export const countAmount = z.object({ count: z.number().int().nonnegative(), amount: z.number() });

/** Reads a tool result with a schema, naming the step when it is not what the assembler expects. */
export function read<S extends z.ZodType>(
  results: Readonly<Record<string, unknown>>,
  step: string,
  schema: S,
): z.infer<S> {
  if (!(step in results))
    throw new AgentError(
      `the workflow has no step "as: ${step}" that this output needs`,
      `Add a step with \`as: ${step}\` to the workflow's frontmatter (see docs/agent.md "Writing a workflow").`,
    );
  return schema.parse(results[step]);
}

/** An owner's display name from a list, or a fallback that says what is missing. */
export function ownerNamer(owners: ReadonlyArray<{ id: string; name: string }>): (id: string | null) => string {
  const names = new Map(owners.map((o) => [o.id, o.name]));
  return (id) => (id === null ? 'Not owned (no HubSpot contact or owner)' : (names.get(id) ?? `Owner ${id}`));
}

const PLACEHOLDER = '[quoted CRM text in evidence.snippet]';

/** Text for people: quoted CRM words a tool moved into evidence snippets go back where they were. */
export function restoreQuotes(text: string, evidence: unknown): string {
  const quoted: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'snippet' && x && typeof x === 'object' && typeof (x as { text?: unknown }).text === 'string')
          quoted.push((x as { text: string }).text);
        else walk(x);
      }
    }
  };
  walk(evidence);
  let s = text;
  for (const q of quoted) s = s.replace(PLACEHOLDER, `"${q}"`);
  return s;
}

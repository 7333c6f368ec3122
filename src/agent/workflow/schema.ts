/**
 * A workflow's frontmatter, validated with zod: what it is, when it runs, which MCP tools it may use, the
 * deterministic plan the offline driver runs, the output schema both drivers must produce, and its prompts.
 */
import { Cron } from 'croner';
import { z } from 'zod';

/** Inputs a step's args may reference as "{{name}}". */
export const WORKFLOW_INPUTS = ['owner', 'asOf', 'deal'] as const;
export type WorkflowInputName = (typeof WORKFLOW_INPUTS)[number];

const REFERENCE = /^\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}$/;

/** The input a step arg references, or null for a literal. */
export function referencedInput(value: unknown): string | null {
  return typeof value === 'string' ? (REFERENCE.exec(value)?.[1] ?? null) : null;
}

export const cronSchema = z.string().superRefine((pattern, ctx) => {
  try {
    new Cron(pattern, { paused: true });
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid cron "${pattern}" (${(e as Error).message.replace(/^CronPattern: /, '')}); use five fields: minute hour day-of-month month day-of-week, e.g. "0 18 * * 1-5"`,
    });
  }
});

const toolName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a tool name (letters, digits, _ and -)');

export const stepSchema = z
  .object({
    tool: toolName.describe('the MCP tool to call'),
    args: z
      .record(z.string(), z.unknown())
      .default({})
      .superRefine((args, ctx) => {
        for (const [k, v] of Object.entries(args)) {
          const ref = referencedInput(v);
          if (ref !== null && !(WORKFLOW_INPUTS as readonly string[]).includes(ref)) {
            ctx.addIssue({
              code: 'custom',
              path: [k],
              message: `references unknown input "{{${ref}}}"; inputs are ${WORKFLOW_INPUTS.map((i) => `{{${i}}}`).join(', ')}`,
            });
          }
        }
      })
      .describe(
        'tool arguments; a value "{{owner}}" or "{{asOf}}" is replaced by the run input (left out when not given)',
      ),
    as: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9_]*$/, 'an identifier such as "checks"')
      .describe('the name the output assembler reads this result under'),
    pages: z
      .enum(['first', 'all'])
      .default('first')
      .describe('all: follow nextCursor through every page, lists concatenated (for complete offline reports)'),
  })
  .strict();
export type WorkflowStep = z.infer<typeof stepSchema>;

export const limitsSchema = z
  .object({
    maxTurns: z.number().int().min(1).max(50).default(8).describe('model requests at most (claude driver)'),
    maxTokens: z
      .number()
      .int()
      .min(1000)
      .default(200_000)
      .describe('input + output tokens at most over the run (claude driver)'),
    maxOutputTokens: z.number().int().min(256).max(32_000).default(4096).describe('max_tokens of each request'),
  })
  .strict();

export const frontmatterSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case, the file name without .md'),
    description: z.string().min(1),
    schedule: cronSchema
      .optional()
      .describe('when `mis schedule` runs it, in the team time zone; absent: on demand only (mis run)'),
    scope: z.enum(['team', 'owner']).describe('team: one run for everyone (--owner narrows it); owner: one run per AE'),
    mode: z
      .enum(['read', 'write'])
      .default('read')
      .describe('read: only tools annotated readOnlyHint are ever offered'),
    tools: z.array(toolName).min(1).describe('the MCP tools this workflow may use (allow-list)'),
    steps: z.array(stepSchema).min(1).describe('the deterministic plan the offline driver runs, in order'),
    output: z.string().min(1).describe('an output schema name from src/agent/outputs'),
    prompts: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/))
      .default([])
      .describe('prompt files in prompts/ added to the system prompt'),
    limits: limitsSchema.default({ maxTurns: 8, maxTokens: 200_000, maxOutputTokens: 4096 }),
  })
  .strict()
  .superRefine((w, ctx) => {
    const allowed = new Set(w.tools);
    const seen = new Set<string>();
    w.steps.forEach((s, i) => {
      if (!allowed.has(s.tool))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'tool'],
          message: `"${s.tool}" is not in this workflow's tools (${w.tools.join(', ')})`,
        });
      if (seen.has(s.as))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'as'], message: `"${s.as}" is used by an earlier step` });
      seen.add(s.as);
    });
  });
export type WorkflowFrontmatter = z.infer<typeof frontmatterSchema>;

export interface Workflow extends WorkflowFrontmatter {
  /** The instruction to the model (the markdown body). */
  instruction: string;
  file: string;
}

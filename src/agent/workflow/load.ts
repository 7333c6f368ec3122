/** Reads workflow files: gray-matter frontmatter validated with zod, prompts and output schema checked to exist. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import matter from 'gray-matter';
import type { z } from 'zod';
import { WorkflowError } from '../errors.js';
import { OUTPUT_NAMES } from '../outputs/index.js';
import { PROMPTS_DIR, WORKFLOWS_DIR } from '../paths.js';
import { frontmatterSchema, type Workflow } from './schema.js';

export interface LoadOptions {
  /** Where prompt files are looked up (default: prompts/ of the checkout). */
  promptsDir?: string;
}

/** One workflow file, validated; a problem is a WorkflowError naming the file and the field. */
export function loadWorkflow(file: string, opts: LoadOptions = {}): Workflow {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WorkflowError(
      file,
      `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      'Check the path; `mis run --list` shows the shipped workflows.',
    );
  }
  return parseWorkflow(raw, file, opts);
}

/** A workflow from its markdown text (frontmatter + instruction body). */
export function parseWorkflow(text: string, file: string, opts: LoadOptions = {}): Workflow {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object keeps gray-matter from caching by content across files.
    parsed = matter(text, {});
  } catch (e) {
    throw new WorkflowError(file, `the frontmatter is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!Object.keys(parsed.data).length)
    throw new WorkflowError(
      file,
      'no frontmatter: the file must start with a --- block naming name, description, schedule, scope, tools, steps, output',
    );
  const fm = frontmatterSchema.safeParse(parsed.data);
  if (!fm.success) throw new WorkflowError(file, describeIssues(fm.error));
  const w = fm.data;
  const stem = basename(file).replace(/\.md$/, '');
  if (file.endsWith('.md') && stem !== w.name)
    throw new WorkflowError(file, `name: "${w.name}" must match the file name "${stem}"`);
  if (!(OUTPUT_NAMES as readonly string[]).includes(w.output)) {
    throw new WorkflowError(file, `output: unknown output schema "${w.output}"; known: ${OUTPUT_NAMES.join(', ')}`);
  }
  const promptsDir = opts.promptsDir ?? PROMPTS_DIR;
  for (const p of w.prompts) {
    if (!existsSync(join(promptsDir, `${p}.md`)))
      throw new WorkflowError(file, `prompts: no prompt "${p}" (expected ${join(promptsDir, `${p}.md`)})`);
  }
  const instruction = parsed.content.trim();
  if (!instruction)
    throw new WorkflowError(file, 'the body is empty: write the instruction to the model below the frontmatter');
  return { ...w, instruction, file };
}

/** Every workflow in a folder, sorted by name. */
export function loadWorkflows(dir: string = WORKFLOWS_DIR, opts: LoadOptions = {}): Workflow[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !f.startsWith('_') && f.toLowerCase() !== 'readme.md')
    .sort()
    .map((f) => loadWorkflow(join(dir, f), opts));
}

/** A workflow by name from a folder (or a path to a .md file). */
export function findWorkflow(nameOrPath: string, dir: string = WORKFLOWS_DIR, opts: LoadOptions = {}): Workflow {
  if (nameOrPath.endsWith('.md')) return loadWorkflow(nameOrPath, opts);
  const file = join(dir, `${nameOrPath}.md`);
  if (!existsSync(file)) {
    const known = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .map((f) => f.slice(0, -3))
      : [];
    throw new WorkflowError(
      file,
      `no workflow "${nameOrPath}"`,
      `Workflows: ${known.join(', ') || '(none)'}; or pass a path to a .md file.`,
    );
  }
  return loadWorkflow(file, opts);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(
      (i) =>
        `${
          i.path.length
            ? i.path
                .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
                .join('')
                .replace(/^\./, '')
            : '(frontmatter)'
        }: ${i.message}`,
    )
    .join('; ');
}

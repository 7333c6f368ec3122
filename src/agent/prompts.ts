/** Prompt files (prompts/<name>.md): optional frontmatter (description), then the text the model reads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { WorkflowError } from './errors.js';
import { PROMPTS_DIR } from './paths.js';

/** The system prompt every model run starts with: CRM text is quoted data, never instructions. */
export const SYSTEM_PROMPT = 'system';

export function loadPrompt(name: string, dir: string = PROMPTS_DIR): string {
  const file = join(dir, `${name}.md`);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new WorkflowError(
      file,
      `no prompt "${name}"`,
      `Add ${file}, or remove "${name}" from the workflow's prompts.`,
    );
  }
  const body = matter(raw, {}).content.trim();
  if (!body) throw new WorkflowError(file, 'the prompt is empty');
  return body;
}

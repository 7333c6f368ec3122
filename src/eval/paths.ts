/** Where eval data lives: evals/ beside src/ (and dist/) in the checkout; reports go to evals/reports/ (git-ignored). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { EvalDataError } from './errors.js';

export const EVALS_DIR = fileURLToPath(new URL('../../evals/', import.meta.url));

export function reportsDir(evalsDir: string): string {
  return join(evalsDir, 'reports');
}

export function baselineFile(evalsDir: string): string {
  return join(evalsDir, 'baseline.json');
}

/** A JSON file of the evals folder, validated; errors name the file and the first problem's path. */
export function readEvalJson<T extends z.ZodType>(evalsDir: string, relative: string, schema: T): z.output<T> {
  const file = join(evalsDir, relative);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new EvalDataError(
      relative,
      `cannot read it as JSON (${(e as NodeJS.ErrnoException).code ?? (e as Error).message.slice(0, 120)})`,
    );
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new EvalDataError(relative, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data;
}

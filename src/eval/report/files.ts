/** Writes a run's JSON result and markdown report under evals/reports/ (git-ignored): stamped, and as latest.*. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalRun } from '../run.js';
import { renderMarkdown } from './markdown.js';

export function writeReports(dir: string, run: EvalRun): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const json = join(dir, `${stamp}.json`);
  const markdown = join(dir, `${stamp}.md`);
  const body = `${JSON.stringify(run, null, 2)}\n`;
  const md = renderMarkdown(run);
  writeFileSync(json, body);
  writeFileSync(markdown, md);
  writeFileSync(join(dir, 'latest.json'), body);
  writeFileSync(join(dir, 'latest.md'), md);
  return { json, markdown };
}

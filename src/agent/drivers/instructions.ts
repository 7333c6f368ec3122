/**
 * What the model is told. The system prompt is the stable prefix (cached): the shared system prompt, the
 * workflow's prompts, its instruction and the output schema. The user turn carries only the run's inputs (or
 * the person's question). CRM text never appears here: it reaches the model only inside tool results.
 */
import { z } from 'zod';
import { loadPrompt, SYSTEM_PROMPT } from '../prompts.js';
import type { DriverTask } from './types.js';

export function systemBlocks(task: DriverTask, promptsDir?: string): string[] {
  const load = (n: string) => (promptsDir === undefined ? loadPrompt(n) : loadPrompt(n, promptsDir));
  const blocks = [load(SYSTEM_PROMPT)];
  for (const p of task.workflow.prompts) if (p !== SYSTEM_PROMPT) blocks.push(load(p));
  blocks.push(`# Workflow: ${task.workflow.name}\n\n${task.workflow.instruction}`);
  blocks.push(
    [
      `# Your final answer`,
      `When you have what you need, reply with exactly one JSON object and nothing else (no prose, no code fence): ${task.output.description}.`,
      `It must validate against this JSON Schema (output "${task.output.name}"):`,
      JSON.stringify(z.toJSONSchema(task.output.schema, { io: 'input', unrepresentable: 'any' })),
    ].join('\n'),
  );
  return blocks;
}

export function userTurn(task: DriverTask): string {
  if (task.request !== undefined) return task.request;
  const who = task.inputs.deal
    ? `the deal "${task.inputs.deal}"`
    : task.inputs.owner
      ? `the AE with HubSpot owner id ${task.inputs.owner}`
      : 'the whole team';
  const when = task.inputs.asOf ? `as of ${task.inputs.asOf}` : "as of the data's current date (the tools' default)";
  const args = JSON.stringify({
    ...(task.inputs.owner ? { owner: task.inputs.owner } : {}),
    ...(task.inputs.deal ? { deal: task.inputs.deal } : {}),
    ...(task.inputs.asOf ? { asOf: task.inputs.asOf } : {}),
  });
  return `Run the workflow "${task.workflow.name}" for ${who}, ${when}. Run inputs: ${args}. Use the tools, then reply with the JSON object.`;
}

/** The JSON object in a final answer: the whole text, or the first {...} span (a stray fence or sentence tolerated). */
export function extractJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const t = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    return { ok: true, value: JSON.parse(t) as unknown };
  } catch {
    const start = t.indexOf('{');
    const end = t.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        return { ok: true, value: JSON.parse(t.slice(start, end + 1)) as unknown };
      } catch (e) {
        return { ok: false, error: `the answer is not valid JSON (${(e as Error).message})` };
      }
    }
    return { ok: false, error: 'the answer contains no JSON object' };
  }
}

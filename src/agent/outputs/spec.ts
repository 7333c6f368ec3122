/** An output schema: what a workflow run must produce, whichever driver runs it. */
import type { z } from 'zod';
import type { WorkflowInputs } from '../workflow/args.js';

/** What the renderer needs besides the output: the team's time zone and currency. */
export interface RenderView {
  timezone: string;
  currency: string;
  /** Rows per AE in lists (default: all the output holds). */
  rowsPerOwner?: number;
}

export interface OutputSpec<S extends z.ZodType = z.ZodType> {
  name: string;
  /** One line for the model: what the object is. */
  description: string;
  schema: S;
  /**
   * Offline: the output from the declared steps' tool results (structuredContent by step `as`). Parses what it
   * reads; a result that is not what it expects is an error naming the step.
   */
  assemble(results: Readonly<Record<string, unknown>>, inputs: WorkflowInputs, view: RenderView): z.input<S>;
  /** Text for people. */
  render(output: z.infer<S>, view: RenderView): string;
  /**
   * Model answers only: a problem when the answer states what the tool results do not hold (null: fine). The
   * claude driver sends the problem back once, then refuses the answer.
   */
  verify?(output: z.infer<S>, toolResults: readonly unknown[]): string | null;
}

export function defineOutput<S extends z.ZodType>(spec: OutputSpec<S>): OutputSpec<S> {
  return spec;
}

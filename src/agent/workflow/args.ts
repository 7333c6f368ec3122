/** A step's args with "{{owner}}" / "{{asOf}}" replaced by the run's inputs (left out when the input is absent). */
import { referencedInput, type WorkflowStep } from './schema.js';

export interface WorkflowInputs {
  /** HubSpot owner id the run is about (scope owner, or a team workflow narrowed to one AE). */
  owner?: string | undefined;
  /** The 'now' of the analysis (ISO); absent: the server's default. */
  asOf?: string | undefined;
  /** A deal the run is about (id or name), for per-deal workflows such as the pre-call brief. */
  deal?: string | undefined;
}

export function resolveArgs(step: Pick<WorkflowStep, 'args'>, inputs: WorkflowInputs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(step.args)) {
    const ref = referencedInput(v);
    if (ref === null) out[k] = v;
    else {
      const value = (inputs as Record<string, unknown>)[ref];
      if (value !== undefined) out[k] = value;
    }
  }
  return out;
}

/** The agent's typed errors: a bad workflow file, a run that could not finish, a model that cannot be reached. */
import { MisError } from '../errors/index.js';

/** A workflow file (or a prompt it names) is invalid; the message names the file and the field. */
export class WorkflowError extends MisError {
  readonly file: string;
  constructor(
    file: string,
    message: string,
    hint = 'Fix the frontmatter (see docs/agent.md "Writing a workflow") and run again.',
  ) {
    super('WORKFLOW_INVALID', `${file}: ${message}`, { hint });
    this.file = file;
  }
}

/** A workflow run could not produce a valid output (turn limit, token budget, invalid answer, tool failure). */
export class AgentError extends MisError {
  constructor(message: string, hint: string, cause?: unknown) {
    super('AGENT_FAILED', message, cause === undefined ? { hint } : { hint, cause });
  }
}

/** The claude driver was asked for but cannot run (no key, unreachable endpoint). */
export class ModelUnavailableError extends MisError {
  constructor(message: string, hint: string, cause?: unknown) {
    super('MODEL_UNAVAILABLE', message, cause === undefined ? { hint } : { hint, cause });
  }
}

/**
 * Typed errors. Every message says what the user should do next; none carries a secret or a CRM payload.
 */
export type MisErrorCode =
  | 'CONFIG_INVALID'
  | 'DATASET_INVALID'
  | 'DATASET_UNREADABLE'
  | 'HUBSPOT_AUTH'
  | 'HUBSPOT_SCOPE'
  | 'HUBSPOT_RATE_LIMIT'
  | 'HUBSPOT_NOT_FOUND'
  | 'HUBSPOT_VALIDATION'
  | 'HUBSPOT_UNAVAILABLE'
  | 'HUBSPOT_REQUEST'
  | 'SMARTLEAD_AUTH'
  | 'SMARTLEAD_RATE_LIMIT'
  | 'SMARTLEAD_NOT_FOUND'
  | 'SMARTLEAD_UNAVAILABLE'
  | 'SMARTLEAD_RESPONSE'
  | 'SANDBOX'
  | 'STATE'
  | 'USAGE'
  | 'WRITE_INVALID'
  | 'WRITE_NOT_FOUND'
  | 'WRITE_APPROVAL'
  | 'WRITE_CONFLICT'
  | 'WRITE_FAILED'
  | 'WRITE_UNKNOWN'
  | 'WORKFLOW_INVALID'
  | 'AGENT_FAILED'
  | 'MODEL_UNAVAILABLE'
  | 'NOTIFY_DELIVERY'
  | 'NOTIFY_LINK'
  | 'NOTIFY_WORDING'
  | 'UPDATE_INVALID'
  | 'RECONCILE_MODEL';

export class MisError extends Error {
  readonly code: MisErrorCode;
  /** What the user should do next, shown on its own line by the CLI. */
  readonly hint: string | undefined;
  constructor(code: MisErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

export class ConfigError extends MisError {
  constructor(message: string, hint?: string) {
    super('CONFIG_INVALID', message, hint === undefined ? {} : { hint });
  }
}

export class UsageError extends MisError {
  constructor(message: string, hint = 'Run `mis --help` for the commands and their options.') {
    super('USAGE', message, { hint });
  }
}

export class DatasetError extends MisError {
  /** JSON path of the first problem, e.g. `objects.deals[3].properties.dealstage`. */
  readonly path: string;
  constructor(file: string, path: string, problem: string) {
    super('DATASET_INVALID', `${file}: ${path || '(root)'}: ${problem}`, {
      hint: 'Fix that field (format sales-mis/portal@1, see docs/contracts.md §1) and load the file again; nothing was loaded.',
    });
    this.path = path;
  }
}

export class HubSpotError extends MisError {
  readonly status: number | undefined;
  constructor(code: MisErrorCode, message: string, options: { hint?: string; status?: number; cause?: unknown } = {}) {
    super(code, message, options);
    this.status = options.status;
  }
}

export class SmartLeadError extends MisError {
  readonly status: number | undefined;
  constructor(code: MisErrorCode, message: string, options: { hint?: string; status?: number; cause?: unknown } = {}) {
    super(code, message, options);
    this.status = options.status;
  }
}

export class SandboxError extends MisError {
  constructor(message: string, hint?: string) {
    super('SANDBOX', message, hint === undefined ? {} : { hint });
  }
}

export function isMisError(e: unknown): e is MisError {
  return e instanceof MisError;
}

/** Errors of reconcile: a bad update (nothing was recorded) or a model answer that could not be used. */
import { MisError } from '../errors/index.js';

/** The update cannot be reconciled as given; nothing was recorded or written. */
export class UpdateInputError extends MisError {
  constructor(message: string, hint: string) {
    super('UPDATE_INVALID', message, { hint });
  }
}

/** The claude extractor failed or answered outside the schema. */
export class ReconcileModelError extends MisError {
  constructor(
    message: string,
    hint = 'Run again without ANTHROPIC_API_KEY (or with --extractor offline) to use the deterministic extractor.',
  ) {
    super('RECONCILE_MODEL', message, { hint });
  }
}

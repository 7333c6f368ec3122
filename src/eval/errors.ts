/** Eval data that cannot be read (a missing or malformed case, label or expected-value file). */
import { MisError } from '../errors/index.js';

export class EvalDataError extends MisError {
  constructor(
    file: string,
    message: string,
    hint = 'Fix the file (see evals/README.md "Adding a case"), or rebuild the datasets with `node evals/datasets/build.mjs`.',
  ) {
    super('DATASET_INVALID', `${file}: ${message}`, { hint });
  }
}

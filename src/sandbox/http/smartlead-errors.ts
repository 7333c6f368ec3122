/** SmartLead's error bodies as the sandbox answers them (docs/api-facts.md C2). */
import { HttpError } from './router.js';

/** SmartLead's 429: the wait in the body and in Retry-After, plus any rate-limit headers already computed. */
export function smartleadTooMany(secs: number, headers: Record<string, string> = {}): HttpError {
  return new HttpError(
    429,
    {
      error: {
        code: 'RATE_LIMIT_EXCEEDED',
        message: `Too many requests. Please retry after ${secs} seconds.`,
        retry_after: secs,
      },
    },
    { 'Retry-After': String(secs), ...headers },
  );
}

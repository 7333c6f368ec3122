/** HubSpot's error bodies (docs/api-facts.md A7), so the real client maps them exactly as it would in production. */
import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/router.js';

function body(category: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export const hsErrors = {
  unauthorized: () =>
    new HttpError(
      401,
      body(
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      ),
    ),
  missingScopes: (scopes: string[]) =>
    new HttpError(
      403,
      body(
        'MISSING_SCOPES',
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        {
          errors: [
            {
              message: `One or more of the following scopes are required.`,
              context: { requiredGranularScopes: scopes },
            },
          ],
        },
      ),
    ),
  notFound: (message = 'resource not found') => new HttpError(404, body('OBJECT_NOT_FOUND', message)),
  validation: (message: string, errors?: { message: string; code?: string; context?: Record<string, string[]> }[]) =>
    new HttpError(400, body('VALIDATION_ERROR', message, errors ? { errors } : {})),
  conflict: (message: string) => new HttpError(409, body('CONFLICT', message)),
  tenSecondly: (groupName: string) =>
    new HttpError(429, {
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: randomUUID(),
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName,
    }),
  secondly: () =>
    new HttpError(429, {
      status: 'error',
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
      correlationId: randomUUID(),
      policyName: 'SECONDLY',
    }),
  daily: () =>
    new HttpError(429, {
      status: 'error',
      message: 'You have reached your daily limit.',
      errorType: 'RATE_LIMIT',
      correlationId: randomUUID(),
      policyName: 'DAILY',
    }),
  server: (status: number) => new HttpError(status, body('INTERNAL_ERROR', 'internal error (injected by the sandbox)')),
};

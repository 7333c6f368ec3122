/** Map the client's ApiException (and network failures) to typed errors that say what to do. */
import { HubSpotError } from '../../errors/index.js';

interface ApiExceptionLike {
  code: number;
  body?: unknown;
}

function isApiException(e: unknown): e is ApiExceptionLike {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number';
}

function bodyField(body: unknown, key: string): string | undefined {
  if (body && typeof body === 'object' && key in body) {
    const v = (body as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

function requiredScopes(body: unknown): string[] {
  const errors =
    (body as { errors?: { context?: { requiredGranularScopes?: unknown; requiredScopes?: unknown } }[] } | undefined)
      ?.errors ?? [];
  const out: string[] = [];
  for (const e of errors) {
    for (const key of ['requiredGranularScopes', 'requiredScopes'] as const) {
      const v = e.context?.[key];
      if (Array.isArray(v)) out.push(...v.map(String));
    }
  }
  return [...new Set(out)];
}

/** `what` names the operation ("reading deals"), never the payload. */
export function mapHubSpotError(e: unknown, what: string): HubSpotError {
  if (e instanceof HubSpotError) return e;
  if (!isApiException(e)) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return new HubSpotError('HUBSPOT_REQUEST', `HubSpot request failed while ${what}: ${reason}`, {
      hint: 'Check the network and HUBSPOT_BASE_URL; with no HUBSPOT_ACCESS_TOKEN sales-mis uses its local sandbox.',
      cause: e,
    });
  }
  const status = e.code;
  const message = bodyField(e.body, 'message');
  switch (true) {
    case status === 401:
      return new HubSpotError('HUBSPOT_AUTH', `HubSpot rejected the access token (401) while ${what}`, {
        status,
        hint: 'Set HUBSPOT_ACCESS_TOKEN to a valid private-app token (HubSpot → Settings → Integrations → Private apps), or unset it to use the sandbox.',
      });
    case status === 403: {
      const scopes = requiredScopes(e.body);
      const list = scopes.length ? scopes.join(', ') : 'a scope this call needs';
      return new HubSpotError(
        'HUBSPOT_SCOPE',
        `HUBSPOT_ACCESS_TOKEN lacks ${scopes.length > 1 ? 'scopes' : 'scope'} ${list} (403) while ${what}`,
        {
          status,
          hint: `Add ${list} to the private app's scopes in HubSpot, then rotate the token into HUBSPOT_ACCESS_TOKEN.`,
        },
      );
    }
    case status === 429: {
      const policy = bodyField(e.body, 'policyName') ?? 'unknown';
      const daily = policy === 'DAILY';
      return new HubSpotError(
        'HUBSPOT_RATE_LIMIT',
        `HubSpot rate limit ${policy} still hit after retries while ${what}`,
        {
          status,
          hint: daily
            ? "The daily API limit is used up; it resets at midnight in the portal's time zone. Run again then."
            : 'Lower MIS_HUBSPOT_BURST (requests per 10 s) or MIS_HUBSPOT_SEARCH_RPS, or run when other integrations are quiet.',
        },
      );
    }
    case status === 404:
      return new HubSpotError('HUBSPOT_NOT_FOUND', `HubSpot has no such record (404) while ${what}`, {
        status,
        hint: 'The record may have been deleted or merged; sync again.',
      });
    case status === 400 || status === 409 || status === 422:
      return new HubSpotError(
        'HUBSPOT_VALIDATION',
        `HubSpot refused the request (${status}) while ${what}: ${message ?? 'invalid input'}`,
        {
          status,
          hint: 'This is a sales-mis bug or a portal setting it did not expect: report it with this message.',
        },
      );
    case status >= 500:
      return new HubSpotError('HUBSPOT_UNAVAILABLE', `HubSpot is failing (${status}) after retries while ${what}`, {
        status,
        hint: 'Try again in a few minutes; check status.hubspot.com.',
      });
    default:
      return new HubSpotError('HUBSPOT_REQUEST', `HubSpot answered ${status} while ${what}`, {
        status,
        hint: 'Try again; if it persists, report it with this message.',
      });
  }
}

/**
 * SmartLead failures as typed errors. Messages name the endpoint (method and path, never the query string)
 * and say what to do next; they never carry the API key or response payloads.
 */
import type { z } from 'zod';
import { formatPath } from '../dataset/index.js';
import { SmartLeadError } from '../errors/index.js';

/** `api_key=***` for any api_key parameter, and the literal key wherever it appears. */
export function redact(text: string, apiKey?: string): string {
  let out = text.replace(/(api_key=)[^&\s"'#]*/gi, '$1***');
  if (apiKey && apiKey.length >= 4) {
    for (const form of new Set([apiKey, encodeURIComponent(apiKey)])) out = out.split(form).join('***');
  }
  return out;
}

/** `GET /campaigns/77/leads`: how errors name a request. */
export type Endpoint = string;

export function endpointOf(method: string, path: string): Endpoint {
  return `${method} ${path}`;
}

export const smartleadErrors = {
  auth(endpoint: Endpoint, status: number, detail: string | undefined): SmartLeadError {
    return new SmartLeadError(
      'SMARTLEAD_AUTH',
      `SmartLead rejected the API key on ${endpoint} (HTTP ${status}${detail ? `: ${detail}` : ''}): check SMARTLEAD_API_KEY`,
      {
        status,
        hint: 'Set SMARTLEAD_API_KEY to the key under SmartLead → Settings → API key (against the sandbox, to MIS_SANDBOX_TOKEN).',
      },
    );
  },
  rateLimited(
    endpoint: Endpoint,
    attempts: number,
    reason = `still HTTP 429 after ${attempts} attempts`,
  ): SmartLeadError {
    return new SmartLeadError(
      'SMARTLEAD_RATE_LIMIT',
      `SmartLead rate-limited ${endpoint} (${reason}): lower the request rate (MIS_SMARTLEAD_RPS) or retry later`,
      {
        status: 429,
        hint: 'SmartLead allows about 10 requests per 2 seconds per key; other tools sharing the key count too.',
      },
    );
  },
  unavailable(endpoint: Endpoint, attempts: number, what: string, status?: number): SmartLeadError {
    return new SmartLeadError(
      'SMARTLEAD_UNAVAILABLE',
      `SmartLead did not answer ${endpoint} (${what} after ${attempts} attempt${attempts === 1 ? '' : 's'}): retry later, or check SMARTLEAD_BASE_URL and the network`,
      status === undefined
        ? { hint: 'https://status.smartlead.ai shows outages.' }
        : { status, hint: 'https://status.smartlead.ai shows outages.' },
    );
  },
  notFound(endpoint: Endpoint, what = 'the campaign or lead'): SmartLeadError {
    return new SmartLeadError(
      'SMARTLEAD_NOT_FOUND',
      `SmartLead has no such resource for ${endpoint}: check ${what} id`,
      {
        status: 404,
        hint: 'List campaigns with listCampaigns() and leads with listCampaignLeads(); a lead is addressed by lead.id, not campaign_lead_map_id.',
      },
    );
  },
  refused(endpoint: Endpoint, status: number, detail: string | undefined): SmartLeadError {
    return new SmartLeadError(
      'SMARTLEAD_RESPONSE',
      `SmartLead refused ${endpoint} (HTTP ${status}${detail ? `: ${detail}` : ''}): check the parameters; if they look right, report this as a sales-mis bug`,
      { status },
    );
  },
  notJson(endpoint: Endpoint, status: number): SmartLeadError {
    return new SmartLeadError(
      'SMARTLEAD_RESPONSE',
      `SmartLead answered ${endpoint} with a body that is not JSON (HTTP ${status}): check SMARTLEAD_BASE_URL points at the API (…/api/v1)`,
      { status },
    );
  },
  shape(endpoint: Endpoint, path: string, problem: string): SmartLeadError {
    return new SmartLeadError(
      'SMARTLEAD_RESPONSE',
      `SmartLead answered ${endpoint} with an unexpected shape at ${path || '(root)'}: ${problem}. The API may have changed; report it with this endpoint and path`,
      { hint: 'Nothing from this response was used.' },
    );
  },
};

/** Parse a response body with a wire schema, or throw SMARTLEAD_RESPONSE naming the endpoint and JSON path. */
export function parseWire<S extends z.ZodType>(schema: S, body: unknown, endpoint: Endpoint): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  let issue = result.error.issues[0]!;
  // a union reports each branch; the first branch's first leaf is the most telling
  while (issue.code === 'invalid_union' && issue.errors[0]?.[0]) {
    const nested = issue.errors[0][0];
    issue = { ...nested, path: [...issue.path, ...nested.path] } as typeof issue;
  }
  throw smartleadErrors.shape(endpoint, formatPath(issue.path), issue.message);
}

/** SmartLead answers a missing record with 200 and `{}` or an empty body. */
export function isEmptyAnswer(body: unknown): boolean {
  return (
    body === undefined ||
    body === null ||
    body === '' ||
    (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)
  );
}

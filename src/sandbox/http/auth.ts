/**
 * Who may call: HubSpot's private-app bearer token (further tokens limited to scopes, for 403 MISSING_SCOPES) and
 * SmartLead's `api_key` query parameter (docs/contracts.md §3).
 */
import type { IncomingMessage } from 'node:http';
import { hsErrors } from '../hubspot/errors.js';
import { HttpError, type Api, type CompiledRoute } from './router.js';

export interface Credentials {
  token: string;
  scopedTokens?: Record<string, string[]> | undefined;
}

export function authenticate(
  creds: Credentials,
  api: Api,
  route: CompiledRoute,
  params: Record<string, string>,
  req: IncomingMessage,
  query: URLSearchParams,
): void {
  if (api === 'smartlead') {
    const key = query.get('api_key');
    if (!key) throw new HttpError(401, { message: 'API key is required.' });
    if (key !== creds.token) throw new HttpError(401, { message: 'Invalid API Key' });
    return;
  }
  const auth = req.headers.authorization ?? '';
  const bearer = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  if (bearer === creds.token) return;
  const scopes = bearer ? creds.scopedTokens?.[bearer] : undefined;
  if (!scopes) throw hsErrors.unauthorized();
  const needed = route.scope?.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? k);
  if (needed && !scopes.includes(needed)) throw hsErrors.missingScopes([needed]);
}

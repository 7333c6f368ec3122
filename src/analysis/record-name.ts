/** The name people know a finding's record by: the deal's name, the contact's full name (else email), the company's. */
import { derive } from './derive.js';
import type { Finding } from './finding.js';
import type { AnalysisContext } from './input.js';

export function recordName(ctx: AnalysisContext, f: Pick<Finding, 'objectType' | 'objectId'>): string | null {
  if (!f.objectId) return null;
  const d = derive(ctx);
  if (f.objectType === 'deal') return d.deals.get(f.objectId)?.name || null;
  if (f.objectType === 'company') return d.companies.get(f.objectId)?.name || null;
  const c = d.contacts.get(f.objectId);
  if (!c) return null;
  return [c.firstName, c.lastName].filter(Boolean).join(' ').trim() || c.email || null;
}

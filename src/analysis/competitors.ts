/**
 * The competitor list the checks, win/loss and reconciliation read: config.risk.competitors without the team's own
 * company (config.ownCompany and the portal's account name), so the team's own notes are never a competitor risk.
 */
import type { AnalysisContext } from './input.js';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export function ownCompanyNames(ctx: Pick<AnalysisContext, 'config' | 'data'>): string[] {
  const names = [...ctx.config.ownCompany, ctx.data.crm.account.name ?? ''].map(norm).filter((n) => n.length >= 2);
  return [...new Set(names)];
}

/** A competitor is the team itself when it names the own company or the own company's name contains it as a word. */
export function competitorsOf(ctx: Pick<AnalysisContext, 'config' | 'data'>): string[] {
  const own = ownCompanyNames(ctx);
  const word = (c: string) => new RegExp(`(^|[^a-z0-9])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`);
  return ctx.config.risk.competitors
    .map((c) => c.trim())
    .filter((c) => c !== '' && !own.some((o) => o === norm(c) || word(norm(c)).test(o)));
}

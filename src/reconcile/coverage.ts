/** How much of the update the CRM already explains, before and after the proposed changes. */
import type { ClaimTally } from './compare.js';
import type { Coverage } from './schema.js';

export function coverageOf(tallies: ClaimTally[], mentionsMatched: number, mentionsTotal: number): Coverage {
  const total = tallies.reduce((s, t) => s + t.total, 0);
  const consistent = tallies.reduce((s, t) => s + t.consistent, 0);
  const fixable = tallies.reduce((s, t) => s + t.fixable, 0);
  const share = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 1000);
  return {
    mentionsMatched,
    mentionsTotal,
    crmExplainedShare: share(consistent),
    claimsTotal: total,
    claimsConsistent: consistent,
    afterApplyShare: share(consistent + fixable),
  };
}

/** `--deal ID|NAME`: a deal by id, or by its name or its company's name (a unique match), or a clear error. */
import { derive, type AnalysisContext } from '../analysis/index.js';
import type { Deal } from '../crm/index.js';
import { UsageError } from '../errors/index.js';

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function findDeal(ctx: AnalysisContext, raw: string): Deal {
  const d = derive(ctx);
  const q = raw.trim();
  const byId = d.deals.get(q);
  if (byId) return byId;
  const want = norm(q);
  if (!want) throw new UsageError('--deal is empty', 'Give a deal id or part of its name.');
  const named = (deal: Deal) => [deal.name, ...deal.companyIds.map((id) => d.companies.get(id)?.name ?? '')].map(norm);
  const all = [...d.deals.values()].filter((x) => !x.archived);
  const exact = all.filter((x) => named(x).some((n) => n === want));
  const partial = exact.length ? exact : all.filter((x) => named(x).some((n) => n.includes(want)));
  // Prefer open deals when the name also matches closed ones.
  const open = partial.filter((x) => d.isOpen(x));
  const hits = open.length ? open : partial;
  if (hits.length === 1) return hits[0]!;
  if (!hits.length)
    throw new UsageError(
      `no deal matches "${q}"`,
      'Give the deal id, or a word from the deal or company name (mis risk lists open deals).',
    );
  const list = hits
    .slice(0, 6)
    .map((x) => `${x.name} (${x.id})`)
    .join('; ');
  throw new UsageError(
    `"${q}" matches ${hits.length} deals: ${list}${hits.length > 6 ? '; …' : ''}`,
    'Use the deal id, or more of the name.',
  );
}

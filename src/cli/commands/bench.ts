/** `mis bench` (npm run bench): sync and analysis figures on a generated portal. */
import { join } from 'node:path';
import { measureAnalysis, runBench } from '../../bench/index.js';
import { intOption, parse } from '../args.js';
import type { Io } from '../io.js';

export const BENCH_HELP = `Usage: mis bench [--deals N] [--dir DIR]

Generates a portal (default 20,000 deals, ~300k engagements; kept in DIR for later runs), serves it from a
sandbox in its own process, and measures the product reading it as it would a real portal: full sync, an
incremental sync after changing 1 % of records through the API, then every check and the weekly report.
Prints API calls (with the lower bound), wall times and the product's peak RSS beside the targets. The
checks and the weekly report run in a new process over the synced cache, as a later \`mis check\` would.
  --deals  portal size (default 20000)
  --dir    working folder (default mis-state/bench)`;

export async function benchCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'bench',
    argv,
    { deals: { type: 'string' }, dir: { type: 'string' }, 'analysis-only': { type: 'boolean' } },
    0,
  );
  if (values.help) {
    io.out(BENCH_HELP);
    return 0;
  }
  const dir = values.dir ?? join(process.env['MIS_STATE_DIR'] ?? 'mis-state', 'bench');
  // The bench's own child step: a fresh process over the synced cache, as a later `mis check` would be.
  if (values['analysis-only']) {
    io.out(JSON.stringify(await measureAnalysis(dir)));
    return 0;
  }
  return runBench({ deals: intOption('deals', values.deals, 20_000, 10), dir, log: (l) => io.out(l) });
}

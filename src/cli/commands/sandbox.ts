/** `mis sandbox serve|load|save|generate`: the local HubSpot + SmartLead stand-in. */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { writePortalFile } from '../../dataset/index.js';
import { UsageError } from '../../errors/index.js';
import { didYouMean } from '../../format/index.js';
import { runGenerate } from '../../generator/cli.js';
import { parseFaults, parseLimits, prepareSandboxStore, startSandbox } from '../../sandbox/index.js';
import { intOption, isoOption, parse, portOption } from '../args.js';
import type { Io } from '../io.js';

export const SANDBOX_HELP = `Usage: mis sandbox <serve|load|save|generate> [options]

  serve [--dataset F] [--port P] [--faults SPEC] [--limits SPEC]
      Serve the HubSpot CRM v3/v4 API at http://127.0.0.1:P/crm/... and SmartLead at /smartlead/api/v1/...
      The first stdout line is "sandbox listening on http://127.0.0.1:PORT". Port 0 or none picks a free one.
      Dataset: --dataset, else MIS_DATASET, else what the store holds (see load), else the committed demo portal.
      Auth: Bearer token / api_key = MIS_SANDBOX_TOKEN (default sandbox-token).
      --faults  error=RATE,status=CODE,latency=MS|MIN-MAX,match=PATH,seed=N   (e.g. error=0.05,latency=20-80)
      --limits  pro (default: 190 per 10 s, search 5/s, SmartLead 10 per 2 s) | free (100 per 10 s) | off
                | burst=N,window=MS,search=N,daily=N,smartlead=N/MS
      Statistics: GET /__sandbox/stats, POST /__sandbox/stats/reset.
  load FILE
      Validate a sales-mis/portal@1 file and make it the store's portal (MIS_STATE_DIR/sandbox.db).
      A bad file is refused with the JSON path of its first problem; the store keeps what it had.
  save FILE
      Write the store's current state (including writes made through the API) as a portal@1 file.
  generate --out FILE [--seed S] [--deals N] [--as-of ISO]
      Write a deterministic demo portal: an Indian logistics-software team, INR, with planted CRM problems
      and AE updates that disagree with the CRM. Defaults: seed 42, 110 deals. --deals 20000 for benchmarks.`;

export async function sandboxCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(SANDBOX_HELP);
    return sub ? 0 : 2;
  }
  const config = loadConfig();
  const storeFile = join(config.stateDir, 'sandbox.db');
  switch (sub) {
    case 'serve': {
      const { values } = parse(
        'sandbox serve',
        rest,
        {
          dataset: { type: 'string' },
          port: { type: 'string' },
          faults: { type: 'string' },
          limits: { type: 'string' },
        },
        0,
      );
      if (values.help) return help(io);
      const port = portOption(values.port, 0);
      const limits = values.limits ? parseLimits(values.limits) : config.sandbox.limits;
      const faults = values.faults ? parseFaults(values.faults) : config.sandbox.faults;
      const prepared = prepareSandboxStore({
        storeFile,
        dataset: values.dataset ?? config.sandbox.dataset,
        onProgress: (m) => io.err(m),
      });
      const sandbox = await startSandbox({
        store: prepared.store,
        token: config.sandbox.token,
        limits,
        faults,
        port,
      });
      io.out(`sandbox listening on ${sandbox.url}`);
      io.err(`serving ${prepared.source} (${describeCounts(prepared.store.counts())}); stop with Ctrl-C`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await sandbox.close();
      prepared.store.close();
      return 0;
    }
    case 'load': {
      const { values, positionals } = parse('sandbox load', rest, {}, 1);
      if (values.help) return help(io);
      const file = positionals[0];
      if (!file) throw new UsageError('sandbox load needs a FILE', 'mis sandbox load path/to/portal.json');
      const prepared = prepareSandboxStore({ storeFile, dataset: file, force: true, onProgress: (m) => io.err(m) });
      io.out(`loaded ${prepared.source}: ${describeCounts(prepared.store.counts())}`);
      prepared.store.close();
      return 0;
    }
    case 'save': {
      const { values, positionals } = parse('sandbox save', rest, {}, 1);
      if (values.help) return help(io);
      const file = positionals[0];
      if (!file) throw new UsageError('sandbox save needs a FILE', 'mis sandbox save path/to/portal.json');
      assertWritableTarget(file);
      const prepared = prepareSandboxStore({ storeFile, dataset: config.sandbox.dataset });
      writePortalFile(file, prepared.store.exportDataset());
      io.out(`saved the sandbox (${describeCounts(prepared.store.counts())}) to ${file}`);
      prepared.store.close();
      return 0;
    }
    case 'generate': {
      const { values } = parse(
        'sandbox generate',
        rest,
        { out: { type: 'string' }, seed: { type: 'string' }, deals: { type: 'string' }, 'as-of': { type: 'string' } },
        0,
      );
      if (values.help) return help(io);
      if (!values.out)
        throw new UsageError(
          'sandbox generate needs --out FILE',
          'mis sandbox generate --out demo.json [--seed 42] [--deals 110]',
        );
      const asOf = isoOption('as-of', values['as-of']);
      assertWritableTarget(values.out);
      const result = runGenerate({
        out: values.out,
        seed: intOption('seed', values.seed, 42),
        deals: intOption('deals', values.deals, 110, 1),
        ...(asOf ? { asOf } : {}),
      });
      io.out(`wrote ${result.file} in ${(result.ms / 1000).toFixed(1)} s: ${describeCounts(result.counts)}`);
      return 0;
    }
    default:
      throw new UsageError(
        `unknown sandbox command "${sub}".${didYouMean(sub, ['serve', 'load', 'save', 'generate'])}`,
        'Run `mis sandbox --help`.',
      );
  }
}

function help(io: Io): number {
  io.out(SANDBOX_HELP);
  return 0;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${v.toLocaleString('en-IN')} ${k}`)
    .join(', ');
}

/** The file's folder must exist (nothing is created implicitly) and the file must not be a folder. */
function assertWritableTarget(file: string): void {
  const path = resolve(file);
  const dir = dirname(path);
  let dirOk = false;
  try {
    dirOk = statSync(dir).isDirectory();
  } catch {
    dirOk = false;
  }
  if (!dirOk)
    throw new UsageError(
      `cannot write ${path}: the folder ${dir} does not exist`,
      'Create the folder first, or name a file in an existing folder.',
    );
  try {
    if (statSync(path).isDirectory())
      throw new UsageError(`cannot write ${path}: it is a folder`, 'Name a file, e.g. portal.json inside it.');
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
}

/**
 * The bad-input corpus: config files, environment variables, datasets, AE updates and CLI arguments a careless
 * user (or an attacker) might pass. Every case must end with exit 1 or 2 (never 70), a message naming the input,
 * a "→" hint saying what to do, and the state folder exactly as it was. Most cases run in-process through
 * `main(argv, io)` (bad-input.test.ts, unit); a few run the built CLI as a subprocess (bad-input.smoke.test.ts,
 * integration, after the build).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '../support/demo-state.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { demoDatasetPath } from '../../src/dataset/index.js';
import { runMisAsync } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mis-bad-input-'));
const stateDir = join(dir, 'state');
const baseEnv = { MIS_STATE_DIR: stateDir, MIS_SANDBOX_LIMITS: 'off' };

const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const config = (name: string, value: unknown): string =>
  file(`${name}.config.json`, typeof value === 'string' ? value : JSON.stringify(value));

type Demo = {
  portal: Record<string, unknown>;
  objects: Record<string, Array<{ id: string; properties: Record<string, unknown>; createdAt?: string }>>;
  pipelines: { deals: Array<{ stages: Array<{ id: string }> }> };
  owners: Array<{ id: string }>;
  [k: string]: unknown;
};
const demoText = readFileSync(demoDatasetPath(), 'utf8');
/** The demo portal with one change: every dataset case is otherwise a valid file. */
const dataset = (name: string, change: (d: Demo) => void): string => {
  const d = JSON.parse(demoText) as Demo;
  change(d);
  return file(`${name}.portal.json`, JSON.stringify(d));
};
const deal0 = (d: Demo) => d.objects['deals']![0]!;

interface Case {
  area: 'config' | 'env' | 'dataset' | 'update' | 'cli';
  name: string;
  argv: string[];
  env?: Record<string, string>;
  exit: 1 | 2;
  message: RegExp;
  /** Run the built CLI in a child process instead of in-process. */
  subprocess?: boolean;
}

const CASES: Case[] = [];
const add = (
  area: Case['area'],
  name: string,
  argv: string[],
  exit: 1 | 2,
  message: RegExp,
  more: Partial<Case> = {},
) => CASES.push({ area, name, argv, exit, message, ...more });
const withConfig = (name: string, value: unknown, message: RegExp, argv = ['check']) =>
  add('config', name, argv, 1, message, { env: { MIS_CONFIG: config(name, value) } });
const withDataset = (name: string, change: (d: Demo) => void, message: RegExp) =>
  add('dataset', name, ['sandbox', 'load', dataset(name, change)], 1, message);

// ── config (mis.config.json via MIS_CONFIG) ────────────────────────────────────────────────────────────────────
withConfig('misspelt top-level key', { stael: { defaultDays: 10 } }, /unknown key "stael" — did you mean "stale"\?/);
withConfig(
  'misspelt nested key',
  { stale: { defaultDay: 10 } },
  /unknown key "stale\.defaultDay" — did you mean "stale\.defaultDays"\?/,
);
withConfig(
  'misspelt deep key',
  { targets: { weekly: { cals: 10 } } },
  /unknown key "targets\.weekly\.cals" — did you mean "targets\.weekly\.calls"\?/,
);
withConfig(
  'misspelt notify key',
  { notify: { quietHours: { strat: '21:00' } } },
  /did you mean "notify\.quietHours\.start"/,
);
withConfig('unknown key, no near match', { zzzzzzzz: 1 }, /unknown key "zzzzzzzz"/);
withConfig('currency in words', { currency: 'rupees' }, /currency: expected an ISO 4217 currency code/);
withConfig('currency not ISO', { currency: 'XYZ' }, /currency: expected an ISO 4217/);
withConfig('time zone on Mars', { timezone: 'Mars/Phobos' }, /timezone: expected an IANA time zone/);
withConfig(
  'stale.byStage names no stage',
  { stale: { byStage: { negotiaton: 5 } } },
  /stale\.byStage names stage "negotiaton"/,
);
withConfig(
  'stageCategories names no stage',
  { stageCategories: { nostage: 'early' } },
  /stageCategories names stage "nostage"/,
);
withConfig(
  'missingNotes.stages names no stage',
  { missingNotes: { stages: ['ghost'] } },
  /missingNotes\.stages names stage "ghost"/,
);
withConfig(
  'requiredFields.byStage names no stage',
  { requiredFields: { byStage: { ghost: ['amount'] } } },
  /requiredFields\.byStage names stage "ghost"/,
);
withConfig('negative stale days', { stale: { defaultDays: -3 } }, /stale\.defaultDays/);
withConfig('stale days as text', { stale: { defaultDays: '14' } }, /stale\.defaultDays/);
withConfig('quiet hours out of range', { notify: { quietHours: { start: '25:00' } } }, /notify\.quietHours\.start/);
withConfig('link base not a URL', { notify: { linkBaseUrl: 'not a url' } }, /notify\.linkBaseUrl/);
withConfig('competitors not a list', { risk: { competitors: 'LogiNext' } }, /risk\.competitors/);
withConfig('share above 1', { targets: { weekly: { dealsTouchedShare: 80 } } }, /targets\.weekly\.dealsTouchedShare/);
withConfig('not JSON', '{ "stale": ', /is not valid JSON/);
withConfig('a list, not an object', '[1, 2]', /\(root\)/);
add('config', 'MIS_CONFIG names a missing file', ['check'], 1, /config file .*nope\.json does not exist/, {
  env: { MIS_CONFIG: join(dir, 'nope.json') },
});
add(
  'config',
  'schedule reads the config time zone',
  ['schedule', '--once', '--dry-run'],
  1,
  /timezone: expected an IANA time zone/,
  { env: { MIS_CONFIG: config('schedule-tz', { timezone: 'Mars/Phobos' }) } },
);

// ── environment ────────────────────────────────────────────────────────────────────────────────────────────────
const aFile = file('a-file', 'not a folder');
add('env', 'MIS_STATE_DIR is a file', ['check'], 1, /MIS_STATE_DIR: .*a-file is a file, not a folder/, {
  env: { MIS_STATE_DIR: aFile },
});
add('env', 'MIS_DATASET missing', ['summary'], 1, /MIS_DATASET: .*missing\.json does not exist/, {
  env: { MIS_DATASET: join(dir, 'missing.json') },
});
add('env', 'MIS_DATASET is a folder', ['summary'], 1, /MIS_DATASET: .* is a folder/, { env: { MIS_DATASET: dir } });
add(
  'env',
  'MIS_HUBSPOT_BURST not a number',
  ['summary'],
  1,
  /MIS_HUBSPOT_BURST: MIS_HUBSPOT_BURST must be a whole number/,
  { env: { MIS_HUBSPOT_BURST: 'lots' } },
);
add('env', 'MIS_HUBSPOT_ATTEMPTS too many', ['summary'], 1, /MIS_HUBSPOT_ATTEMPTS must be 1\.\.6/, {
  env: { MIS_HUBSPOT_ATTEMPTS: '9' },
});
add('env', 'MIS_SMARTLEAD_RPS zero', ['summary'], 1, /MIS_SMARTLEAD_RPS must be greater than 0/, {
  env: { MIS_SMARTLEAD_RPS: '0' },
});
add('env', 'HUBSPOT_BASE_URL not a URL', ['summary'], 1, /HUBSPOT_BASE_URL must be a URL/, {
  env: { HUBSPOT_BASE_URL: 'api.hubapi' },
});
add('env', 'MIS_SANDBOX_LIMITS unknown', ['summary'], 1, /MIS_SANDBOX_LIMITS: unknown rate-limit setting "turbo"/, {
  env: { MIS_SANDBOX_LIMITS: 'turbo' },
});
add('env', 'MIS_SANDBOX_FAULTS unknown', ['summary'], 1, /MIS_SANDBOX_FAULTS: /, {
  env: { MIS_SANDBOX_FAULTS: 'explode=1' },
});
add('env', 'MIS_STATE_DIR is a file (subprocess)', ['summary'], 1, /MIS_STATE_DIR: .*a-file is a file/, {
  env: { MIS_STATE_DIR: aFile },
  subprocess: true,
});

// ── datasets (sandbox load FILE, MIS_DATASET) ──────────────────────────────────────────────────────────────────
withDataset(
  'amount 1e300',
  (d) => (deal0(d).properties['amount'] = '1e300'),
  /objects\.deals\[0\]\.properties\.amount: amount "1e300" is larger than any real deal/,
);
withDataset('negative amount', (d) => (deal0(d).properties['amount'] = '-16700000'), /amount "-16700000" is negative/);
withDataset(
  'amount in words',
  (d) => (deal0(d).properties['amount'] = 'fifteen lakh'),
  /amount "fifteen lakh" is not a number/,
);
withDataset(
  'amount Infinity',
  (d) => (deal0(d).properties['amount'] = 'Infinity'),
  /amount "Infinity" is not a number/,
);
withDataset(
  'close date banana',
  (d) => (deal0(d).properties['closedate'] = 'banana'),
  /objects\.deals\[0\]\.properties\.closedate: "banana" is not an ISO 8601 date/,
);
withDataset(
  'close date 30 February',
  (d) => (deal0(d).properties['closedate'] = '2026-02-30'),
  /closedate: "2026-02-30" is not an ISO 8601 date/,
);
withDataset(
  'close date as a bare number',
  (d) => (deal0(d).properties['closedate'] = '5'),
  /closedate: "5" is not an ISO 8601 date/,
);
withDataset(
  'createdAt banana',
  (d) => (deal0(d).createdAt = 'banana'),
  /objects\.deals\[0\]\.createdAt: expected an ISO 8601 date-time/,
);
withDataset(
  'call timestamp banana',
  (d) => (d.objects['calls']![0]!.properties['hs_timestamp'] = 'banana'),
  /objects\.calls\[0\]\.properties\.hs_timestamp/,
);
withDataset(
  'portal asOf 31 April',
  (d) => (d.portal['asOf'] = '2026-04-31T00:00:00Z'),
  /portal\.asOf: expected an ISO 8601 date-time/,
);
withDataset(
  'portal time zone on Mars',
  (d) => (d.portal['timezone'] = 'Mars/Phobos'),
  /portal\.timezone: expected an IANA time zone/,
);
withDataset(
  'portal currency in words',
  (d) => (d.portal['currency'] = 'rupees'),
  /portal\.currency: expected an ISO 4217 code/,
);
withDataset('wrong format', (d) => (d['format'] = 'sales-mis/portal@9'), /format: expected "sales-mis\/portal@1"/);
withDataset(
  'deal in an unknown stage',
  (d) => (deal0(d).properties['dealstage'] = 'nostage'),
  /dealstage: stage "nostage" is not in pipeline/,
);
withDataset(
  'deal owned by nobody',
  (d) => (deal0(d).properties['hubspot_owner_id'] = '999'),
  /hubspot_owner_id: owner "999" is not in owners/,
);
withDataset('duplicate deal id', (d) => d.objects['deals']!.push({ ...deal0(d) }), /duplicate deals id/);
withDataset('record id with a slash', (d) => (deal0(d).id = '../etc'), /objects\.deals\[0\]\.id: expected a record id/);
add(
  'dataset',
  'not JSON',
  ['sandbox', 'load', file('broken.json', '{"format": "sales-mis/portal@1",')],
  1,
  /not valid JSON/,
);
add(
  'dataset',
  'arrays nested 100k deep',
  [
    'sandbox',
    'load',
    file('deep.json', `${demoText.trimEnd().slice(0, -1)},"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
  ],
  1,
  /nested more than 64 levels deep/,
);
add(
  'dataset',
  'nested deep (subprocess)',
  ['sandbox', 'load', join(dir, 'deep.json')],
  1,
  /nested more than 64 levels deep/,
  { subprocess: true },
);
add(
  'dataset',
  'sandbox load a missing file',
  ['sandbox', 'load', join(dir, 'nope.json')],
  1,
  /cannot read dataset .*nope\.json: it does not exist/,
);
add('dataset', 'sandbox load a folder', ['sandbox', 'load', dir], 1, /it is a folder, not a portal file/);
add('dataset', 'sandbox load without a file', ['sandbox', 'load'], 2, /sandbox load needs a FILE/);
add('dataset', 'sandbox load two files', ['sandbox', 'load', 'a.json', 'b.json'], 2, /unexpected argument "b\.json"/);
add('dataset', 'MIS_DATASET with amount 1e300', ['summary'], 1, /amount "1e300" is larger than any real deal/, {
  env: { MIS_DATASET: join(dir, 'amount 1e300.portal.json') },
});

// ── AE updates (reconcile) ─────────────────────────────────────────────────────────────────────────────────────
const upd = file('update.txt', 'Forace grp: demo done, 15.2L, PO by 15th');
add(
  'update',
  'update is a folder',
  ['reconcile', '--owner', '71234', '--update', dir],
  2,
  /--update .* is a folder, not an update file/,
);
add(
  'update',
  'update file missing',
  ['reconcile', '--owner', '71234', '--update', join(dir, 'nope.txt')],
  2,
  /cannot read the update file/,
);
add(
  'update',
  'update empty',
  ['reconcile', '--owner', '71234', '--update', file('empty.txt', ' \n\t ')],
  1,
  /is empty/,
);
add(
  'update',
  'update binary',
  [
    'reconcile',
    '--owner',
    '71234',
    '--update',
    file('bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe])),
  ],
  1,
  /not UTF-8 text|binary/,
);
add(
  'update',
  'update with NUL bytes',
  ['reconcile', '--owner', '71234', '--update', file('nul.txt', 'Forace\u0000 demo done')],
  1,
  /binary bytes/,
);
add(
  'update',
  'update too long',
  ['reconcile', '--owner', '71234', '--update', file('long.txt', 'Forace grp: demo done\n'.repeat(2_000))],
  1,
  /an update is at most 20,000 characters/,
);
add('update', 'no owner', ['reconcile', '--update', upd], 2, /which AE\? pass --owner/);
add('update', 'no update', ['reconcile', '--owner', '71234'], 2, /which update\? pass --update/);
add(
  'update',
  '--yes-stages without --yes',
  ['reconcile', '--owner', '71234', '--update', upd, '--yes-stages'],
  2,
  /--yes-stages only goes with --yes/,
);
add(
  'update',
  'unknown extractor',
  ['reconcile', '--owner', '71234', '--update', upd, '--extractor', 'gpt'],
  2,
  /--extractor must be offline or claude/,
);
add(
  'update',
  'lexicon missing',
  ['reconcile', '--owner', '71234', '--update', upd, '--lexicon', join(dir, 'nope-lexicon.json')],
  2,
  /cannot read the lexicon/,
);
add(
  'update',
  'received-at not a date',
  ['reconcile', '--owner', '71234', '--update', upd, '--received-at', 'last tuesday'],
  2,
  /--received-at must be an ISO 8601 date/,
);
add(
  'update',
  'owner unknown',
  ['reconcile', '--owner', 'nobody@nowhere', '--update', upd],
  2,
  /no owner "nobody@nowhere"/,
);
add(
  'update',
  'owner email typo',
  ['reconcile', '--owner', 'rohit.malhotra@demo-logistics.exmaple', '--update', upd],
  2,
  /Did you mean Rohit Malhotra/,
);
add(
  'update',
  'extra argument',
  ['reconcile', '--owner', '71234', '--update', upd, 'now'],
  2,
  /unexpected argument "now"/,
);

// ── CLI arguments ──────────────────────────────────────────────────────────────────────────────────────────────
add('cli', 'unknown command', ['chek'], 2, /unknown command "chek"\. Did you mean "check"\?/);
add('cli', 'unknown command (subprocess)', ['sumary'], 2, /Did you mean "summary"\?/, { subprocess: true });
add('cli', 'unknown flag', ['check', '--ownr', 'x'], 2, /unknown option --ownr\. Did you mean --owner\?/);
add('cli', 'unknown flag with value', ['risk', '--dael=5'], 2, /unknown option --dael.*Did you mean --deal\?/);
add('cli', 'flag without its value', ['check', '--owner'], 2, /check: .*--owner/);
add(
  'cli',
  '--as-of a bare number',
  ['check', '--as-of', '5'],
  2,
  /--as-of must be an ISO 8601 date or date-time of a real day, got "5"/,
);
add('cli', '--as-of 30 February', ['check', '--as-of', '2026-02-30'], 2, /got "2026-02-30"/);
add('cli', '--as-of month 13', ['summary', '--as-of', '2026-13-01'], 2, /got "2026-13-01"/);
add('cli', '--as-of in words', ['risk', '--as-of', 'yesterday'], 2, /got "yesterday"/);
add('cli', '--as-of hour 25', ['audit', '--as-of', '2026-11-20T25:00:00Z'], 2, /got "2026-11-20T25:00:00Z"/);
add('cli', '--as-of (subprocess)', ['check', '--as-of', '5'], 2, /--as-of must be an ISO 8601/, { subprocess: true });
add('cli', '--from without --to', ['scorecard', '--from', '2026-10-01'], 2, /--from and --to go together/);
add(
  'cli',
  '--from after --to',
  ['scorecard', '--from', '2026-11-01', '--to', '2026-10-01'],
  2,
  /--from must be before --to/,
);
add('cli', 'extra positional arguments', ['check', 'extra', 'args'], 2, /check: unexpected arguments "extra" "args"/);
add('cli', 'extra positional to summary', ['summary', 'now'], 2, /summary: unexpected argument "now"/);
add('cli', 'unknown metric', ['metrics', 'funel'], 2, /unknown metric "funel"\. Did you mean "funnel"\?/);
add('cli', 'metric from the prototype', ['metrics', 'constructor'], 2, /unknown metric "constructor"/);
add('cli', 'unknown report', ['report', 'wekly'], 2, /unknown report "wekly"\. Did you mean "weekly"\?/);
add(
  'cli',
  'unknown sandbox command',
  ['sandbox', 'sav', 'x.json'],
  2,
  /unknown sandbox command "sav"\. Did you mean "save"\?/,
);
add(
  'cli',
  'sandbox serve on port 99999',
  ['sandbox', 'serve', '--port', '99999'],
  2,
  /--port must be a whole number from 0 to 65535, got "99999"/,
);
add(
  'cli',
  'serve on port 99999',
  ['serve', '--http', '--port', '99999'],
  2,
  /--port must be a whole number from 0 to 65535/,
);
add(
  'cli',
  'sandbox save into a missing folder',
  ['sandbox', 'save', join(dir, 'no-such-folder', 'x.json')],
  2,
  /the folder .*no-such-folder does not exist/,
);
add(
  'cli',
  'sandbox generate into a missing folder',
  ['sandbox', 'generate', '--out', join(dir, 'no-such-folder', 'x.json')],
  2,
  /the folder .*no-such-folder does not exist/,
);
add('cli', 'sandbox generate without --out', ['sandbox', 'generate'], 2, /sandbox generate needs --out FILE/);
add(
  'cli',
  'sandbox generate --deals 0',
  ['sandbox', 'generate', '--out', join(dir, 'g.json'), '--deals', '0'],
  2,
  /--deals must be a whole number ≥ 1/,
);
add('cli', 'risk for an unknown deal', ['risk', '--deal', '999999'], 2, /--deal 999999: no deal with that id/);
add('cli', 'risk --top 0', ['risk', '--top', '0'], 2, /--top must be a whole number ≥ 1/);
add('cli', 'risk --top 1e3', ['risk', '--top', '1e3'], 2, /--top must be a whole number/);
add('cli', 'audit --weeks abc', ['audit', '--weeks', 'abc'], 2, /--weeks must be a whole number/);
add('cli', 'unknown owner', ['check', '--owner', 'nobody'], 2, /no owner "nobody" in this portal/);
add('cli', 'owner email typo', ['digest', '--owner', 'asha.rao@demo-logistics.exampel'], 2, /Did you mean Asha Rao/);
add('cli', 'unknown check', ['check', '--only', 'stael'], 2, /stael/);
add(
  'cli',
  'schedule --timezone on Mars',
  ['schedule', '--once', '--timezone', 'Mars/Phobos'],
  2,
  /--timezone "Mars\/Phobos" is not a time zone/,
);
add(
  'cli',
  'schedule --only unknown workflow',
  ['schedule', '--once', '--only', 'daily-complaince-check'],
  2,
  /Did you mean "daily-compliance-check"\?/,
);
add(
  'cli',
  'attribution model unknown',
  ['metrics', 'attribution', '--model', 'last_touch'],
  2,
  /--model last_touch: use first_touch or time_decay/,
);
add('cli', 'run an unknown workflow', ['run', 'no-such-workflow'], 1, /no workflow "no-such-workflow"/);

/** Every file under the state folder with a hash of its bytes. */
/**
 * Every file under `root` with its content hash. A hash is computed again only when the file's size or modification
 * time (in nanoseconds) differ from the last time it was hashed: any write changes those, and hashing the whole
 * demo state twice per case was most of this corpus's time.
 */
const hashes = new Map<string, string>();
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p, { bigint: true });
      if (st.isDirectory()) {
        walk(p);
        continue;
      }
      const key = `${p}|${st.size}|${st.mtimeNs}`;
      let hash = hashes.get(key);
      if (hash === undefined) {
        hash = createHash('sha1').update(readFileSync(p)).digest('hex');
        hashes.set(key, hash);
      }
      out[p.slice(root.length)] = hash;
    }
  };
  walk(root);
  return out;
}

async function runInProcess(
  argv: string[],
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(env)) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (t) => (stdout += `${t}\n`),
    err: (t) => (stderr += `${t}\n`),
    progress: () => undefined,
    done: () => undefined,
  };
  try {
    const status = await main(argv, io);
    return { status, stdout, stderr };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const MODEL_ENV = [
  'ANTHROPIC_API_KEY',
  'HUBSPOT_ACCESS_TOKEN',
  'SMARTLEAD_API_KEY',
  'MIS_CONFIG',
  'MIS_DATASET',
] as const;
const hidden = new Map<string, string | undefined>();

/** Registers the corpus' cases run one way: in-process through `main`, or the built CLI as a subprocess. */
export function describeBadInput(how: 'in-process' | 'subprocess', areas?: ReadonlyArray<Case['area']>): void {
  const cases = CASES.filter(
    (c) => (how === 'subprocess') === (c.subprocess === true) && (!areas || areas.includes(c.area)),
  );
  beforeAll(async () => {
    for (const k of MODEL_ENV) {
      hidden.set(k, process.env[k]);
      delete process.env[k];
    }
    // A synced cache first (a copy of the run's synced demo portal), so cases refused after the cache is opened
    // are checked against a real state folder.
    rmSync(stateDir, { recursive: true, force: true });
    cpSync(inject('demoStateDir'), stateDir, { recursive: true });
    const r = await runInProcess(['summary'], baseEnv);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    for (const [k, v] of hidden) if (v !== undefined) process.env[k] = v;
  });

  describe('the bad-input corpus', () => {
    it('has at least 60 cases across config, env, datasets, updates and CLI arguments', () => {
      expect(cases.length).toBeGreaterThan(0);
      const count = (area: Case['area']) => CASES.filter((c) => c.area === area).length;
      expect(CASES.length).toBeGreaterThanOrEqual(60);
      for (const area of ['config', 'env', 'dataset', 'update', 'cli'] as const)
        expect(count(area), area).toBeGreaterThanOrEqual(8);
      expect(new Set(CASES.map((c) => `${c.area}/${c.name}`)).size).toBe(CASES.length);
    });

    it.each(cases.map((c) => [`${c.area}: ${c.name}`, c] as const))(
      '%s',
      async (_label, c) => {
        const before = snapshot(stateDir);
        const env = { ...baseEnv, ...(c.env ?? {}) };
        const r = c.subprocess ? await runMisAsync(c.argv, env) : await runInProcess(c.argv, env);
        expect({ status: r.status, stderr: r.stderr }).toMatchObject({ status: c.exit });
        expect(r.stderr).toMatch(c.message);
        expect(r.stderr).toMatch(/(^|\n)error: /);
        expect(r.stderr).toMatch(/\n {2}→ \S/); // what to do next
        expect(r.stderr).not.toMatch(/This is unexpected|\n\s+at .+:\d+:\d+/); // never the bug path, never a stack
        expect(r.stdout).toBe('');
        expect(snapshot(stateDir)).toEqual(before);
      },
      60_000,
    );
  });
}

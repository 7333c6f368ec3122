/** Argument parsing on node:util parseArgs, with errors that point at --help and suggest the flag meant. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors/index.js';
import { didYouMean, isStrictIso } from '../format/index.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * `maxPositionals`: how many bare words the command takes (its sub-command and arguments); more are refused.
 * Commands that take a free text (ask) or a list (eval) leave it unlimited.
 */
export function parse<O extends OptionSpec>(command: string, argv: string[], options: O, maxPositionals = Infinity) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const err = e as Error & { code?: string };
    const flag = /option '([^']+)'/i.exec(err.message)?.[1];
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
      const names = [...Object.keys(options), 'help'].map((n) => `--${n}`);
      throw new UsageError(
        `${command}: unknown option ${flag}.${didYouMean(flag.split('=')[0]!, names, (c) => c)}`,
        `Run \`mis ${command} --help\` for its options.`,
      );
    }
    throw new UsageError(`${command}: ${err.message}`, `Run \`mis ${command} --help\` for its options.`);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals);
    throw new UsageError(
      `${command}: unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `"${a}"`).join(' ')}`,
      `Options start with --; quote a value that has spaces. Run \`mis ${command} --help\` for its usage.`,
    );
  }
  return parsed;
}

export function intOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined) return fallback;
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}, got "${raw}"`,
    );
  }
  return n;
}

/** A TCP port (0: any free one). */
export function portOption(raw: string | undefined, fallback: number): number {
  return intOption('port', raw, fallback, 0, 65_535);
}

/** ISO 8601 date (2026-11-20) or date-time (2026-11-20T18:00:00Z), a real calendar day; anything else refused. */
export function isoOption(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!isStrictIso(s)) {
    throw new UsageError(
      `--${name} must be an ISO 8601 date or date-time of a real day, got "${raw}"`,
      `Example: --${name} 2026-11-20 or --${name} 2026-11-20T18:00:00+05:30`,
    );
  }
  return new Date(Date.parse(s.replace(' ', 'T'))).toISOString();
}

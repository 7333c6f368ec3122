/** Output helpers: reports to stdout, progress and logs to stderr (only on a TTY for progress). */
import { MisError, UsageError } from '../errors/index.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** A transient progress line on a TTY; nothing otherwise. */
  progress(text: string): void;
  done(): void;
}

export function processIo(): Io {
  const tty = Boolean(process.stderr.isTTY) && !process.env['CI'];
  let shown = false;
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
      process.stderr.write(t.endsWith('\n') ? t : `${t}\n`);
    },
    progress: (t) => {
      if (!tty) return;
      process.stderr.write(`\r\x1b[K${t.slice(0, (process.stderr.columns ?? 80) - 1)}`);
      shown = true;
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** 2 for a usage mistake, 1 for anything the message explains (including a file the system could not use), 70 otherwise. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return 2;
  if (e instanceof MisError || fileProblem(e)) return 1;
  return 70;
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'does not exist',
  EISDIR: 'is a folder where a file is needed',
  ENOTDIR: 'has a file where a folder is needed',
  EEXIST: 'already exists as a file',
  EACCES: 'is not accessible (permissions)',
  EPERM: 'is not accessible (permissions)',
  ENOSPC: 'cannot be written: the disk is full',
  EROFS: 'cannot be written: read-only file system',
};

/** A system error about a path (ENOENT, EISDIR, …): the user can fix it, so it is explained rather than reported as a bug. */
function fileProblem(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  if (!err || typeof err !== 'object' || !err.code || !FILE_ERRORS[err.code]) return undefined;
  const path = err.path ?? (err as { dest?: string }).dest;
  return `${path ?? 'a file or folder'} ${FILE_ERRORS[err.code]}`;
}

/** The message a person sees for an error: what happened, then what to do. */
export function describeError(e: unknown): string {
  if (e instanceof MisError) return `error: ${e.message}${e.hint ? `\n  → ${e.hint}` : ''}`;
  const file = fileProblem(e);
  if (file)
    return `error: ${file}\n  → Check the path you gave (arguments, MIS_STATE_DIR, MIS_DATASET, MIS_CONFIG) and try again.`;
  const err = e as Error;
  return `error: ${err?.message ?? String(e)}\n  → This is unexpected: please report it with the command you ran.`;
}

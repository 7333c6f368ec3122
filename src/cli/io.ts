/** Output helpers: reports to stdout, progress and logs to stderr (only on a TTY for progress). */
import { MisError } from '../errors/index.js';

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

/** The message a person sees for an error: what happened, then what to do. */
export function describeError(e: unknown): string {
  if (e instanceof MisError) return `error: ${e.message}${e.hint ? `\n  → ${e.hint}` : ''}`;
  const err = e as Error;
  return `error: ${err?.message ?? String(e)}\n  → This is unexpected: please report it with the command you ran.`;
}

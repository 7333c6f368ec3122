/**
 * Runs the CLI two ways. `runMain` calls `main(argv, io)` in this process with a chosen environment (fast: no new
 * Node, no build needed). `runMis`/`runMisAsync` run the built CLI the way a user does: `node bin/mis.js …` in a
 * subprocess (the integration project's smoke tests; the build is made once by test/support/build-setup.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export const MIS = fileURLToPath(new URL('../../bin/mis.js', import.meta.url));

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], CI: 'true' };
  return { ...env, ...extra };
}

let running = false;

/**
 * `mis <args>` in-process: process.env is the same clean environment a subprocess would get (restored afterwards),
 * stdout and stderr are what the command printed through its Io. One call at a time per test file.
 */
export async function runMain(args: string[], env: Record<string, string>): Promise<RunResult> {
  if (running) throw new Error('runMain: one in-process CLI call at a time (await the previous one)');
  running = true;
  const saved = process.env;
  let stdout = '';
  let stderr = '';
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const io: Io = {
    out: (t) => (stdout += line(t)),
    err: (t) => (stderr += line(t)),
    progress: () => {},
    done: () => {},
  };
  process.env = cleanEnv(env);
  try {
    const status = await main(args, io);
    return { status, stdout, stderr };
  } finally {
    process.env = saved;
    running = false;
  }
}

export function runMis(args: string[], env: Record<string, string>): RunResult {
  const r = spawnSync(process.execPath, [MIS, ...args], { env: cleanEnv(env), encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runMisAsync(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MIS, ...args], { env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

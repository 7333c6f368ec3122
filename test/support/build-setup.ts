/**
 * Global setup of the integration project: makes sure dist/ is built from the current src/ (the subprocess tests
 * run `node bin/mis.js`, which runs dist/). `npm ci` and `npm install` already build (the `prepare` script), so the
 * build is skipped when dist/ is newer than every source file; otherwise tsc builds incrementally (its build info
 * lives in dist/). A failed build fails the run with tsc's own message rather than every test failing on its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The newest modification time of the files under `dir` (0 for an empty or missing folder). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(root, 'dist', '.tsbuildinfo')).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const inputs = Math.max(
    newestMtime(join(root, 'src')),
    statSync(join(root, 'tsconfig.json')).mtimeMs,
    statSync(join(root, 'tsconfig.build.json')).mtimeMs,
  );
  if (builtAt() > inputs) return;
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `the build failed (tsc -p tsconfig.build.json), so the CLI tests cannot run:\n${r.stdout}${r.stderr}`,
    );
  // tsc leaves its build info untouched when nothing changed: mark dist/ as current so the next run skips the build.
  const info = join(root, 'dist', '.tsbuildinfo');
  if (existsSync(info)) utimesSync(info, new Date(), new Date());
}

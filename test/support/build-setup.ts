/**
 * Global setup of the integration project: builds dist/ once (the subprocess tests run `node bin/mis.js`, which
 * runs dist/). A failed build fails the run with tsc's own message rather than every test failing on its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `the build failed (tsc -p tsconfig.build.json), so the CLI tests cannot run:\n${r.stdout}${r.stderr}`,
    );
}

/**
 * SQL on mis.db lives in src/state: no other folder opens SQLite, prepares a statement or reaches for the
 * store's raw handle. (src/sandbox keeps its own database, the emulated portal, and is left out.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const OWN_DATABASE = new Set(['state', 'sandbox']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('SQL on the state database', () => {
  it('is written only in src/state', () => {
    const offenders: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f);
      if (OWN_DATABASE.has(rel.split('/')[0]!)) continue;
      const text = readFileSync(f, 'utf8');
      for (const [name, re] of [
        ['better-sqlite3', /from 'better-sqlite3'/],
        ['prepare(', /\.prepare\(/],
        ['the raw handle', /\.db\b(?!')/],
      ] as const)
        if (re.test(text.replace(/mis\.db|sandbox\.db/g, ''))) offenders.push(`${rel}: ${name}`);
    }
    expect(offenders).toEqual([]);
  });
});

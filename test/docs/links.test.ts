/**
 * Every relative link in the repository's markdown resolves (to a file, and to a heading or anchor when it names
 * one), every `docs/….md` path named in src/ (help texts, error hints, comments) exists, and every `src/…` path
 * the docs name exists (folders get renamed; the architecture page must follow).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.git', 'mis-state', 'reports']);

function files(dir: string, keep: (f: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h)
      out.add(
        h[1]!
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s_-]/gu, '')
          .replace(/\s/g, '-'),
      );
    for (const a of line.matchAll(/<a id="([^"]+)"/g)) out.add(a[1]!);
  }
  return out;
}

/** Links outside code: [text](target), skipping fenced blocks and inline code. */
function links(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) out.push(m[1]!);
  }
  return out;
}

describe('documentation links', () => {
  it('every relative link in the markdown resolves, headings included', () => {
    const broken: string[] = [];
    const mds = files(ROOT, (f) => f.endsWith('.md'));
    expect(mds.length).toBeGreaterThan(10);
    for (const file of mds) {
      for (const target of links(readFileSync(file, 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:, mis:
        const [path, hash] = target.split('#') as [string, string | undefined];
        const dest = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
        const where = `${relative(ROOT, file)} → ${target}`;
        if (!existsSync(dest)) broken.push(`${where}: no such file`);
        else if (hash && dest.endsWith('.md') && !anchors(readFileSync(dest, 'utf8')).has(hash))
          broken.push(`${where}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every docs/ path named in src/ exists', () => {
    const missing: string[] = [];
    let named = 0;
    for (const file of files(join(ROOT, 'src'), (f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?<![\w/.-])docs\/[\w./-]*\w/g)) {
        named++;
        if (!existsSync(join(ROOT, m[0]))) missing.push(`${relative(ROOT, file)}: ${m[0]}`);
      }
    }
    expect(named).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('every src/ path named in the docs exists', () => {
    const missing: string[] = [];
    let named = 0;
    // api-facts.md cites other projects' source files (the official clients, SmartLead tools), not ours.
    const mds = files(ROOT, (f) => f.endsWith('.md') && !f.endsWith('api-facts.md'));
    for (const file of mds) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?<![\w/.-])src\/[\w./-]*[\w/]/g)) {
        if (text[m.index + m[0].length] === '*') continue; // a glob: src/x*.ts
        named++;
        if (!existsSync(join(ROOT, m[0]))) missing.push(`${relative(ROOT, file)}: ${m[0]}`);
      }
    }
    expect(named).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

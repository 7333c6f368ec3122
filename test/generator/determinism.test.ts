import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDatasetPath, parsePortal, readPortalFile, writePortalFile } from '../../src/dataset/index.js';
import { runGenerate } from '../../src/generator/cli.js';
import { DEFAULT_AS_OF, generatePortal } from '../../src/generator/index.js';

/** The committed file's exact bytes: the streamed writer's layout. */
function serialize(options: Parameters<typeof generatePortal>[0]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  try {
    const file = join(dir, 'portal.json');
    writePortalFile(file, generatePortal(options));
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('generatePortal determinism', () => {
  it('same seed and options give identical JSON', () => {
    expect(JSON.stringify(generatePortal({ seed: 42, deals: 110 }))).toBe(JSON.stringify(generatePortal({})));
    expect(JSON.stringify(generatePortal({ seed: 9, deals: 60 }))).toBe(
      JSON.stringify(generatePortal({ seed: 9, deals: 60 })),
    );
  });

  it('a different seed gives a different portal', () => {
    expect(JSON.stringify(generatePortal({ seed: 43 }))).not.toBe(JSON.stringify(generatePortal({ seed: 42 })));
  });

  it('defaults: seed 42, 110 deals, asOf Friday 20 Nov 2026 18:00 IST', () => {
    const d = generatePortal();
    expect(DEFAULT_AS_OF).toBe('2026-11-20T18:00:00+05:30');
    expect(d.portal).toEqual({
      name: 'Demo Logistics SaaS',
      currency: 'INR',
      timezone: 'Asia/Kolkata',
      asOf: DEFAULT_AS_OF,
    });
    expect(d.objects.deals).toHaveLength(110);
    expect(d.generator?.seed).toBe(42);
  });

  it('the committed data/demo-portal.json is exactly generatePortal({ seed: 42, deals: 110 })', () => {
    expect(readFileSync(demoDatasetPath(), 'utf8')).toBe(serialize({ seed: 42, deals: 110 }));
  });

  it('rejects bad options', () => {
    expect(() => generatePortal({ deals: 0 })).toThrow(RangeError);
    expect(() => generatePortal({ deals: 2.5 })).toThrow(RangeError);
    expect(() => generatePortal({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generatePortal({ asOf: 'next tuesday' })).toThrow(RangeError);
  });
});

describe('validity', () => {
  it.each([1, 2, 7, 19, 30])('a %i-deal portal passes parsePortal', (deals) => {
    const d = generatePortal({ deals, seed: deals });
    expect(() => parsePortal(JSON.parse(JSON.stringify(d)))).not.toThrow();
    expect(d.objects.deals).toHaveLength(deals);
  });

  it('a custom asOf moves the whole portal', () => {
    const d = parsePortal(JSON.parse(JSON.stringify(generatePortal({ asOf: '2025-03-14T10:00:00Z', deals: 40 }))));
    const asOf = Date.parse('2025-03-14T10:00:00Z');
    for (const deal of d.objects.deals) expect(Date.parse(deal.properties['createdate']!)).toBeLessThan(asOf);
  });

  it('runGenerate writes a file readPortalFile accepts and reports counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    try {
      const out = join(dir, 'p.json');
      const r = runGenerate({ seed: 5, deals: 50, out });
      expect(r.file).toBe(out);
      expect(r.counts['deals']).toBe(50);
      expect(r.ms).toBeGreaterThanOrEqual(0);
      expect(readPortalFile(out).objects.deals).toHaveLength(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

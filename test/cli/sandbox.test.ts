/** `mis sandbox load|save` in-process (`mis sandbox serve` as a subprocess: test/cli/commands.smoke.test.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPortalFile, writePortalFile } from '../../src/dataset/index.js';
import { runMain } from '../support/cli.js';
import { fixtureInput } from '../support/fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mis-sandbox-cli-'));
});

describe('mis sandbox', () => {
  it('load: a bad file is refused by JSON path and the store keeps what it had; save writes it back', async () => {
    const env = { MIS_STATE_DIR: join(dir, 'load-state') };
    const good = join(dir, 'good.json');
    writePortalFile(good, fixtureInput({ deals: 9 }));
    expect((await runMain(['sandbox', 'load', good], env)).stdout).toMatch(/loaded .*good\.json: .*9 deals/);

    const broken = fixtureInput({ deals: 40 });
    broken.associations!.push({ from: { type: 'deals', id: '4001' }, to: { type: 'companies', id: '777' } });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(broken));
    const r = await runMain(['sandbox', 'load', bad], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/associations\[\d+\]\.to: no companies record with id "777"/);

    const out = join(dir, 'saved.json');
    expect((await runMain(['sandbox', 'save', out], env)).status).toBe(0);
    expect(readPortalFile(out).objects.deals).toHaveLength(9);
  });
});

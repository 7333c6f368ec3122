import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG, loadTeamConfig, parseTeamConfig } from '../../src/config/index.js';
import { StateError, StateStore, findingFingerprint } from '../../src/state/index.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mis-state-'));

describe('state store', () => {
  it('refuses a database from a newer sales-mis and leaves it byte for byte', () => {
    const d = dir();
    const s = StateStore.open(d);
    s.db.pragma('user_version = 42');
    s.close();
    const before = readFileSync(join(d, 'mis.db'));
    expect(() => StateStore.open(d)).toThrow(StateError);
    expect(() => StateStore.open(d)).toThrow(/newer than this sales-mis understands/);
    expect(readFileSync(join(d, 'mis.db')).equals(before)).toBe(true);
  });

  it('refuses a corrupt file with what to do, never resetting it', () => {
    const d = dir();
    writeFileSync(join(d, 'mis.db'), 'not a database, just text '.repeat(200));
    const err = (() => {
      try {
        StateStore.open(d);
      } catch (e) {
        return e as StateError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(StateError);
    expect(err!.hint).toMatch(/Move the damaged file aside/);
    expect(readFileSync(join(d, 'mis.db'), 'utf8')).toMatch(/^not a database/);
  });

  it('records a run with its findings and audit rows atomically, and finds the previous run', () => {
    const s = StateStore.open(dir());
    const f: Finding = {
      check: 'stale_deal',
      objectType: 'deal',
      objectId: '4001',
      ownerId: '101',
      severity: 'high',
      summary: 'x',
      evidence: { daysSinceActivity: 18 },
    };
    const run = (id: string, asOf: string) => ({
      id,
      workflow: 'check',
      driver: 'offline',
      ownerId: null,
      asOf,
      startedAt: asOf,
      finishedAt: asOf,
      status: 'ok' as const,
      durationMs: 1,
    });
    s.recordRun(
      run('a', '2026-11-19T12:00:00.000Z'),
      [f],
      [{ ownerId: '101', openDeals: 3, staleDeals: 1, notesLogged: 2, activitiesLogged: 5, findings: 1 }],
    );
    expect(s.previousRun('check', '2026-11-20T12:00:00.000Z')!.id).toBe('a');
    expect(s.previousRun('check', '2026-11-19T12:00:00.000Z')).toBeNull();
    expect(s.findingsOf('a')).toEqual([f]);
    expect(s.findingFingerprints('a').has(findingFingerprint(f))).toBe(true);
    // A failing insert (duplicate run id) leaves nothing half-written.
    expect(() => s.recordRun(run('a', '2026-11-21T12:00:00.000Z'), [f, f])).toThrow();
    expect(s.findingsOf('a')).toHaveLength(1);
    expect(s.auditTrend('2026-11-01T00:00:00.000Z')).toHaveLength(1);
    s.close();
  });
});

describe('team config', () => {
  it('fills every default from the strategy and merges what is given', () => {
    expect(DEFAULT_TEAM_CONFIG.stale.defaultDays).toBe(14);
    expect(DEFAULT_TEAM_CONFIG.targets.weekly).toMatchObject({
      calls: 15,
      emails: 20,
      meetings: 3,
      notes: 5,
      dealsTouchedShare: 0.8,
      staleShareMax: 0.2,
    });
    const c = parseTeamConfig({ stale: { byStage: { appointmentscheduled: 21 } }, targets: { weekly: { calls: 10 } } });
    expect(c.stale.defaultDays).toBe(14);
    expect(c.stale.byStage['appointmentscheduled']).toBe(21);
    expect(c.targets.weekly.calls).toBe(10);
    expect(c.targets.weekly.emails).toBe(20);
  });

  it('names the field of a bad value, and reads mis.config.json from the working folder', () => {
    expect(() => parseTeamConfig({ stale: { defaultDays: -3 } }, 'mis.config.json')).toThrow(
      /mis\.config\.json: stale\.defaultDays: /,
    );
    const d = dir();
    writeFileSync(join(d, 'mis.config.json'), JSON.stringify({ risk: { competitors: ['FarEye'] } }));
    expect(loadTeamConfig(undefined, d).risk.competitors).toEqual(['FarEye']);
    writeFileSync(join(d, 'broken.json'), '{ nope');
    expect(() => loadTeamConfig('broken.json', d)).toThrow(/not valid JSON/);
    expect(() => loadTeamConfig('missing.json', d)).toThrow(/does not exist/);
  });
});

/** The scheduler with an injected clock: cron slots in the team time zone, no overlap, one catch-up run. */
import { describe, expect, it } from 'vitest';
import { Scheduler, type Clock, type SchedulerEvent } from '../../src/agent/index.js';
import { StateStore } from '../../src/state/index.js';

class FakeClock implements Clock {
  private waiters: { at: number; resolve(): void }[] = [];
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const w = { at: this.t + ms, resolve };
      this.waiters.push(w);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  async advanceTo(t: number): Promise<void> {
    this.t = t;
    for (const w of this.waiters.filter((x) => x.at <= t)) w.resolve();
    this.waiters = this.waiters.filter((x) => x.at > t);
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  }
}

const IST = 'Asia/Kolkata';
const iso = (s: string) => Date.parse(s);

/** Records runs the way `mis schedule` does, with the injected clock's times. */
function recorder(state: StateStore, clock: FakeClock) {
  let n = 0;
  return (workflow: string) =>
    state.recordRun({
      id: `run-${++n}`,
      workflow,
      driver: 'offline',
      ownerId: null,
      asOf: new Date(clock.now()).toISOString(),
      startedAt: new Date(clock.now()).toISOString(),
      finishedAt: new Date(clock.now()).toISOString(),
      status: 'ok',
      durationMs: 0,
    });
}

describe('scheduler', () => {
  it('reads cron in the team time zone: weekdays 18:00 IST', async () => {
    const clock = new FakeClock(iso('2026-11-20T10:00:00Z')); // Friday 15:30 IST
    const s = new Scheduler({
      workflows: [{ name: 'daily', schedule: '0 18 * * 1-5' }],
      timezone: IST,
      clock,
      lastRunAt: () => clock.now(),
      run: async () => undefined,
    });
    s.start();
    expect(new Date(s.nextWake()!).toISOString()).toBe('2026-11-20T12:30:00.000Z');
    await clock.advanceTo(iso('2026-11-20T13:00:00Z'));
    s.tick();
    expect(new Date(s.nextWake()!).toISOString()).toBe('2026-11-23T12:30:00.000Z'); // Monday
  });

  it('after downtime, catches up ONE run per workflow from the last run in the state store, then resumes the schedule', async () => {
    const state = new StateStore(':memory:');
    const clock = new FakeClock(iso('2026-11-17T12:30:05Z')); // Tue 18:00:05 IST: the last run before downtime
    const record = recorder(state, clock);
    record('daily');
    record('weekly');
    await clock.advanceTo(iso('2026-11-20T04:30:00Z')); // Fri 10:00 IST: Wed and Thu 18:00 were missed
    const runs: { workflow: string; slot: string }[] = [];
    const events: SchedulerEvent[] = [];
    const make = () =>
      new Scheduler({
        workflows: [
          { name: 'daily', schedule: '0 18 * * *' },
          { name: 'weekly', schedule: '0 17 * * 5' },
        ],
        timezone: IST,
        clock,
        lastRunAt: (w) => {
          const r = state.lastRun(w);
          return r ? Date.parse(r.startedAt) : null;
        },
        run: async (workflow, slot) => {
          runs.push({ workflow, slot: slot.toISOString() });
          record(workflow);
        },
        onEvent: (e) => events.push(e),
      });
    const s = make();
    expect(s.start()).toEqual(['daily']); // weekly's last slot (Fri 13 Nov 17:00) is before its last run
    await s.idle();
    expect(runs).toEqual([{ workflow: 'daily', slot: '2026-11-19T12:30:00.000Z' }]); // one run for the latest missed slot
    expect(events.find((e) => e.type === 'catch-up')).toMatchObject({
      workflow: 'daily',
      lastRun: '2026-11-17T12:30:05.000Z',
    });
    // A restart right after does not catch up again: the catch-up run is the last run now.
    expect(make().missed()).toEqual([]);
    // The schedule resumes: Friday 17:00 weekly, 18:00 daily.
    await clock.advanceTo(iso('2026-11-20T11:30:00Z'));
    expect(s.tick()).toEqual(['weekly']);
    await clock.advanceTo(iso('2026-11-20T12:30:00Z'));
    expect(s.tick()).toEqual(['daily']);
    await s.idle();
    expect(runs.map((r) => r.workflow)).toEqual(['daily', 'weekly', 'daily']);
    expect((state.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n).toBe(5);
    state.close();
  });

  it('never overlaps the same workflow: a slot that comes while it still runs is skipped, other workflows still run', async () => {
    const clock = new FakeClock(iso('2026-11-20T04:30:00Z'));
    let finish: () => void = () => undefined;
    const runs: string[] = [];
    const events: SchedulerEvent[] = [];
    const s = new Scheduler({
      workflows: [
        { name: 'slow', schedule: '*/5 * * * *' },
        { name: 'quick', schedule: '*/5 * * * *' },
      ],
      timezone: IST,
      clock,
      lastRunAt: () => clock.now(),
      run: (w) => {
        runs.push(w);
        return w === 'slow' ? new Promise<void>((r) => (finish = r)) : Promise.resolve();
      },
      onEvent: (e) => events.push(e),
    });
    expect(s.start()).toEqual([]);
    await clock.advanceTo(clock.t + 5 * 60_000);
    expect(s.tick()).toEqual(['slow', 'quick']);
    await clock.advanceTo(clock.t + 5 * 60_000);
    expect(s.isRunning('slow')).toBe(true);
    expect(s.tick()).toEqual(['quick']);
    expect(events.filter((e) => e.type === 'skipped')).toEqual([
      {
        type: 'skipped',
        workflow: 'slow',
        slot: '2026-11-20T04:40:00.000Z',
        reason: 'the previous run is still in progress',
      },
    ]);
    finish();
    await s.idle();
    await clock.advanceTo(clock.t + 5 * 60_000);
    expect(s.tick()).toEqual(['slow', 'quick']);
    finish();
    await s.idle();
    expect(runs.filter((w) => w === 'slow')).toHaveLength(2);
  });

  it('a run that fails is reported and does not stop the schedule', async () => {
    const clock = new FakeClock(iso('2026-11-20T04:30:00Z'));
    const events: SchedulerEvent[] = [];
    const s = new Scheduler({
      workflows: [{ name: 'flaky', schedule: '*/5 * * * *' }],
      timezone: IST,
      clock,
      lastRunAt: () => null,
      run: () => Promise.reject(new Error('boom')),
      onEvent: (e) => events.push(e),
    });
    expect(s.start()).toEqual(['flaky']); // never ran: the latest slot is due once
    await s.idle();
    expect(events.find((e) => e.type === 'failed')).toMatchObject({ workflow: 'flaky', error: 'boom' });
    await clock.advanceTo(clock.t + 5 * 60_000);
    expect(s.tick()).toEqual(['flaky']);
    await s.idle();
  });

  it('the loop sleeps until the next slot on the injected clock, runs it, and stops on abort', async () => {
    const clock = new FakeClock(iso('2026-11-20T04:31:00Z'));
    const runs: string[] = [];
    const s = new Scheduler({
      workflows: [{ name: 'w', schedule: '*/5 * * * *' }],
      timezone: IST,
      clock,
      lastRunAt: () => clock.now(),
      run: async (w, slot) => void runs.push(`${w}@${slot.toISOString()}`),
    });
    const ac = new AbortController();
    const done = s.loop(ac.signal);
    await clock.advanceTo(iso('2026-11-20T04:34:59Z'));
    expect(runs).toEqual([]);
    await clock.advanceTo(iso('2026-11-20T04:35:00Z'));
    expect(runs).toEqual(['w@2026-11-20T04:35:00.000Z']);
    ac.abort();
    await done;
  });

  it('--dry-run reports what would run and runs nothing', async () => {
    const clock = new FakeClock(iso('2026-11-20T04:30:00Z'));
    const events: SchedulerEvent[] = [];
    let ran = 0;
    const s = new Scheduler({
      workflows: [{ name: 'w', schedule: '0 9 * * *' }],
      timezone: IST,
      clock,
      lastRunAt: () => null,
      run: async () => void ran++,
      dryRun: true,
      onEvent: (e) => events.push(e),
    });
    s.start();
    await s.idle();
    expect(ran).toBe(0);
    expect(events.filter((e) => e.type === 'would-run')).toEqual([
      { type: 'would-run', workflow: 'w', slot: '2026-11-20T03:30:00.000Z' },
    ]);
  });
});

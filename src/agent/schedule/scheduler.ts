/**
 * Runs workflows on their cron schedules in the team time zone (croner). The same workflow never runs twice at
 * once (a slot that comes while it still runs is skipped, and said so). On start, a workflow whose most recent
 * slot is later than its last recorded run (state store) is caught up with ONE run, however many slots were
 * missed during the downtime.
 */
import { Cron } from 'croner';
import type { Workflow } from '../workflow/schema.js';
import { systemClock, type Clock } from './clock.js';

export type SchedulerEvent =
  | { type: 'catch-up'; workflow: string; slot: string; lastRun: string | null }
  | { type: 'started'; workflow: string; slot: string }
  | { type: 'finished'; workflow: string; slot: string; ms: number }
  | { type: 'failed'; workflow: string; slot: string; error: string }
  | { type: 'skipped'; workflow: string; slot: string; reason: string }
  | { type: 'would-run'; workflow: string; slot: string }
  | { type: 'next'; workflow: string; at: string };

export interface SchedulerOptions {
  workflows: readonly Pick<Workflow, 'name' | 'schedule'>[];
  /** IANA time zone the cron expressions are read in. */
  timezone: string;
  /** When the workflow last ran (ms), from the state store; null when never. */
  lastRunAt(workflow: string): number | null;
  /** Runs one workflow for a slot; records itself. A throw is reported, not fatal. */
  run(workflow: string, slot: Date): Promise<void>;
  clock?: Clock;
  /** Report what would run, run nothing. */
  dryRun?: boolean;
  onEvent?: (e: SchedulerEvent) => void;
}

interface Entry {
  name: string;
  cron: Cron;
  next: number | null;
}

export class Scheduler {
  private readonly clock: Clock;
  private readonly entries: Entry[];
  private readonly running = new Map<string, Promise<void>>();
  private started = false;

  constructor(private readonly o: SchedulerOptions) {
    this.clock = o.clock ?? systemClock;
    // Workflows without a schedule run on demand only (mis run).
    this.entries = o.workflows.flatMap((w) =>
      w.schedule
        ? [{ name: w.name, cron: new Cron(w.schedule, { timezone: o.timezone, paused: true }), next: null }]
        : [],
    );
  }

  /** Workflows whose latest slot (≤ now) is after their last run: each is due once. */
  missed(now = this.clock.now()): { workflow: string; slot: Date; lastRun: number | null }[] {
    const out: { workflow: string; slot: Date; lastRun: number | null }[] = [];
    for (const e of this.entries) {
      const slot = e.cron.previousRuns(1, new Date(now + 1))[0];
      if (!slot) continue;
      const last = this.o.lastRunAt(e.name);
      if (last === null || slot.getTime() > last) out.push({ workflow: e.name, slot, lastRun: last });
    }
    return out;
  }

  /** Catches up missed slots (one run each) and computes the next slots. Returns the runs it started. */
  start(): string[] {
    const now = this.clock.now();
    const started: string[] = [];
    for (const m of this.missed(now)) {
      this.emit({
        type: 'catch-up',
        workflow: m.workflow,
        slot: m.slot.toISOString(),
        lastRun: m.lastRun === null ? null : new Date(m.lastRun).toISOString(),
      });
      if (this.launch(m.workflow, m.slot)) started.push(m.workflow);
    }
    for (const e of this.entries) this.plan(e, now);
    this.started = true;
    return started;
  }

  /** Starts every workflow whose next slot has come (skipping one still running). Returns the runs it started. */
  tick(): string[] {
    if (!this.started) return this.start();
    const now = this.clock.now();
    const started: string[] = [];
    for (const e of this.entries) {
      if (e.next === null || e.next > now) continue;
      const slot = new Date(e.next);
      if (this.launch(e.name, slot)) started.push(e.name);
      this.plan(e, now);
    }
    return started;
  }

  /** When the next slot of any workflow comes (ms), or null. */
  nextWake(): number | null {
    const times = this.entries.map((e) => e.next).filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : null;
  }

  /** Runs until the signal aborts, then waits for runs in progress. */
  async loop(signal: AbortSignal): Promise<void> {
    this.tick();
    while (!signal.aborted) {
      const wake = this.nextWake();
      if (wake === null) break;
      await this.clock.sleep(Math.max(0, wake - this.clock.now()), signal);
      if (signal.aborted) break;
      this.tick();
    }
    await this.idle();
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  isRunning(workflow: string): boolean {
    return this.running.has(workflow);
  }

  private plan(e: Entry, now: number): void {
    e.next = e.cron.nextRun(new Date(now))?.getTime() ?? null;
    if (e.next !== null) this.emit({ type: 'next', workflow: e.name, at: new Date(e.next).toISOString() });
  }

  private launch(name: string, slot: Date): boolean {
    const at = slot.toISOString();
    if (this.running.has(name)) {
      this.emit({ type: 'skipped', workflow: name, slot: at, reason: 'the previous run is still in progress' });
      return false;
    }
    if (this.o.dryRun) {
      this.emit({ type: 'would-run', workflow: name, slot: at });
      return false;
    }
    const t0 = this.clock.now();
    this.emit({ type: 'started', workflow: name, slot: at });
    let release: () => void = () => undefined;
    // Marked running before the run starts, so even a run that fails at once cannot overlap.
    this.running.set(name, new Promise<void>((resolve) => (release = resolve)));
    void (async () => {
      try {
        await this.o.run(name, slot);
        this.emit({ type: 'finished', workflow: name, slot: at, ms: this.clock.now() - t0 });
      } catch (e) {
        this.emit({ type: 'failed', workflow: name, slot: at, error: (e as Error)?.message ?? String(e) });
      } finally {
        this.running.delete(name);
        release();
      }
    })();
    return true;
  }

  private emit(e: SchedulerEvent): void {
    this.o.onEvent?.(e);
  }
}

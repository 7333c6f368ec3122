/** Time for the scheduler, injectable so tests control it. */
export interface Clock {
  now(): number;
  /** Resolves after ms (or at once when the signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      // setTimeout holds at most 2^31 - 1 ms; the loop sleeps again if it woke early.
      const t = setTimeout(done, Math.min(Math.max(0, ms), 2 ** 31 - 1));
      function done() {
        signal?.removeEventListener('abort', done);
        clearTimeout(t);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * Time as the guard's time budgets see it: the current time, waits, and time-outs. Production uses the
 * system's; tests pass one whose waits take no real time, so that what a run does (how often it retries,
 * whether a wait still fits the budget) never depends on how busy the machine is.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A signal that aborts after `ms`, unless cleared first (a finished request leaves no timer behind). */
  timeout(ms: number): Timeout;
}

export interface Timeout {
  signal: AbortSignal;
  clear(): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  timeout(ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  },
};

/**
 * A clock for runs whose outcome must not depend on the machine's speed: time passes only when the run
 * waits (instantly, for as long as it asked) or when a request is never answered (a hang), which a test
 * signals with `expireNextTimeout()`. Work takes no time on it, so a busy machine never turns a wait that
 * fits the budget into one that does not, nor cuts a slow answer, and a test can say exactly how long the
 * run waited.
 */
import type { Clock, Timeout } from '../../core/clock';

interface Scheduled {
  at: number;
  run(): void;
}

interface PendingTimeout {
  due: number;
  controller: AbortController;
}

export class TestClock implements Clock {
  private time: number;
  private readonly scheduled: Scheduled[] = [];
  private readonly timeouts = new Set<PendingTimeout>();
  /** Every wait the run took, in order. */
  readonly sleeps: number[] = [];

  constructor(private readonly start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Time passed on this clock since it was made: the waits, and the time-outs that expired. */
  elapsed(): number {
    return this.time - this.start;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.advanceTo(this.time + ms);
    // Resolved on the next turn of the event loop, as a real wait is: never within the caller's own step.
    return new Promise((resolve) => setImmediate(resolve));
  }

  timeout(ms: number): Timeout {
    const pending: PendingTimeout = { due: this.time + ms, controller: new AbortController() };
    this.timeouts.add(pending);
    return { signal: pending.controller.signal, clear: () => this.timeouts.delete(pending) };
  }

  /**
   * A request will never be answered: time runs on to the first time-out pending, which expires with
   * every other one due by then.
   */
  expireNextTimeout(): void {
    const dues = [...this.timeouts].map((pending) => pending.due);
    if (dues.length > 0) this.advanceTo(Math.min(...dues));
  }

  /** Something that happens elsewhere `ms` after now on this clock, e.g. another run finishing its work. */
  at(ms: number, run: () => void): void {
    this.scheduled.push({ at: this.time + ms, run });
  }

  private advanceTo(target: number): void {
    for (;;) {
      const next = this.scheduled.filter((event) => event.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.scheduled.splice(this.scheduled.indexOf(next), 1);
      this.time = Math.max(this.time, next.at);
      next.run();
    }
    this.time = Math.max(this.time, target);
    for (const pending of [...this.timeouts].filter(({ due }) => due <= this.time)) {
      this.timeouts.delete(pending);
      pending.controller.abort();
    }
  }
}

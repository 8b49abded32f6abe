/**
 * A clock for runs whose outcome must not depend on the machine's speed: time passes only when the run
 * waits (instantly, for as long as it asked) or when one of its time-outs really expires (a hang must
 * end). Work takes no time on it, so a busy machine never turns a wait that fits the budget into one that
 * does not, and a test can say exactly how long the run waited.
 */
import type { Clock, Timeout } from '../../core/clock';

interface Scheduled {
  at: number;
  run(): void;
}

export class TestClock implements Clock {
  private time: number;
  private readonly scheduled: Scheduled[] = [];
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

  /**
   * Expires in real time (nothing else would end a request that is never answered), and then moves the
   * clock to when it was due, so the run sees its budget spent.
   */
  timeout(ms: number): Timeout {
    const controller = new AbortController();
    const due = this.time + ms;
    const timer = setTimeout(() => {
      this.advanceTo(due);
      controller.abort();
    }, ms);
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
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
  }
}

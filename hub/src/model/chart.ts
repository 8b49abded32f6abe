/**
 * The arithmetic of the Scaling tab's charts, apart from drawing them: where a time or a value lands, and
 * which round values label the axes.
 */

/** A linear map from a domain onto a range of pixels. */
export function linear(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Steps a wait axis is labelled in, so that its labels read as round durations. */
const DURATION_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * SECOND).concat([1, 2, 5, 10, 15, 30, 60, 120, 240].map((m) => m * MINUTE));

/** Up to `most` round ticks past 0 that cover `max` (a duration in ms): 0, 5 s, 10 s, 15 s for a 12 s wait. */
export function durationTicks(max: number, most = 4): number[] {
  const step = DURATION_STEPS.find((candidate) => candidate * most >= max) ?? DURATION_STEPS[DURATION_STEPS.length - 1];
  return ticksOf(step, Math.max(max, step));
}

/** Whole-number ticks from 0 that cover `max` (a count), at most `most` of them past 0. */
export function countTicks(max: number, most = 4): number[] {
  const step = Math.max(1, Math.ceil(Math.max(max, 1) / most));
  return ticksOf(step, Math.max(max, 1));
}

function ticksOf(step: number, max: number): number[] {
  const ticks = [0];
  while (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

/** Every `hours` hours on the hour (in the viewer's time zone) within the window. */
export function hourTicks(since: Date, until: Date, hours = 6): Date[] {
  const first = new Date(since);
  first.setMinutes(0, 0, 0);
  if (first < since) first.setHours(first.getHours() + 1);
  while (first.getHours() % hours !== 0) first.setHours(first.getHours() + 1);
  const ticks: Date[] = [];
  for (const tick = new Date(first); tick <= until; tick.setHours(tick.getHours() + hours)) ticks.push(new Date(tick));
  return ticks;
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY_AND_CLOCK = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** A time of day, as the axis labels it. */
export function clockTime(date: Date): string {
  return CLOCK.format(date);
}

/** A time within the last day, unambiguous: the table's rows. */
export function dayAndClockTime(date: Date): string {
  return DAY_AND_CLOCK.format(date);
}

/**
 * `npm test` runs the fuzz and load suites reduced, to stay fast; `npm run test:long` sets `KPG_LONG=1`
 * and runs them in full. The full run prints its figures, which docs/reliability.md quotes.
 */
export const LONG = process.env.KPG_LONG === '1';

/** How many times to try something: `reduced` in `npm test`, `full` in `npm run test:long`. */
export function runs(reduced: number, full: number): number {
  return LONG ? full : reduced;
}

/** One figure of a long run (faults tried, inputs fuzzed, runs at once...), printed for the record. */
export function figure(label: string, value: number): void {
  if (LONG) console.log(`      figure: ${label}: ${value}`);
}

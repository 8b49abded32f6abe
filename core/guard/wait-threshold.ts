import { InputError } from './inputs';

// Apart from inputs.ts, which the hub's first load holds: in the page only the settings panel, loaded on demand, reads it.

/** A day, the window the waits are measured over: a longer acceptable wait could never be exceeded in it. */
export const MAX_WAIT_THRESHOLD_SECONDS = 86_400;

/**
 * The task's `waitThresholdSeconds`, the CLI's `--wait-threshold`, the hub's project setting: the longest
 * acceptable wait for an agent, whole seconds from 1 to a day, in milliseconds; empty for none.
 */
export function parseWaitThreshold(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const seconds = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || seconds < 1 || seconds > MAX_WAIT_THRESHOLD_SECONDS) {
    throw new InputError('input.waitThresholdInvalid', { value: trimmed, max: MAX_WAIT_THRESHOLD_SECONDS });
  }
  return seconds * 1000;
}

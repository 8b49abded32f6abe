/**
 * Scenario times are ISO strings or offsets from the load moment (`-3h`, `-2d`, `-15m`, `-30s`,
 * `+1h`, `now`), so a scenario looks the same age whenever it is loaded. Offsets add up, to the second:
 * `-3h+12s` is 12 seconds after `-3h`.
 */

import { parseServiceTime } from './service-time';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function resolveTime(text: string, now: Date, where: string): Date {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'now') return new Date(now);
  if (/^([+-]\d+[smhd])+$/i.test(trimmed)) {
    const terms = [...trimmed.matchAll(/([+-])(\d+)([smhd])/gi)];
    const offsetMs = terms.reduce(
      (sum, [, sign, count, unit]) => sum + (sign === '-' ? -1 : 1) * Number(count) * UNIT_MS[unit.toLowerCase()],
      0,
    );
    return new Date(now.getTime() + offsetMs);
  }
  const absolute = parseServiceTime(trimmed);
  if (!absolute) throw new Error(`${where}: "${text}" is neither an ISO time nor an offset like -3h, -2d, -15m, -30s, -3h+12s`);
  return absolute;
}

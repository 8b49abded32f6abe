/**
 * Scenario times are ISO strings or offsets from the load moment (`-3h`, `-2d`, `-15m`, `-30s`,
 * `+1h`, `now`), so a scenario looks the same age whenever it is loaded.
 */

import { parseServiceTime } from './service-time';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function resolveTime(text: string, now: Date, where: string): Date {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'now') return new Date(now);
  const offset = /^([+-])(\d+)([smhd])$/i.exec(trimmed);
  if (offset) {
    const sign = offset[1] === '-' ? -1 : 1;
    return new Date(now.getTime() + sign * Number(offset[2]) * UNIT_MS[offset[3].toLowerCase()]);
  }
  const absolute = parseServiceTime(trimmed);
  if (!absolute) throw new Error(`${where}: "${text}" is neither an ISO time nor an offset like -3h, -2d, -15m, -30s`);
  return absolute;
}

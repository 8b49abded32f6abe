/**
 * How fast the hub's pools list fills in, measured from the page load (the host page's navigation start,
 * as a person opening the page sees it) to the marks the hub sets when the first pool's row and the
 * whole list are on screen.
 */
import type { Page } from 'playwright-core';
import type { HostPageOptions } from '../../sandbox/host/mount';
import type { BrowserHarness } from './hub-browser';

export interface HubLoad {
  firstRowMs: number;
  fullListMs: number;
}

const FIRST = 'kpg:first-pool';
const ALL = 'kpg:all-pools';

export async function measureHubLoad(harness: BrowserHarness, page: Page, options: Partial<HostPageOptions>): Promise<HubLoad> {
  const hub = await harness.open(page, options);
  // Strings, not functions: the test runner's transpiler would add helpers the page does not have.
  await hub.waitForFunction(`performance.getEntriesByName('${ALL}').length > 0`, undefined, { timeout: 60_000, polling: 50 });
  const hostStart = (await page.evaluate('performance.timeOrigin')) as number;
  const marks = (await hub.evaluate(
    `({ origin: performance.timeOrigin, first: performance.getEntriesByName('${FIRST}')[0].startTime, all: performance.getEntriesByName('${ALL}')[0].startTime })`,
  )) as { origin: number; first: number; all: number };
  return { firstRowMs: Math.round(marks.origin + marks.first - hostStart), fullListMs: Math.round(marks.origin + marks.all - hostStart) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

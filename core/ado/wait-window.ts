import { WAIT_WINDOW_MAX_REQUESTS, WAIT_WINDOW_MS } from '../model/waits';
import type { JobRequest } from '../model/types';
import type { AdoClient } from './client';

/** The most a `$top` page holds, whatever is asked for (kedacore/keda#6819; the sandbox does the same). */
export const JOB_REQUEST_PAGE_MAX = 200;

export interface WaitWindow {
  /** Requests queued before this end the read. */
  since: Date;
  /** At most this many requests are read. */
  maxRequests?: number;
}

/**
 * The pool's requests over the window the waits are measured on, newest first, page by page with the service's
 * continuation token: until a page reaches back before `since`, `maxRequests` are in, or no token follows. Pages
 * come newest first (as KEDA's `$top` window relies on, kedacore/keda#6819; the order itself is not documented),
 * and the model leaves out whatever was read from before `since`.
 */
export async function readWaitWindow(client: AdoClient, poolId: number, window: WaitWindow): Promise<JobRequest[]> {
  const max = window.maxRequests ?? WAIT_WINDOW_MAX_REQUESTS;
  const since = window.since.getTime();
  const requests: JobRequest[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  do {
    const page = await client.listJobRequestPage(poolId, Math.min(JOB_REQUEST_PAGE_MAX, max - requests.length), token);
    requests.push(...page.requests.slice(0, max - requests.length));
    const reachedBack = page.requests.some((request) => request.queueTime !== undefined && request.queueTime.getTime() < since);
    // A token seen before, or a page without requests, would never end: the read stops with what it has.
    const repeated = page.continuationToken !== undefined && tokens.has(page.continuationToken);
    token = reachedBack || repeated || page.requests.length === 0 ? undefined : page.continuationToken;
    if (token) tokens.add(token);
  } while (token && requests.length < max);
  return requests;
}

/** The requests of the day before `now`, as the waits are measured: `readWaitWindow` over `WAIT_WINDOW_MS`. */
export function readDayOfRequests(client: AdoClient, poolId: number, now: Date): Promise<JobRequest[]> {
  return readWaitWindow(client, poolId, { since: new Date(now.getTime() - WAIT_WINDOW_MS) });
}

import { JobRequest, Pool, PoolSnapshot } from '../model/types';
import { AdoClient } from './client';
import { AdoError } from './errors';

export type PoolRead =
  | { name: string; kind: 'found'; snapshot: PoolSnapshot }
  /** No pool of that name is visible: it does not exist, or the caller lacks a role on it. */
  | { name: string; kind: 'missing' }
  /**
   * `organization`: the pool list itself failed, so the organization URL, the network or the token is at
   * fault, not the pool; `pool`: the pool was listed, and reading it failed.
   */
  | { name: string; kind: 'failed'; error: AdoError; scope: 'organization' | 'pool' };

/**
 * How many pools are read at once: ten, so that a typical guard over up to ten pools waits for one
 * round of requests, and no more, so that fifty pools do not flood the service's rate limit.
 */
const POOL_CONCURRENCY = 10;

/**
 * Reads what the model needs for the named pools in the fewest round trips: the pool list once
 * (by name when there is only one), then each pool's agents and unfinished requests side by side.
 * One pool failing never hides the others.
 */
export async function readPools(
  client: AdoClient,
  names: readonly string[],
  now: () => Date = () => new Date(),
  reading: SnapshotReading = {},
): Promise<PoolRead[]> {
  let pools: Pool[];
  try {
    pools = await client.listPools(names.length === 1 ? names[0] : undefined);
  } catch (error) {
    return names.map((name) => ({ name, kind: 'failed', error: asAdoError(error), scope: 'organization' }));
  }
  return mapLimited(names, POOL_CONCURRENCY, async (name): Promise<PoolRead> => {
    const pool = pools.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!pool) return { name, kind: 'missing' };
    try {
      return { name, kind: 'found', snapshot: await readPoolSnapshot(client, pool, now, reading) };
    } catch (error) {
      return { name, kind: 'failed', error: asAdoError(error), scope: 'pool' };
    }
  });
}

/**
 * How many of a pool's newest requests are read for its history: enough to tell who ran its jobs lately and
 * what they demanded, in one small page (the service answers `$top` with at most 200).
 */
export const HISTORY_SIZE = 25;

/**
 * The pool's newest `HISTORY_SIZE` requests, one small page: the snapshot's history, and all the pools list
 * reads for its Waits column (the day's read, `readWaitWindow`, is for one pool at a time).
 */
export async function readRecentJobRequests(client: AdoClient, poolId: number): Promise<JobRequest[]> {
  return (await client.listJobRequestPage(poolId, HISTORY_SIZE)).requests;
}

/** What a snapshot reads beyond what every judgement needs. */
export interface SnapshotReading {
  /**
   * Reads the day's requests for the waits (`PoolSnapshot.waitWindow`): `readDayOfRequests`, up to three pages
   * more per pool, so not for a long list, which leaves it out of its code too.
   */
  waitWindow?: (client: AdoClient, poolId: number, now: Date) => Promise<JobRequest[]>;
}

export async function readPoolSnapshot(
  client: AdoClient,
  pool: Pool,
  now: () => Date = () => new Date(),
  reading: SnapshotReading = {},
): Promise<PoolSnapshot> {
  // Microsoft runs the agents of hosted pools; nothing about them decides whether a job queues, so they are not read.
  if (pool.isHosted) return { pool, agents: [], jobRequests: [], takenAt: now() };
  const [agents, jobRequests, requests] = await Promise.all([
    client.listAgents(pool.id),
    client.listUnfinishedJobRequests(pool.id),
    // The window's first page is the newest requests, so it holds the history too.
    reading.waitWindow ? reading.waitWindow(client, pool.id, now()) : readRecentJobRequests(client, pool.id),
  ]);
  // `listAgents` asks for each agent's last completed request, so its absence means the agent never ran a job.
  return {
    pool,
    agents,
    jobRequests,
    history: requests.slice(0, HISTORY_SIZE),
    ...(reading.waitWindow ? { waitWindow: requests } : {}),
    takenAt: now(),
    included: { lastCompletedRequest: true },
  };
}

function asAdoError(error: unknown): AdoError {
  if (error instanceof AdoError) return error;
  throw error;
}

/** `Promise.all` over `items`, with at most `limit` calls in flight; results keep the input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

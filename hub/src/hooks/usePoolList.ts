import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AdoError } from '../../../core/ado/errors';
import { mapLimited, readPoolSnapshot } from '../../../core/ado/snapshots';
import type { Pool, PoolSnapshot } from '../../../core/model/types';
import {
  failedRow,
  initialRow,
  internalErrorRow,
  judgedRow,
  poolsOfQueues,
  unviewablePools,
  unviewableRow,
  type PoolRow,
} from '../model/pool-rows';
import { poolSettings, type HubSettings } from '../model/settings';
import type { HubServices } from '../services/host';

/**
 * Pools read at once, two requests each. The portal talks HTTP/2 to Azure DevOps, so they are all in flight
 * together. On 300 pools with 50 ms of latency per request the whole list took about 4 s with 12 at once,
 * 3 s with 24 and 2.5 s with 32 (test/hub/hub-large.test.ts); beyond that the page waits on parsing, not on
 * round trips, and a burst only comes closer to the service's rate limits.
 */
const POOL_CONCURRENCY = 32;

type PoolResult =
  | { kind: 'read'; snapshot: PoolSnapshot }
  | { kind: 'failed'; error: AdoError }
  /** Not read: the caller may not view the pool, and its reads would answer empty (`unviewablePools`). */
  | { kind: 'unviewable' }
  /** A bug of ours while reading the pool: it fails that pool's row, and the others are read on. */
  | { kind: 'internalError'; error: unknown };

export type ListPhase = 'listing' | 'listed' | 'failed';

export interface PoolList {
  phase: ListPhase;
  /** Why the project's queues could not be listed: an `AdoError`, or a bug of ours anywhere in the loading. */
  listError?: unknown;
  /** Rows stay "checking" until the settings are in: a verdict under the wrong settings would flicker. */
  rows: PoolRow[];
  refresh(): void;
  /** Reads one pool again, e.g. after an action changed it. */
  refreshPool(poolId: number): Promise<void>;
}

/**
 * The project's pools, read side by side with bounded concurrency; each row fills in as its pool's data
 * arrives, and one pool failing fails only its row. Rows are judged from the data and the settings, so a
 * change of settings judges again without reading again. The one pool list per load says which pools the
 * caller may view; the others are shown as such, unread.
 */
export function usePoolList(services: HubServices, settings: HubSettings | undefined): PoolList {
  const [phase, setPhase] = useState<ListPhase>('listing');
  const [listError, setListError] = useState<unknown>();
  const [pools, setPools] = useState<Pool[]>([]);
  const [unviewable, setUnviewable] = useState<ReadonlySet<number>>(new Set());
  const [results, setResults] = useState<ReadonlyMap<number, PoolResult>>(new Map());
  const generation = useRef(0);
  const buffer = useBatchedResults(setResults);

  const load = useCallback(async () => {
    const current = ++generation.current;
    const isCurrent = () => current === generation.current;
    setPhase('listing');
    setListError(undefined);
    setResults(new Map());
    buffer.clear();
    try {
      const { client, project } = services;
      const [queues, records] = await Promise.all([client.listQueues(project.name), client.listPools()]);
      const listed = poolsOfQueues(queues, records);
      const hidden = unviewablePools(listed, records);
      if (!isCurrent()) return;
      setPools(listed);
      setUnviewable(hidden);
      setPhase('listed');
      await mapLimited(listed, POOL_CONCURRENCY, async (pool) => {
        // A refresh supersedes this load: its pools still waiting are not read at all.
        if (!isCurrent()) return;
        const result = await readPool(services, pool, hidden);
        if (isCurrent()) buffer.add(pool.id, result);
      });
    } catch (error) {
      // The queues could not be listed, or a bug of ours broke the loading: either way the page says so and
      // offers to try again, rather than wait for ever.
      if (!(error instanceof AdoError)) console.error(error);
      if (!isCurrent()) return;
      setListError(error);
      setPhase('failed');
    }
  }, [services, buffer]);

  useEffect(() => {
    // `load` settles every failure into the page's state; it never rejects.
    void load();
  }, [load]);

  const refreshPool = useCallback(
    async (poolId: number) => {
      const pool = pools.find((p) => p.id === poolId);
      if (!pool) return;
      const current = generation.current;
      const result = await readPool(services, pool, unviewable);
      if (current === generation.current) setResults((previous) => new Map(previous).set(poolId, result));
    },
    [pools, unviewable, services],
  );

  const judge = useJudgedRows(services.organizationUrl);
  const rows = useMemo(
    () => pools.map((pool) => (settings ? judge(pool, results.get(pool.id), settings) : initialRow(pool))),
    [pools, results, settings, judge],
  );
  return { phase, listError, rows, refresh: () => void load(), refreshPool };
}

async function readPool(services: HubServices, pool: Pool, unviewable: ReadonlySet<number>): Promise<PoolResult> {
  if (unviewable.has(pool.id)) return { kind: 'unviewable' };
  try {
    return { kind: 'read', snapshot: await readPoolSnapshot(services.client, pool) };
  } catch (error) {
    if (error instanceof AdoError) return { kind: 'failed', error };
    // The details of a bug of ours go to the console, where the row's message sends the user.
    console.error(error);
    return { kind: 'internalError', error };
  }
}

/**
 * Results arrive one by one; rendering a long table for each would slow the page down, so the first is
 * shown at once and the others are handed to React together, a few times a second.
 */
const BATCH_INTERVAL_MS = 150;

function useBatchedResults(setResults: (update: (previous: ReadonlyMap<number, PoolResult>) => ReadonlyMap<number, PoolResult>) => void) {
  return useMemo(() => {
    let waiting = new Map<number, PoolResult>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shownAny = false;
    const flush = () => {
      timer = undefined;
      const batch = waiting;
      waiting = new Map();
      if (batch.size > 0) setResults((previous) => new Map([...previous, ...batch]));
    };
    return {
      add(poolId: number, result: PoolResult) {
        waiting.set(poolId, result);
        if (timer !== undefined) return;
        timer = setTimeout(flush, shownAny ? BATCH_INTERVAL_MS : 0);
        shownAny = true;
      },
      /** A new load: drop what the previous one left, and show its first result at once again. */
      clear() {
        clearTimeout(timer);
        timer = undefined;
        waiting = new Map();
        shownAny = false;
      },
    };
  }, [setResults]);
}

/** Judging is pure but not free, so each pool is judged again only when its data or the settings change. */
function useJudgedRows(organizationUrl: string) {
  return useMemo(() => {
    const cache = new WeakMap<PoolResult, { settings: HubSettings; row: PoolRow }>();
    return (pool: Pool, result: PoolResult | undefined, settings: HubSettings): PoolRow => {
      if (!result) return initialRow(pool);
      const cached = cache.get(result);
      if (cached?.settings === settings) return cached.row;
      const row = resultRow(pool, result, settings, organizationUrl);
      cache.set(result, { settings, row });
      return row;
    };
  }, [organizationUrl]);
}

function resultRow(pool: Pool, result: PoolResult, settings: HubSettings, organizationUrl: string): PoolRow {
  switch (result.kind) {
    case 'read':
      return judgedRow(pool, result.snapshot, poolSettings(settings, pool.id, organizationUrl));
    case 'failed':
      return failedRow(pool, result.error);
    case 'unviewable':
      return unviewableRow(pool);
    case 'internalError':
      return internalErrorRow(pool, result.error);
  }
}

import type { AdoError } from '../../../core/ado/errors';
import { failureReport } from '../../../core/guard/failures';
import { DemandParseError } from '../../../core/model/demands';
import type { Finding, Severity, Verdict } from '../../../core/model/findings';
import type { Pool, PoolSnapshot, Queue } from '../../../core/model/types';
import type { PoolSettings } from '../../../core/model/settings';
import { evaluatePool, type JudgedPoolReport, type PoolReport, type UnreadPoolReport } from '../../../core/model/verdict';

/** One line of the pools list, as its data arrives. */
export type PoolRow =
  | { readonly pool: Pool; readonly state: 'loading' }
  | { readonly pool: Pool; readonly state: 'loaded'; readonly snapshot: PoolSnapshot; readonly report: JudgedPoolReport }
  /** The pool could not be read; the report holds the cause and its fix as its only finding. */
  | { readonly pool: Pool; readonly state: 'failed'; readonly error: AdoError; readonly report: UnreadPoolReport }
  /** Read, but its saved settings cannot be applied (a demand that does not parse). */
  | { readonly pool: Pool; readonly state: 'misconfigured'; readonly snapshot: PoolSnapshot; readonly problem: string }
  /** A bug of ours while reading or judging this pool: no verdict, since nothing is known about its agents. */
  | { readonly pool: Pool; readonly state: 'internalError'; readonly error: unknown };

/**
 * The pools behind the project's queues, each once (several queues may share a pool): self-hosted ones
 * by name, then the Microsoft-hosted ones, which are out of the way at the end. A queue's pool reference
 * lacks the pool's agent cloud, which tells Managed DevOps Pools apart, so the organization's pool records
 * are used where the caller may see them.
 */
export function poolsOfQueues(queues: readonly Queue[], records: readonly Pool[]): Pool[] {
  const byId = new Map(records.map((pool) => [pool.id, pool]));
  const pools = new Map<number, Pool>();
  for (const { pool } of queues) {
    if (pools.has(pool.id)) continue;
    pools.set(
      pool.id,
      byId.get(pool.id) ?? {
        id: pool.id,
        name: pool.name,
        isHosted: pool.isHosted === true,
        poolType: 'automation',
        options: pool.options,
      },
    );
  }
  return [...pools.values()].sort((a, b) => Number(a.isHosted) - Number(b.isHosted) || byName(a.name, b.name));
}

export function initialRow(pool: Pool): PoolRow {
  return { pool, state: 'loading' };
}

/**
 * Judges a pool that was read; a settings problem is reported on the row instead of breaking the list, and
 * so is a bug of ours, with its details in the browser's console.
 */
export function judgedRow(pool: Pool, snapshot: PoolSnapshot, settings: PoolSettings): PoolRow {
  try {
    return { pool, state: 'loaded', snapshot, report: evaluatePool(snapshot, settings) };
  } catch (error) {
    if (error instanceof DemandParseError) return { pool, state: 'misconfigured', snapshot, problem: error.message };
    console.error(error);
    return internalErrorRow(pool, error);
  }
}

export function internalErrorRow(pool: Pool, error: unknown): PoolRow {
  return { pool, state: 'internalError', error };
}

export function failedRow(pool: Pool, error: AdoError): PoolRow & { state: 'failed' } {
  // The failure is the pool's one finding whatever its settings, so they are not applied.
  return { pool, state: 'failed', error, report: failureReport(pool.name, error, { demands: [] }, { kind: 'portalUser' }) };
}

/** Rows whose data is in (or failed): what "Checked n of m" counts. */
export function isSettled(row: PoolRow): boolean {
  return row.state !== 'loading';
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The finding the row shows as the verdict's reason: the first of the gravest. */
export function mainFinding(report: PoolReport): Finding | undefined {
  let main: Finding | undefined;
  for (const finding of report.findings) if (!main || SEVERITY_RANK[finding.severity] < SEVERITY_RANK[main.severity]) main = finding;
  return main;
}

/** KEDA agents online now: the pods running or waiting for a job. */
export function kedaAgentsOnline(report: JudgedPoolReport): number {
  return report.agents.filter(({ kind, agent }) => kind === 'keda' && agent.status === 'online').length;
}

/** A row's verdict once its data is in; a pool whose saved settings cannot be applied was not judged. */
export function rowVerdict(row: PoolRow): Verdict | undefined {
  if (row.state === 'loaded' || row.state === 'failed') return row.report.verdict;
  return row.state === 'misconfigured' ? 'unknown' : undefined;
}

export type SortKey = 'name' | 'verdict' | 'pending' | 'registered' | 'lastKeda';
export interface Sorting {
  key: SortKey;
  descending: boolean;
}

export interface RowFilter {
  /** Case-insensitive part of the pool's name. */
  name: string;
  /** Empty: every verdict. Rows still loading show anyway, so that the list does not jump when they arrive. */
  verdicts: readonly Verdict[];
}

const VERDICT_RANK: Record<Verdict, number> = { blocked: 0, unknown: 1, atRisk: 2, ready: 3 };

/**
 * The rows to show: filtered, then sorted; Microsoft-hosted pools stay at the end whatever the order,
 * and rows without the sorted value (still loading, failed) after those that have it.
 */
export function visibleRows(rows: readonly PoolRow[], filter: RowFilter, sorting: Sorting): PoolRow[] {
  const name = filter.name.trim().toLowerCase();
  const shown = rows.filter((row) => {
    if (name !== '' && !row.pool.name.toLowerCase().includes(name)) return false;
    if (filter.verdicts.length === 0) return true;
    const verdict = rowVerdict(row);
    return verdict === undefined || filter.verdicts.includes(verdict);
  });
  const direction = sorting.descending ? -1 : 1;
  return shown.sort((a, b) => {
    const hosted = Number(a.pool.isHosted) - Number(b.pool.isHosted);
    if (hosted !== 0) return hosted;
    const [x, y] = [sortValue(a, sorting.key), sortValue(b, sorting.key)];
    if (x === undefined || y === undefined) return Number(x === undefined) - Number(y === undefined) || byName(a.pool.name, b.pool.name);
    const order = typeof x === 'string' && typeof y === 'string' ? byName(x, y) : Number(x) - Number(y);
    return order * direction || byName(a.pool.name, b.pool.name);
  });
}

function sortValue(row: PoolRow, key: SortKey): string | number | undefined {
  if (key === 'name') return row.pool.name;
  const verdict = rowVerdict(row);
  if (key === 'verdict') return verdict === undefined ? undefined : VERDICT_RANK[verdict];
  if (row.state !== 'loaded') return undefined;
  const { report } = row;
  switch (key) {
    case 'pending':
      return report.pending.count;
    case 'registered':
      return report.counts?.registered;
    case 'lastKeda':
      return report.lastKedaRegistration?.ageMs;
  }
}

// One collator for every comparison: `localeCompare` with options builds one per call, which shows when a
// long list is sorted again as its rows fill in.
const NAMES = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function byName(a: string, b: string): number {
  return NAMES.compare(a, b);
}

import type { AdoClient } from '../ado/client';
import type { ChecksPort } from '../ado/checks';
import { AdoError } from '../ado/errors';
import {
  checkMatchesPlan,
  planPoolCheck,
  readPoolCheck,
  type InstalledPoolCheck,
  type PoolCheckPlan,
  type PoolCheckSettings,
} from '../model/pool-check';
import type { Pool, Queue } from '../model/types';
import { InputError } from './inputs';

/**
 * Installing, showing and removing the pool check of a project's agent queue (`model/pool-check.ts`), for
 * the command line's `gate` command and the hub alike. Installing is idempotent and never leaves the queue
 * unguarded: a check that differs is replaced by adding the new one before deleting the old.
 */

/** What `gate` does with the pool check: the command line's `gate install|show|remove`, the hub's buttons. */
export const GATE_ACTIONS = ['install', 'show', 'remove'] as const;
export type GateAction = (typeof GATE_ACTIONS)[number];

/** What the calls need: the queue and the pool, and the checks of the queue. */
export type PoolCheckClient = Pick<AdoClient, 'listPools' | 'listQueues'> & ChecksPort;

export interface PoolCheckTarget {
  project: string;
  /** The pool's name, or its queue's name in the project. */
  pool: string;
}

export interface PoolCheckState {
  project: string;
  queue: Queue;
  pool: Pool;
  /** The checks of ours on the queue, oldest first: one, unless someone added more by hand. */
  installed: InstalledPoolCheck[];
}

export type InstallOutcome =
  | { outcome: 'installed' | 'replaced'; check: InstalledPoolCheck; replaced: InstalledPoolCheck[] }
  | { outcome: 'unchanged'; check: InstalledPoolCheck; replaced: [] }
  | { outcome: 'notNeeded'; replaced: [] };

export type InstallResult = PoolCheckState & InstallOutcome & { plan: PoolCheckPlan; settings: PoolCheckSettings };
export type RemoveResult = PoolCheckState & { removed: InstalledPoolCheck[] };

export async function showPoolCheck(client: PoolCheckClient, target: PoolCheckTarget): Promise<PoolCheckState> {
  const { queue, pool } = await resolveQueue(client, target);
  const installed = await readInstalled(client, target.project, queue, pool);
  return { project: target.project, queue, pool, installed };
}

export async function installPoolCheck(
  client: PoolCheckClient,
  target: PoolCheckTarget,
  settings: PoolCheckSettings,
): Promise<InstallResult> {
  const state = await showPoolCheck(client, target);
  const plan = planPoolCheck(state.pool, state.queue.id, settings);
  const done = (outcome: InstallOutcome): InstallResult => ({ ...state, ...outcome, plan, settings });
  if (plan.kind === 'notNeeded') return done({ outcome: 'notNeeded', replaced: [] });
  const same = state.installed.find((check) => checkMatchesPlan(check, plan, settings));
  if (same && state.installed.length === 1) return done({ outcome: 'unchanged', check: same, replaced: [] });
  const added = await writing(state, () => client.addCheck(state.project, plan.body));
  const check = readPoolCheck(added);
  if (!check) throw new Error(`Azure DevOps answered the new check ${added.id} with a configuration that is not the one sent.`);
  for (const old of state.installed) await writing(state, () => client.deleteCheck(state.project, old.id));
  return done({ outcome: state.installed.length > 0 ? 'replaced' : 'installed', check, replaced: state.installed });
}

export async function removePoolCheck(client: PoolCheckClient, target: PoolCheckTarget): Promise<RemoveResult> {
  const state = await showPoolCheck(client, target);
  for (const check of state.installed) await writing(state, () => client.deleteCheck(state.project, check.id));
  return { ...state, removed: state.installed };
}

/** The project's queue for the pool, and the pool itself (its `autoUpdate` and kind decide the check). */
async function resolveQueue(client: PoolCheckClient, target: PoolCheckTarget): Promise<{ queue: Queue; pool: Pool }> {
  const wanted = target.pool.toLowerCase();
  const queues = await client.listQueues(target.project);
  const queue =
    queues.find((candidate) => candidate.pool.name.toLowerCase() === wanted) ??
    queues.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (!queue) throw new InputError('poolCheck.noQueue', { project: target.project, pool: target.pool });
  const pool = (await client.listPools(queue.pool.name)).find((candidate) => candidate.id === queue.pool.id);
  if (!pool) throw new InputError('poolCheck.noPool', { pool: queue.pool.name });
  return { queue, pool };
}

async function readInstalled(client: PoolCheckClient, project: string, queue: Queue, pool: Pool): Promise<InstalledPoolCheck[]> {
  const checks = await explained({ project, queue: queue.name }, () => client.listQueueChecks(project, queue.id));
  return checks.flatMap((check) => {
    const ours = readPoolCheck(check);
    return ours && ours.poolId === pool.id ? [ours] : [];
  });
}

function writing<T>(state: PoolCheckState, call: () => Promise<T>): Promise<T> {
  return explained({ project: state.project, queue: state.queue.name }, call);
}

/** The checks' own refusals in words; a failure of the network or the service goes on as the `AdoError` it is. */
async function explained<T>(where: { project: string; queue: string }, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    const message = error.serviceMessage ?? `HTTP ${error.status ?? '?'}`;
    if (error.kind === 'forbidden') throw new InputError('poolCheck.denied', { ...where, message });
    if (error.kind === 'unauthorized') throw new InputError('poolCheck.unauthorized', { ...where, message });
    if (error.kind === 'badRequest' || error.kind === 'notFound' || error.kind === 'conflict') {
      throw new InputError('poolCheck.failed', { ...where, status: error.status ?? 0, message });
    }
    throw error;
  }
}

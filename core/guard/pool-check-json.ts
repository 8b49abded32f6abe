import type { InstalledPoolCheck } from '../model/pool-check';
import type { GateAction, InstallResult, PoolCheckState, RemoveResult } from './pool-check';
import { REPORT_SCHEMA_VERSION, type FindingJson } from './report';

/**
 * What `keda-pool-guard gate … --json` prints (`schemas/gate-report.schema.json`): per pool, the checks of
 * ours on its queue once the command is done, those it replaced or removed, and why a pool failed. Field
 * names are a contract with users' scripts; add to them, never rename.
 */
export interface GateReportJson {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  action: 'gate';
  gate: GateAction;
  errored: boolean;
  pools: GatePoolJson[];
}

export interface GatePoolJson {
  /** As given on the command line. */
  name: string;
  project: string;
  id: number | null;
  queueId: number | null;
  outcome: 'installed' | 'replaced' | 'unchanged' | 'notNeeded' | 'removed' | 'shown' | 'failed';
  checks: CheckJson[];
  /** Replaced by `install`, or removed by `remove`. */
  changed: CheckJson[];
  /** Why the pool failed (a read or a change refused), else empty. */
  findings: FindingJson[];
}

export interface CheckJson {
  id: number;
  displayName: string;
  demands: string[];
  minAgentVersion: string | null;
  connection: string;
  timeoutMinutes: number | null;
  retryMinutes: number;
}

export type GatePoolResult =
  { action: 'install'; result: InstallResult } | { action: 'show'; result: PoolCheckState } | { action: 'remove'; result: RemoveResult };

export function gatePoolJson(name: string, done: GatePoolResult): GatePoolJson {
  const { result } = done;
  const where = { name, project: result.project, id: result.pool.id, queueId: result.queue.id };
  if (done.action === 'show')
    return { ...where, outcome: 'shown', checks: done.result.installed.map(checkJson), changed: [], findings: [] };
  if (done.action === 'remove')
    return { ...where, outcome: 'removed', checks: [], changed: done.result.removed.map(checkJson), findings: [] };
  const install = done.result;
  const checks = install.outcome === 'notNeeded' ? install.installed : [install.check];
  return { ...where, outcome: install.outcome, checks: checks.map(checkJson), changed: install.replaced.map(checkJson), findings: [] };
}

/** A pool whose queue or checks could not be read or changed. */
export function failedGatePoolJson(name: string, project: string, findings: readonly FindingJson[]): GatePoolJson {
  return { name, project, id: null, queueId: null, outcome: 'failed', checks: [], changed: [], findings: [...findings] };
}

export function gateReportJson(gate: GateAction, pools: readonly GatePoolJson[]): GateReportJson {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    action: 'gate',
    gate,
    errored: pools.some((pool) => pool.outcome === 'failed'),
    pools: [...pools],
  };
}

function checkJson(check: InstalledPoolCheck): CheckJson {
  return {
    id: check.id,
    displayName: check.displayName,
    demands: check.demands,
    minAgentVersion: check.minAgentVersion ?? null,
    connection: check.connection,
    timeoutMinutes: check.timeoutMinutes ?? null,
    retryMinutes: check.retryMinutes,
  };
}

/**
 * Issue 13's cases, one table for the task, the command line and the hub: the demo's pools, two of them
 * arranged into what the demo lacks (a placeholder someone else registered, the name held by an agent at
 * work). Each with the plan `repair` makes there, the words that say it, and what the first repair
 * leaves; a second repair changes nothing.
 */
import type { OrgState } from '../../sandbox';

export interface RepairCase {
  name: string;
  pool: string;
  /** As the task's `demands` input and `--demand` take them. */
  demands: string;
  plan: 'register' | 'refresh' | 'refused';
  reasons: string[];
  /** Words of the plan's summary, as the task's log, `repair --dry-run` and the hub say it. */
  says: RegExp;
  /** The first repair's result in the report (`pools[].repair`). */
  repair: 'registered' | 'refreshed' | 'notDone';
  /** The pool's verdict after the first repair. */
  verdict: 'ready' | 'atRisk' | 'blocked';
}

export const REPAIR_CASES: readonly RepairCase[] = [
  {
    name: 'an empty pool',
    pool: 'keda-empty',
    demands: 'kubectl',
    plan: 'register',
    reasons: ['missing'],
    says: /Register placeholder keda-placeholder in pool keda-empty, offline/,
    repair: 'registered',
    verdict: 'ready',
  },
  {
    name: 'an outdated placeholder of ours',
    pool: 'keda-old-placeholder',
    demands: 'kubectl',
    plan: 'refresh',
    reasons: ['belowMinimum'],
    says: /Refresh placeholder keda-placeholder in pool keda-old-placeholder in place.*agent version 2\.210\.1 becomes 4\.248\.0/,
    repair: 'refreshed',
    verdict: 'ready',
  },
  {
    name: 'a placeholder of ours that lacks a demanded capability',
    pool: 'keda-missing-capability',
    demands: 'kubectl',
    plan: 'refresh',
    reasons: ['lacksDemanded'],
    says: /Refresh placeholder keda-placeholder in pool keda-missing-capability in place.*its agent version stays 4\.248\.0/,
    repair: 'refreshed',
    verdict: 'ready',
  },
  {
    name: 'a placeholder someone else registered',
    pool: 'keda-ready',
    demands: 'kubectl',
    plan: 'refused',
    reasons: ['foreignPlaceholder'],
    says: /leaves placeholder keda-placeholder in pool keda-ready alone: it lacks the marker capability/,
    repair: 'notDone',
    verdict: 'atRisk',
  },
  {
    name: 'the name held by an agent at work',
    pool: 'keda-leftovers',
    demands: 'kubectl',
    plan: 'refused',
    reasons: ['nameTaken'],
    says: /registers nothing in pool keda-leftovers: agent keda-placeholder already holds the placeholder’s name/,
    repair: 'notDone',
    verdict: 'atRisk',
  },
  {
    name: 'a Microsoft-hosted pool',
    pool: 'Azure Pipelines',
    demands: 'kubectl',
    plan: 'refused',
    reasons: ['hostedPool'],
    says: /Pool Azure Pipelines is Microsoft-hosted: repair registers nothing there/,
    repair: 'notDone',
    verdict: 'ready',
  },
  {
    name: 'a static pool',
    pool: 'static-linux',
    demands: 'Agent.OS -equals Linux',
    plan: 'refused',
    reasons: ['staticPool'],
    says: /registers nothing in pool static-linux: nothing shows that KEDA scales it/,
    repair: 'notDone',
    verdict: 'atRisk',
  },
  {
    name: 'an Azure-provisioned pool',
    pool: 'vmss-linux',
    demands: 'kubectl',
    plan: 'refused',
    reasons: ['azureProvisionedPool'],
    says: /Pool vmss-linux is provisioned by Azure: repair registers nothing there/,
    repair: 'notDone',
    verdict: 'ready',
  },
];

/**
 * The demo's state for the two cases it lacks: in `keda-ready`, its placeholder replaced by one registered
 * by hand (no marker) that no longer satisfies `kubectl`; in `keda-leftovers`, an online agent named
 * `keda-placeholder` without `kubectl`.
 */
export function arrangeRepairCases(org: OrgState): void {
  const pool = (name: string) => org.findPoolByName(name)!;
  const ready = pool('keda-ready');
  org.deleteAgent(ready.id, org.findAgentByName(ready.id, 'keda-placeholder')!.id);
  org.registerAgent(ready.id, { name: 'keda-placeholder', version: '4.248.0', systemCapabilities: { sh: '/bin/sh' } });
  const leftovers = pool('keda-leftovers');
  const worker = org.registerAgent(leftovers.id, { name: 'keda-placeholder', version: '4.248.0', systemCapabilities: { sh: '/bin/sh' } });
  org.setAgentStatus(leftovers.id, worker.id, 'online');
}

/** What a repair could change in a pool: its agents with their versions and capabilities. */
export function agentsOf(org: OrgState, pool: string): unknown[] {
  return org
    .listAgents(org.findPoolByName(pool)!.id)
    .map(({ id, name, version, status, systemCapabilities, userCapabilities }) =>
      structuredClone({ id, name, version, status, systemCapabilities, userCapabilities }),
    );
}

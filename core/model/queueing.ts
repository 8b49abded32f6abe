import { capabilitiesOf } from './capabilities';
import { formatDemand, isAgentVersionDemand, satisfies, unmetDemands, type Demand } from './demands';
import { parseVersion } from './version';
import type { Agent, PoolSnapshot } from './types';

/** Agents that satisfy a job's demands, split the way the service's waiting messages split them. */
export interface WaitingOn {
  /** Enabled and online. */
  online: Agent[];
  /** Enabled and offline: the job waits until one comes online ("All eligible agents are disabled or offline"). */
  offline: Agent[];
  /** Disabled, online or not: the job waits for one to be enabled. */
  disabled: Agent[];
  /** Online, enabled and not busy: could start the job now. */
  runnableNow: Agent[];
}

export type QueueDecision =
  | { outcome: 'failsAtOnce'; serviceMessage: string }
  | ({
      outcome: 'waits';
      /**
       * Agents that miss only the `Agent.Version` minimum, which the service asks to update itself. When no
       * agent satisfies the demands, the job queues only thanks to them; an offline one never updates.
       */
      awaitingUpdate: Agent[];
    } & WaitingOn);

/** What of the pool decides how its jobs queue, besides its agents. */
export interface QueueingPool {
  name: string;
  /** The pool lets the service update agents (`autoUpdate`, on unless switched off). */
  autoUpdate?: boolean;
}

/**
 * The service's own refusal, word for word, so users can match it to their pipeline logs; it is never
 * translated. `demands` must already carry the implicit `Agent.Version` demand, last. Like the service
 * (`DistributedTaskResourceServiceHelper.ConstructUnmatchedDemandsError`, Azure DevOps Server 2022,
 * decompiled; medium confidence that Services words it the same), it names a demand every registered
 * agent fails, else the first pair of demands every agent fails one of, else all of them; an empty pool
 * gets the last form (the KEDA blog's `… which satisfies the specified demands: Agent.Version -gtVersion …`).
 */
function serviceRefusal(poolName: string, demands: readonly Demand[], agents: readonly Agent[]): string {
  const all = demands.map(formatDemand).join(', ');
  const failedBy = demands.map((demand) => agents.filter((agent) => !satisfies(capabilitiesOf(agent), demand)));
  const everyAgent = (failing: readonly Agent[]) => agents.length > 0 && failing.length === agents.length;
  const single = failedBy.findIndex(everyAgent);
  if (single >= 0)
    return `No agent found in pool ${poolName} which satisfies the following demand: ${demands[single].name}. All demands: ${all}`;
  for (let first = 0; first < demands.length; first++) {
    for (let second = first + 1; second < demands.length; second++) {
      if (failedBy[first].length === 0 || failedBy[second].length === 0) continue;
      const either = new Set([...failedBy[first], ...failedBy[second]]);
      if (everyAgent([...either]))
        return `No agent found in pool ${poolName} satisfies both of the following demands: ${demands[first].name}, ${demands[second].name}. All demands: ${all}`;
    }
  }
  return `No agent found in pool ${poolName} which satisfies the specified demands: ${all}`;
}

/** The service's refusal when only an update would let agents take the job and the pool forbids updates. */
function updateRefusal(poolName: string, version: string): string {
  return `The pool ${poolName} doesn't allow agent updates. Agent version ${version} is required and no agents with that version are registered. An administrator can alter this by visiting the pool's Settings page at the organization level.`;
}

/** Agents running a job: those with an assigned request, or reserved by an unfinished request. */
export function busyAgentIds(snapshot: PoolSnapshot): Set<number> {
  const busy = new Set<number>();
  for (const agent of snapshot.agents) if (agent.assignedRequest) busy.add(agent.id);
  for (const request of snapshot.jobRequests) {
    if (request.result == null && request.reservedAgent) busy.add(request.reservedAgent.id);
  }
  return busy;
}

/**
 * Will a job with these demands queue? The service fails it at once when no registered agent (online,
 * offline or disabled) satisfies all demands; otherwise the job waits for one of them.
 *
 * One exception, from the service's queueing code (`DistributedTaskResourceService`, Azure DevOps Server
 * 2022, decompiled; medium confidence that Services does the same): agents that miss only the
 * `Agent.Version` minimum (and are not of the legacy major version 1) are asked to update, and the job
 * waits instead of failing, as long as the pool allows updates (`autoUpdate`, the default). This assumes
 * the minimum is one the service can update to, i.e. not newer than the newest agent released.
 */
export function decideQueueing(
  pool: QueueingPool,
  agents: readonly Agent[],
  demands: readonly Demand[],
  busy: ReadonlySet<number> = new Set(),
): QueueDecision {
  const waitingOn: WaitingOn = { online: [], offline: [], disabled: [], runnableNow: [] };
  const updatable: Agent[] = [];
  for (const agent of agents) {
    const unmet = unmetDemands(capabilitiesOf(agent), demands);
    if (unmet.length === 1 && isAgentVersionDemand(unmet[0]) && (parseVersion(agent.version)?.[0] ?? 0) >= 2) updatable.push(agent);
    if (unmet.length > 0) continue;
    if (!agent.enabled) waitingOn.disabled.push(agent);
    else if (agent.status === 'offline') waitingOn.offline.push(agent);
    else {
      waitingOn.online.push(agent);
      if (!busy.has(agent.id)) waitingOn.runnableNow.push(agent);
    }
  }
  const matching = waitingOn.online.length + waitingOn.offline.length + waitingOn.disabled.length;
  if (matching > 0) return { outcome: 'waits', awaitingUpdate: updatable, ...waitingOn };
  if (updatable.length === 0) return { outcome: 'failsAtOnce', serviceMessage: serviceRefusal(pool.name, demands, agents) };
  const minimum = demands.find(isAgentVersionDemand)?.value ?? '';
  if (pool.autoUpdate === false) return { outcome: 'failsAtOnce', serviceMessage: updateRefusal(pool.name, minimum) };
  return { outcome: 'waits', awaitingUpdate: updatable, ...waitingOn };
}

import { capabilitiesOf } from './capabilities';
import { formatDemand, satisfiesAll, type Demand } from './demands';
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

export type QueueDecision = { outcome: 'failsAtOnce'; serviceMessage: string } | ({ outcome: 'waits' } & WaitingOn);

/**
 * The service's own refusal, word for word, so users can match it to their pipeline logs; it is
 * never translated. `demands` must already carry the implicit `Agent.Version` demand, last.
 */
function serviceRefusal(poolName: string, demands: readonly Demand[]): string {
  return `No agent found in pool ${poolName} which satisfies the specified demands: ${demands.map(formatDemand).join(', ')}`;
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
 * Will a job with these demands queue? The service fails it at once when no registered agent
 * (online, offline or disabled) satisfies all demands; otherwise the job waits for one of them.
 */
export function decideQueueing(
  poolName: string,
  agents: readonly Agent[],
  demands: readonly Demand[],
  busy: ReadonlySet<number> = new Set(),
): QueueDecision {
  const waitingOn: WaitingOn = { online: [], offline: [], disabled: [], runnableNow: [] };
  for (const agent of agents) {
    if (!satisfiesAll(capabilitiesOf(agent), demands)) continue;
    if (!agent.enabled) waitingOn.disabled.push(agent);
    else if (agent.status === 'offline') waitingOn.offline.push(agent);
    else {
      waitingOn.online.push(agent);
      if (!busy.has(agent.id)) waitingOn.runnableNow.push(agent);
    }
  }
  const matching = waitingOn.online.length + waitingOn.offline.length + waitingOn.disabled.length;
  if (matching === 0) return { outcome: 'failsAtOnce', serviceMessage: serviceRefusal(poolName, demands) };
  return { outcome: 'waits', ...waitingOn };
}

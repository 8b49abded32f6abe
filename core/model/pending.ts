import { capabilitiesOf } from './capabilities';
import type { ClassifiedAgent } from './classify';
import { requestDemands } from './demand-sets';
import { formatDemand, isAgentVersionDemand, satisfiesAll, type Demand } from './demands';
import { finding, line, type Finding, type Line } from './findings';
import type { GuidanceContext } from './guidance';
import { newestAgent } from './placeholder';
import type { JobRequest } from './types';

/** Queued and not yet given to an agent. */
export function isQueued(request: JobRequest): boolean {
  return request.result == null && !request.assignTime && !request.receiveTime && !request.finishTime;
}

export interface PendingJobs {
  queued: JobRequest[];
  oldestAgeMs?: number;
  /** Queued longer than the threshold with no KEDA agent registered since they were queued. */
  stuck: JobRequest[];
}

export function pendingJobs(
  requests: readonly JobRequest[],
  lastKedaRegistration: Date | undefined,
  now: Date,
  thresholdMs: number,
): PendingJobs {
  const queued = requests.filter(isQueued);
  const ages = queued.flatMap((request) => (request.queueTime ? [ageMs(request, now)] : []));
  const lastRegistered = lastKedaRegistration?.getTime() ?? -Infinity;
  const stuck = queued.filter(
    (request) => request.queueTime !== undefined && ageMs(request, now) > thresholdMs && lastRegistered <= request.queueTime.getTime(),
  );
  return { queued, ...(ages.length > 0 ? { oldestAgeMs: ages.reduce((a, b) => Math.max(a, b)) } : {}), stuck };
}

function ageMs(request: JobRequest, now: Date): number {
  return request.queueTime ? now.getTime() - request.queueTime.getTime() : 0;
}

export interface StuckContext {
  guidance: GuidanceContext;
  stuck: readonly JobRequest[];
  thresholdMs: number;
  kedaAgents: readonly ClassifiedAgent[];
  busy: ReadonlySet<number>;
  now: Date;
  /** KEDA's `parent`: compared with matched agent names exactly, as KEDA does. */
  parent?: string;
}

/** Demands of stuck jobs that no KEDA agent seen in the pool satisfies (`Agent.Version` aside: KEDA ignores it). */
function demandsNoKedaAgentFits(context: StuckContext): string[] {
  const cache = new Map<string, Demand | undefined>();
  const unfit = new Set<string>();
  for (const request of context.stuck) {
    const demands = requestDemands(request, cache).filter((demand) => !isAgentVersionDemand(demand));
    if (!context.kedaAgents.some(({ agent }) => satisfiesAll(capabilitiesOf(agent), demands))) {
      for (const demand of demands) unfit.add(formatDemand(demand));
    }
  }
  return [...unfit];
}

/**
 * Jobs wait and nothing scales. From Azure DevOps alone, the signs that tell the causes apart are
 * when a KEDA agent last registered, whether KEDA agents are busy (capacity), whether the jobs'
 * matched agents include KEDA's `parent`, and whether any KEDA agent ever fitted the jobs' demands.
 */
export function stuckJobsFinding(context: StuckContext): Finding {
  const { guidance: where, kedaAgents } = context;
  const signs: Line[] = [];
  const fixes: Line[] = [];

  const notParentMatched = context.parent
    ? context.stuck.filter((r) => r.matchedAgents && !r.matchedAgents.some((agent) => agent.name === context.parent))
    : [];
  if (context.parent && notParentMatched.length > 0) {
    signs.push(line('sign.parentNotMatched', { parent: context.parent, count: notParentMatched.length }));
    fixes.push(line('fix.checkParent', { parent: context.parent, pool: where.pool }));
  }
  const unfitDemands = kedaAgents.length > 0 ? demandsNoKedaAgentFits(context) : [];
  if (unfitDemands.length > 0) {
    signs.push(line('sign.noKedaAgentFits', { demands: unfitDemands }));
    fixes.push(line('fix.checkTriggerDemands', { demands: unfitDemands }));
  }

  const newest = newestAgent(kedaAgents)?.agent;
  if (!newest) {
    signs.push(line('sign.noKedaAgents', {}));
    fixes.push(line('fix.checkTriggerPool', { pool: where.pool, poolId: where.poolId }));
  } else {
    // Without a sign of a trigger mismatch, silence from KEDA means it is not scaling at all.
    const silent = signs.length === 0;
    if (newest.createdOn) {
      const registeredAgoMs = context.now.getTime() - newest.createdOn.getTime();
      signs.push(line(silent ? 'sign.kedaSilent' : 'sign.lastKedaRegistration', { agent: newest.name, ageMs: registeredAgoMs }));
    }
    if (silent) fixes.push(line('fix.checkKedaScaler', {}));
    const busyKeda = kedaAgents.filter(({ agent }) => agent.status === 'online' && context.busy.has(agent.id));
    if (busyKeda.length > 0) {
      signs.push(line('sign.kedaBusy', { count: busyKeda.length }));
      fixes.push(line('fix.raiseMaxReplicas', {}));
    }
  }

  return finding(
    'jobsStuck',
    {
      pool: where.pool,
      count: context.stuck.length,
      oldestMs: context.stuck.reduce((oldest, request) => Math.max(oldest, ageMs(request, context.now)), 0),
      thresholdMs: context.thresholdMs,
    },
    fixes,
    signs,
  );
}

import { isKedaKind, podNameMatcher, type ClassificationRules, type ClassifiedAgent } from './classify';
import type { PoolKind } from './pool-kind';
import type { Agent, JobRequest, PoolSnapshot } from './types';

/**
 * How long a pool's jobs wait for an agent, from its job requests alone (reference azure-devops-api.md §8,
 * `TaskAgentJobRequest`): the wait for an agent is `assignTime − queueTime`, the agent's start
 * `receiveTime − assignTime`; a request never assigned is still waiting, or, once it has a result, was
 * cancelled while it waited. In a KEDA pool the wait is KEDA's polling interval plus the pod's scheduling,
 * image pull and the agent's registration, which no other view of Azure DevOps shows.
 */

/** The window the waits are measured over: the last day, and at most `WAIT_WINDOW_MAX_REQUESTS` requests. */
export const WAIT_WINDOW_MS = 24 * 3_600_000;
export const WAIT_WINDOW_MAX_REQUESTS = 500;
/** The time series' step (`wait-series.ts`): a day in 96 steps, fine enough to see a morning's queue build up. */
export const WAIT_BUCKET_MS = 15 * 60_000;

export interface WaitInput {
  /** The pool's job requests in any order; those queued before `since` are left out. */
  requests: readonly JobRequest[];
  /** Where the window starts and ends; a request still waiting has waited until `now`. */
  since: Date;
  now: Date;
  /** Whether the agent of that name was started by KEDA (a ScaledJob's pod), registered now or not. */
  isKedaAgent(name: string): boolean;
  /** The pool's agents registered now: KEDA agents among them count in the series while they were online. */
  agents?: readonly Agent[];
  /** Waits longer than this are counted in `overThreshold`. */
  thresholdMs?: number;
}

/** One job an agent took: a point of the chart and a row of its table. */
export interface JobWait {
  requestId: number;
  queueTime: Date;
  waitMs: number;
  /** Absent until the agent has received the job. */
  agentStartMs?: number;
  agent?: string;
  /** Taken by an agent KEDA started. */
  keda: boolean;
}

/** Nearest-rank percentiles (the smallest value with at least that share of values at or below it), in ms. */
export interface Spread {
  p50: number;
  p95: number;
  max: number;
}

export interface PoolWaits {
  since: Date;
  until: Date;
  /** Requests queued in the window. */
  requests: number;
  /** Jobs an agent took, and of those the ones KEDA's agents took. */
  jobsRun: number;
  jobsRunByKeda: number;
  /** Absent when no job was taken. */
  wait?: Spread;
  /** Absent when no agent has received its job yet. */
  agentStart?: Spread;
  thresholdMs?: number;
  /** Jobs that waited longer than the threshold: taken late, still waiting, or cancelled after waiting that long. */
  overThreshold: number;
  /** Finished without ever getting an agent. */
  cancelledWhileWaiting: number;
  /** Waiting now, and how long the oldest has. */
  stillWaiting: number;
  oldestWaitingMs?: number;
  /**
   * Differences the service's own timestamps made negative (an assignment stamped before the queueing),
   * read as no wait at all rather than dropped, so that the job still counts.
   */
  skewed: number;
  /** Oldest first. */
  jobs: JobWait[];
}

/** The requests the waits are measured over: the day's, when they were read, else the recent history. */
export function waitRequests(snapshot: PoolSnapshot): readonly JobRequest[] | undefined {
  return snapshot.waitWindow ?? snapshot.history;
}

/** The waits over the snapshot's requests, the window ending `now`; undefined when no request was read. */
export function snapshotWaits(
  snapshot: PoolSnapshot,
  isKedaAgent: (name: string) => boolean,
  now: Date,
  thresholdMs?: number,
): PoolWaits | undefined {
  const requests = waitRequests(snapshot);
  if (!requests) return undefined;
  return poolWaits({
    requests,
    since: new Date(now.getTime() - WAIT_WINDOW_MS),
    now,
    isKedaAgent,
    agents: snapshot.agents,
    ...(thresholdMs !== undefined ? { thresholdMs } : {}),
  });
}

/**
 * Whether an agent was started by KEDA, registered now or known only from the jobs it ran: in a KEDA pool, one
 * classified as KEDA's or named as a ScaledJob's pods are; in any other pool none.
 */
export function kedaAgentTest(kind: PoolKind, agents: readonly ClassifiedAgent[], rules: ClassificationRules): (name: string) => boolean {
  if (kind !== 'keda') return () => false;
  const podName = podNameMatcher(rules);
  const names = new Set(agents.filter((c) => isKedaKind(c.kind)).map(({ agent }) => agent.name.toLowerCase()));
  return (name) => names.has(name.toLowerCase()) || podName(name) !== undefined;
}

export function poolWaits(input: WaitInput): PoolWaits {
  const since = input.since.getTime();
  const inWindow = input.requests.filter(
    (request): request is JobRequest & { queueTime: Date } => request.queueTime !== undefined && request.queueTime.getTime() >= since,
  );
  let skewed = 0;
  const span = (from: Date, to: Date): number => {
    const ms = to.getTime() - from.getTime();
    if (ms >= 0) return ms;
    skewed++;
    return 0;
  };

  const jobs: JobWait[] = [];
  let cancelledWhileWaiting = 0;
  let stillWaiting = 0;
  let oldestWaitingMs: number | undefined;
  let overThreshold = 0;
  const exceeds = (ms: number) => input.thresholdMs !== undefined && ms > input.thresholdMs;
  for (const request of inWindow) {
    if (request.assignTime) {
      const waitMs = span(request.queueTime, request.assignTime);
      const agent = request.reservedAgent?.name;
      jobs.push({
        requestId: request.requestId,
        queueTime: request.queueTime,
        waitMs,
        ...(request.receiveTime ? { agentStartMs: span(request.assignTime, request.receiveTime) } : {}),
        ...(agent !== undefined ? { agent } : {}),
        keda: agent !== undefined && input.isKedaAgent(agent),
      });
      if (exceeds(waitMs)) overThreshold++;
    } else if (request.result !== undefined) {
      cancelledWhileWaiting++;
      if (request.finishTime && exceeds(span(request.queueTime, request.finishTime))) overThreshold++;
    } else {
      stillWaiting++;
      const waitedMs = span(request.queueTime, input.now);
      oldestWaitingMs = Math.max(oldestWaitingMs ?? 0, waitedMs);
      if (exceeds(waitedMs)) overThreshold++;
    }
  }
  jobs.sort((a, b) => a.queueTime.getTime() - b.queueTime.getTime() || a.requestId - b.requestId);

  const wait = spread(jobs.map((job) => job.waitMs));
  const agentStart = spread(jobs.flatMap((job) => (job.agentStartMs === undefined ? [] : [job.agentStartMs])));
  return {
    since: input.since,
    until: input.now,
    requests: inWindow.length,
    jobsRun: jobs.length,
    jobsRunByKeda: jobs.filter((job) => job.keda).length,
    ...(wait ? { wait } : {}),
    ...(agentStart ? { agentStart } : {}),
    ...(input.thresholdMs !== undefined ? { thresholdMs: input.thresholdMs } : {}),
    overThreshold,
    cancelledWhileWaiting,
    stillWaiting,
    ...(oldestWaitingMs !== undefined ? { oldestWaitingMs } : {}),
    skewed,
    jobs,
  };
}

/** Nearest rank: the value at position ⌈q·n⌉ of the sorted values; with 20 jobs the 95th percentile is the 19th. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] };
}

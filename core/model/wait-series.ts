import type { JudgedPoolReport } from './verdict';
import type { ClassificationRules } from './classify';
import type { PoolSnapshot } from './types';
import { kedaAgentTest, waitRequests, WAIT_BUCKET_MS, type JobWait, type WaitInput } from './waits';

/** One step of the time series: jobs queued in it, and jobs running and KEDA agents online at any time in it. */
export interface WaitBucket {
  start: Date;
  queued: number;
  running: number;
  kedaAgents: number;
  /** The longest wait of the jobs queued in it that got an agent; absent when none did. */
  longestWaitMs?: number;
}

/**
 * The waits' time series of a judged pool, over the same requests and window as its figures: what the `waits`
 * command and the hub's Scaling tab draw, apart from the figures so that the pools list does not carry it.
 */
export function waitSeries(
  snapshot: PoolSnapshot,
  report: JudgedPoolReport,
  rules: ClassificationRules,
  bucketMs = WAIT_BUCKET_MS,
): WaitBucket[] {
  const { waits } = report;
  if (!waits) return [];
  const input: WaitInput = {
    requests: waitRequests(snapshot) ?? [],
    since: waits.since,
    now: waits.until,
    isKedaAgent: kedaAgentTest(report.kind.kind, report.agents, rules),
    agents: snapshot.agents,
  };
  return series(input, waits.jobs, bucketMs);
}

/** A span of time, `end` excluded. */
interface Interval {
  start: number;
  end: number;
}

/** Requests queued before the window count where they ran within it. */
function series(input: WaitInput, jobs: readonly JobWait[], bucketMs: number): WaitBucket[] {
  const since = input.since.getTime();
  const now = input.now.getTime();
  const first = Math.floor(since / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((now - first) / bucketMs));
  const buckets: (Omit<WaitBucket, 'start'> & { start: number })[] = Array.from({ length: count }, (_, i) => ({
    start: first + i * bucketMs,
    queued: 0,
    running: 0,
    kedaAgents: 0,
  }));
  const index = (time: number) => Math.floor((time - first) / bucketMs);
  /** The buckets an interval touches, a moment counting in the bucket it falls in. */
  const touched = ({ start, end }: Interval) => {
    const from = Math.max(0, index(start));
    const to = Math.min(count - 1, end > start ? index(end - 1) : index(start));
    return { from, to };
  };

  for (const request of input.requests) {
    const queuedAt = request.queueTime?.getTime() ?? -Infinity;
    if (queuedAt >= since) buckets[index(queuedAt)].queued++;
    const started = request.receiveTime ?? request.assignTime;
    if (!started) continue;
    const { from, to } = touched({ start: started.getTime(), end: request.finishTime?.getTime() ?? now });
    for (let i = from; i <= to; i++) buckets[i].running++;
  }

  for (const job of jobs) {
    const bucket = buckets[index(job.queueTime.getTime())];
    if (bucket) bucket.longestWaitMs = Math.max(bucket.longestWaitMs ?? 0, job.waitMs);
  }

  for (const intervals of kedaAgentIntervals(input, now).values()) {
    const marked = new Set<number>();
    for (const interval of intervals) {
      const { from, to } = touched(interval);
      for (let i = from; i <= to; i++) marked.add(i);
    }
    for (const i of marked) buckets[i].kedaAgents++;
  }
  return buckets.map((bucket) => ({ ...bucket, start: new Date(bucket.start) }));
}

/**
 * When each KEDA agent was online, by name: from a registered agent's record (created, and offline since its
 * last status change) and from the jobs it ran, which are all that is left of an agent that deregistered.
 */
function kedaAgentIntervals(input: WaitInput, now: number): Map<string, Interval[]> {
  const intervals = new Map<string, Interval[]>();
  const add = (name: string, interval: Interval) => {
    const key = name.toLowerCase();
    intervals.set(key, [...(intervals.get(key) ?? []), interval]);
  };
  for (const agent of input.agents ?? []) {
    if (!agent.createdOn || !input.isKedaAgent(agent.name)) continue;
    const offlineSince = agent.status === 'offline' ? (agent.statusChangedOn ?? agent.createdOn).getTime() : now;
    add(agent.name, { start: agent.createdOn.getTime(), end: Math.max(offlineSince, agent.createdOn.getTime()) });
  }
  for (const request of input.requests) {
    const agent = request.reservedAgent?.name;
    if (!agent || !request.assignTime || !input.isKedaAgent(agent)) continue;
    const start = request.assignTime.getTime();
    add(agent, { start, end: Math.max(start, request.finishTime?.getTime() ?? now) });
  }
  return intervals;
}

import { registerMessages } from '../on-demand-messages';
import { WAIT_MESSAGES } from '../wait-messages';
import { finding, line, verdictOf, type Finding, type FindingCode, type Line } from './findings';
import type { PoolSettings } from './settings';
import type { PoolSnapshot } from './types';
import type { JudgedPoolReport } from './verdict';
import { kedaAgentTest, snapshotWaits, type PoolWaits } from './waits';

// Whatever shows the waits imports this module, so their sentences come with it (`wait-messages.ts`).
registerMessages(WAIT_MESSAGES);

/** The codes `waitFinding` gives. */
export const WAIT_FINDINGS: ReadonlySet<FindingCode> = new Set(['jobWaits', 'jobsWaitLong']);

/**
 * The pool's report with its waits measured over the snapshot's requests and, in a KEDA pool whose waits the
 * user asked to judge (`settings.waits`), the finding they give, which counts in the verdict. Apart from
 * `evaluatePool`, so that the hub's list, which does not show them at first, loads none of it.
 */
export function withWaits(report: JudgedPoolReport, snapshot: PoolSnapshot, settings: PoolSettings): JudgedPoolReport {
  const isKedaAgent = kedaAgentTest(report.kind.kind, report.agents, settings.rules);
  const waits = snapshotWaits(snapshot, isKedaAgent, settings.now ?? snapshot.takenAt, settings.waits?.thresholdMs);
  if (!waits) return report;
  const found = settings.waits && report.kind.kind === 'keda' ? waitFinding(snapshot.pool.name, waits) : undefined;
  if (!found) return { ...report, waits };
  const findings = [...report.findings, found];
  return { ...report, waits, findings, verdict: verdictOf(findings) };
}

/**
 * What the waits of a KEDA pool's jobs say: the figures, as a note; or, when the 95th percentile is above the
 * user's threshold, a risk naming the usual causes, the one the jobs point at first. Undefined when no job
 * got an agent in the window: there is no wait to speak of (still waiting jobs are `jobsStuck`'s concern).
 */
export function waitFinding(pool: string, waits: PoolWaits): Finding | undefined {
  const { wait, thresholdMs } = waits;
  if (!wait) return undefined;
  const jobs = waits.jobsRun;
  if (thresholdMs === undefined || wait.p95 <= thresholdMs) {
    return finding('jobWaits', { pool, jobs, p50Ms: wait.p50, p95Ms: wait.p95, maxMs: wait.max }, [], details(waits));
  }
  return finding(
    'jobsWaitLong',
    { pool, jobs, p95Ms: wait.p95, thresholdMs, over: waits.overThreshold },
    causes(pool, waits, thresholdMs),
    details(waits),
  );
}

function details(waits: PoolWaits): Line[] {
  const lines: Line[] = [];
  if (waits.wait) {
    const { p50, p95, max } = waits.wait;
    lines.push(line('detail.waitSpread', { p50Ms: p50, p95Ms: p95, maxMs: max, jobs: waits.jobsRun, keda: waits.jobsRunByKeda }));
  }
  if (waits.agentStart) {
    lines.push(line('detail.agentStart', { p50Ms: waits.agentStart.p50, p95Ms: waits.agentStart.p95 }));
  }
  if (waits.cancelledWhileWaiting > 0) lines.push(line('detail.cancelledWhileWaiting', { count: waits.cancelledWhileWaiting }));
  if (waits.skewed > 0) lines.push(line('detail.waitsSkewed', { count: waits.skewed }));
  return lines;
}

/**
 * The usual causes, each with its fix (KEDA's ScaledJob specification, keda.sh/docs/latest/reference/scaledjob-spec:
 * `pollingInterval` defaults to 30 seconds, `minReplicaCount` to 0). Long waits that ended on an agent KEDA did
 * not start, or in a cancellation, say that KEDA's trigger did not count those jobs at all (its `parent` or
 * `demands`, `keda-scaler.md` §5, §6): that comes first, since no faster pod helps a job nobody counts.
 */
function causes(pool: string, waits: PoolWaits, thresholdMs: number): Line[] {
  const notKedas = waits.jobs.filter((job) => job.waitMs > thresholdMs && !job.keda).length + waits.cancelledWhileWaiting;
  return [
    ...(notKedas > 0 ? [line('fix.waitTriggerCountsNothing', { count: notKedas, pool })] : []),
    line('fix.waitPollingInterval', {}),
    line('fix.waitImagePull', {}),
    line('fix.waitWarmPod', {}),
  ];
}

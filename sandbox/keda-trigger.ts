/**
 * KEDA's `azure-pipelines` trigger and ScaledJob arithmetic, written here from KEDA's source (v2.20.x,
 * see `shared/reference/keda-scaler.md` §4-8) so the sandbox stays an oracle independent of `core/`.
 */

/** Trigger metadata as a ScaledJob's `azure-pipelines` trigger declares it. */
export interface AzurePipelinesTrigger {
  poolName: string;
  /** Comma-separated, split without trimming, exactly as KEDA does. Ignored when `parent` is set. */
  demands?: string;
  /** Name of the template agent; a job counts when it appears in the job's `matchedAgents`. */
  parent?: string;
  requireAllDemands?: boolean;
  /** Jobs per replica (default 1). */
  targetPipelinesQueueLength?: number;
}

/** The members of a job request that KEDA's counting reads. */
export interface JobRequestAsKedaSeesIt {
  result?: string | null;
  receiveTime?: string | Date | null;
  demands?: string[];
  matchedAgents?: Array<{ name: string }>;
}

/** KEDA drops `Agent.Version` items on both sides: the implicit minimum is not the author's demand. */
const IMPLICIT_VERSION_DEMAND_PREFIX = 'Agent.Version';

function withoutVersionDemands(demands: readonly string[]): string[] {
  return demands.filter((demand) => !demand.startsWith(IMPLICIT_VERSION_DEMAND_PREFIX));
}

/** Counts (job, trigger) pairs of equal strings: KEDA compares whole strings and never parses operators. */
function demandsMatch(jobDemands: readonly string[], trigger: AzurePipelinesTrigger): boolean {
  const job = withoutVersionDemands(jobDemands);
  const wanted = withoutVersionDemands((trigger.demands ?? '').split(','));
  let equalPairs = 0;
  for (const j of job) for (const t of wanted) if (j === t) equalPairs++;
  if (trigger.requireAllDemands) return equalPairs === job.length && equalPairs === wanted.length;
  return equalPairs === job.length;
}

function jobMatches(job: JobRequestAsKedaSeesIt, trigger: AzurePipelinesTrigger): boolean {
  if (trigger.parent) return (job.matchedAgents ?? []).some((agent) => agent.name === trigger.parent);
  if (!trigger.demands) return true;
  return demandsMatch(job.demands ?? [], trigger);
}

/**
 * The trigger's queue length: unfinished jobs not yet received by an agent (the v2.20 rule, which stops
 * a job that an agent already runs from starting another pod), filtered by parent or demands.
 */
export function queueLength(jobs: readonly JobRequestAsKedaSeesIt[], trigger: AzurePipelinesTrigger): number {
  return jobs.filter((job) => job.result == null && job.receiveTime == null && jobMatches(job, trigger)).length;
}

export interface ScaledJobSituation {
  queueLength: number;
  targetPipelinesQueueLength: number;
  maxReplicaCount: number;
  /** Jobs of this ScaledJob that have not finished. */
  running: number;
  /** Running Jobs whose agent has not picked up work yet. */
  pending: number;
}

/**
 * How many Jobs KEDA creates this poll, with the `accurate` scaling strategy (minReplicaCount 0). It
 * subtracts only pods still waiting for work, which is what a queue length that already leaves out
 * received jobs needs: subtracting every running pod as well would starve a busy pool (kedacore/keda#7878).
 */
export function jobsToCreate(situation: ScaledJobSituation): number {
  if (situation.queueLength <= 0) return 0;
  const max = situation.maxReplicaCount;
  const maxScale = Math.ceil(Math.min(situation.queueLength / situation.targetPipelinesQueueLength, max));
  const effectiveMaxScale = maxScale + situation.running - situation.pending > max ? max - situation.running : maxScale - situation.pending;
  return Math.max(0, Math.min(Math.ceil(situation.queueLength), effectiveMaxScale));
}

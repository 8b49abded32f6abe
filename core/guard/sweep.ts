import type { AdoClient } from '../ado/client';
import { AdoError } from '../ado/errors';
import { mapLimited, readPools } from '../ado/snapshots';
import { capabilitiesOf } from '../model/capabilities';
import { classificationRules, type ClassificationRules } from '../model/classify';
import { parseDemands, satisfiesAll } from '../model/demands';
import { finding, line, type Finding } from '../model/findings';
import { planSweep, type SweepCandidate, type SweepPlan, type SweepSettings } from '../model/sweep';
import { changeSincePlan, type AgentChange } from '../model/sweep-changes';
import type { Agent } from '../model/types';
import { evidenceLine } from '../model/pool-kind';
import { nameAsKedaStep } from '../model/guidance';
import { administratorSteps, detailsOf, isRefusal, type AccessContext } from './failures';
import { judge } from './run';

/**
 * Deleting the leftover KEDA agents a sweep plan names, shared by the task's and the CLI's `sweep` and
 * the hub's "Clean up leftovers": a dry run unless asked otherwise, each agent read again just before
 * its deletion, and nothing deleted once the agent that keeps the pool able to queue jobs has changed.
 */

export interface SweepRequest {
  pools: readonly string[];
  demands: readonly string[];
  minAgentVersion?: string;
  /** Kept like any placeholder, whatever its capabilities. */
  placeholderName: string;
  /** KEDA's `parent`: kept like any placeholder. */
  parent?: string;
  /** The user names the pools as KEDA-scaled, whatever the evidence; only KEDA pools are swept. */
  kedaScaled?: boolean;
  /** How long a KEDA agent must have been offline to be deleted. */
  staleAfterHours: number;
  /** List what would be deleted, and delete nothing. */
  dryRun: boolean;
  /** Who the calls run as, so that a refusal names the role to grant. */
  access: AccessContext;
  rules?: Partial<ClassificationRules>;
}

export interface SweepOptions {
  dryRun: boolean;
  access: AccessContext;
  /** Agents read and deleted at once. */
  concurrency?: number;
}

export type DeletionOutcome =
  | { kind: 'deleted' | 'wouldDelete' | 'notAttempted'; candidate: SweepCandidate }
  | { kind: 'skipped'; candidate: SweepCandidate; change: AgentChange }
  | { kind: 'failed'; candidate: SweepCandidate; error: AdoError };

export type DeletionKind = DeletionOutcome['kind'];

export interface PoolSweep {
  name: string;
  /** Absent when the pool could not be read: `findings` then say why. */
  plan?: SweepPlan;
  /** One per candidate of the plan, in its order. */
  outcomes: DeletionOutcome[];
  findings: Finding[];
}

export interface SweepResult {
  dryRun: boolean;
  /** Some pool could not be read, or some of its leftovers could not be deleted. */
  errored: boolean;
  deleted: number;
  /** In a dry run, what a real sweep would delete now. */
  wouldDelete: number;
  pools: PoolSweep[];
}

/**
 * Enough to hide the round trips, and each deletion is two calls (read, delete), so a sweep of
 * thousands stays far below the service's rate limits.
 */
const DELETE_CONCURRENCY = 8;

export async function runSweep(client: AdoClient, request: SweepRequest): Promise<SweepResult> {
  const settings: SweepSettings = {
    demands: request.demands,
    minAgentVersion: request.minAgentVersion,
    rules: classificationRules({
      ...request.rules,
      placeholderName: request.placeholderName,
      parent: request.parent,
      staleAfterHours: request.staleAfterHours,
    }),
    kedaScaled: request.kedaScaled,
  };
  const options: SweepOptions = { dryRun: request.dryRun, access: request.access };
  const pools: PoolSweep[] = [];
  // One pool after the other, so that at most DELETE_CONCURRENCY calls are in flight.
  for (const read of await readPools(client, request.pools)) {
    if (read.kind === 'found')
      pools.push({ ...(await executeSweep(client, planSweep(read.snapshot, settings), options)), name: read.name });
    else pools.push({ name: read.name, outcomes: [], findings: judge(read, settings, request.access).report.findings });
  }
  return {
    dryRun: request.dryRun,
    errored: pools.some((pool) => pool.findings.some((f) => f.severity === 'error')),
    deleted: countOf(pools, 'deleted'),
    wouldDelete: countOf(pools, 'wouldDelete'),
    pools,
  };
}

function countOf(pools: readonly PoolSweep[], kind: DeletionKind): number {
  return pools.reduce((sum, pool) => sum + pool.outcomes.filter((outcome) => outcome.kind === kind).length, 0);
}

/** Carries out one pool's plan, typically after it was shown: in the hub, the user confirms in between. */
export async function executeSweep(client: AdoClient, plan: SweepPlan, options: SweepOptions): Promise<PoolSweep> {
  const { candidates } = plan;
  const pool = plan.pool.name;
  const swept = (outcomes: DeletionOutcome[], findings: Finding[]): PoolSweep => ({ name: pool, plan, outcomes, findings });
  if (plan.kind.kind !== 'keda') {
    const evidence = plan.kind.evidence.map(evidenceLine);
    const steps = plan.kind.kind === 'static' ? [nameAsKedaStep({ pool })] : [];
    return swept([], [finding('sweepNotKedaPool', { pool }, steps, evidence)]);
  }
  if (options.dryRun) {
    const outcomes = candidates.map((candidate): DeletionOutcome => ({ kind: 'wouldDelete', candidate }));
    const count = candidates.length;
    // The hub asks for confirmation itself; the task and the CLI say which setting deletes.
    const steps = options.access.kind === 'portalUser' ? [] : [line('fix.sweepForReal')];
    return swept(outcomes, count > 0 ? [finding('sweepDryRun', { pool, count, thresholdMs: plan.thresholdMs }, steps)] : []);
  }
  if (candidates.length === 0) return swept([], []);

  const stopped = await keeperChanged(client, plan, options.access);
  if (stopped) return swept(stopped.outcomes, stopped.findings);
  const outcomes = await deleteUnchanged(client, plan, options.concurrency ?? DELETE_CONCURRENCY);
  return swept(outcomes, outcomeFindings(pool, outcomes, options.access));
}

/**
 * Nothing is deleted unless the agent the plan relies on to keep the pool able to queue jobs is still
 * registered and still satisfies the demands. A plan without one has no candidate that satisfies them,
 * so deleting the candidates cannot change what queues.
 */
async function keeperChanged(
  client: AdoClient,
  plan: SweepPlan,
  access: AccessContext,
): Promise<Pick<PoolSweep, 'outcomes' | 'findings'> | undefined> {
  const { keeper, candidates } = plan;
  if (!keeper) return undefined;
  let current: Agent | undefined;
  try {
    current = await client.getAgent(plan.pool.id, keeper.id);
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    const outcomes = candidates.map((candidate): DeletionOutcome => ({ kind: 'failed', candidate, error }));
    return { outcomes, findings: outcomeFindings(plan.pool.name, outcomes, access) };
  }
  if (current && satisfiesAll(capabilitiesOf(current), parseDemands(plan.demands))) return undefined;
  return {
    outcomes: candidates.map((candidate) => ({ kind: 'notAttempted', candidate })),
    findings: [finding('sweepPlanOutdated', { pool: plan.pool.name, agent: keeper.name }, [line('fix.sweepAgain')])],
  };
}

async function deleteUnchanged(client: AdoClient, plan: SweepPlan, concurrency: number): Promise<DeletionOutcome[]> {
  // A refusal or the time-out ends the pool's sweep: every further call would meet the same answer.
  let stoppedBy: AdoError | undefined;
  // The service has no conditional delete, so one round trip separates the read from the deletion; a pod
  // registers a new agent (a new id) rather than reviving a leftover, which keeps that window harmless.
  return mapLimited(plan.candidates, concurrency, async (candidate): Promise<DeletionOutcome> => {
    if (stoppedBy) return { kind: 'notAttempted', candidate };
    try {
      const current = await client.getAgent(plan.pool.id, candidate.agent.id);
      const change = changeSincePlan(candidate.agent, current, plan.rules, plan.takenAt);
      if (change) return { kind: 'skipped', candidate, change };
      await client.deleteAgent(plan.pool.id, candidate.agent.id);
      return { kind: 'deleted', candidate };
    } catch (error) {
      if (!(error instanceof AdoError)) throw error;
      // Deleted by someone else between our read and our delete.
      if (error.kind === 'notFound') return { kind: 'skipped', candidate, change: { code: 'gone', params: {} } };
      if (isRefusal(error) || error.kind === 'timeout') stoppedBy ??= error;
      return { kind: 'failed', candidate, error };
    }
  });
}

type Outcome<K extends DeletionKind> = Extract<DeletionOutcome, { kind: K }>;

function outcomesOf<K extends DeletionKind>(outcomes: readonly DeletionOutcome[], kind: K): Outcome<K>[] {
  return outcomes.filter((outcome): outcome is Outcome<K> => outcome.kind === kind);
}

function outcomeFindings(pool: string, outcomes: readonly DeletionOutcome[], access: AccessContext): Finding[] {
  const names = (list: readonly DeletionOutcome[]) => list.map((outcome) => outcome.candidate.agent.name);
  const deleted = outcomesOf(outcomes, 'deleted');
  const skipped = outcomesOf(outcomes, 'skipped');
  const failed = outcomesOf(outcomes, 'failed');
  const notDeleted = [...failed, ...outcomesOf(outcomes, 'notAttempted')];
  const findings: Finding[] = [];
  if (deleted.length > 0)
    findings.push(finding('agentsSwept', { pool, count: deleted.length, agents: names(deleted) }, [line('fix.stopLeftovers')]));
  if (skipped.length > 0) {
    findings.push(finding('agentsChangedDuringSweep', { pool, count: skipped.length, agents: names(skipped) }, [line('fix.sweepAgain')]));
  }
  if (notDeleted.length === 0) return findings;
  // A refusal is the one to fix first: with it, every deletion in the pool fails.
  const refused = failed.find((outcome) => isRefusal(outcome.error));
  if (refused) {
    findings.push(
      finding('sweepDenied', { pool, count: notDeleted.length }, administratorSteps(pool, access, 'sweep'), detailsOf(refused.error)),
    );
  } else {
    const timedOut = failed.some((outcome) => outcome.error.kind === 'timeout');
    const steps = [...(timedOut ? [line('fix.timedOut')] : []), line('fix.sweepAgain')];
    findings.push(
      finding(
        'sweepFailed',
        { pool, count: notDeleted.length, agents: names(notDeleted) },
        steps,
        failed[0] ? detailsOf(failed[0].error) : [],
      ),
    );
  }
  return findings;
}

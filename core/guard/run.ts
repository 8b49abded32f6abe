import type { AdoClient } from '../ado/client';
import { AdoError } from '../ado/errors';
import { systemClock } from '../clock';
import { readPoolSnapshot, readPools, type PoolRead } from '../ado/snapshots';
import { classificationRules, type ClassificationRules } from '../model/classify';
import { verdictOf, type Finding, type Verdict } from '../model/findings';
import type { PoolSettings } from '../model/settings';
import { evaluatePool, isJudged, worstVerdict, type PoolReport } from '../model/verdict';
import type { RepairPlan } from '../model/repair-plan';
import type { PoolSnapshot } from '../model/types';
import { failureReport, missingPoolReport, repairFinding, type AccessContext } from './failures';
import type { Action, FailOn } from './inputs';
import { carryOutRepair, type RepairResult } from './repair';

export type { RepairResult } from './repair';

export interface GuardRequest {
  pools: readonly string[];
  demands: readonly string[];
  /** `sweep` has its own request and run (`sweep.ts`). */
  action: Exclude<Action, 'sweep'>;
  failOn: FailOn;
  requireOnlineAgent: boolean;
  minAgentVersion?: string;
  placeholderName: string;
  /** The KEDA trigger's `parent`, when the trigger counts jobs through a named template agent. */
  parent?: string;
  /** The user names the pools as KEDA-scaled, whatever the evidence. */
  kedaScaled?: boolean;
  /** User capabilities given to a placeholder that `repair` registers. */
  placeholderCapabilities: Readonly<Record<string, string>>;
  organizationUrl: string;
  /** Who the calls run as, so that refusals name the identity and the role to grant. */
  access: AccessContext;
  rules?: Partial<ClassificationRules>;
}

export interface PoolOutcome {
  name: string;
  report: PoolReport;
  /** Set when the pool could not be read: the report then holds the failure as its finding. */
  failed?: AdoError;
  /** For `repair`: the plan it followed (the report's own `repair` is the plan for the pool as it is now). */
  plan?: RepairPlan;
  repair?: RepairResult;
}

export interface GuardResult {
  verdict: Verdict;
  /** Some pool could not be read (its verdict is `unknown`) or repaired. */
  errored: boolean;
  /** Whether the step fails, by `failOn`. */
  fails: boolean;
  pools: PoolOutcome[];
}

/**
 * The guard's one job, shared by the task and the CLI: read the pools, judge them, and for
 * `repair` register the missing placeholder and judge again. It never touches an agent it did not
 * create, and a name already taken (409) means another run registered it: still one placeholder.
 */
export async function runGuard(client: AdoClient, request: GuardRequest): Promise<GuardResult> {
  const rules = classificationRules({ ...request.rules, placeholderName: request.placeholderName, parent: request.parent });
  const settings: PoolSettings = {
    demands: request.demands,
    minAgentVersion: request.minAgentVersion,
    requireOnlineAgent: request.requireOnlineAgent,
    rules,
    organizationUrl: request.organizationUrl,
    kedaScaled: request.kedaScaled,
    placeholderCapabilities: request.placeholderCapabilities,
  };
  const reads = await readPools(client, request.pools);
  const pools = await Promise.all(
    reads.map(async (read) => {
      const outcome = judge(read, settings, request.access);
      if (request.action !== 'repair' || read.kind !== 'found' || !isJudged(outcome.report)) return outcome;
      return repair(client, read.snapshot, outcome, outcome.report.repair, request, settings);
    }),
  );
  const verdict = worstVerdict(pools.map((p) => p.report));
  const errored = pools.some((p) => p.report.verdict === 'unknown' || p.repair?.kind === 'refused');
  return { verdict, errored, fails: errored || verdict === 'blocked' || (request.failOn === 'atRisk' && verdict === 'atRisk'), pools };
}

/** A pool as read: judged, or, when it could not be read, the finding that says why and what to do. */
export function judge(read: PoolRead, settings: PoolSettings, access: AccessContext): PoolOutcome {
  switch (read.kind) {
    case 'found':
      return { name: read.name, report: evaluatePool(read.snapshot, settings) };
    case 'missing':
      return { name: read.name, report: missingPoolReport(read.name, settings, access) };
    case 'failed':
      return { name: read.name, report: failureReport(read.name, read.error, settings, access, read.scope), failed: read.error };
  }
}

/** Waits before reading again a pool whose placeholder another run is registering: 1.75 s in all. */
const SETTLING_WAITS_MS = [250, 500, 1000];

async function repair(
  client: AdoClient,
  snapshot: PoolSnapshot,
  before: PoolOutcome,
  plan: RepairPlan,
  request: GuardRequest,
  settings: PoolSettings,
): Promise<PoolOutcome> {
  const result = await carryOutRepair(client, snapshot.pool.id, plan, settings.rules.markerCapability);
  const note = repairFinding(snapshot.pool.name, result, request.access);
  // Nothing was sent, so nothing changed: the pool is as read.
  if (result.kind === 'notDone') return { ...before, report: withFinding(before.report, note), plan, repair: result };
  // The pool is read again even after a failure: a registration whose answer was lost (cut off, unreadable)
  // may have landed all the same, and the report shows the pool as it is. A failed repair errs the step anyway.
  const readAgain = async (previous: PoolOutcome): Promise<PoolOutcome> => {
    try {
      return { name: before.name, report: evaluatePool(await readPoolSnapshot(client, snapshot.pool), settings) };
    } catch (error) {
      if (!(error instanceof AdoError)) throw error;
      return previous === before && result.kind !== 'refused'
        ? { name: before.name, report: failureReport(before.name, error, settings, request.access), failed: error }
        : previous;
    }
  };
  const clock = client.clock ?? systemClock;
  let after = await readAgain(before);
  // A 409 means another run registered the name, and it may be half way: an agent registers without
  // user capabilities, which that run sets right after. Until they show, the pool is read again, briefly,
  // and never past the client's time budget.
  for (const waitMs of SETTLING_WAITS_MS) {
    if (result.kind !== 'alreadyRegistered' || !registrationUnderway(after.report)) break;
    if (clock.now() + waitMs >= (client.deadline ?? Infinity)) break;
    await clock.sleep(waitMs);
    after = await readAgain(after);
  }
  return { ...after, report: withFinding(after.report, note), plan, repair: result };
}

/** The report with what `repair` did first among its findings; a judged pool's verdict counts it too. */
function withFinding(report: PoolReport, note: Finding): PoolReport {
  const findings = [note, ...report.findings];
  return isJudged(report) ? { ...report, findings, verdict: verdictOf(findings) } : { ...report, findings };
}

/** Read again, the pool still holds another run's registration half done (`core/model/repair-plan.ts`). */
function registrationUnderway(report: PoolReport): boolean {
  return isJudged(report) && report.repair.action === 'nothing' && report.repair.reason === 'underway';
}

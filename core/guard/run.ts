import type { AdoClient, AgentRegistration } from '../ado/client';
import { AdoError } from '../ado/errors';
import { readPoolSnapshot, readPools, type PoolRead } from '../ado/snapshots';
import { classificationRules, type ClassificationRules } from '../model/classify';
import type { Verdict } from '../model/findings';
import { evaluatePool, worstVerdict, type PoolReport, type PoolSettings } from '../model/verdict';
import { proposePlaceholder } from '../model/placeholder';
import type { PoolSnapshot } from '../model/types';
import { failureReport, repairFinding, type AccessContext } from './failures';
import type { Action, FailOn } from './inputs';

export interface GuardRequest {
  pools: readonly string[];
  demands: readonly string[];
  action: Action;
  failOn: FailOn;
  requireOnlineAgent: boolean;
  minAgentVersion?: string;
  placeholderName: string;
  /** User capabilities given to a placeholder that `repair` registers. */
  placeholderCapabilities: Readonly<Record<string, string>>;
  organizationUrl: string;
  /** Who the calls run as, so that refusals name the identity and the role to grant. */
  access: AccessContext;
  rules?: Partial<ClassificationRules>;
}

export type RepairResult =
  | { kind: 'registered'; agent: { id: number; name: string; version: string } }
  /** The name was taken when we tried (another run got there first): nothing was changed. */
  | { kind: 'alreadyRegistered'; name: string }
  | { kind: 'refused'; error: AdoError };

export interface PoolOutcome {
  name: string;
  report: PoolReport;
  /** Set when the pool could not be read: the report then holds the failure as its finding. */
  failed?: AdoError;
  repair?: RepairResult;
}

export interface GuardResult {
  verdict: Verdict;
  /** Some pool could not be read or repaired: the verdict is not to be trusted. */
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
  const rules = classificationRules({ ...request.rules, placeholderName: request.placeholderName });
  const settings: PoolSettings = {
    demands: request.demands,
    minAgentVersion: request.minAgentVersion,
    requireOnlineAgent: request.requireOnlineAgent,
    rules,
    organizationUrl: request.organizationUrl,
  };
  const reads = await readPools(client, request.pools);
  const pools = await Promise.all(
    reads.map(async (read) => {
      const outcome = judge(read, settings, request.access);
      if (request.action !== 'repair' || read.kind !== 'found' || !needsPlaceholder(outcome.report)) return outcome;
      return repair(client, read.snapshot, outcome, request, settings);
    }),
  );
  const verdict = worstVerdict(pools.map((p) => p.report));
  const errored = pools.some((p) => p.failed !== undefined || p.repair?.kind === 'refused');
  return { verdict, errored, fails: errored || verdict === 'blocked' || (request.failOn === 'atRisk' && verdict === 'atRisk'), pools };
}

function judge(read: PoolRead, settings: PoolSettings, access: AccessContext): PoolOutcome {
  switch (read.kind) {
    case 'found':
      return { name: read.name, report: evaluatePool(read.snapshot, settings) };
    case 'missing':
      return { name: read.name, report: evaluatePool({ poolName: read.name, unavailable: 'missing' }, settings) };
    case 'failed':
      return { name: read.name, report: failureReport(read.name, read.error, settings, access), failed: read.error };
  }
}

/** `repair` acts when jobs would fail at once, or when nothing would keep the pool able to queue them. */
function needsPlaceholder(report: PoolReport): boolean {
  return report.verdict === 'blocked' || report.placeholder.state === 'missing';
}

async function repair(
  client: AdoClient,
  snapshot: PoolSnapshot,
  before: PoolOutcome,
  request: GuardRequest,
  settings: PoolSettings,
): Promise<PoolOutcome> {
  const proposal = proposePlaceholder(snapshot, {
    name: request.placeholderName,
    demands: request.demands,
    minAgentVersion: request.minAgentVersion,
    userCapabilities: request.placeholderCapabilities,
    rules: settings.rules,
  });
  const registration: AgentRegistration = {
    name: proposal.name,
    version: proposal.version,
    osDescription: 'KEDA Pool Guard placeholder: registered, never run',
    systemCapabilities: proposal.systemCapabilities,
    userCapabilities: proposal.userCapabilities,
  };
  let result: RepairResult;
  try {
    const agent = await client.addAgent(snapshot.pool.id, registration);
    result = { kind: 'registered', agent: { id: agent.id, name: agent.name, version: agent.version } };
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    result = error.cause === 'conflict' ? { kind: 'alreadyRegistered', name: proposal.name } : { kind: 'refused', error };
  }
  const note = repairFinding(snapshot.pool.name, result, request.access);
  // A refused repair changes nothing in the pool: its verdict stands, and the step errs.
  if (result.kind === 'refused') return { ...before, report: { ...before.report, findings: [...before.report.findings, note] }, repair: result };
  let after: PoolOutcome;
  try {
    after = { name: before.name, report: evaluatePool(await readPoolSnapshot(client, snapshot.pool), settings) };
  } catch (error) {
    if (!(error instanceof AdoError)) throw error;
    after = { name: before.name, report: failureReport(before.name, error, settings, request.access), failed: error };
  }
  return { ...after, report: { ...after.report, findings: [note, ...after.report.findings] }, repair: result };
}

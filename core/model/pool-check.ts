import {
  DemandParseError,
  formatDemand,
  isAgentVersionDemand,
  parseDemand,
  parseDemands,
  withImplicitAgentVersion,
  type Demand,
} from './demands';
import { judgeProvidedPool, type PoolKindJudgement } from './pool-kind';
import { formatPoolCheck } from './pool-check-text';
import type { CheckConfiguration, Pool } from './types';

/**
 * A pool check: an "Invoke REST API" check on a project's agent queue, which Azure DevOps evaluates before
 * every stage that uses the pool (docs `pipelines/process/approvals.md`) by asking its own agents route
 * whether a registered agent satisfies the jobs' demands, the question the service answers when a job
 * queues. A task check (`TaskCheckConstants.TaskCheckTypeId`, Azure DevOps Server 2022, decompiled in
 * mjwrona/decompiled) running Microsoft's Invoke REST API task (`Tasks/InvokeRestApiV1`, id 9c3e8943-…;
 * version 1.220.0 as microsoft/terraform-provider-azuredevops `resource_check_rest_api.go` references it).
 * Azure DevOps does not let an extension's own task run as a check (microsoft/azure-pipelines-extensions#964),
 * so the check calls through a Generic service connection of the project, named in the check by name.
 * The body's shape is `TaskCheckConfiguration`/`TaskCheckConfig`/`TaskCheckDefinitionReference` (same
 * decompile; inputs a string dictionary, `retryInterval` in the settings, `timeout` beside them) and the REST
 * reference's example `POST__AddTaskCheckConfiguration.json`: high. Medium: that an evaluation resolves the
 * connection by its name (terraform's acceptance test stores a name but only reads the check back; the
 * check UI stores the id), and that version 1.220.0 runs the current 1.x task. Microsoft advises against
 * calling Azure DevOps from a polled check, as a reply after 3 seconds may fail it (`invoke-checks.md`);
 * one agents call usually answers well within that, but a slow organization could fail a check: medium.
 */
export const TASK_CHECK_TYPE = { id: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', name: 'Task Check' } as const;
export const INVOKE_REST_API_TASK = { id: '9c3e8943-130d-4c78-ac63-8af81df62dfb', name: 'InvokeRESTAPI', version: '1.220.0' } as const;

/** Passes when at least one agent came back. */
export const POOL_CHECK_CRITERIA = "gt(count(root['value']), 0)";

/**
 * A polled check may be evaluated at most ten times (`timeout / retryInterval` ≤ 10: docs
 * `pipelines/process/invoke-checks.md`, "Check compliance"; the service refuses others). An hour, evaluated
 * every six minutes, holds a stage back long enough for someone to run `repair`.
 */
export const DEFAULT_CHECK_TIMEOUT_MINUTES = 60;
export const DEFAULT_CHECK_RETRY_MINUTES = 6;
export const MAX_CHECK_EVALUATIONS = 10;
/** The longest a check may hold a stage: 30 days (the REST reference's example uses it). */
export const MAX_CHECK_TIMEOUT_MINUTES = 43_200;

export interface PoolCheckSettings {
  /** The jobs' demands, one per item, as validated by `parseDemandLines`. */
  demands: readonly string[];
  minAgentVersion?: string;
  /** The name of the project's Generic service connection the check calls with. */
  connection: string;
  timeoutMinutes: number;
  /** 0: the first answer is final and a pool that cannot take the jobs fails the stage at once. */
  retryMinutes: number;
}

/**
 * The demands to ask the agents route with, as the service judges a job (`DistributedTaskResourceService`
 * queueing, Azure DevOps Server 2022, decompiled): an agent that misses only the agent version minimum is
 * asked to update, and the job waits for it, in a pool that updates its agents (`autoUpdate`, on unless the
 * pool says otherwise); so the minimum counts only where the pool does not update them. The agentless gate
 * `KedaPoolGate@1` asks the same question in its task.json.
 */
export function agentQuery(
  pool: Pool,
  demandLines: readonly string[],
  minAgentVersion?: string,
): { demands: string[]; countsVersion: boolean } {
  const all = withImplicitAgentVersion(parseDemands(demandLines), minAgentVersion);
  const countsVersion = pool.autoUpdate === false;
  return { demands: all.filter((demand) => countsVersion || !isAgentVersionDemand(demand)).map(formatDemand), countsVersion };
}

/** The agents route with demands; commas separate them, so each is encoded on its own. */
export function agentsUrlSuffix(poolId: number, demands: readonly string[]): string {
  const query = demands.length > 0 ? `demands=${demands.map(encodeURIComponent).join(',')}&` : '';
  return `/_apis/distributedtask/pools/${poolId}/agents?${query}api-version=7.1`;
}

export type PoolCheckPlan =
  | {
      kind: 'install';
      /** The check configuration to POST. */
      body: Record<string, unknown>;
      displayName: string;
      /** What the check asks the agents route for. */
      demands: string[];
      countsVersion: boolean;
    }
  /** Azure provides the pool's agents as jobs queue: a job never fails there for want of a registered one. */
  | { kind: 'notNeeded'; judgement: PoolKindJudgement };

export function planPoolCheck(pool: Pool, queueId: number, settings: PoolCheckSettings): PoolCheckPlan {
  const provided = judgeProvidedPool(pool);
  if (provided) return { kind: 'notNeeded', judgement: provided };
  const { demands, countsVersion } = agentQuery(pool, settings.demands, settings.minAgentVersion);
  const displayName = poolCheckName(pool.name, demands);
  return {
    kind: 'install',
    displayName,
    demands,
    countsVersion,
    body: {
      type: { ...TASK_CHECK_TYPE },
      settings: {
        displayName,
        definitionRef: { ...INVOKE_REST_API_TASK },
        inputs: {
          connectedServiceNameSelector: 'connectedServiceName',
          connectedServiceName: settings.connection,
          method: 'GET',
          headers: JSON.stringify({ 'Content-Type': 'application/json' }),
          urlSuffix: agentsUrlSuffix(pool.id, demands),
          waitForCompletion: 'false',
          successCriteria: POOL_CHECK_CRITERIA,
        },
        retryInterval: settings.retryMinutes,
      },
      resource: { type: 'queue', id: String(queueId) },
      timeout: settings.timeoutMinutes,
    },
  };
}

function poolCheckName(pool: string, demands: readonly string[]): string {
  return demands.length > 0
    ? formatPoolCheck('poolCheck.name', { pool, demands: demands.join(', ') }, 'text')
    : formatPoolCheck('poolCheck.nameAnyAgent', { pool }, 'text');
}

/** A pool check as installed, read back from its configuration. */
export interface InstalledPoolCheck {
  id: number;
  displayName: string;
  poolId: number;
  demands: string[];
  /** The agent version it asks for, when it counts it (in a pool that does not update its agents). */
  minAgentVersion?: string;
  connection: string;
  timeoutMinutes?: number;
  retryMinutes: number;
}

const AGENTS_SUFFIX = /^\/_apis\/distributedtask\/pools\/(\d+)\/agents\?(?:demands=([^&]*)&)?api-version=7\.1$/;

/**
 * A check this product installs, recognized by what it does rather than by its name (which a user may
 * change): an Invoke REST API check getting the agents route with our success criteria.
 */
export function readPoolCheck(check: CheckConfiguration): InstalledPoolCheck | undefined {
  const { inputs } = check;
  const suffix = AGENTS_SUFFIX.exec(inputs.urlSuffix ?? '');
  if (check.taskId !== INVOKE_REST_API_TASK.id || !suffix || inputs.successCriteria !== POOL_CHECK_CRITERIA) return undefined;
  if ((inputs.method ?? '').toUpperCase() !== 'GET') return undefined;
  const demands = suffix[2] ? suffix[2].split(',').map(decodeURIComponent) : [];
  const parsed = parsedOrUndefined(demands);
  if (!parsed) return undefined;
  return {
    id: check.id,
    displayName: check.displayName ?? '',
    poolId: Number(suffix[1]),
    demands,
    minAgentVersion: parsed.find(isAgentVersionDemand)?.value,
    connection: inputs.connectedServiceName ?? '',
    timeoutMinutes: check.timeout,
    retryMinutes: check.retryInterval ?? 0,
  };
}

function parsedOrUndefined(demands: readonly string[]): Demand[] | undefined {
  try {
    return demands.map(parseDemand);
  } catch (error) {
    if (error instanceof DemandParseError || error instanceof URIError) return undefined;
    throw error;
  }
}

/** Whether an installed check does what a plan asks, so that installing again changes nothing. */
export function checkMatchesPlan(
  installed: InstalledPoolCheck,
  plan: Extract<PoolCheckPlan, { kind: 'install' }>,
  settings: PoolCheckSettings,
): boolean {
  const sameDemands =
    installed.demands.length === plan.demands.length && installed.demands.every((demand, index) => demand === plan.demands[index]);
  return (
    sameDemands &&
    installed.connection === settings.connection &&
    installed.timeoutMinutes === settings.timeoutMinutes &&
    installed.retryMinutes === settings.retryMinutes
  );
}

/**
 * The agentless gate as a job of the pipeline itself, for whoever prefers it to the check or cannot add
 * checks to the queue: a `pool: server` job, run by Azure Pipelines without any agent.
 */
export function gateJobYaml(pool: string, demandLines: readonly string[], minAgentVersion?: string): string {
  const demands = parseDemands(demandLines).filter((demand) => !isAgentVersionDemand(demand));
  const minimum = minAgentVersion ?? parseDemands(demandLines).find(isAgentVersionDemand)?.value;
  const inputs = [`pool: ${yamlScalar(pool)}`];
  if (demands.length > 0) inputs.push(`demands: ${yamlScalar(demands.map(formatDemand).join(','))}`);
  if (minimum !== undefined) inputs.push(`minimumAgentVersion: ${yamlScalar(minimum)}`);
  return [
    '- job: kedaPoolGate',
    '  pool: server',
    '  steps:',
    '    - task: KedaPoolGate@1',
    '      inputs:',
    ...inputs.map((input) => `        ${input}`),
  ].join('\n');
}

/** A plain scalar when YAML reads it back as the same string, else single-quoted. */
function yamlScalar(value: string): string {
  const plain =
    /^[A-Za-z0-9_.][^:#'"\n]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|yes|no|on|off|null|~|[-+.\d][\d.eE+-]*)$/i.test(value);
  return plain ? value : `'${value.replace(/'/g, "''")}'`;
}

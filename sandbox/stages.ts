/**
 * A YAML pipeline's stage reaching an agent pool: before its jobs queue, the checks configured on the
 * project's queue for that pool are evaluated, and only when they all pass do the jobs queue (Microsoft's
 * documentation: `docs/pipelines/process/approvals.md`, "Before the execution of a stage can begin, all
 * checks on all the resources used in that stage must be satisfied"; `docs/pipelines/process/invoke-checks.md`
 * for Invoke REST API checks). A check answered in its call (`waitForCompletion: false`) that does not pass
 * is evaluated again after its retry interval while its timeout allows; with no retry interval its first
 * decision is final. A negative final decision fails the stage; a timeout skips it. Time passes only when a
 * test says so (`evaluate()`): the sandbox never waits for a retry interval.
 */
import { INVOKE_REST_API_TASK_ID, type StoredCheck } from './checks';
import { newGuid } from './ids';
import { INVOKE_REST_API_TASK } from './server-tasks/invoke-rest-api';
import { runServerTask, type ServiceEndpoint, type ServerTaskRequest } from './server-tasks/run';
import type { OrgState, StoredJobRequest, StoredProject, StoredQueue } from './state';

export interface StageOptions {
  project: string;
  /** The pool the stage's job names (`pool: name`): the project's queue of that name. */
  pool: string;
  demands?: readonly string[];
  minAgentVersion?: string;
  definitionName?: string;
  /** The token a check gets as `System.AccessToken`: the pipeline's build service identity's. */
  accessToken: string;
}

export type CheckRunStatus = 'passed' | 'retrying' | 'failed' | 'timedOut';

export interface CheckRun {
  checkId: number;
  displayName: string;
  status: CheckRunStatus;
  /** Why the last evaluation did not pass. */
  message: string;
  evaluations: number;
  /** Minutes of the check's timeout used by its retries so far. */
  elapsedMinutes: number;
  requests: ServerTaskRequest[];
}

/**
 * `waiting`: held back by checks that will be evaluated again; `queued`: every check passed and the job
 * queued; `failed`: a check failed for good, or the job was refused; `skipped`: a check timed out.
 */
export type StageStatus = 'waiting' | 'queued' | 'failed' | 'skipped';

export class StageRun {
  status: StageStatus = 'waiting';
  message = '';
  jobRequest?: StoredJobRequest;
  readonly checks: CheckRun[];

  constructor(
    private readonly org: OrgState,
    private readonly baseUrl: string,
    private readonly project: StoredProject,
    private readonly queue: StoredQueue,
    private readonly options: StageOptions,
  ) {
    this.checks = org.checks.on(project.id, 'queue', String(queue.id)).map((check) => ({
      checkId: check.id,
      displayName: check.settings.displayName,
      status: 'retrying',
      message: '',
      evaluations: 0,
      elapsedMinutes: 0,
      requests: [],
    }));
  }

  /** The next evaluation of the checks, as after the retry interval; then the jobs queue if they all pass. */
  async evaluate(): Promise<this> {
    if (this.status !== 'waiting') return this;
    for (const run of this.checks) {
      const check = this.org.checks.get(run.checkId);
      // A check deleted while the stage waited no longer holds it back.
      if (!check) run.status = 'passed';
      // "A value of 0 means the decision is final"; a check with a retry interval is evaluated again while
      // others run, "regardless of decision" (`invoke-checks.md`, "Configure synchronous checks").
      else if (run.status === 'passed' && !check.settings.retryInterval) continue;
      else await this.evaluateCheck(check, run);
    }
    const failed = this.checks.find((run) => run.status === 'failed');
    const timedOut = this.checks.find((run) => run.status === 'timedOut');
    if (failed) this.finish('failed', `The check ${failed.displayName} failed: ${failed.message}`);
    else if (timedOut) this.finish('skipped', `The check ${timedOut.displayName} did not pass within its timeout: ${timedOut.message}`);
    else if (this.checks.every((run) => run.status === 'passed')) this.queueJob();
    return this;
  }

  private async evaluateCheck(check: StoredCheck, run: CheckRun): Promise<void> {
    if (check.settings.definitionRef.id !== INVOKE_REST_API_TASK_ID) throw new Error(`The sandbox runs Invoke REST API checks only.`);
    const outcome = await runServerTask({
      task: INVOKE_REST_API_TASK,
      inputs: check.settings.inputs,
      variables: this.variables(),
      endpoints: this.project.genericConnections.map((connection) => this.endpoint(connection)),
    });
    run.evaluations++;
    run.requests.push(...outcome.requests);
    if (outcome.result === 'succeeded') {
      run.status = 'passed';
      run.message = '';
      return;
    }
    run.message = outcome.message;
    const retry = check.settings.retryInterval ?? 0;
    // At most timeout / retryInterval evaluations (`invoke-checks.md`: "The maximum number of evaluations
    // is defined by the ratio between the Timeout and Time between evaluations values"): the one the
    // timeout would fall on is not made.
    if (retry === 0) run.status = 'failed';
    else if (run.elapsedMinutes + retry >= check.timeout) run.status = 'timedOut';
    else {
      run.status = 'retrying';
      run.elapsedMinutes += retry;
    }
  }

  private queueJob(): void {
    const outcome = this.org.queueJob(this.queue.pool.name, this.options.demands ?? [], {
      minAgentVersion: this.options.minAgentVersion,
      definitionName: this.options.definitionName,
    });
    if (outcome.ok) {
      this.jobRequest = outcome.request;
      this.finish('queued', '');
    } else this.finish('failed', outcome.message);
  }

  private finish(status: StageStatus, message: string): void {
    this.status = status;
    this.message = message;
  }

  /** What a check's task gets as variables (`docs/pipelines/process/invoke-checks.md`, "Pass pipeline run information"). */
  private variables(): Record<string, string> {
    return {
      'system.CollectionUri': `${this.baseUrl}/${this.org.name}/`,
      'system.TeamProjectId': this.project.id,
      'system.HostType': 'build',
      'system.PlanId': newGuid(),
      'system.JobId': newGuid(),
      'system.TimelineId': newGuid(),
      'system.TaskInstanceId': newGuid(),
      'system.AccessToken': this.options.accessToken,
    };
  }

  private endpoint(connection: StoredProject['genericConnections'][number]): ServiceEndpoint {
    return {
      id: connection.id,
      name: connection.name,
      type: 'generic',
      url: connection.url.startsWith('/') ? `${this.baseUrl}${connection.url}` : connection.url,
      scheme: 'UsernamePassword',
      parameters: { username: connection.username, password: connection.password },
    };
  }
}

/** A stage of a run of a pipeline in `project` reaching `pool`: its checks are evaluated once at once. */
export async function startStage(org: OrgState, baseUrl: string, options: StageOptions): Promise<StageRun> {
  const project = org.findProject(options.project);
  if (!project) throw new Error(`The sandbox organization ${org.name} has no project ${options.project}.`);
  const queue = project.queues.find((candidate) => candidate.name.toLowerCase() === options.pool.toLowerCase());
  if (!queue) throw new Error(`Project ${project.name} has no queue ${options.pool}.`);
  return new StageRun(org, baseUrl, project, queue, options).evaluate();
}

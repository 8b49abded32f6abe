import { systemClock, type Clock } from '../clock';
import { Agent, CheckConfiguration, JobRequest, Pool, Queue } from '../model/types';
import { CHECKS_API_VERSION, checkRoutes, readCheckConfiguration, type ChecksPort } from './checks';
import { AdoError } from './errors';
import { Credentials, HttpClient, JsonResponse } from './http';
import { canManagePool, refreshAgent, registerAgent, routes, type AgentRegistration, type RegistrationPort } from './registration';
import { Transport, fetchTransport } from './transport';
import { readAgent, readAnswer, readJobRequest, readList, readOne, readPool, readQueue } from './wire';

export type { AgentRegistration } from './registration';

export interface JobRequestPage {
  requests: JobRequest[];
  /** Where the next page starts; absent on the last page, or where the client cannot see it. */
  continuationToken?: string;
}

/**
 * Everything the product reads and writes in Azure DevOps. The task and the CLI use `RestAdoClient`;
 * the hub implements the same interface over the browser client, so the rules above see one API.
 * Every method fails with an `AdoError`.
 */
export interface AdoClient {
  /** Pools the caller can see; with a name, at most the pools of that name. */
  listPools(name?: string): Promise<Pool[]>;
  /** Agents with capabilities, the running request and the last completed one. */
  listAgents(poolId: number): Promise<Agent[]>;
  getAgent(poolId: number, agentId: number): Promise<Agent | undefined>;
  /** Queued, assigned and running requests, each with the agents that match it. */
  listUnfinishedJobRequests(poolId: number): Promise<JobRequest[]>;
  /**
   * One page of the pool's requests, newest first, finished ones included, without their matched agents: at
   * most `top` (the service gives at most 200), continuing where the page `continuationToken` came with ended.
   */
  listJobRequestPage(poolId: number, top: number, continuationToken?: string): Promise<JobRequestPage>;
  listQueues(project: string): Promise<Queue[]>;
  /**
   * Registers an offline agent with the given system and user capabilities, whole or not at all: when the
   * user capabilities cannot be set, the agent just registered is deleted again (within the time budget).
   */
  addAgent(poolId: number, agent: AgentRegistration): Promise<Agent>;
  /**
   * Refreshes a registered agent to `target`, with `standIn` registered as `target` already (`refreshAgent` in
   * `registration.ts`): the pool never loses what it offered.
   */
  refreshAgent(poolId: number, current: Agent, target: AgentRegistration, standIn: Agent): Promise<Agent>;
  setAgentEnabled(poolId: number, agentId: number, enabled: boolean): Promise<Agent>;
  deleteAgent(poolId: number, agentId: number): Promise<void>;
  /** Whether the caller holds the Administrator role (Manage permission) on the pool. */
  canManagePool(poolId: number): Promise<boolean>;
  /** When every call fails with `timeout` (ms since the epoch), for a client with a time budget. */
  readonly deadline?: number;
  /** The clock `deadline` is on, which callers wait on too. */
  readonly clock?: Clock;
}

export interface RestClientOptions {
  orgUrl: string;
  credentials: Credentials;
  /** Milliseconds from now after which every call fails with `timeout`. */
  timeoutMs: number;
  transport?: Transport;
  maxAttempts?: number;
  clock?: Clock;
  /** `userAgent('task')` or `userAgent('cli')`: which face made the calls. */
  userAgent?: string;
}

const AGENT_DETAILS = 'includeCapabilities=true&includeAssignedRequest=true&includeLastCompletedRequest=true';

/**
 * The REST client of the task and the CLI: known routes, no location discovery (the distributedtask
 * area lives at the organization URL on Azure DevOps Services), one request per call, and paging
 * followed wherever the service sends a continuation token.
 */
export class RestAdoClient implements AdoClient, RegistrationPort, ChecksPort {
  private readonly http: HttpClient;

  readonly deadline: number;
  readonly clock: Clock;

  constructor(options: RestClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.deadline = this.clock.now() + options.timeoutMs;
    this.http = new HttpClient({
      orgUrl: options.orgUrl,
      credentials: options.credentials,
      transport: options.transport ?? fetchTransport,
      deadline: this.deadline,
      maxAttempts: options.maxAttempts,
      clock: this.clock,
      userAgent: options.userAgent,
    });
  }

  listPools(name?: string): Promise<Pool[]> {
    const query = name === undefined ? '' : `?poolName=${encodeURIComponent(name)}`;
    return this.list(`_apis/distributedtask/pools${query}`, readPool);
  }

  listAgents(poolId: number): Promise<Agent[]> {
    return this.list(`${routes.agents(poolId)}?${AGENT_DETAILS}`, readAgent);
  }

  async getAgent(poolId: number, agentId: number): Promise<Agent | undefined> {
    try {
      return await this.one('GET', `${routes.agent(poolId, agentId)}?${AGENT_DETAILS}`, readAgent);
    } catch (error) {
      if (error instanceof AdoError && error.kind === 'notFound') return undefined;
      throw error;
    }
  }

  listUnfinishedJobRequests(poolId: number): Promise<JobRequest[]> {
    // Unlike `$top`, this form carries `matchedAgents` and skips the finished history.
    return this.list(`_apis/distributedtask/pools/${poolId}/jobrequests?completedRequestCount=0`, readJobRequest);
  }

  async listJobRequestPage(poolId: number, top: number, continuationToken?: string): Promise<JobRequestPage> {
    const after = continuationToken === undefined ? '' : `&continuationToken=${encodeURIComponent(continuationToken)}`;
    const resource = `_apis/distributedtask/pools/${poolId}/jobrequests?$top=${top}${after}`;
    const response = await this.http.json<unknown>('GET', resource);
    const requests = readAnswer(() => readList(response.body, readJobRequest), 'GET', resource, response.status);
    const next = response.header('x-ms-continuationtoken');
    return next ? { requests, continuationToken: next } : { requests };
  }

  /**
   * `GET …/pools?poolID=<text>` as KEDA 2.16 and earlier sent it to check a `poolID`, the id written as the
   * trigger has it: the answer's body, which those releases took the id to poll from.
   */
  async probePoolId(text: string): Promise<unknown> {
    return (await this.http.json<unknown>('GET', `_apis/distributedtask/pools?poolID=${encodeURIComponent(text)}`)).body;
  }

  listQueues(project: string): Promise<Queue[]> {
    return this.list(`${encodeURIComponent(project)}/_apis/distributedtask/queues`, readQueue);
  }

  addAgent(poolId: number, agent: AgentRegistration): Promise<Agent> {
    return registerAgent(this, poolId, agent);
  }

  refreshAgent(poolId: number, current: Agent, target: AgentRegistration, standIn: Agent): Promise<Agent> {
    return refreshAgent(this, poolId, current, target, standIn);
  }

  setAgentEnabled(poolId: number, agentId: number, enabled: boolean): Promise<Agent> {
    return this.one('PATCH', routes.agent(poolId, agentId), readAgent, { id: agentId, enabled });
  }

  async deleteAgent(poolId: number, agentId: number): Promise<void> {
    await this.http.json('DELETE', routes.agent(poolId, agentId));
  }

  canManagePool(poolId: number): Promise<boolean> {
    return canManagePool(this, poolId);
  }

  async listQueueChecks(project: string, queueId: number): Promise<CheckConfiguration[]> {
    const resource = checkRoutes.queueChecks(project, queueId);
    const response = await this.http.json<unknown>('GET', resource, undefined, CHECKS_API_VERSION);
    return readAnswer(() => readList(response.body, readCheckConfiguration), 'GET', resource, response.status);
  }

  async addCheck(project: string, configuration: Record<string, unknown>): Promise<CheckConfiguration> {
    const resource = checkRoutes.configurations(project);
    const response = await this.http.json<unknown>('POST', resource, configuration, CHECKS_API_VERSION);
    return readAnswer(() => readOne(response.body, readCheckConfiguration), 'POST', resource, response.status);
  }

  async deleteCheck(project: string, id: number): Promise<void> {
    await this.http.json('DELETE', checkRoutes.configuration(project, id), undefined, CHECKS_API_VERSION);
  }

  // The registration protocol's calls (`RegistrationPort`).

  postAgent(poolId: number, body: Record<string, unknown>): Promise<JsonResponse<unknown>> {
    return this.http.json('POST', routes.agents(poolId), body);
  }

  putAgent(poolId: number, agentId: number, body: Record<string, unknown>): Promise<JsonResponse<unknown>> {
    return this.http.json('PUT', routes.agent(poolId, agentId), body);
  }

  patchAgent(poolId: number, agentId: number, body: Record<string, unknown>): Promise<JsonResponse<unknown>> {
    return this.http.json('PATCH', routes.agent(poolId, agentId), body);
  }

  putUserCapabilities(poolId: number, agentId: number, capabilities: Readonly<Record<string, string>>): Promise<JsonResponse<unknown>> {
    return this.http.json('PUT', routes.userCapabilities(poolId, agentId), capabilities);
  }

  getAgentsNamed(poolId: number, name: string): Promise<JsonResponse<unknown>> {
    return this.http.json('GET', `${routes.agents(poolId)}?agentName=${encodeURIComponent(name)}`);
  }

  getPoolPermission(poolId: number, permission: number): Promise<JsonResponse<unknown>> {
    return this.http.json('GET', routes.permission(poolId, permission));
  }

  private async list<T>(resource: string, read: (json: Record<string, unknown>) => T): Promise<T[]> {
    const items: T[] = [];
    let continuation: string | null = null;
    do {
      const separator = resource.includes('?') ? '&' : '?';
      const page: string = continuation ? `${resource}${separator}continuationToken=${encodeURIComponent(continuation)}` : resource;
      const response = await this.http.json<unknown>('GET', page);
      items.push(...readAnswer(() => readList(response.body, read), 'GET', page, response.status));
      continuation = response.header('x-ms-continuationtoken');
    } while (continuation);
    return items;
  }

  private async one<T>(method: 'GET' | 'PATCH', resource: string, read: (json: Record<string, unknown>) => T, body?: unknown): Promise<T> {
    const response = await this.http.json<unknown>(method, resource, body);
    return readAnswer(() => readOne(response.body, read), method, resource, response.status);
  }
}

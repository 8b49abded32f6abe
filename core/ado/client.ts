import { Agent, JobRequest, Pool, Queue } from '../model/types';
import { AdoError } from './errors';
import { Credentials, HttpClient } from './http';
import { Transport, fetchTransport } from './transport';
import { WireShapeError, readAgent, readJobRequest, readList, readPool, readQueue } from './wire';

/** What a placeholder (or any agent record) is registered with. */
export interface AgentRegistration {
  name: string;
  version: string;
  osDescription?: string;
  systemCapabilities: Record<string, string>;
  userCapabilities?: Record<string, string>;
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
  listQueues(project: string): Promise<Queue[]>;
  /**
   * Registers an offline agent with the given system and user capabilities, whole or not at all: when the
   * user capabilities cannot be set, the agent just registered is deleted again (within the time budget).
   */
  addAgent(poolId: number, agent: AgentRegistration): Promise<Agent>;
  setAgentEnabled(poolId: number, agentId: number, enabled: boolean): Promise<Agent>;
  deleteAgent(poolId: number, agentId: number): Promise<void>;
  /** Whether the caller holds the Administrator role (Manage permission) on the pool. */
  canManagePool(poolId: number): Promise<boolean>;
  /** When every call fails with `timeout` (ms since the epoch), for a client with a time budget. */
  readonly deadline?: number;
}

export interface RestClientOptions {
  orgUrl: string;
  credentials: Credentials;
  /** Milliseconds from now after which every call fails with `timeout`. */
  timeoutMs: number;
  transport?: Transport;
  maxAttempts?: number;
  /** `userAgent('task')` or `userAgent('cli')`: which face made the calls. */
  userAgent?: string;
}

const MANAGE_PERMISSION = 2;
const AGENT_DETAILS = 'includeCapabilities=true&includeAssignedRequest=true&includeLastCompletedRequest=true';

/**
 * The REST client of the task and the CLI: known routes, no location discovery (the distributedtask
 * area lives at the organization URL on Azure DevOps Services), one request per call, and paging
 * followed wherever the service sends a continuation token.
 */
export class RestAdoClient implements AdoClient {
  private readonly http: HttpClient;

  readonly deadline: number;

  constructor(options: RestClientOptions) {
    this.deadline = Date.now() + options.timeoutMs;
    this.http = new HttpClient({
      orgUrl: options.orgUrl,
      credentials: options.credentials,
      transport: options.transport ?? fetchTransport,
      deadline: this.deadline,
      maxAttempts: options.maxAttempts,
      userAgent: options.userAgent,
    });
  }

  listPools(name?: string): Promise<Pool[]> {
    const query = name === undefined ? '' : `?poolName=${encodeURIComponent(name)}`;
    return this.list(`_apis/distributedtask/pools${query}`, readPool);
  }

  listAgents(poolId: number): Promise<Agent[]> {
    return this.list(`_apis/distributedtask/pools/${poolId}/agents?${AGENT_DETAILS}`, readAgent);
  }

  async getAgent(poolId: number, agentId: number): Promise<Agent | undefined> {
    try {
      return await this.one('GET', `_apis/distributedtask/pools/${poolId}/agents/${agentId}?${AGENT_DETAILS}`, readAgent);
    } catch (error) {
      if (error instanceof AdoError && error.cause === 'notFound') return undefined;
      throw error;
    }
  }

  listUnfinishedJobRequests(poolId: number): Promise<JobRequest[]> {
    // Unlike `$top`, this form carries `matchedAgents` and skips the finished history.
    return this.list(`_apis/distributedtask/pools/${poolId}/jobrequests?completedRequestCount=0`, readJobRequest);
  }

  listQueues(project: string): Promise<Queue[]> {
    return this.list(`${encodeURIComponent(project)}/_apis/distributedtask/queues`, readQueue);
  }

  async addAgent(poolId: number, agent: AgentRegistration): Promise<Agent> {
    let registered: Agent;
    try {
      registered = await this.one('POST', `_apis/distributedtask/pools/${poolId}/agents`, readAgent, registrationBody(agent));
    } catch (error) {
      // A 2xx whose body could not be read: the agent was registered all the same, by this call (a taken
      // name answers 409), so it is found by its name and undone like a half-done registration below.
      if (error instanceof AdoError && error.cause === 'malformed' && error.status !== undefined && error.status < 300) {
        const [landed] = await this.list(
          `_apis/distributedtask/pools/${poolId}/agents?agentName=${encodeURIComponent(agent.name)}`,
          readAgent,
        ).catch(() => []);
        if (landed) await this.undoRegistration(poolId, landed.id);
      }
      throw error;
    }
    const { userCapabilities } = agent;
    if (!userCapabilities || Object.keys(userCapabilities).length === 0) return registered;
    // A registration carries system capabilities only; user capabilities have their own resource.
    try {
      return await this.one(
        'PUT',
        `_apis/distributedtask/pools/${poolId}/agents/${registered.id}/usercapabilities`,
        readAgent,
        userCapabilities,
      );
    } catch (error) {
      await this.undoRegistration(poolId, registered.id);
      throw error;
    }
  }

  /**
   * Without its user capabilities (the placeholder marker is one) an agent is not the one asked for, and a
   * later run could not complete it: its name is taken. Removed, the pool is as before and the next run
   * starts clean. Should the removal fail too, the caller's re-read of the pool shows the agent as it is.
   */
  private async undoRegistration(poolId: number, agentId: number): Promise<void> {
    await this.deleteAgent(poolId, agentId).catch(() => undefined);
  }

  setAgentEnabled(poolId: number, agentId: number, enabled: boolean): Promise<Agent> {
    return this.one('PATCH', `_apis/distributedtask/pools/${poolId}/agents/${agentId}`, readAgent, { id: agentId, enabled });
  }

  async deleteAgent(poolId: number, agentId: number): Promise<void> {
    await this.http.json('DELETE', `_apis/distributedtask/pools/${poolId}/agents/${agentId}`);
  }

  async canManagePool(poolId: number): Promise<boolean> {
    const resource = `_apis/distributedtask/pools/${poolId}/permissions/${MANAGE_PERMISSION}`;
    const { body } = await this.http.json<unknown>('GET', resource);
    if (typeof body !== 'boolean') throw new AdoError('malformed', 'GET', resource);
    return body;
  }

  private async list<T>(resource: string, read: (json: Record<string, unknown>) => T): Promise<T[]> {
    const items: T[] = [];
    let continuation: string | null = null;
    do {
      const separator = resource.includes('?') ? '&' : '?';
      const page: string = continuation ? `${resource}${separator}continuationToken=${encodeURIComponent(continuation)}` : resource;
      const response = await this.http.json<unknown>('GET', page);
      items.push(...shaped(() => readList(response.body, read), 'GET', page));
      continuation = response.header('x-ms-continuationtoken');
    } while (continuation);
    return items;
  }

  private async one<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    resource: string,
    read: (json: Record<string, unknown>) => T,
    body?: unknown,
  ): Promise<T> {
    const response = await this.http.json<Record<string, unknown>>(method, resource, body);
    return shaped(() => read(response.body), method, resource);
  }
}

function shaped<T>(read: () => T, method: string, resource: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof WireShapeError || error instanceof TypeError)
      throw new AdoError('malformed', method, resource, 200, error.message);
    throw error;
  }
}

/**
 * The body of the agent registration (POST): an enabled, offline agent. User capabilities are left out,
 * because a registration carries system capabilities only; they are set afterwards on their own resource.
 */
export function registrationBody({ userCapabilities: _user, ...agent }: AgentRegistration): Record<string, unknown> {
  return {
    ...agent,
    enabled: true,
    status: 'offline',
    maxParallelism: 1,
    provisioningState: 'Provisioned',
    // The service expects a key with every registration; a placeholder never connects, so it is never used.
    authorization: { publicKey: { exponent: 'AQAB', modulus: randomModulus() } },
  };
}

function randomModulus(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(256));
  return btoa(String.fromCharCode(...bytes));
}

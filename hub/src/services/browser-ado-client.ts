import { TaskAgentRestClient } from 'azure-devops-extension-api/TaskAgent';
import { registrationBody, type AdoClient, type AgentRegistration } from '../../../core/ado/client';
import { AdoError } from '../../../core/ado/errors';
import { causeOf } from '../../../core/ado/http';
import { WireShapeError, readAgent, readJobRequest, readList, readPool, readQueue } from '../../../core/ado/wire';
import type { Agent, JobRequest, Pool, Queue } from '../../../core/model/types';

/** `AgentPoolPermissions.Manage`: what the Administrator role on a pool grants. */
const MANAGE_PERMISSION = 2;
/** No answer after this long is a failure of that pool's row, not a row that spins for ever. */
export const CALL_TIMEOUT_MS = 30_000;

type Json = Record<string, unknown>;

/**
 * The product's `AdoClient` over the portal's own REST client: the host supplies the organization URL and
 * the user's token, and the client asks for bare arrays, numeric enums and `Date` objects, which the same
 * readers as the task's turn into the model's types. Every failure becomes an `AdoError`, so the guard's
 * explanations apply unchanged.
 */
export class BrowserAdoClient implements AdoClient {
  constructor(
    private readonly rest: TaskAgentRestClient,
    private readonly callTimeoutMs = CALL_TIMEOUT_MS,
  ) {}

  listPools(name?: string): Promise<Pool[]> {
    return this.call(
      'GET',
      '_apis/distributedtask/pools',
      () => this.rest.getAgentPools(name),
      (body) => readList(body, readPool),
    );
  }

  listAgents(poolId: number): Promise<Agent[]> {
    return this.call(
      'GET',
      `_apis/distributedtask/pools/${poolId}/agents`,
      () => this.rest.getAgents(poolId, undefined, true, true, true),
      (body) => readList(body, readAgent),
    );
  }

  async getAgent(poolId: number, agentId: number): Promise<Agent | undefined> {
    try {
      return await this.call(
        'GET',
        `_apis/distributedtask/pools/${poolId}/agents/${agentId}`,
        () => this.rest.getAgent(poolId, agentId, true, true, true),
        (body) => readAgent(json(body)),
      );
    } catch (error) {
      if (error instanceof AdoError && error.cause === 'notFound') return undefined;
      throw error;
    }
  }

  listUnfinishedJobRequests(poolId: number): Promise<JobRequest[]> {
    // `completedRequestCount=0`, as the task asks: unfinished requests only, each with its matched agents.
    return this.call(
      'GET',
      `_apis/distributedtask/pools/${poolId}/jobrequests`,
      () => this.rest.getAgentRequestsForAgents(poolId, undefined, 0),
      (body) => readList(body, readJobRequest),
    );
  }

  listQueues(project: string): Promise<Queue[]> {
    return this.call(
      'GET',
      `${project}/_apis/distributedtask/queues`,
      () => this.rest.getAgentQueues(project),
      (body) => readList(body, readQueue),
    );
  }

  async addAgent(poolId: number, agent: AgentRegistration): Promise<Agent> {
    const resource = `_apis/distributedtask/pools/${poolId}/agents`;
    // The contract types enums as numbers; the service takes their names too, and the body says what it means.
    const body = registrationBody(agent) as unknown as Parameters<TaskAgentRestClient['addAgent']>[0];
    const registered = await this.call(
      'POST',
      resource,
      () => this.rest.addAgent(body, poolId),
      (answer) => readAgent(json(answer)),
    );
    const { userCapabilities } = agent;
    if (!userCapabilities || Object.keys(userCapabilities).length === 0) return registered;
    try {
      return await this.call(
        'PUT',
        `${resource}/${registered.id}/usercapabilities`,
        () => this.rest.updateAgentUserCapabilities(userCapabilities, poolId, registered.id),
        (answer) => readAgent(json(answer)),
      );
    } catch (error) {
      // Whole or not at all, as the interface promises: without its marker the agent is not the placeholder
      // asked for, and its name would block the next attempt. If the removal fails too, the re-read shows it.
      await this.deleteAgent(poolId, registered.id).catch(() => undefined);
      throw error;
    }
  }

  setAgentEnabled(poolId: number, agentId: number, enabled: boolean): Promise<Agent> {
    const body = { id: agentId, enabled } as Parameters<TaskAgentRestClient['updateAgent']>[0];
    return this.call(
      'PATCH',
      `_apis/distributedtask/pools/${poolId}/agents/${agentId}`,
      () => this.rest.updateAgent(body, poolId, agentId),
      (answer) => readAgent(json(answer)),
    );
  }

  async deleteAgent(poolId: number, agentId: number): Promise<void> {
    await this.call(
      'DELETE',
      `_apis/distributedtask/pools/${poolId}/agents/${agentId}`,
      () => this.rest.deleteAgent(poolId, agentId),
      () => undefined,
    );
  }

  canManagePool(poolId: number): Promise<boolean> {
    const resource = `_apis/distributedtask/pools/${poolId}/permissions/${MANAGE_PERMISSION}`;
    return this.call(
      'GET',
      resource,
      () => this.rest.hasPoolPermissions(poolId, MANAGE_PERMISSION),
      (body) => {
        if (typeof body !== 'boolean') throw new WireShapeError('expected a boolean');
        return body;
      },
    );
  }

  /** One REST call: bounded in time, its answer read into the model, any failure as an `AdoError`. */
  private async call<T>(method: string, resource: string, send: () => Promise<unknown>, read: (body: unknown) => T): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AdoError('timeout', method, resource)), this.callTimeoutMs);
    });
    let body: unknown;
    try {
      body = await Promise.race([send(), timeout]);
    } catch (error) {
      throw asAdoError(error, method, resource);
    } finally {
      clearTimeout(timer);
    }
    try {
      return read(body);
    } catch (error) {
      if (error instanceof WireShapeError || error instanceof TypeError)
        throw new AdoError('malformed', method, resource, 200, error.message);
      throw error;
    }
  }
}

/** What the browser client throws for an HTTP error: `name` `TFS.WebApi.Exception`, the status and the service's error body. */
interface RestClientError {
  name: string;
  status: number;
  serverError?: { message?: unknown; typeKey?: unknown };
}

function isRestClientError(error: unknown): error is RestClientError {
  return error instanceof Error && error.name === 'TFS.WebApi.Exception' && typeof (error as Partial<RestClientError>).status === 'number';
}

function asAdoError(error: unknown, method: string, resource: string): AdoError {
  if (error instanceof AdoError) return error;
  if (isRestClientError(error)) {
    const { message, typeKey } = error.serverError ?? {};
    return new AdoError(
      causeOf(error.status),
      method,
      resource,
      error.status,
      typeof message === 'string' ? message : undefined,
      typeof typeKey === 'string' ? typeKey : undefined,
    );
  }
  // A 2xx body that is not JSON (a sign-in page) fails the client's `JSON.parse`.
  if (error instanceof SyntaxError) return new AdoError('malformed', method, resource);
  // The client turns a failed `fetch` into `NetworkException`; anything else is a fault of ours and stays loud.
  if (error instanceof Error && error.name === 'NetworkException') return new AdoError('unavailable', method, resource);
  throw error;
}

function json(body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new WireShapeError('expected an object');
  return body as Json;
}

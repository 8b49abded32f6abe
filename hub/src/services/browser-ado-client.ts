import type { AdoClient, JobRequestPage } from '../../../core/ado/client';
import { AdoError, httpFailure } from '../../../core/ado/errors';
import {
  canManagePool,
  refreshAgent,
  registerAgent,
  routes,
  type AgentRegistration,
  type PortAnswer,
  type RegistrationPort,
} from '../../../core/ado/registration';
import { readAgent, readAnswer, readJobRequest, readList, readOne, readPool, readQueue } from '../../../core/ado/wire';
import type { Agent, JobRequest, Pool, Queue } from '../../../core/model/types';
import type { TaskAgentCalls } from './task-agent-rest';

/** No answer after this long is a failure of that pool's row, not a row that spins for ever. */
export const CALL_TIMEOUT_MS = 30_000;
/** The REST client resolves on a 2xx only, without saying which; the service answers these calls with 200. */
const OK = 200;

/**
 * The product's `AdoClient` over the distributedtask calls as the portal's REST client makes them
 * (`TaskAgentCalls`: the hub's `TaskAgentFetchClient`, or the extension API's own client): the host supplies the
 * organization URL and the user's token, and the calls ask for bare arrays, numeric enums and `Date` objects, which the same
 * readers as the task's turn into the model's types. Every failure becomes an `AdoError`, so the guard's
 * explanations apply unchanged; registering goes through the same protocol as the task's (`RegistrationPort`).
 */
export class BrowserAdoClient implements AdoClient, RegistrationPort {
  constructor(
    private readonly rest: TaskAgentCalls,
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
      routes.agents(poolId),
      () => this.rest.getAgents(poolId, undefined, true, true, true),
      (body) => readList(body, readAgent),
    );
  }

  async getAgent(poolId: number, agentId: number): Promise<Agent | undefined> {
    try {
      return await this.call(
        'GET',
        routes.agent(poolId, agentId),
        () => this.rest.getAgent(poolId, agentId, true, true, true),
        (body) => readOne(body, readAgent),
      );
    } catch (error) {
      if (error instanceof AdoError && error.kind === 'notFound') return undefined;
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

  listJobRequestPage(poolId: number, top: number, continuationToken?: string): Promise<JobRequestPage> {
    // The client copies the `x-ms-continuationtoken` header onto the answer; across origins the browser shows
    // it only if the service exposes it (reference azure-devops-api.md §4, unconfirmed), else the read ends here.
    return this.call(
      'GET',
      `_apis/distributedtask/pools/${poolId}/jobrequests?$top=${top}`,
      () => this.rest.getAgentRequests(poolId, top, continuationToken),
      (body) => {
        const requests = readList(body, readJobRequest);
        const next = (body as { continuationToken?: unknown }).continuationToken;
        return typeof next === 'string' && next !== '' ? { requests, continuationToken: next } : { requests };
      },
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

  addAgent(poolId: number, agent: AgentRegistration): Promise<Agent> {
    return registerAgent(this, poolId, agent);
  }

  refreshAgent(poolId: number, current: Agent, target: AgentRegistration, standIn: Agent): Promise<Agent> {
    return refreshAgent(this, poolId, current, target, standIn);
  }

  setAgentEnabled(poolId: number, agentId: number, enabled: boolean): Promise<Agent> {
    return this.call(
      'PATCH',
      routes.agent(poolId, agentId),
      () => this.rest.updateAgent({ id: agentId, enabled }, poolId, agentId),
      (answer) => readOne(answer, readAgent),
    );
  }

  async deleteAgent(poolId: number, agentId: number): Promise<void> {
    await this.send('DELETE', routes.agent(poolId, agentId), () => this.rest.deleteAgent(poolId, agentId));
  }

  canManagePool(poolId: number): Promise<boolean> {
    return canManagePool(this, poolId);
  }

  // The registration protocol's calls (`RegistrationPort`).

  postAgent(poolId: number, body: Record<string, unknown>): Promise<PortAnswer> {
    return this.answer('POST', routes.agents(poolId), () => this.rest.addAgent(body, poolId));
  }

  putAgent(poolId: number, agentId: number, body: Record<string, unknown>): Promise<PortAnswer> {
    return this.answer('PUT', routes.agent(poolId, agentId), () => this.rest.replaceAgent(body, poolId, agentId));
  }

  patchAgent(poolId: number, agentId: number, body: Record<string, unknown>): Promise<PortAnswer> {
    return this.answer('PATCH', routes.agent(poolId, agentId), () => this.rest.updateAgent(body, poolId, agentId));
  }

  putUserCapabilities(poolId: number, agentId: number, capabilities: Readonly<Record<string, string>>): Promise<PortAnswer> {
    return this.answer('PUT', routes.userCapabilities(poolId, agentId), () =>
      this.rest.updateAgentUserCapabilities({ ...capabilities }, poolId, agentId),
    );
  }

  getAgentsNamed(poolId: number, name: string): Promise<PortAnswer> {
    return this.answer('GET', routes.agents(poolId), () => this.rest.getAgents(poolId, name));
  }

  getPoolPermission(poolId: number, permission: number): Promise<PortAnswer> {
    return this.answer('GET', routes.permission(poolId, permission), () => this.rest.hasPoolPermissions(poolId, permission));
  }

  private call<T>(method: string, resource: string, send: () => Promise<unknown>, read: (body: unknown) => T): Promise<T> {
    return readCall(method, resource, send, read, this.callTimeoutMs);
  }

  private async answer(method: string, resource: string, send: () => Promise<unknown>): Promise<PortAnswer> {
    return { status: OK, body: await this.send(method, resource, send) };
  }

  private send(method: string, resource: string, send: () => Promise<unknown>): Promise<unknown> {
    return boundedCall(method, resource, send, this.callTimeoutMs);
  }
}

/** One call of a portal REST client, its answer read into the model. */
export async function readCall<T>(
  method: string,
  resource: string,
  send: () => Promise<unknown>,
  read: (body: unknown) => T,
  callTimeoutMs: number,
): Promise<T> {
  const body = await boundedCall(method, resource, send, callTimeoutMs);
  return readAnswer(() => read(body), method, resource, OK);
}

/** One call of a portal REST client, bounded in time, any failure as an `AdoError`. */
export async function boundedCall(method: string, resource: string, send: () => Promise<unknown>, callTimeoutMs: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AdoError('timeout', method, resource)), callTimeoutMs);
  });
  try {
    return await Promise.race([send(), timeout]);
  } catch (error) {
    throw asAdoError(error, method, resource);
  } finally {
    clearTimeout(timer);
  }
}

/** What the browser client throws for an HTTP error: `name` `TFS.WebApi.Exception`, the status and the service's error body. */
interface RestClientError {
  name: string;
  status: number;
  serverError?: unknown;
}

function isRestClientError(error: unknown): error is RestClientError {
  return error instanceof Error && error.name === 'TFS.WebApi.Exception' && typeof (error as Partial<RestClientError>).status === 'number';
}

function asAdoError(error: unknown, method: string, resource: string): AdoError {
  if (error instanceof AdoError) return error;
  if (isRestClientError(error)) return httpFailure(method, resource, error.status, error.serverError);
  // A 2xx body that is not JSON (a sign-in page) fails the client's `JSON.parse`.
  if (error instanceof SyntaxError) return new AdoError('malformed', method, resource, OK);
  // The client turns a failed `fetch` into `NetworkException`; anything else is a fault of ours and stays loud.
  if (error instanceof Error && error.name === 'NetworkException') return new AdoError('unavailable', method, resource);
  throw error;
}

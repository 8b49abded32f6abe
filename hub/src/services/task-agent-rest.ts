/**
 * The dozen distributedtask calls the hub makes, sent as azure-devops-extension-api's `TaskAgentRestClient`
 * (5.276) sends them, without its class of some 200 methods, its enums and its fetch layer (54 KiB of the hub's first load):
 * the same routes, query parameters and api-version (7.2-preview.1) (`TaskAgent/TaskAgentClient.js` at 5.276.0),
 * sent and read back as its REST base does (`rest-fetch.ts`); a page of job requests carries the next page's
 * token (`x-ms-continuationtoken`) as `continuationToken`.
 * test/hub/task-agent-rest.test.ts holds it to that: against the sandbox, each call makes the request the
 * extension API's client makes, and gets the same answer or the same failure.
 */
import { restExchange, type RestAnswer, type RestEndpoint, type RestRequest } from './rest-fetch';

/** The distributedtask resource area (`TaskAgentRestClient.RESOURCE_AREA_ID`), which the location service maps to its URL. */
export const TASK_AGENT_AREA_ID = 'a85b8835-c1a1-4aac-ae97-1c3d0ba72dbd';

const API_VERSION = '7.2-preview.1';

export class TaskAgentFetchClient {
  constructor(private readonly endpoint: RestEndpoint) {}

  getAgentPools(poolName?: string): Promise<unknown> {
    return this.request({ path: '_apis/distributedtask/pools', query: { poolName } });
  }

  getAgents(
    poolId: number,
    agentName?: string,
    includeCapabilities?: boolean,
    includeAssignedRequest?: boolean,
    includeLastCompletedRequest?: boolean,
  ): Promise<unknown> {
    return this.request({
      path: agentsPath(poolId),
      query: { agentName, includeCapabilities, includeAssignedRequest, includeLastCompletedRequest },
    });
  }

  getAgent(
    poolId: number,
    agentId: number,
    includeCapabilities?: boolean,
    includeAssignedRequest?: boolean,
    includeLastCompletedRequest?: boolean,
  ): Promise<unknown> {
    return this.request({
      path: agentPath(poolId, agentId),
      query: { includeCapabilities, includeAssignedRequest, includeLastCompletedRequest },
    });
  }

  /** One page of a pool's job requests, newest first, with the token of the next page (or null) hung on the list, as the extension API's client hangs it. */
  async getAgentRequests(poolId: number, top: number, continuationToken?: string): Promise<unknown> {
    const { body, headers } = await this.exchange({ path: jobRequestsPath(poolId), query: { $top: top, continuationToken } });
    return Object.assign(body as object, { continuationToken: headers.get('x-ms-continuationtoken') });
  }

  getAgentRequestsForAgents(poolId: number, agentIds?: number[], completedRequestCount?: number): Promise<unknown> {
    return this.request({ path: jobRequestsPath(poolId), query: { agentIds: agentIds?.join(','), completedRequestCount } });
  }

  getAgentQueues(project: string): Promise<unknown> {
    return this.request({ path: `${encodeURIComponent(project)}/_apis/distributedtask/queues` });
  }

  addAgent(agent: object, poolId: number): Promise<unknown> {
    return this.request({ method: 'POST', path: agentsPath(poolId), body: agent });
  }

  replaceAgent(agent: object, poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'PUT', path: agentPath(poolId, agentId), body: agent });
  }

  updateAgent(agent: object, poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'PATCH', path: agentPath(poolId, agentId), body: agent });
  }

  deleteAgent(poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'DELETE', path: agentPath(poolId, agentId) });
  }

  updateAgentUserCapabilities(userCapabilities: { [key: string]: string }, poolId: number, agentId: number): Promise<unknown> {
    return this.request({ method: 'PUT', path: `${agentPath(poolId, agentId)}/usercapabilities`, body: userCapabilities });
  }

  hasPoolPermissions(poolId: number, permissions: number): Promise<unknown> {
    return this.request({ path: `_apis/distributedtask/pools/${poolId}/permissions/${permissions}` });
  }

  private async request(request: Omit<RestRequest, 'apiVersion'>): Promise<unknown> {
    return (await this.exchange(request)).body;
  }

  private exchange(request: Omit<RestRequest, 'apiVersion'>): Promise<RestAnswer> {
    return restExchange(this.endpoint, { ...request, apiVersion: API_VERSION });
  }
}

/**
 * The calls `BrowserAdoClient` makes: this client's, which the extension API's `TaskAgentRestClient` has with
 * the same parameters (so either serves it); the answers are left to the model's readers, which check them.
 */
export type TaskAgentCalls = { [Call in keyof TaskAgentFetchClient]: TaskAgentFetchClient[Call] };

function agentsPath(poolId: number): string {
  return `_apis/distributedtask/pools/${poolId}/agents`;
}

function agentPath(poolId: number, agentId: number): string {
  return `${agentsPath(poolId)}/${agentId}`;
}

function jobRequestsPath(poolId: number): string {
  return `_apis/distributedtask/pools/${poolId}/jobrequests`;
}

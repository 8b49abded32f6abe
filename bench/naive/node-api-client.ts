/**
 * The benchmark's "naive build": the task's client layer swapped for Microsoft's Node client, as most
 * tasks are written. It discovers locations before its first call (OPTIONS Location, ResourceAreas,
 * OPTIONS distributedtask) and runs unbundled, with node_modules beside it. Only the calls a check
 * makes are implemented.
 */
import { WebApi, getBearerHandler, getPersonalAccessTokenHandler } from 'azure-devops-node-api';
import type { ITaskAgentApi } from 'azure-devops-node-api/TaskAgentApi';
import type { AdoClient, AgentRegistration, RestClientOptions } from '../../core/ado/client';
import { AdoError } from '../../core/ado/errors';
import { readAgent, readJobRequest, readPool, readQueue } from '../../core/ado/wire';
import type { Agent, JobRequest, Pool, Queue } from '../../core/model/types';

type Json = Record<string, unknown>;

export class RestAdoClient implements AdoClient {
  private readonly api: Promise<ITaskAgentApi>;

  constructor({ orgUrl, credentials }: RestClientOptions) {
    const handler = credentials.kind === 'pat' ? getPersonalAccessTokenHandler(credentials.token) : getBearerHandler(credentials.token);
    this.api = new WebApi(orgUrl, handler).getTaskAgentApi();
  }

  async listPools(name?: string): Promise<Pool[]> {
    return ((await (await this.api).getAgentPools(name)) ?? []).map((pool) => readPool(pool as unknown as Json));
  }

  async listAgents(poolId: number): Promise<Agent[]> {
    const agents = await (await this.api).getAgents(poolId, undefined, true, true, true);
    if (agents === null) throw new AdoError('notFound', 'GET', `pools/${poolId}/agents`, 404);
    return agents.map((agent) => readAgent(agent as unknown as Json));
  }

  async getAgent(poolId: number, agentId: number): Promise<Agent | undefined> {
    const agent = await (await this.api).getAgent(poolId, agentId, true, true, true);
    return agent === null ? undefined : readAgent(agent as unknown as Json);
  }

  async listUnfinishedJobRequests(poolId: number): Promise<JobRequest[]> {
    const requests = (await (await this.api).getAgentRequestsForAgents(poolId, undefined, 0)) ?? [];
    return requests.map((request) => readJobRequest(request as unknown as Json));
  }

  async listRecentJobRequests(poolId: number, top: number): Promise<JobRequest[]> {
    const requests = (await (await this.api).getAgentRequests(poolId, top)) ?? [];
    return requests.map((request) => readJobRequest(request as unknown as Json));
  }

  async listQueues(project: string): Promise<Queue[]> {
    return ((await (await this.api).getAgentQueues(project)) ?? []).map((queue) => readQueue(queue as unknown as Json));
  }

  addAgent(_poolId: number, _agent: AgentRegistration): Promise<Agent> {
    throw new Error('The naive build only checks.');
  }

  refreshAgent(): Promise<Agent> {
    throw new Error('The naive build only checks.');
  }

  setAgentEnabled(): Promise<Agent> {
    throw new Error('The naive build only checks.');
  }

  deleteAgent(): Promise<void> {
    throw new Error('The naive build only checks.');
  }

  async canManagePool(poolId: number): Promise<boolean> {
    return (await this.api).hasPoolPermissions(poolId, 2);
  }
}

/**
 * The seed of a sandbox organization, as scenario files (`sandbox/scenarios/*.json`) and generators
 * describe it. Times are ISO strings, or relative offsets such as `-3h`, `-2d`, `-15m`, `-30s`
 * resolved against the moment the scenario is loaded, so a scenario stays "fresh" whenever it runs.
 */

export type PoolRole = 'Reader' | 'User' | 'Administrator';

export interface ScenarioIdentity {
  /** Display name, used in 403 messages (e.g. `Project Collection Build Service (contoso)`). */
  name: string;
  /** Personal access token: accepted as the password of Basic auth, with any user name. */
  pat?: string;
  /** Accepted as `Authorization: Bearer <token>`. */
  bearer?: string;
  /** Role per pool name; `*` applies to every pool not named. Pools without a role are invisible. */
  poolRoles: Record<string, PoolRole>;
}

export interface ScenarioAgent {
  id?: number;
  name: string;
  version: string;
  status: 'online' | 'offline';
  enabled?: boolean;
  osDescription?: string;
  createdOn?: string;
  statusChangedOn?: string;
  systemCapabilities?: Record<string, string>;
  userCapabilities?: Record<string, string>;
  /** The captured JSON this entity was seeded from, if any: it is then served in that shape (see `sandbox/replay.ts`). */
  recorded?: Record<string, unknown>;
}

export interface ScenarioJobRequest {
  requestId?: number;
  demands: string[];
  queueTime: string;
  assignTime?: string;
  receiveTime?: string;
  finishTime?: string;
  result?: string;
  /** Name of the agent that took the job (running or finished). */
  agent?: string;
  definitionName?: string;
  planType?: 'Build' | 'Release';
  /** The captured JSON this entity was seeded from, if any: it is then served in that shape (see `sandbox/replay.ts`). */
  recorded?: Record<string, unknown>;
}

export interface ScenarioPool {
  id?: number;
  name: string;
  isHosted?: boolean;
  poolType?: 'automation' | 'deployment';
  /**
   * `TaskAgentPoolOptions` flags: a virtual machine scale set (elastic) pool has `elasticPool`, with
   * `singleUseAgents` when each agent takes one job (reference azure-devops-api.md §8, §9).
   */
  options?: ('elasticPool' | 'singleUseAgents' | 'preserveAgentOnJobFailure' | 'billedPerUsage')[];
  /** Set for pools an agent cloud provisions: Microsoft's hosted pools, Managed DevOps Pools. */
  agentCloudId?: number;
  createdOn?: string;
  agents: ScenarioAgent[];
  /**
   * Agents that ran some of the pool's jobs and were deleted since, as the stock agent image deregisters
   * itself when its pod ends: job requests may name them, the agents list no longer shows them.
   */
  deletedAgents?: ScenarioAgent[];
  jobRequests?: ScenarioJobRequest[];
  /** The captured JSON this entity was seeded from, if any: it is then served in that shape (see `sandbox/replay.ts`). */
  recorded?: Record<string, unknown>;
}

export interface ScenarioProject {
  id?: string;
  name: string;
  /** Queue name -> pool name; a project sees the pools through its queues. */
  queues: Record<string, string>;
  /** Queue name -> queue id, where a scenario needs particular ids; the others are numbered from 1. */
  queueIds?: Record<string, number>;
}

export interface ScenarioOrganization {
  name: string;
  identities: ScenarioIdentity[];
  projects: ScenarioProject[];
  pools: ScenarioPool[];
}

export interface Scenario {
  description?: string;
  organizations: ScenarioOrganization[];
}

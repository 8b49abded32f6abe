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
  /**
   * Role per pool name; `*` applies to every pool not named. Without a role (View) a pool is left out of
   * the pool list and its pool-scoped reads answer empty (see `routes/access.ts`).
   */
  poolRoles: Record<string, PoolRole>;
  /**
   * Role per project queue name; `*` applies to every queue not named. The service judges a project's
   * queues by the caller's role on each queue, not on its pool; by default a queue follows the caller's
   * role on its pool, so a scenario names queue roles only to show a queue whose pool the caller cannot view.
   */
  queueRoles?: Record<string, PoolRole>;
  /** A Microsoft Entra application added to the organization as a user: accepted with the Entra tokens it obtains. */
  servicePrincipal?: ScenarioServicePrincipal;
}

/** An app registration (or managed identity) in a Microsoft Entra tenant, as the emulated token endpoint knows it. */
export interface ScenarioServicePrincipal {
  tenantId: string;
  /** The application (client) id. */
  clientId: string;
  /** A client secret it accepts. */
  secret?: string;
  /**
   * Subjects of its federated credentials for this organization's token issuer, e.g. `sc://contoso/web/azure-pools`:
   * what an Azure Resource Manager connection using workload identity federation presents.
   */
  federatedSubjects?: string[];
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

/** `TaskAgentPoolOptions` flags (reference §9). */
export type PoolOption = 'elasticPool' | 'singleUseAgents' | 'preserveAgentOnJobFailure' | 'billedPerUsage';

/**
 * A pool. Pools whose agents Azure provisions declare what the service reports for them (see
 * `sandbox/README.md` for sources and confidence): a VM scale set ("elastic") pool has `options`
 * `elasticPool` (plus `singleUseAgents` when agents are recycled after each job,
 * `preserveAgentOnJobFailure` when failed agents are kept) and no agent cloud; a Managed DevOps Pool
 * and a Microsoft-hosted pool name their `agentCloudId`.
 */
export interface ScenarioPool {
  id?: number;
  name: string;
  /** Microsoft-hosted; such a pool belongs to agent cloud 1 unless `agentCloudId` says otherwise. */
  isHosted?: boolean;
  poolType?: 'automation' | 'deployment';
  /** Default none. */
  options?: PoolOption[];
  agentCloudId?: number;
  /** Default true, as are `autoUpdate` and `autoSize`. */
  autoProvision?: boolean;
  autoUpdate?: boolean;
  autoSize?: boolean;
  /** Only for pools an agent cloud sizes; absent (served as null) otherwise. */
  targetSize?: number;
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
  /** Service connection name -> id: the Azure Resource Manager connections a pipeline may ask OIDC tokens for. */
  serviceConnections?: Record<string, string>;
  /** Generic service connections by name: what an Invoke REST API check calls with (Basic authentication). */
  genericConnections?: Record<string, ScenarioGenericConnection>;
}

export interface ScenarioGenericConnection {
  id?: string;
  /** The server URL: absolute, or a path on the sandbox itself such as `/contoso/` (its port is chosen at start). */
  url: string;
  username?: string;
  /** The password or token: for Azure DevOps, a personal access token. */
  password?: string;
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

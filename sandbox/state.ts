/**
 * One organization's state, seeded from a scenario and changed by the REST routes, the control
 * endpoints and the KEDA loop. It holds the service's own rules (queueing, demand matching, name
 * uniqueness) so every way in behaves the same.
 */
import { effectiveCapabilities, sameIgnoringCase, storedCapabilities, AGENT_NAME } from './capabilities';
import {
  formatDemand,
  isAgentVersionDemand,
  jobDemands,
  parseDemand,
  satisfies,
  satisfiesAll,
  InvalidDemandError,
  type Demand,
} from './demands';
import { parseAgentVersion } from './agent-version';
import { CheckStore } from './checks';
import { AgentExistsError, poolNotFound } from './errors';
import { IdSequence, newGuid, stableGuid } from './ids';
import { resolveTime } from './relative-time';
import type { Recorded } from './replay';
import type {
  PoolOption,
  PoolRole,
  ScenarioAgent,
  ScenarioJobRequest,
  ScenarioOrganization,
  ScenarioPool,
  ScenarioServicePrincipal,
} from './scenario-types';

/**
 * The implicit `Agent.Version -gtVersion X` demand of a job queued without an explicit minimum.
 * 2.218.1 is a plausible minimum for today's tasks: agents of the 3.x/4.x lines satisfy it, a
 * placeholder registered with an old 2.1xx/2.210 version does not.
 */
export const DEFAULT_MIN_AGENT_VERSION = '2.218.1';

/** How long a running request stays locked before its agent must renew it. */
const LOCK_DURATION_MS = 10 * 60_000;

export type AgentStatus = 'online' | 'offline';
export type TaskResultName = 'succeeded' | 'succeededWithIssues' | 'failed' | 'canceled' | 'skipped' | 'abandoned';

export interface StoredIdentity {
  readonly id: string;
  readonly name: string;
  readonly pat?: string;
  readonly bearer?: string;
  readonly poolRoles: Readonly<Record<string, PoolRole>>;
  readonly queueRoles?: Readonly<Record<string, PoolRole>>;
  readonly servicePrincipal?: ScenarioServicePrincipal;
}

export interface StoredAgent {
  readonly id: number;
  name: string;
  version: string;
  status: AgentStatus;
  enabled: boolean;
  osDescription?: string;
  provisioningState: string;
  maxParallelism: number;
  readonly createdOn: Date;
  statusChangedOn?: Date;
  /** Without `Agent.Name` and `Agent.Version`, which are derived from `name` and `version` (`capabilities.ts`). */
  systemCapabilities: Record<string, string>;
  userCapabilities: Record<string, string>;
  authorization: { clientId: string; publicKey?: unknown };
  /** Present exactly while the agent runs a job (the service's notion of "busy"). */
  assignedRequest?: StoredJobRequest;
  lastCompletedRequest?: StoredJobRequest;
  /** The captured payload a `samples`-style scenario seeded this from; it decides the served shape (`replay.ts`). */
  readonly recorded?: Recorded;
}

export interface StoredJobRequest {
  readonly requestId: number;
  readonly poolId: number;
  readonly queueId?: number;
  /** As the service writes them back (`formatDemand`), the implicit `Agent.Version` minimum last. */
  readonly demands: readonly string[];
  readonly queueTime: Date;
  /** The organization's id, as the service reports it. */
  readonly hostId: string;
  assignTime?: Date;
  receiveTime?: Date;
  lockedUntil?: Date;
  finishTime?: Date;
  result?: TaskResultName;
  /** The agent object itself: live while registered, its last known state once deleted. */
  reservedAgent?: StoredAgent;
  readonly planType: 'Build' | 'Release';
  readonly planId: string;
  readonly jobId: string;
  readonly scopeId: string;
  readonly definition: { readonly id: number; readonly name: string };
  readonly owner: { readonly id: number; readonly name: string };
  /** The captured payload a `samples`-style scenario seeded this from; it decides the served shape (`replay.ts`). */
  recorded?: Recorded;
}

export interface StoredPool {
  readonly id: number;
  readonly name: string;
  readonly scope: string;
  readonly isHosted: boolean;
  readonly poolType: 'automation' | 'deployment';
  /** `TaskAgentPoolOptions` flags: `elasticPool` and friends mark a VM scale set pool. */
  readonly options: readonly PoolOption[];
  /** The agent cloud that provisions the pool's agents: Microsoft-hosted pools, Managed DevOps Pools. */
  readonly agentCloudId?: number;
  readonly autoProvision: boolean;
  readonly autoUpdate: boolean;
  readonly autoSize: boolean;
  readonly targetSize?: number;
  readonly createdOn: Date;
  readonly agents: Map<number, StoredAgent>;
  readonly requests: Map<number, StoredJobRequest>;
  /** The captured payload a `samples`-style scenario seeded this from; it decides the served shape (`replay.ts`). */
  readonly recorded?: Recorded;
}

export interface StoredQueue {
  readonly id: number;
  readonly name: string;
  readonly projectId: string;
  readonly pool: StoredPool;
}

export interface StoredProject {
  readonly id: string;
  readonly name: string;
  readonly queues: readonly StoredQueue[];
  /** Service connection name -> id. */
  readonly serviceConnections: Readonly<Record<string, string>>;
  /** Generic connections, what an Invoke REST API check calls with. */
  readonly genericConnections: readonly StoredGenericConnection[];
}

export interface StoredGenericConnection {
  readonly id: string;
  readonly name: string;
  /** Absolute, or a path on the sandbox itself (`/contoso/`). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

export interface NewAgent {
  name: string;
  version: string;
  status?: AgentStatus;
  enabled?: boolean;
  osDescription?: string;
  provisioningState?: string;
  maxParallelism?: number;
  systemCapabilities?: Record<string, string>;
  userCapabilities?: Record<string, string>;
  /** Kept as sent; the service adds a `clientId`. */
  publicKey?: unknown;
}

/** Members a PUT or PATCH may change; absent members stay as they are. */
export type AgentChanges = Partial<
  Pick<
    StoredAgent,
    'name' | 'version' | 'enabled' | 'osDescription' | 'provisioningState' | 'maxParallelism' | 'systemCapabilities' | 'userCapabilities'
  >
> & { publicKey?: unknown };

export interface QueueJobOptions {
  minAgentVersion?: string;
  definitionName?: string;
}

export type QueueJobOutcome = { ok: true; request: StoredJobRequest } | { ok: false; message: string };

export type OrgEvent =
  | { type: 'agentRegistered' | 'agentUpdated' | 'agentDeleted'; pool: StoredPool; agent: StoredAgent }
  | { type: 'jobQueued' | 'jobAssigned' | 'jobReceived' | 'jobFinished'; pool: StoredPool; request: StoredJobRequest }
  | { type: 'jobRejected'; poolName: string; demands: readonly string[]; message: string };

/** What a new agent starts from: a scenario's agent, or a registration. */
type AgentSeed = Omit<ScenarioAgent, 'createdOn' | 'statusChangedOn'> & {
  createdOn?: Date;
  statusChangedOn?: Date;
  provisioningState?: string;
  maxParallelism?: number;
};

const ROLE_RANK: Record<PoolRole, number> = { Reader: 1, User: 2, Administrator: 3 };

export function roleAtLeast(role: PoolRole | undefined, needed: PoolRole): boolean {
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[needed];
}

export function isFinished(request: StoredJobRequest): boolean {
  return request.result !== undefined;
}

/**
 * The message the service's pipeline validation gives a demand that does not parse
 * (`TemplateResultConverter`, Azure DevOps Server 2022, decompiled in mjwrona/decompiled).
 */
export function invalidDemandMessage(text: string): string {
  return `Invalid demand '${text}'. The demand should be in the format '<NAME>' to test existence, and '<NAME> -equals <VALUE>' to test for a specific value. For example, 'VISUALSTUDIO' or 'agent.os -equals Windows_NT'.`;
}

export function isElasticPool(pool: StoredPool): boolean {
  return pool.options.includes('elasticPool');
}

/**
 * What the service matches a job against in a pool. A VM scale set pool keeps only the first
 * `Agent.Name -equals` demand and the agent version minimum: the scale set's agents are all alike
 * (`DistributedTaskResourceService` queueing, Azure DevOps Server 2022, decompiled).
 */
function matchedDemands(pool: StoredPool, demands: readonly Demand[]): Demand[] {
  if (!isElasticPool(pool)) return [...demands];
  const byName = demands.find((demand) => demand.kind === 'equals' && sameIgnoringCase(demand.name, AGENT_NAME));
  return [...(byName ? [byName] : []), ...demands.filter(isAgentVersionDemand)];
}

/**
 * The service's refusal when no registered agent satisfies a job (`ConstructUnmatchedDemandsError`,
 * Azure DevOps Server 2022, decompiled): it names a demand every agent fails, else a pair of demands
 * that every agent fails one of, else all of them.
 */
function refusalMessage(poolName: string, demands: readonly Demand[], agents: readonly StoredAgent[]): string {
  const all = demands.map(formatDemand).join(', ');
  const failing = demands.map((demand) => new Set(agents.filter((agent) => !satisfies(effectiveCapabilities(agent), demand))));
  const single = demands.findIndex((_, index) => failing[index].size > 0 && failing[index].size === agents.length);
  if (single >= 0)
    return `No agent found in pool ${poolName} which satisfies the following demand: ${demands[single].name}. All demands: ${all}`;
  for (let first = 0; first < demands.length; first++) {
    for (let second = first + 1; second < demands.length; second++) {
      const eitherFails = failing[first].size > 0 && failing[second].size > 0;
      if (eitherFails && agents.every((agent) => failing[first].has(agent) || failing[second].has(agent))) {
        return `No agent found in pool ${poolName} satisfies both of the following demands: ${demands[first].name}, ${demands[second].name}. All demands: ${all}`;
      }
    }
  }
  return `No agent found in pool ${poolName} which satisfies the specified demands: ${all}`;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A role table's entry for a name (ignoring case), else its `*` entry. */
function roleIn(roles: Readonly<Record<string, PoolRole>>, name: string): PoolRole | undefined {
  const named = Object.entries(roles).find(([entry]) => sameName(entry, name));
  return named ? named[1] : roles['*'];
}

export class OrgState {
  readonly id: string;
  readonly name: string;
  readonly identities: readonly StoredIdentity[];
  /** Approvals and checks configured on the organization's resources. */
  readonly checks = new CheckStore();
  private readonly pools = new Map<number, StoredPool>();
  private readonly projectList: StoredProject[] = [];
  private readonly agentIds = new IdSequence(1);
  private readonly requestIds = new IdSequence(1);
  private readonly definitionIds = new Map<string, number>();
  private readonly listeners = new Set<(event: OrgEvent) => void>();

  constructor(
    seed: ScenarioOrganization,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.id = stableGuid('organization', seed.name);
    this.name = seed.name;
    const loadedAt = clock();
    this.identities = seed.identities.map((identity) => ({
      ...identity,
      id: stableGuid('identity', seed.name, identity.name),
    }));
    this.seedPools(seed.pools, loadedAt);
    this.seedProjects(seed);
    for (const pool of seed.pools) this.seedJobRequests(pool, loadedAt);
    for (const pool of seed.pools) this.forgetDeletedAgents(pool);
  }

  // ---- events ---------------------------------------------------------------------------------

  /** Listeners hear about every change after the changing call has returned. */
  onChange(listener: (event: OrgEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: OrgEvent): void {
    for (const listener of this.listeners) queueMicrotask(() => listener(event));
  }

  // ---- pools, projects, identities ------------------------------------------------------------

  listPools(): StoredPool[] {
    return [...this.pools.values()].sort((a, b) => a.id - b.id);
  }

  getPool(id: number): StoredPool | undefined {
    return this.pools.get(id);
  }

  findPoolByName(name: string): StoredPool | undefined {
    return this.listPools().find((pool) => sameName(pool.name, name));
  }

  listProjects(): readonly StoredProject[] {
    return this.projectList;
  }

  /** A project by name (case-insensitive) or by id, as `{project}` route values allow both. */
  findProject(nameOrId: string): StoredProject | undefined {
    return this.projectList.find((project) => sameName(project.name, nameOrId) || sameName(project.id, nameOrId));
  }

  /** The identity's role on a pool: the pool's own entry, else `*`, else none (the pool is invisible). */
  roleOn(identity: StoredIdentity, pool: StoredPool): PoolRole | undefined {
    return roleIn(identity.poolRoles, pool.name);
  }

  /** The identity's role on a project queue: its `queueRoles` entry, else `*`, else its role on the queue's pool. */
  roleOnQueue(identity: StoredIdentity, queue: StoredQueue): PoolRole | undefined {
    return identity.queueRoles
      ? (roleIn(identity.queueRoles, queue.name) ?? this.roleOn(identity, queue.pool))
      : this.roleOn(identity, queue.pool);
  }

  // ---- agents ---------------------------------------------------------------------------------

  getAgent(poolId: number, agentId: number): StoredAgent | undefined {
    return this.pools.get(poolId)?.agents.get(agentId);
  }

  listAgents(poolId: number): StoredAgent[] {
    return [...this.requirePool(poolId).agents.values()].sort((a, b) => a.id - b.id);
  }

  findAgentByName(poolId: number, name: string): StoredAgent | undefined {
    return this.listAgents(poolId).find((agent) => sameName(agent.name, name));
  }

  /**
   * Agents whose system ∪ user capabilities satisfy every demand, online, offline or disabled: the
   * service's matching query reads all of a pool's agents (`DistributedTaskResourceService.GetAgents`,
   * `FilterAgents`). Throws `InvalidDemandError` for a text that is not a demand.
   */
  matchingAgents(poolId: number, demands: readonly string[]): StoredAgent[] {
    const pool = this.requirePool(poolId);
    return this.matching(pool, matchedDemands(pool, demands.map(parseDemand)));
  }

  private matching(pool: StoredPool, demands: readonly Demand[]): StoredAgent[] {
    return this.listAgents(pool.id).filter((agent) => satisfiesAll(effectiveCapabilities(agent), demands));
  }

  registerAgent(poolId: number, spec: NewAgent): StoredAgent {
    const pool = this.requirePool(poolId);
    this.assertNameFree(pool, spec.name);
    const agent = this.createAgent(
      {
        name: spec.name,
        version: spec.version,
        status: spec.status ?? 'offline',
        enabled: spec.enabled,
        osDescription: spec.osDescription,
        provisioningState: spec.provisioningState,
        maxParallelism: spec.maxParallelism,
        systemCapabilities: spec.systemCapabilities,
        userCapabilities: spec.userCapabilities,
      },
      this.clock(),
    );
    if (spec.publicKey !== undefined) agent.authorization.publicKey = spec.publicKey;
    pool.agents.set(agent.id, agent);
    this.emit({ type: 'agentRegistered', pool, agent });
    return agent;
  }

  updateAgent(poolId: number, agentId: number, changes: AgentChanges): StoredAgent {
    const pool = this.requirePool(poolId);
    const agent = this.requireAgent(pool, agentId);
    if (changes.name !== undefined && !sameName(changes.name, agent.name)) this.assertNameFree(pool, changes.name);
    const { publicKey, ...members } = changes;
    const defined = Object.entries(members).filter(([, value]) => value !== undefined);
    Object.assign(agent, Object.fromEntries(defined));
    if (changes.systemCapabilities) agent.systemCapabilities = storedCapabilities(changes.systemCapabilities);
    if (changes.userCapabilities) agent.userCapabilities = storedCapabilities(changes.userCapabilities);
    if (publicKey !== undefined) agent.authorization.publicKey = publicKey;
    this.emit({ type: 'agentUpdated', pool, agent });
    return agent;
  }

  setAgentStatus(poolId: number, agentId: number, status: AgentStatus): StoredAgent {
    const pool = this.requirePool(poolId);
    const agent = this.requireAgent(pool, agentId);
    if (agent.status !== status) {
      agent.status = status;
      agent.statusChangedOn = this.clock();
      this.emit({ type: 'agentUpdated', pool, agent });
    }
    return agent;
  }

  /** Removing an agent mid-job abandons the job, as when a real agent vanishes without renewing its lock. */
  deleteAgent(poolId: number, agentId: number): StoredAgent {
    const pool = this.requirePool(poolId);
    const agent = this.requireAgent(pool, agentId);
    if (agent.assignedRequest) this.finishRequest(poolId, agent.assignedRequest.requestId, 'abandoned');
    pool.agents.delete(agentId);
    this.emit({ type: 'agentDeleted', pool, agent });
    return agent;
  }

  // ---- job requests ---------------------------------------------------------------------------

  /**
   * The service's queueing rule (reference §13.2): the job's demands are normalized (`jobDemands`); if no
   * registered agent (online, offline or disabled) satisfies every demand, the job fails at once with the
   * service's refusal and leaves no job request behind; otherwise it waits as a pending request. A VM
   * scale set pool never refuses: it waits for the scale set to bring an agent. Nor does a pool whose
   * agents miss only the `Agent.Version` minimum, when it allows agent updates: the service asks those
   * agents to update and lets the job wait (`updateCandidates` in `DistributedTaskResourceService`,
   * Server 2022 decompiled; see sandbox/README.md). With updates switched off it refuses in other words.
   */
  queueJob(poolName: string, demandTexts: readonly string[], opts: QueueJobOptions = {}): QueueJobOutcome {
    let demands: Demand[];
    try {
      demands = jobDemands(demandTexts.map(parseDemand), opts.minAgentVersion, DEFAULT_MIN_AGENT_VERSION);
    } catch (error) {
      if (!(error instanceof InvalidDemandError)) throw error;
      return this.rejectJob(poolName, demandTexts, invalidDemandMessage(error.text));
    }
    const pool = this.findPoolByName(poolName);
    if (!pool) {
      return this.rejectJob(
        poolName,
        demands.map(formatDemand),
        `Could not find a pool with name ${poolName}. The pool does not exist or has not been authorized for use. For authorization details, refer to https://aka.ms/yamlauthz.`,
      );
    }
    const matched = matchedDemands(pool, demands);
    if (!isElasticPool(pool) && this.matching(pool, matched).length === 0) {
      const updatable = this.listAgents(pool.id).filter((agent) => missesOnlyTheVersion(agent, matched));
      const minimum = matched.find(isAgentVersionDemand);
      if (updatable.length === 0 || !minimum) {
        return this.rejectJob(poolName, matched.map(formatDemand), refusalMessage(pool.name, matched, this.listAgents(pool.id)));
      }
      if (!pool.autoUpdate) return this.rejectJob(poolName, matched.map(formatDemand), noUpdateMessage(pool.name, minimum.value));
    }
    const request = this.createRequest(pool, matched.map(formatDemand), this.clock(), opts.definitionName ?? 'pipeline', 'Build');
    this.emit({ type: 'jobQueued', pool, request });
    return { ok: true, request };
  }

  private rejectJob(poolName: string, demands: readonly string[], message: string): QueueJobOutcome {
    this.emit({ type: 'jobRejected', poolName, demands, message });
    return { ok: false, message };
  }

  getRequest(poolId: number, requestId: number): StoredJobRequest | undefined {
    return this.pools.get(poolId)?.requests.get(requestId);
  }

  /** Every request of the pool, oldest first. */
  listRequests(poolId: number): StoredJobRequest[] {
    return [...this.requirePool(poolId).requests.values()].sort((a, b) => a.requestId - b.requestId);
  }

  /** Queued and not yet assigned to an agent, oldest first. */
  pendingRequests(poolId: number): StoredJobRequest[] {
    return this.listRequests(poolId).filter((request) => !isFinished(request) && !request.assignTime);
  }

  /**
   * The service reserves an idle agent for the job (`assignTime`, `reservedAgent`); the agent then receives
   * it (`receiveTime`, and the lock it renews), at once unless `received` is false, when `receiveRequest`
   * follows. Real requests show seconds between the two (the agent starting the job: 2.5 s in KEDA's captured
   * request, 3.2 and 3.3 s in `jobrequests-list.json`).
   */
  assignRequest(poolId: number, requestId: number, agentId: number, { received = true }: { received?: boolean } = {}): StoredJobRequest {
    const pool = this.requirePool(poolId);
    const request = this.requireRequest(pool, requestId);
    const agent = this.requireAgent(pool, agentId);
    if (isFinished(request) || request.assignTime) throw new Error(`Job request ${requestId} is not pending.`);
    if (agent.assignedRequest) throw new Error(`Agent ${agent.name} already runs job request ${agent.assignedRequest.requestId}.`);
    request.assignTime = this.clock();
    request.reservedAgent = agent;
    agent.assignedRequest = request;
    if (received) this.stampReceived(request);
    this.emit({ type: 'jobAssigned', pool, request });
    return request;
  }

  /** The agent the job was assigned to has received it. */
  receiveRequest(poolId: number, requestId: number): StoredJobRequest {
    const pool = this.requirePool(poolId);
    const request = this.requireRequest(pool, requestId);
    if (isFinished(request) || !request.assignTime || request.receiveTime)
      throw new Error(`Job request ${requestId} is not assigned and waiting to be received.`);
    this.stampReceived(request);
    this.emit({ type: 'jobReceived', pool, request });
    return request;
  }

  private stampReceived(request: StoredJobRequest): void {
    const now = this.clock();
    request.receiveTime = now;
    request.lockedUntil = new Date(now.getTime() + LOCK_DURATION_MS);
  }

  /** Finishes a running request, or cancels a pending one (`canceled`). */
  finishRequest(poolId: number, requestId: number, result: TaskResultName = 'succeeded'): StoredJobRequest {
    const pool = this.requirePool(poolId);
    const request = this.requireRequest(pool, requestId);
    if (isFinished(request)) throw new Error(`Job request ${requestId} is already finished.`);
    request.finishTime = this.clock();
    request.result = result;
    const agent = request.reservedAgent;
    if (agent?.assignedRequest === request) {
      agent.assignedRequest = undefined;
      agent.lastCompletedRequest = request;
    }
    this.emit({ type: 'jobFinished', pool, request });
    return request;
  }

  // ---- internals ------------------------------------------------------------------------------

  private requirePool(poolId: number): StoredPool {
    const pool = this.pools.get(poolId);
    if (!pool) throw poolNotFound(poolId);
    return pool;
  }

  private requireAgent(pool: StoredPool, agentId: number): StoredAgent {
    const agent = pool.agents.get(agentId);
    if (!agent) throw new Error(`Pool ${pool.name} has no agent ${agentId}.`);
    return agent;
  }

  private requireRequest(pool: StoredPool, requestId: number): StoredJobRequest {
    const request = pool.requests.get(requestId);
    if (!request) throw new Error(`Pool ${pool.name} has no job request ${requestId}.`);
    return request;
  }

  private assertNameFree(pool: StoredPool, name: string): void {
    if ([...pool.agents.values()].some((agent) => sameName(agent.name, name))) throw new AgentExistsError(name, pool.name);
  }

  private createAgent(seed: AgentSeed, now: Date): StoredAgent {
    const id = seed.id ?? this.agentIds.take();
    this.agentIds.reserve(id);
    return {
      id,
      name: seed.name,
      version: seed.version,
      status: seed.status,
      enabled: seed.enabled ?? true,
      osDescription: seed.osDescription,
      provisioningState: seed.provisioningState || 'Provisioned',
      maxParallelism: seed.maxParallelism ?? 1,
      createdOn: seed.createdOn ?? now,
      statusChangedOn: seed.statusChangedOn,
      systemCapabilities: storedCapabilities(seed.systemCapabilities),
      userCapabilities: storedCapabilities(seed.userCapabilities),
      authorization: { clientId: stableGuid('agent client', this.name, String(id)) },
      recorded: seed.recorded,
    };
  }

  private createRequest(
    pool: StoredPool,
    demands: string[],
    queueTime: Date,
    definitionName: string,
    planType: 'Build' | 'Release',
    requestId = this.requestIds.take(),
  ): StoredJobRequest {
    this.requestIds.reserve(requestId);
    const queue = this.projectList.flatMap((project) => project.queues).find((candidate) => candidate.pool === pool);
    const request: StoredJobRequest = {
      requestId,
      poolId: pool.id,
      queueId: queue?.id,
      demands,
      queueTime,
      hostId: this.id,
      planType,
      planId: newGuid(),
      jobId: newGuid(),
      scopeId: queue?.projectId ?? '00000000-0000-0000-0000-000000000000',
      definition: { id: this.definitionId(definitionName), name: definitionName },
      owner: { id: requestId, name: `#${requestId}` },
    };
    pool.requests.set(requestId, request);
    return request;
  }

  private seededDemands(seed: ScenarioJobRequest, where: string): Demand[] {
    try {
      return seed.demands.map(parseDemand);
    } catch (error) {
      if (error instanceof InvalidDemandError) throw new Error(`Scenario ${this.name}: ${where}: ${invalidDemandMessage(error.text)}`);
      throw error;
    }
  }

  private definitionId(name: string): number {
    const key = name.toLowerCase();
    if (!this.definitionIds.has(key)) this.definitionIds.set(key, this.definitionIds.size + 1);
    return this.definitionIds.get(key) as number;
  }

  private seedPools(seeds: readonly ScenarioPool[], loadedAt: Date): void {
    const poolIds = new IdSequence(1);
    for (const seed of seeds) if (seed.id !== undefined) poolIds.reserve(seed.id);
    for (const seed of seeds) for (const agent of agentSeeds(seed)) if (agent.id !== undefined) this.agentIds.reserve(agent.id);
    for (const seed of seeds)
      for (const job of seed.jobRequests ?? []) if (job.requestId !== undefined) this.requestIds.reserve(job.requestId);

    const seededAgentIds = new Set<number>();
    for (const seed of seeds) {
      const id = seed.id ?? poolIds.take();
      if (this.pools.has(id)) throw new Error(`Scenario ${this.name}: pool id ${id} is used twice.`);
      if (this.findPoolByName(seed.name)) throw new Error(`Scenario ${this.name}: pool name ${seed.name} is used twice.`);
      const pool: StoredPool = {
        id,
        name: seed.name,
        scope: stableGuid('pool', this.name, seed.name),
        isHosted: seed.isHosted ?? false,
        poolType: seed.poolType ?? 'automation',
        options: seed.options ?? [],
        // Microsoft-hosted pools belong to agent cloud 1 (every hosted pool in pools-list.json).
        agentCloudId: seed.agentCloudId ?? (seed.isHosted ? 1 : undefined),
        autoProvision: seed.autoProvision ?? true,
        autoUpdate: seed.autoUpdate ?? true,
        autoSize: seed.autoSize ?? true,
        targetSize: seed.targetSize,
        createdOn: seed.createdOn ? resolveTime(seed.createdOn, loadedAt, `pool ${seed.name} createdOn`) : loadedAt,
        agents: new Map(),
        requests: new Map(),
        recorded: seed.recorded,
      };
      this.pools.set(id, pool);
      for (const agentSeed of agentSeeds(seed)) {
        const where = `pool ${seed.name} agent ${agentSeed.name}`;
        if (agentSeed.id !== undefined && seededAgentIds.has(agentSeed.id)) {
          throw new Error(`Scenario ${this.name}: agent id ${agentSeed.id} is used twice.`);
        }
        this.assertNameFree(pool, agentSeed.name);
        const agent = this.createAgent(
          {
            ...agentSeed,
            createdOn: agentSeed.createdOn ? resolveTime(agentSeed.createdOn, loadedAt, `${where} createdOn`) : undefined,
            statusChangedOn: agentSeed.statusChangedOn
              ? resolveTime(agentSeed.statusChangedOn, loadedAt, `${where} statusChangedOn`)
              : undefined,
          },
          loadedAt,
        );
        pool.agents.set(agent.id, agent);
        seededAgentIds.add(agent.id);
      }
    }
  }

  /** Seeded so that their requests can name them, then removed: the requests keep the agents' last state. */
  private forgetDeletedAgents(poolSeed: ScenarioPool): void {
    const pool = this.findPoolByName(poolSeed.name) as StoredPool;
    for (const seed of poolSeed.deletedAgents ?? []) {
      const agent = this.findAgentByName(pool.id, seed.name) as StoredAgent;
      if (agent.assignedRequest) throw new Error(`Scenario ${this.name}: deleted agent ${agent.name} cannot run a job.`);
      pool.agents.delete(agent.id);
    }
  }

  private seedProjects(seed: ScenarioOrganization): void {
    const queueIds = new IdSequence(1);
    for (const projectSeed of seed.projects) for (const id of Object.values(projectSeed.queueIds ?? {})) queueIds.reserve(id);
    for (const projectSeed of seed.projects) {
      const projectId = projectSeed.id ?? stableGuid('project', seed.name, projectSeed.name);
      const queues = Object.entries(projectSeed.queues).map(([queueName, poolName]) => {
        const pool = this.findPoolByName(poolName);
        if (!pool)
          throw new Error(`Scenario ${seed.name}: queue ${queueName} of project ${projectSeed.name} names unknown pool ${poolName}.`);
        return { id: projectSeed.queueIds?.[queueName] ?? queueIds.take(), name: queueName, projectId, pool };
      });
      const genericConnections = Object.entries(projectSeed.genericConnections ?? {}).map(([name, connection]) => ({
        id: connection.id ?? stableGuid('connection', seed.name, projectSeed.name, name),
        name,
        url: connection.url,
        username: connection.username ?? '',
        password: connection.password ?? '',
      }));
      this.projectList.push({
        id: projectId,
        name: projectSeed.name,
        queues,
        serviceConnections: projectSeed.serviceConnections ?? {},
        genericConnections,
      });
    }
  }

  private seedJobRequests(poolSeed: ScenarioPool, loadedAt: Date): void {
    const pool = this.findPoolByName(poolSeed.name) as StoredPool;
    // Seeded in queue order so request ids grow with queue time, as the service's do.
    const ordered = [...(poolSeed.jobRequests ?? [])].sort(
      (a, b) => resolveTime(a.queueTime, loadedAt, 'queueTime').getTime() - resolveTime(b.queueTime, loadedAt, 'queueTime').getTime(),
    );
    for (const seed of ordered) this.seedJobRequest(pool, seed, loadedAt);
  }

  private seedJobRequest(pool: StoredPool, seed: ScenarioJobRequest, loadedAt: Date): void {
    const where = `pool ${pool.name} job request ${seed.requestId ?? `queued ${seed.queueTime}`}`;
    const time = (text: string | undefined, member: string) =>
      text === undefined ? undefined : resolveTime(text, loadedAt, `${where} ${member}`);
    const request = this.createRequest(
      pool,
      matchedDemands(pool, jobDemands(this.seededDemands(seed, where), undefined, DEFAULT_MIN_AGENT_VERSION)).map(formatDemand),
      time(seed.queueTime, 'queueTime') as Date,
      seed.definitionName ?? 'pipeline',
      seed.planType ?? 'Build',
      seed.requestId,
    );
    request.recorded = seed.recorded;
    request.assignTime = time(seed.assignTime, 'assignTime');
    request.receiveTime = time(seed.receiveTime, 'receiveTime');
    if (request.receiveTime) request.lockedUntil = new Date(request.receiveTime.getTime() + LOCK_DURATION_MS);
    const finished = seed.result !== undefined || seed.finishTime !== undefined;
    if (finished) {
      request.result = (seed.result ?? 'succeeded') as TaskResultName;
      request.finishTime = time(seed.finishTime, 'finishTime') ?? request.receiveTime ?? request.queueTime;
    }
    if (seed.agent === undefined) return;
    const agent = this.findAgentByName(pool.id, seed.agent);
    if (!agent) throw new Error(`Scenario ${this.name}: ${where} names unknown agent ${seed.agent}.`);
    request.reservedAgent = agent;
    request.assignTime ??= request.queueTime;
    if (!finished) {
      if (agent.assignedRequest) throw new Error(`Scenario ${this.name}: agent ${agent.name} runs two jobs at once.`);
      agent.assignedRequest = request;
    } else if (!agent.lastCompletedRequest || (agent.lastCompletedRequest.finishTime as Date) <= (request.finishTime as Date)) {
      agent.lastCompletedRequest = request;
    }
  }
}

/**
 * The agent fails the version minimum and nothing else, and is not a legacy 1.x agent (the service never
 * updates those): an update would let it take the job.
 */
function missesOnlyTheVersion(agent: StoredAgent, demands: readonly Demand[]): boolean {
  const capabilities = effectiveCapabilities(agent);
  const failed = demands.filter((demand) => !satisfies(capabilities, demand));
  return failed.length === 1 && isAgentVersionDemand(failed[0]) && (parseAgentVersion(agent.version)?.[0] ?? 1) > 1;
}

/** `TaskResources.AgentNotFoundAutoUpdateDisabled`, as the decompiled service words it. */
function noUpdateMessage(poolName: string, version: string): string {
  return `The pool ${poolName} doesn't allow agent updates. Agent version ${version} is required and no agents with that version are registered. An administrator can alter this by visiting the pool's Settings page at the organization level.`;
}

function agentSeeds(pool: ScenarioPool): ScenarioAgent[] {
  return [...pool.agents, ...(pool.deletedAgents ?? [])];
}

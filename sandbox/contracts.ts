/**
 * Stored state as the service's data contracts (reference §8), shaped after the captured payloads
 * in `ado-api-samples/`: member names and order, `_links`, omitted-when-empty members.
 */
import { storedView, type CapabilityView } from './capabilities';
import type { StoredAgent, StoredJobRequest, StoredPool, StoredQueue } from './state';
import { inRecordedShape, referenceInRecordedShape } from './replay';
import { agentStatus, poolOptions, poolType, taskResult, type WireObject, type WireValue } from './wire';

/** Where links point: the organization URL as the caller reached it, without trailing slash. */
export interface LinkBase {
  orgUrl: string;
}

export interface AgentIncludes {
  /** `true` for the stored capabilities, or the sets to show instead (see `capabilities.ts`). */
  capabilities?: boolean | CapabilityView;
  assignedRequest?: boolean;
  lastCompletedRequest?: boolean;
}

/** The identity the service names as creator and owner of pools it provisions. */
const SERVICE_IDENTITY_ID = '00000000-0000-0000-0000-000000000000';

/** Members whose values the sandbox invents: an entity replayed from a capture serves the captured ones (`replay.ts`). */
const INVENTED_POOL_MEMBERS = new Set([
  'scope',
  'isLegacy',
  'options',
  'autoProvision',
  'autoUpdate',
  'autoSize',
  'targetSize',
  'agentCloudId',
  'createdBy',
  'owner',
]);
const INVENTED_AGENT_MEMBERS = new Set(['authorization', 'maxParallelism', 'accessPoint']);
const INVENTED_REQUEST_MEMBERS = new Set([
  'serviceOwner',
  'hostId',
  'scopeId',
  'planId',
  'jobId',
  'lockedUntil',
  'definition',
  'owner',
  'data',
  'orchestrationId',
  'priority',
]);

/** The distributedtask service's own id, as it appears in every job request. */
const DISTRIBUTED_TASK_SERVICE_OWNER = '00025394-6065-48ca-87d9-7f5672854ef7';

export function poolReference(pool: StoredPool): WireObject {
  return referenceInRecordedShape(
    {
      id: pool.id,
      scope: pool.scope,
      name: pool.name,
      isHosted: pool.isHosted,
      poolType: poolType(pool.poolType),
      size: pool.agents.size,
      isLegacy: false,
      options: poolOptions(pool.options),
    },
    pool.recorded,
    INVENTED_POOL_MEMBERS,
  );
}

export function poolContract(pool: StoredPool, base: LinkBase): WireObject {
  const serviceIdentity = identityRef(base, 'Microsoft.VisualStudio.Services.TFS');
  return inRecordedShape(
    {
      createdOn: pool.createdOn,
      autoProvision: pool.autoProvision,
      autoUpdate: pool.autoUpdate,
      autoSize: pool.autoSize,
      targetSize: pool.targetSize ?? null,
      agentCloudId: pool.agentCloudId ?? null,
      createdBy: serviceIdentity,
      owner: serviceIdentity,
      ...poolReference(pool),
    },
    pool.recorded,
    INVENTED_POOL_MEMBERS,
  );
}

function identityRef(base: LinkBase, displayName: string): WireObject {
  const avatar = `${base.orgUrl}/_apis/GraphProfile/MemberAvatars/${SERVICE_IDENTITY_ID}`;
  return {
    displayName,
    url: `${base.orgUrl}/_apis/Identities/${SERVICE_IDENTITY_ID}`,
    _links: { avatar: { href: avatar } },
    id: SERVICE_IDENTITY_ID,
    uniqueName: `${SERVICE_IDENTITY_ID}@${SERVICE_IDENTITY_ID}`,
    imageUrl: avatar,
    // A service identity's subject descriptor: `s2s.` and its base64 unique name.
    descriptor: `s2s.${Buffer.from(`${SERVICE_IDENTITY_ID}@${SERVICE_IDENTITY_ID}`).toString('base64')}`,
  };
}

export function agentReference(agent: StoredAgent, poolId: number, base: LinkBase): WireObject {
  return referenceInRecordedShape(
    {
      _links: {
        self: { href: `${base.orgUrl}/_apis/distributedtask/pools/${poolId}/agents/${agent.id}` },
        web: { href: `${base.orgUrl}/_settings/agentpools?view=jobs&poolId=${poolId}&agentId=${agent.id}` },
      },
      id: agent.id,
      name: agent.name,
      version: agent.version,
      osDescription: agent.osDescription,
      enabled: agent.enabled,
      status: agentStatus(agent.status),
      provisioningState: agent.provisioningState,
      accessPoint: 'CodexAccessMapping',
    },
    agent.recorded,
    INVENTED_AGENT_MEMBERS,
  );
}

export function agentContract(agent: StoredAgent, poolId: number, base: LinkBase, includes: AgentIncludes): WireObject {
  const shown = includes.capabilities === true ? storedView(agent) : includes.capabilities || undefined;
  return inRecordedShape(
    {
      // The service leaves out an empty user capability set, as in agents-list-includeCapabilities.json.
      ...(shown && { systemCapabilities: shown.system }),
      ...(shown && Object.keys(shown.user).length > 0 && { userCapabilities: shown.user }),
      ...(includes.assignedRequest && agent.assignedRequest && { assignedRequest: jobRequestContract(agent.assignedRequest, base) }),
      ...(includes.lastCompletedRequest &&
        agent.lastCompletedRequest && { lastCompletedRequest: jobRequestContract(agent.lastCompletedRequest, base) }),
      createdOn: agent.createdOn,
      statusChangedOn: agent.statusChangedOn,
      // The public key goes back as the client sent it, which is JSON.
      authorization: agent.authorization as WireValue,
      maxParallelism: agent.maxParallelism,
      ...agentReference(agent, poolId, base),
    },
    agent.recorded,
    INVENTED_AGENT_MEMBERS,
  );
}

/** `matchedAgents` only where the caller's form carries them (reference §6.5). */
export function jobRequestContract(request: StoredJobRequest, base: LinkBase, matchedAgents?: readonly StoredAgent[]): WireObject {
  const project = `${base.orgUrl}/${request.scopeId}`;
  return inRecordedShape(
    {
      requestId: request.requestId,
      queueTime: request.queueTime,
      assignTime: request.assignTime,
      receiveTime: request.receiveTime,
      finishTime: request.finishTime,
      result: request.result && taskResult(request.result),
      lockedUntil: request.lockedUntil,
      serviceOwner: DISTRIBUTED_TASK_SERVICE_OWNER,
      hostId: request.hostId,
      scopeId: request.scopeId,
      planType: request.planType,
      planId: request.planId,
      jobId: request.jobId,
      demands: request.demands,
      reservedAgent: request.reservedAgent && agentReference(request.reservedAgent, request.poolId, base),
      matchedAgents: matchedAgents?.map((agent) => agentReference(agent, request.poolId, base)),
      definition: {
        _links: {
          web: { href: `${project}/_build/definition?definitionId=${request.definition.id}` },
          self: { href: `${project}/_apis/build/Definitions/${request.definition.id}` },
        },
        id: request.definition.id,
        name: request.definition.name,
      },
      owner: {
        _links: {
          web: { href: `${project}/_build/results?buildId=${request.owner.id}` },
          self: { href: `${project}/_apis/build/Builds/${request.owner.id}` },
        },
        id: request.owner.id,
        name: request.owner.name,
      },
      data: { ParallelismTag: 'Private', IsScheduledKey: 'False' },
      poolId: request.poolId,
      queueId: request.queueId,
      orchestrationId: `${request.planId}.job.__default`,
      priority: 0,
    },
    request.recorded,
    INVENTED_REQUEST_MEMBERS,
  );
}

export function queueContract(queue: StoredQueue): WireObject {
  return { id: queue.id, projectId: queue.projectId, name: queue.name, pool: poolReference(queue.pool) };
}

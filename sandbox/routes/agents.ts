/**
 * Agents of a pool (location e298ef32): list, get, add (POST), replace (PUT), update (PATCH), delete,
 * and the user capabilities. Behaviour and messages follow the service's controllers and resource
 * service (Azure DevOps Server 2022's `TaskAgentsBaseController`, `TaskAgentUserCapabilitiesController`,
 * `DistributedTaskResourceService`, `ArgumentValidation`, decompiled in mjwrona/decompiled), and what
 * the agent sends (microsoft/azure-pipelines-agent `ConfigurationManager.cs`); see `sandbox/README.md`.
 */
import {
  AGENT_NAME,
  AGENT_VERSION,
  effectiveCapabilities,
  sameIgnoringCase,
  sentView,
  viewNamed,
  type CapabilityMap,
} from '../capabilities';
import { agentContract, type AgentIncludes } from '../contracts';
import { parseAgentVersion } from '../agent-version';
import { InvalidDemandError, parseDemand, satisfiesAll, type Demand } from '../demands';
import {
  agentCloudPoolWriteDenied,
  agentNotFound,
  agentNotFoundPoolEmpty,
  argumentNull,
  emptyString,
  hostedPoolWriteDenied,
  invalidAgentName,
  invalidAgentVersion,
  invalidCapabilityName,
  invalidCapabilityValue,
  invalidDemand,
  methodNotAllowed,
} from '../errors';
import { emptyReply, jsonReply, type Reply } from '../reply';
import type { RequestContext, Route } from '../router';
import type { AgentChanges, StoredAgent, StoredPool } from '../state';
import { renderCollection, renderJson } from '../wire';
import { canView, namedPool, requireAdministrator, visiblePool } from './access';

type AgentBody = Record<string, unknown>;

/** `ArgumentUtility.CheckForNull(agent, "agent")`: a missing or unreadable body. */
function agentBody(body: unknown): AgentBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw argumentNull('agent');
  return body as AgentBody;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const integer = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

/** `FileSpec.IllegalNtfsCharsAndWildcards`: control characters and `"/:<>\|*?`. */
const ILLEGAL_IN_AGENT_NAME = /[\u0000-\u001f"/:<>\\|*?]/;
const MAX_AGENT_NAME = 64;
const MAX_CAPABILITY_NAME = 256;
const MAX_CAPABILITY_VALUE = 1024;

/** `ArgumentValidation.CheckAgentName`: required on a registration, else optional; trimmed. */
function checkedName(name: string | undefined, required: boolean): string | undefined {
  if (!name) {
    if (!required) return undefined;
    throw name === undefined ? argumentNull('agent.Name') : emptyString('agent.Name');
  }
  if (name.length > MAX_AGENT_NAME || ILLEGAL_IN_AGENT_NAME.test(name)) throw invalidAgentName(name, 'agent.Name');
  return name.trim();
}

/** `ArgumentValidation.CheckAgentVersion`: required on a registration; readable as a version when given. */
function checkedVersion(version: string | undefined, required: boolean): string | undefined {
  if (!version) {
    if (required) throw invalidAgentVersion('agent.Version');
    return undefined;
  }
  if (!parseAgentVersion(version)) throw invalidAgentVersion('agent.Version');
  return version;
}

/**
 * `ArgumentValidation.CheckAgentCapabilities`: null values are dropped; a name must be non-empty, at most
 * 256 characters, without white space at either end; a value at most 1024 characters. Values arrive as
 * strings; numbers and booleans are read as their text, as the service's JSON reader does.
 */
function checkedCapabilities(value: unknown, parameter: string): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const capabilities: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) {
    if (item === null || !['string', 'number', 'boolean'].includes(typeof item)) continue;
    if (name === '' || name.length > MAX_CAPABILITY_NAME || /^\s|\s$/.test(name)) throw invalidCapabilityName(name, parameter);
    const itemText = String(item);
    if (itemText.length > MAX_CAPABILITY_VALUE) throw invalidCapabilityValue(name, parameter);
    capabilities[name] = itemText;
  }
  return capabilities;
}

function capabilityValue(capabilities: CapabilityMap | undefined, name: string): string | undefined {
  const key = Object.keys(capabilities ?? {}).find((candidate) => sameIgnoringCase(candidate, name));
  return key === undefined ? undefined : capabilities?.[key];
}

function publicKey(body: AgentBody): unknown {
  const authorization = body.authorization;
  return typeof authorization === 'object' && authorization !== null ? (authorization as AgentBody).publicKey : undefined;
}

/** An agent body as the service reads it: validated, its version filled in (`FixAgentVersion`). */
interface AgentWrite {
  changes: AgentChanges & { systemCapabilities?: Record<string, string>; userCapabilities?: Record<string, string> };
  /** The agent a PUT or PATCH changes: the body's `id`, whatever the URL says (`UpdateAgent` binds `agent.Id`). */
  id?: number;
}

function readAgentWrite(body: AgentBody, registration: boolean): AgentWrite {
  const systemCapabilities = checkedCapabilities(body.systemCapabilities, 'agent.SystemCapabilities');
  const userCapabilities = checkedCapabilities(body.userCapabilities, 'agent.UserCapabilities');
  // An agent that sends no version is taken at its `Agent.Version` capability, a registration without either at 1.0.0.
  const sentVersion = text(body.version) || capabilityValue(systemCapabilities, AGENT_VERSION) || (registration ? '1.0.0' : undefined);
  return {
    id: integer(body.id),
    changes: {
      name: checkedName(text(body.name), registration),
      version: checkedVersion(sentVersion, registration),
      osDescription: text(body.osDescription) || undefined,
      provisioningState: text(body.provisioningState) || undefined,
      maxParallelism: integer(body.maxParallelism),
      enabled: typeof body.enabled === 'boolean' ? body.enabled : undefined,
      systemCapabilities,
      userCapabilities,
      publicKey: publicKey(body),
    },
  };
}

/** Agents of hosted and agent-cloud pools belong to the service (`CheckHostedPoolPermissions`, `CheckAgentCloudPoolPermissions`). */
function refuseProvisionedPool(pool: StoredPool, change: 'register' | 'remove'): void {
  if (pool.isHosted) throw hostedPoolWriteDenied(pool.name, change);
  if (pool.agentCloudId !== undefined) throw agentCloudPoolWriteDenied(pool.name, change);
}

function includesOf({ query }: RequestContext): AgentIncludes {
  return {
    capabilities: query.bool('includeCapabilities'),
    assignedRequest: query.bool('includeAssignedRequest'),
    lastCompletedRequest: query.bool('includeLastCompletedRequest'),
  };
}

function existingAgent(context: RequestContext, pool: StoredPool, agentId: number | string | undefined): StoredAgent {
  const agent = /^\d+$/.test(String(agentId)) ? context.org.getAgent(pool.id, Number(agentId)) : undefined;
  if (!agent) throw agentNotFound(pool.id, agentId ?? 0);
  return agent;
}

/** An agent as `GetAgent` reads it: to a caller without View on its pool, it does not exist. */
function viewableAgent(context: RequestContext, pool: StoredPool, agentId: string | undefined): StoredAgent {
  if (!canView(context, pool)) throw agentNotFound(pool.id, agentId ?? 0);
  return existingAgent(context, pool, agentId);
}

function agentReply(context: RequestContext, pool: StoredPool, agent: StoredAgent, includes: AgentIncludes = {}): Reply {
  return jsonReply(200, renderJson(agentContract(agent, pool.id, context.links, includes), context.wire));
}

/**
 * `?demands=d1,d2`: split on commas, empty items skipped, each parsed as the service does, `agentName`
 * added as an `Agent.Name -equals` demand (`TaskAgentsBaseController.GetAgents`).
 */
function listDemands(context: RequestContext, demandsText: string): Demand[] {
  const demands = demandsText
    .split(',')
    .filter((item) => item !== '')
    .map((item) => {
      try {
        return parseDemand(item);
      } catch (error) {
        if (!(error instanceof InvalidDemandError)) throw error;
        throw error.fault === 'emptyValue' ? emptyString('value') : invalidDemand(item);
      }
    });
  const name = context.query.get('agentName');
  return name === undefined ? demands : [...demands, { kind: 'equals', name: AGENT_NAME, value: name }];
}

function listAgents(context: RequestContext): Reply {
  const { org, params, query, wire, links } = context;
  const pool = namedPool(context, params.poolId);
  const demandsText = query.get('demands');
  // The controller parses the demands before the service looks at the caller's role.
  const demands = demandsText === undefined ? undefined : listDemands(context, demandsText);
  if (!canView(context, pool)) return jsonReply(200, renderCollection([], wire));
  if (demands !== undefined) {
    // This form answers from the service's matching query: every agent of the pool, online or not,
    // enabled or not; only the demanded capabilities loaded; the include flags not read.
    const names = demands.map((demand) => demand.name);
    const matched = org.listAgents(pool.id).filter((agent) => satisfiesAll(effectiveCapabilities(agent), demands));
    return jsonReply(
      200,
      renderCollection(
        matched.map((agent) => agentContract(agent, pool.id, links, { capabilities: viewNamed(agent, names) })),
        wire,
      ),
    );
  }
  const name = query.get('agentName');
  const includes = includesOf(context);
  const agents = org.listAgents(pool.id).filter((agent) => name === undefined || agent.name.toLowerCase() === name.toLowerCase());
  return jsonReply(
    200,
    renderCollection(
      agents.map((agent) => agentContract(agent, pool.id, links, includes)),
      wire,
    ),
  );
}

/**
 * POST: what `config.sh` sends is stored as sent (name, version, OS, parallelism, provisioning state,
 * public key, system and user capabilities), minus the implicit capabilities. A registration is offline
 * until the agent opens a session and enabled, whatever the body says (`prc_AddAgent` takes neither).
 */
function addAgent(context: RequestContext): Reply {
  if (context.params.agentId !== undefined) throw methodNotAllowed('POST');
  const { changes } = readAgentWrite(agentBody(context.body), true);
  const pool = namedPool(context, context.params.poolId);
  requireAdministrator(context, pool);
  refuseProvisionedPool(pool, 'register');
  const agent = context.org.registerAgent(pool.id, {
    ...changes,
    name: changes.name as string,
    version: changes.version as string,
    status: 'offline',
    enabled: true,
  });
  return agentReply(context, pool, agent, {
    capabilities: sentView(agent, { system: changes.systemCapabilities, user: changes.userCapabilities }),
  });
}

/**
 * PUT replaces what a re-configuring agent reports (`config.sh --replace`): the system capabilities
 * entirely, the other members sent; user capabilities stay. PATCH changes the members sent and never
 * capabilities. Both answer with the capabilities the request sent.
 */
function changeAgent(replace: boolean) {
  return (context: RequestContext): Reply => {
    if (context.params.agentId === undefined) throw methodNotAllowed(context.method);
    const { id, changes } = readAgentWrite(agentBody(context.body), false);
    const pool = namedPool(context, context.params.poolId);
    requireAdministrator(context, pool);
    if (pool.isHosted) throw hostedPoolWriteDenied(pool.name, 'register');
    const agent = existingAgent(context, pool, id);
    const { systemCapabilities, userCapabilities, ...members } = changes;
    const updated = context.org.updateAgent(
      pool.id,
      agent.id,
      replace ? { ...members, systemCapabilities: systemCapabilities ?? {} } : members,
    );
    return agentReply(context, pool, updated, { capabilities: sentView(updated, { system: systemCapabilities, user: userCapabilities }) });
  };
}

/**
 * DELETE: the pool and the agent are looked up first (`DistributedTask.ValidatePoolIdAndAgentIdOnAgentDelete`),
 * so a pool the caller may not view answers 404 like a missing one.
 */
function deleteAgent(context: RequestContext): Reply {
  if (context.params.agentId === undefined) throw methodNotAllowed('DELETE');
  const pool = visiblePool(context, context.params.poolId);
  if (pool.agents.size === 0) throw agentNotFoundPoolEmpty(pool.id);
  const agent = existingAgent(context, pool, context.params.agentId);
  requireAdministrator(context, pool);
  refuseProvisionedPool(pool, 'remove');
  context.org.deleteAgent(pool.id, agent.id);
  return emptyReply(204);
}

/** PUT usercapabilities: replaces the whole user set; answers with the agent and all its capabilities. */
function replaceUserCapabilities(context: RequestContext): Reply {
  if (typeof context.body !== 'object' || context.body === null || Array.isArray(context.body)) throw argumentNull('userCapabilities');
  // The controller reads the agent first, which a caller without View does not get (`GetAgent` → null).
  const pool = namedPool(context, context.params.poolId);
  const agent = viewableAgent(context, pool, context.params.agentId);
  const userCapabilities = checkedCapabilities(context.body, 'agent.UserCapabilities') ?? {};
  requireAdministrator(context, pool);
  return agentReply(context, pool, context.org.updateAgent(pool.id, agent.id, { userCapabilities }), { capabilities: true });
}

export const agentRoutes: Route[] = [
  {
    pattern: '_apis/distributedtask/pools/{poolId}/agents/{agentId?}',
    handlers: {
      GET: (context) => {
        if (context.params.agentId === undefined) return listAgents(context);
        const pool = namedPool(context, context.params.poolId);
        return agentReply(context, pool, viewableAgent(context, pool, context.params.agentId), includesOf(context));
      },
      POST: addAgent,
      PUT: changeAgent(true),
      PATCH: changeAgent(false),
      DELETE: deleteAgent,
    },
  },
  {
    pattern: '_apis/distributedtask/pools/{poolId}/agents/{agentId}/usercapabilities',
    handlers: { PUT: replaceUserCapabilities },
  },
];

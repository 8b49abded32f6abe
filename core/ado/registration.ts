import type { Agent } from '../model/types';
import { AdoError } from './errors';
import { WireShapeError, readAgent, readAnswer, readList, readOne } from './wire';

/** What a placeholder (or any agent record) is registered with. */
export interface AgentRegistration {
  name: string;
  version: string;
  osDescription?: string;
  systemCapabilities: Record<string, string>;
  userCapabilities?: Record<string, string>;
}

/** A 2xx answer as the service sent it, for the protocol to read, so that every client reads it alike. */
export interface PortAnswer {
  status: number;
  body: unknown;
}

/**
 * The calls the registration protocol makes, as each runtime sends them: the task's and the command line's
 * HTTP client (`RestAdoClient`) and the portal's REST client in the hub (`BrowserAdoClient`). Each resolves
 * on a 2xx answer only and fails with an `AdoError`.
 */
export interface RegistrationPort {
  /** POST `routes.agents`: registers an agent. */
  postAgent(poolId: number, body: Record<string, unknown>): Promise<PortAnswer>;
  /** PUT `routes.agent`: replaces what a (re)configuring agent reports, as `config.sh --replace` does. */
  putAgent(poolId: number, agentId: number, body: Record<string, unknown>): Promise<PortAnswer>;
  /** PATCH `routes.agent`: changes the members sent, never capabilities. */
  patchAgent(poolId: number, agentId: number, body: Record<string, unknown>): Promise<PortAnswer>;
  /** PUT `routes.userCapabilities`: replaces an agent's user capabilities. */
  putUserCapabilities(poolId: number, agentId: number, capabilities: Readonly<Record<string, string>>): Promise<PortAnswer>;
  /** GET `routes.agents` with `agentName`: the pool's agents of that name, as a list. */
  getAgentsNamed(poolId: number, name: string): Promise<PortAnswer>;
  deleteAgent(poolId: number, agentId: number): Promise<void>;
  /** GET `routes.permission`: whether the caller holds that permission on the pool, as a boolean. */
  getPoolPermission(poolId: number, permission: number): Promise<PortAnswer>;
}

/** The service's resources the protocol uses (path only; each client adds the organization and the query). */
export const routes = {
  agents: (poolId: number) => `_apis/distributedtask/pools/${poolId}/agents`,
  agent: (poolId: number, agentId: number) => `${routes.agents(poolId)}/${agentId}`,
  userCapabilities: (poolId: number, agentId: number) => `${routes.agent(poolId, agentId)}/usercapabilities`,
  permission: (poolId: number, permission: number) => `_apis/distributedtask/pools/${poolId}/permissions/${permission}`,
};

/**
 * The Manage permission, what the Administrator role on a pool grants: bit 2, as in the service's
 * `TaskAgentPoolActionFilter.Manage` (azure-devops-node-api `interfaces/TaskAgentInterfaces.d.ts`).
 */
const MANAGE_PERMISSION = 2;

/**
 * Registers an offline agent with its system and user capabilities, whole or not at all. A registration
 * carries system capabilities only, so the user capabilities are set afterwards on their own resource;
 * when that fails, the agent just registered is deleted again. Only a failure of the service's is undone:
 * an error of ours (a `TypeError` reading an answer, say) says nothing about the agent and is not acted on.
 */
export async function registerAgent(port: RegistrationPort, poolId: number, agent: AgentRegistration): Promise<Agent> {
  let registered: Agent;
  try {
    const answer = await port.postAgent(poolId, registrationBody(agent));
    registered = readAnswer(() => readOne(answer.body, readAgent), 'POST', routes.agents(poolId), answer.status);
  } catch (error) {
    // A 2xx whose body could not be read: the agent was registered all the same, by this call (a taken name
    // answers 409), so it is found by its name and undone like a half-done registration below.
    if (error instanceof AdoError && error.kind === 'malformed') await undoUnreadRegistration(port, poolId, agent.name);
    throw error;
  }
  const { userCapabilities } = agent;
  if (!userCapabilities || Object.keys(userCapabilities).length === 0) return registered;
  try {
    const answer = await port.putUserCapabilities(poolId, registered.id, userCapabilities);
    return readAnswer(() => readOne(answer.body, readAgent), 'PUT', routes.userCapabilities(poolId, registered.id), answer.status);
  } catch (error) {
    if (error instanceof AdoError) await undoRegistration(port, poolId, registered.id);
    throw error;
  }
}

/**
 * Brings a registered agent to what `target` describes without the pool ever losing what the agent offered:
 * its user capabilities first, merged (a superset of before), then the rest as `config.sh --replace` sends it
 * (PUT: version, system capabilities; the user capabilities stay). `standIn` is an agent already registered
 * as `target` under another name: should the service refuse to replace in place, the old agent is deleted
 * and the stand-in takes its name, so one of the two stands in at every step. The answer says which is left.
 */
export async function refreshAgent(
  port: RegistrationPort,
  poolId: number,
  current: Agent,
  target: AgentRegistration,
  standIn: Agent,
): Promise<Agent> {
  const userCapabilities = { ...current.userCapabilities, ...target.userCapabilities };
  if (!sameCapabilities(userCapabilities, current.userCapabilities ?? {})) {
    const answer = await port.putUserCapabilities(poolId, current.id, userCapabilities);
    readAnswer(() => readOne(answer.body, readAgent), 'PUT', routes.userCapabilities(poolId, current.id), answer.status);
  }
  const resource = routes.agent(poolId, current.id);
  try {
    const answer = await port.putAgent(poolId, current.id, replacementBody(current, target));
    return readAnswer(() => readOne(answer.body, readAgent), 'PUT', resource, answer.status);
  } catch (error) {
    // The agent's own `--replace` relies on this PUT; a service that answers it with "bad request" or "no
    // such method" cannot replace in place, and anything else (a refusal, an outage) is no reason to try harder.
    if (!(error instanceof AdoError) || error.kind !== 'badRequest') throw error;
    await port.deleteAgent(poolId, current.id);
    const answer = await port.patchAgent(poolId, standIn.id, { id: standIn.id, name: current.name });
    return readAnswer(() => readOne(answer.body, readAgent), 'PATCH', routes.agent(poolId, standIn.id), answer.status);
  }
}

/**
 * The name of the stand-in registered while an agent is refreshed. Names are unique in a pool, so registering
 * it is also the claim that lets one run at a time refresh that agent. It is kept within 64 characters: the
 * service's limit on agent names is in neither the agent's code nor the server's we could read (low confidence).
 */
export function standInName(name: string): string {
  return `${name.slice(0, 53)}-refreshing`;
}

/** What the PUT sends: the agent as it is, with the refreshed version, description and system capabilities. */
function replacementBody(current: Agent, target: AgentRegistration): Record<string, unknown> {
  return {
    id: current.id,
    name: current.name,
    version: target.version,
    osDescription: target.osDescription ?? current.osDescription,
    enabled: current.enabled,
    maxParallelism: 1,
    provisioningState: current.provisioningState ?? 'Provisioned',
    systemCapabilities: target.systemCapabilities,
  };
}

function sameCapabilities(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/** Whether the caller holds the Administrator role (Manage permission) on the pool. */
export async function canManagePool(port: RegistrationPort, poolId: number): Promise<boolean> {
  const answer = await port.getPoolPermission(poolId, MANAGE_PERMISSION);
  return readAnswer(
    () => {
      if (typeof answer.body !== 'boolean') throw new WireShapeError('expected a boolean');
      return answer.body;
    },
    'GET',
    routes.permission(poolId, MANAGE_PERMISSION),
    answer.status,
  );
}

/**
 * Without its user capabilities (the placeholder marker is one) an agent is not the one asked for, and a
 * later run could not complete it: its name is taken. Removed, the pool is as before and the next run
 * starts clean. Should the removal fail too, the caller's re-read of the pool shows the agent as it is.
 */
async function undoRegistration(port: RegistrationPort, poolId: number, agentId: number): Promise<void> {
  await port.deleteAgent(poolId, agentId).catch(unlessOurs);
}

async function undoUnreadRegistration(port: RegistrationPort, poolId: number, name: string): Promise<void> {
  let named: Agent[];
  try {
    const answer = await port.getAgentsNamed(poolId, name);
    named = readAnswer(() => readList(answer.body, readAgent), 'GET', routes.agents(poolId), answer.status);
  } catch (error) {
    return unlessOurs(error);
  }
  // The service filters by name already (how it compares names is not confirmed); the name is checked again
  // because deleting any other agent would be far worse than leaving this one.
  const agent = named.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (agent) await undoRegistration(port, poolId, agent.id);
}

/** A failure of the service's while undoing is left for the re-read to show; an error of ours goes on. */
function unlessOurs(error: unknown): void {
  if (!(error instanceof AdoError)) throw error;
}

/**
 * The body of the agent registration (POST): an enabled, offline agent. User capabilities are left out,
 * because a registration carries system capabilities only; they are set afterwards on their own resource.
 */
function registrationBody({ userCapabilities: _user, ...agent }: AgentRegistration): Record<string, unknown> {
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

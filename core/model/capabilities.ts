import type { Agent, Capabilities } from './types';

export const AGENT_VERSION_CAPABILITY = 'Agent.Version';
const AGENT_VERSION_KEY = AGENT_VERSION_CAPABILITY.toLowerCase();

/**
 * An agent's system and user capabilities, looked up by name without regard to case (the agent's
 * dictionary ignores case, and so do demands). User capabilities win on a name clash; `Agent.Version`
 * falls back to the agent's `version` field, so agents read without capabilities still answer the
 * implicit version demand.
 */
export interface CapabilitySet {
  readonly system?: Capabilities;
  readonly user?: Capabilities;
  readonly version?: string;
}

export function capabilitySet(system?: Capabilities, user?: Capabilities, version?: string): CapabilitySet {
  return { system, user, version };
}

export function capabilitiesOf(agent: Agent): CapabilitySet {
  return { system: agent.systemCapabilities, user: agent.userCapabilities, version: agent.version };
}

// Looked up in place rather than copied into a lower-cased map: a pool of a thousand agents with
// ~70 capabilities each spends most of an evaluation building such maps, while rules ask for a
// handful of names. Exact-case hits are the norm; a miss scans names of the same length only, which
// also keeps the comparison one character to one character, as the service's OrdinalIgnoreCase does.
function find(capabilities: Capabilities | undefined, name: string, lowerName: string): string | undefined {
  if (!capabilities) return undefined;
  if (Object.hasOwn(capabilities, name)) return capabilities[name];
  for (const key in capabilities) {
    if (key.length === name.length && key.toLowerCase() === lowerName) return capabilities[key];
  }
  return undefined;
}

export function capabilityValue(capabilities: CapabilitySet, name: string): string | undefined {
  const lowerName = name.toLowerCase();
  return (
    find(capabilities.user, name, lowerName) ??
    find(capabilities.system, name, lowerName) ??
    (lowerName === AGENT_VERSION_KEY ? capabilities.version || undefined : undefined)
  );
}

/** The version the service matches `Agent.Version` demands against. */
export function agentVersionOf(agent: Agent): string {
  return capabilityValue(capabilitiesOf(agent), AGENT_VERSION_CAPABILITY) ?? agent.version;
}

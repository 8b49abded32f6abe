import { AGENT_VERSION_CAPABILITY, capabilitiesOf, capabilityValue } from '../../../core/model/capabilities';
import type { ClassificationRules } from '../../../core/model/classify';
import { parseDemand } from '../../../core/model/demands';
import type { Agent, JobRequest } from '../../../core/model/types';

/** Always worth showing: what tells a placeholder and a pod apart, and what every job demands. */
const ALWAYS_SHOWN = ['Agent.OS', AGENT_VERSION_CAPABILITY];

/**
 * The capabilities that matter in this pool: those the judged demands and the waiting jobs' demands name,
 * the placeholder marker, the Kubernetes ones, the OS and the agent version. An agent's other capabilities
 * (often seventy or more environment variables) are only counted.
 */
export function capabilitiesThatMatter(demands: readonly string[], requests: readonly JobRequest[], rules: ClassificationRules): string[] {
  const names = new Map<string, string>();
  const add = (name: string) => names.has(name.toLowerCase()) || names.set(name.toLowerCase(), name);
  for (const text of [...demands, ...requests.flatMap((request) => request.demands)]) {
    const name = demandName(text);
    if (name) add(name);
  }
  [rules.markerCapability, ...rules.kubernetesCapabilities, ...ALWAYS_SHOWN].forEach(add);
  return [...names.values()];
}

/** The agent's values for the given capabilities, in that order, leaving out those it lacks. */
export function capabilityValues(agent: Agent, names: readonly string[]): Array<{ name: string; value: string }> {
  const capabilities = capabilitiesOf(agent);
  return names.flatMap((name) => {
    const value = capabilityValue(capabilities, name);
    return value === undefined ? [] : [{ name, value }];
  });
}

export function capabilityCount(agent: Agent): number {
  return new Set(
    [...Object.keys(agent.systemCapabilities ?? {}), ...Object.keys(agent.userCapabilities ?? {})].map((name) => name.toLowerCase()),
  ).size;
}

/** Demands from the service are valid; one that is not is simply not used to pick capabilities. */
function demandName(text: string): string | undefined {
  try {
    return parseDemand(text).name;
  } catch {
    return undefined;
  }
}

import { AGENT_VERSION_CAPABILITY, agentVersionOf, capabilitiesOf, capabilityValue, capabilitySet } from './capabilities';
import { isKedaKind, type ClassificationRules, type ClassifiedAgent } from './classify';
import { DEFAULT_MIN_AGENT_VERSION, formatDemand, isAgentVersionDemand, satisfies, unmetDemands, type Demand } from './demands';
import type { Agent, Capabilities } from './types';
import { compareVersions, newerVersion, parseVersion } from './version';

// Capabilities that name one pod or agent (the hostname is the pod name, and Windows derives
// COMPUTERNAME, USERDOMAIN and LOGONSERVER from it). A placeholder must not inherit them from the pod
// it was copied from, and they differ between any two agents, so drift checks skip them.
// `Agent.Version` is listed because the placeholder's version is set on purpose, not copied.
const AGENT_IDENTITY = new Set(
  [
    'HOSTNAME',
    'COMPUTERNAME',
    'USERDOMAIN',
    'USERDOMAIN_ROAMINGPROFILE',
    'LOGONSERVER',
    'AZP_AGENT_NAME',
    'Agent.Name',
    'Agent.ComputerName',
    AGENT_VERSION_CAPABILITY,
  ].map((name) => name.toLowerCase()),
);

// Environment Kubernetes injects from the cluster's state when a pod starts: `KUBERNETES_*` and, for
// every Service in the namespace, `<SVC>_SERVICE_HOST`, `<SVC>_SERVICE_PORT[_<name>]` and
// `<SVC>_PORT[_<port>_<proto>[_ADDR|_PORT|_PROTO]]`. They come and go with Services and say nothing
// about what an agent can run, so a placeholder lacking them has not drifted. They are still copied.
const CLUSTER_STATE = [/^KUBERNETES_/i, /_SERVICE_HOST$/i, /_PORT(?:_|$)/i];

function isComparable(name: string): boolean {
  return !AGENT_IDENTITY.has(name.toLowerCase()) && !CLUSTER_STATE.some((pattern) => pattern.test(name));
}

/** The agent registered last (by `createdOn`, then id): the one that best shows the current image. */
export function newestAgent<T extends { agent: Agent }>(agents: readonly T[]): T | undefined {
  let newest: T | undefined;
  for (const candidate of agents) {
    if (!newest || registeredLater(candidate.agent, newest.agent)) newest = candidate;
  }
  return newest;
}

function registeredLater(a: Agent, b: Agent): boolean {
  const difference = (a.createdOn?.getTime() ?? -Infinity) - (b.createdOn?.getTime() ?? -Infinity);
  return difference > 0 || ((difference === 0 || Number.isNaN(difference)) && a.id > b.id);
}

/** Capabilities `reference` has and `placeholder` lacks, per-pod and cluster-state ones left out. */
export function capabilitiesLacking(placeholder: Agent, reference: Agent): string[] {
  const present = capabilitiesOf(placeholder);
  const lacking = new Map<string, string>();
  for (const capabilities of [reference.systemCapabilities, reference.userCapabilities]) {
    for (const name of Object.keys(capabilities ?? {})) {
      if (isComparable(name) && capabilityValue(present, name) === undefined) lacking.set(name.toLowerCase(), name);
    }
  }
  return [...lacking.values()].sort();
}

export function isOlderThan(placeholder: Agent, reference: Agent): boolean {
  return compareVersions(agentVersionOf(placeholder), agentVersionOf(reference)) < 0;
}

/** What the task's `repair` and the hub's "register placeholder" send. */
export interface PlaceholderProposal {
  name: string;
  version: string;
  systemCapabilities: Record<string, string>;
  userCapabilities: Record<string, string>;
  /** The KEDA agent whose capabilities and version were copied. */
  basedOn?: string;
  /** Demands the proposal still does not satisfy, in the service's string form. */
  unmetDemands: string[];
}

/** What a placeholder of ours says of itself: the description is all that shows where an agent came from. */
export const PLACEHOLDER_DESCRIPTION = 'KEDA Pool Guard placeholder: registered, never run';

/**
 * Whether KEDA Pool Guard registered the agent: it carries the marker capability, or it has our description
 * and not the marker yet. A registration sets the user capabilities (the marker among them) right after the
 * agent itself, so in between, or if that second call failed and could not be undone, only the description says.
 */
export function isOwnPlaceholder(agent: Agent, markerCapability: string): boolean {
  return hasMarker(agent, markerCapability) || agent.osDescription === PLACEHOLDER_DESCRIPTION;
}

export function hasMarker(agent: Agent, markerCapability: string): boolean {
  return capabilityValue(capabilitiesOf(agent), markerCapability) !== undefined;
}

/** KEDA's `parent` if configured, else KEDA's `<scaledjob>-template` convention; both match the default patterns. */
function placeholderNameFor(rules: ClassificationRules, newestKeda?: ClassifiedAgent): string {
  if (rules.placeholderName) return rules.placeholderName;
  for (const reason of newestKeda?.reasons ?? []) {
    if (reason.code === 'podName') return `${reason.params.scaledJob}-template`;
  }
  return 'kedapoolguard-placeholder';
}

/** What the pool's job history teaches about its jobs before any KEDA agent is registered to copy. */
export interface LearnedFromJobs {
  /** The demands the pool's recent jobs carried, each set once. */
  demandSets: readonly (readonly Demand[])[];
  /** The agent versions of the agents that ran them (a job request names its agent with its version). */
  agentVersions: readonly string[];
}

/**
 * Copies the newest KEDA agent's system capabilities and version (minus per-pod ones), names it,
 * raises its version to the jobs' minimum and adds the marker capability. Demands are only claimed
 * outright when no KEDA agent is registered: claiming what the KEDA agents lack would let jobs queue
 * that no KEDA agent can run, so such demands are reported in `unmetDemands` instead. Without one, the
 * placeholder claims, in this order, the user's capabilities, what the pool's recent jobs demanded, and
 * the configured demands, at the newest agent version those jobs ran on or needed; once KEDA agents
 * register, a repair completes it from them.
 */
export function draftPlaceholder(
  classified: readonly ClassifiedAgent[],
  demands: readonly Demand[],
  rules: ClassificationRules,
  options: {
    /** Defaults to the rules' `placeholderName`, else `<scaledjob>-template`, else `kedapoolguard-placeholder`. */
    name?: string;
    /** User capabilities the placeholder gets on top of the marker, such as the task's `placeholderCapabilities`. */
    userCapabilities?: Capabilities;
    learned?: LearnedFromJobs;
    /** A placeholder being refreshed: without a KEDA agent to copy, its own system capabilities stay. */
    refreshing?: Agent;
  } = {},
): PlaceholderProposal {
  const newestKeda = newestAgent(classified.filter((c) => isKedaKind(c.kind)));
  const base = newestKeda?.agent;
  const name = options.name ?? placeholderNameFor(rules, newestKeda);
  const jobDemands = options.learned?.demandSets.flat() ?? [];
  const minimums = [...demands, ...jobDemands].filter(isAgentVersionDemand).map((demand) => demand.value);
  const seen = base ? [agentVersionOf(base)] : (options.learned?.agentVersions ?? []);
  // A refresh never takes away a version the placeholder already reports.
  const current = options.refreshing ? [agentVersionOf(options.refreshing)] : [];
  const known = [...minimums, ...seen, ...current].filter((v) => parseVersion(v) !== undefined);
  const version = known.length > 0 ? known.reduce(newerVersion) : DEFAULT_MIN_AGENT_VERSION;

  const systemCapabilities: Record<string, string> = {};
  for (const [capability, value] of Object.entries((base ?? options.refreshing)?.systemCapabilities ?? {})) {
    if (!AGENT_IDENTITY.has(capability.toLowerCase())) systemCapabilities[capability] = value;
  }
  systemCapabilities['Agent.Name'] = name;
  systemCapabilities[AGENT_VERSION_CAPABILITY] = version;
  const userCapabilities: Record<string, string> = { ...options.userCapabilities, [rules.markerCapability]: 'true' };

  if (!base) claimDemands([...jobDemands, ...demands], systemCapabilities, userCapabilities);
  const unmet = unmetDemands(capabilitySet(systemCapabilities, userCapabilities, version), demands);
  return {
    name,
    version,
    systemCapabilities,
    userCapabilities,
    ...(base ? { basedOn: base.name } : {}),
    unmetDemands: unmet.map(formatDemand),
  };
}

// Conflicting demands (`java -equals 17` and `java -equals 21`) cannot both be claimed: the first wins
// and the other stays unmet.
function claimDemands(demands: readonly Demand[], system: Capabilities, user: Record<string, string>): void {
  for (const demand of demands) {
    const current = capabilitySet(system, user);
    if (satisfies(current, demand) || capabilityValue(current, demand.name) !== undefined) continue;
    user[demand.name] = demand.operator === 'exists' ? 'true' : demand.value;
  }
}

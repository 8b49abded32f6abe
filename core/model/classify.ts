import { capabilitiesOf, capabilityValue } from './capabilities';
import { globToRegExp } from './glob';
import type { Agent } from './types';

export type AgentKind = 'placeholder' | 'keda' | 'static' | 'stale';

/** How a pool's agents are told apart. Every field has a default in `DEFAULT_CLASSIFICATION_RULES`. */
export interface ClassificationRules {
  /** Name globs (`*`, `?`, case-insensitive) that mark a placeholder. */
  placeholderPatterns: readonly string[];
  /** The name `repair` registers the placeholder under; an agent of that name is a placeholder. */
  placeholderName?: string;
  /**
   * The KEDA trigger's `parent`, when a trigger counts jobs through a named template agent: that agent is
   * a placeholder too. Unset for triggers that use `demands` or nothing, which is most of them.
   */
  parent?: string;
  /** A capability (any value) that marks a placeholder whatever its name. */
  markerCapability: string;
  /** Regular expression for names of pods created by a ScaledJob; a `scaledJob` group names it. */
  kedaNamePattern: string;
  /** Capabilities only an agent running in a Kubernetes pod has. */
  kubernetesCapabilities: readonly string[];
  /** A KEDA agent offline for longer than this is stale. */
  staleAfterHours: number;
}

// Kubernetes names generated pods `<generateName><5 chars>` from the alphabet
// `bcdfghjklmnpqrstvwxz2456789` (apimachinery `util/rand`); a ScaledJob's Job gets one suffix and its
// pod another, so agents named after their pod read `<scaledjob>-xxxxx-yyyyy`. Using the exact
// alphabet keeps names such as `build-agent-00001-linux` from passing for pods.
const POD_SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

/** The placeholder's name when the user gives none (and no KEDA `parent` names it). */
export const DEFAULT_PLACEHOLDER_NAME = 'keda-placeholder';

export const DEFAULT_CLASSIFICATION_RULES: ClassificationRules = {
  // KEDA's docs and tests (`*-template`), Microsoft's Container Apps tutorial (`placeholder-agent`),
  // and the names users report (`dummy-DoNotDelete`, `dontdelete-placeholder-agent`).
  placeholderPatterns: ['*-template', '*placeholder*', 'dummy*', '*dontdelete*', '*donotdelete*'],
  markerCapability: 'KedaPoolGuard.Placeholder',
  kedaNamePattern: `^(?<scaledJob>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-${POD_SUFFIX}-${POD_SUFFIX}$`,
  kubernetesCapabilities: ['KUBERNETES_SERVICE_HOST'],
  staleAfterHours: 24,
};

export function classificationRules(overrides: Partial<ClassificationRules> = {}): ClassificationRules {
  return { ...DEFAULT_CLASSIFICATION_RULES, ...overrides };
}

/** Parameters of each reason; `offlineMs` is a duration in milliseconds. */
export interface ReasonParams {
  markerCapability: { capability: string };
  configuredName: { name: string };
  parentName: { name: string };
  namePattern: { pattern: string };
  podName: { scaledJob: string };
  kubernetesCapability: { capability: string };
  offlineFor: { offlineMs: number };
  neverRanJob: Record<string, never>;
  noKedaEvidence: Record<string, never>;
}

export type ReasonCode = keyof ReasonParams;
export type ClassificationReason = { [C in ReasonCode]: { code: C; params: ReasonParams[C] } }[ReasonCode];

export interface ClassifiedAgent {
  agent: Agent;
  kind: AgentKind;
  /** Why, strongest evidence first. */
  reasons: ClassificationReason[];
}

export interface ClassificationContext {
  /** Ages are measured from here. */
  now: Date;
  /** Whether the agents were read with their last completed request, so its absence means "never ran". */
  lastCompletedRequestIncluded?: boolean;
}

interface CompiledRules {
  placeholderPatterns: { glob: string; regexp: RegExp }[];
  placeholderName?: string;
  parent?: string;
  markerCapability: string;
  podName: (name: string) => string | undefined;
  kubernetesCapabilities: readonly string[];
  staleAfterMs: number;
}

function compile(rules: ClassificationRules): CompiledRules {
  return {
    placeholderPatterns: rules.placeholderPatterns.map((glob) => ({ glob, regexp: globToRegExp(glob) })),
    // Azure DevOps agent names ignore case; that KEDA's `parent` does not is the verdict's concern.
    placeholderName: rules.placeholderName?.toLowerCase(),
    parent: rules.parent?.toLowerCase(),
    markerCapability: rules.markerCapability,
    podName: podNameMatcher(rules),
    kubernetesCapabilities: rules.kubernetesCapabilities,
    staleAfterMs: rules.staleAfterHours * 3_600_000,
  };
}

function placeholderEvidence(agent: Agent, rules: CompiledRules): ClassificationReason[] {
  const reasons: ClassificationReason[] = [];
  if (capabilityValue(capabilitiesOf(agent), rules.markerCapability) !== undefined) {
    reasons.push({ code: 'markerCapability', params: { capability: rules.markerCapability } });
  }
  const name = agent.name.toLowerCase();
  if (rules.parent !== undefined && name === rules.parent) reasons.push({ code: 'parentName', params: { name: agent.name } });
  else if (rules.placeholderName !== undefined && name === rules.placeholderName) {
    reasons.push({ code: 'configuredName', params: { name: agent.name } });
  }
  const pattern = rules.placeholderPatterns.find(({ regexp }) => regexp.test(agent.name));
  if (pattern) reasons.push({ code: 'namePattern', params: { pattern: pattern.glob } });
  return reasons;
}

function kedaEvidence(agent: Agent, rules: CompiledRules): ClassificationReason[] {
  const reasons: ClassificationReason[] = [];
  const scaledJob = rules.podName(agent.name);
  if (scaledJob !== undefined) reasons.push({ code: 'podName', params: { scaledJob } });
  const capabilities = capabilitiesOf(agent);
  const capability = rules.kubernetesCapabilities.find((name) => capabilityValue(capabilities, name) !== undefined);
  if (capability !== undefined) reasons.push({ code: 'kubernetesCapability', params: { capability } });
  return reasons;
}

function staleness(agent: Agent, rules: CompiledRules, context: ClassificationContext): ClassificationReason[] {
  const offlineSince = agent.statusChangedOn ?? agent.createdOn;
  if (agent.status !== 'offline' || !offlineSince) return [];
  const offlineMs = context.now.getTime() - offlineSince.getTime();
  if (offlineMs <= rules.staleAfterMs) return [];
  const reasons: ClassificationReason[] = [{ code: 'offlineFor', params: { offlineMs } }];
  if (context.lastCompletedRequestIncluded && !agent.lastCompletedRequest && !agent.assignedRequest) {
    reasons.push({ code: 'neverRanJob', params: {} });
  }
  return reasons;
}

function classifyOne(agent: Agent, rules: CompiledRules, context: ClassificationContext): ClassifiedAgent {
  // A template agent registered from a KEDA pod carries pod evidence too; what it is for wins.
  const placeholder = placeholderEvidence(agent, rules);
  if (placeholder.length > 0) return { agent, kind: 'placeholder', reasons: placeholder };
  const keda = kedaEvidence(agent, rules);
  if (keda.length === 0) return { agent, kind: 'static', reasons: [{ code: 'noKedaEvidence', params: {} }] };
  const stale = staleness(agent, rules, context);
  return stale.length > 0 ? { agent, kind: 'stale', reasons: [...stale, ...keda] } : { agent, kind: 'keda', reasons: keda };
}

export function classifyAgents(agents: readonly Agent[], rules: ClassificationRules, context: ClassificationContext): ClassifiedAgent[] {
  const compiled = compile(rules);
  return agents.map((agent) => classifyOne(agent, compiled, context));
}

/** The ScaledJob a name belongs to when it is a ScaledJob pod's name, for names without an agent record (job history). */
export function podNameMatcher(rules: ClassificationRules): (name: string) => string | undefined {
  const kedaName = new RegExp(rules.kedaNamePattern, 'u');
  return (name) => {
    const pod = kedaName.exec(name);
    return pod ? (pod.groups?.scaledJob ?? name) : undefined;
  };
}

/** Created by KEDA, whether still useful or stale. */
export function isKedaKind(kind: AgentKind): boolean {
  return kind === 'keda' || kind === 'stale';
}

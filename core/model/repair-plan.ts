import { capabilitiesOf } from './capabilities';
import type { ClassifiedAgent, ClassificationRules } from './classify';
import { isAgentVersionDemand, unmetDemands, type Demand } from './demands';
import {
  capabilitiesLacking,
  draftPlaceholder,
  hasMarker,
  isOlderThan,
  isOwnPlaceholder,
  type LearnedFromJobs,
  type PlaceholderProposal,
} from './placeholder';
import type { PoolKind } from './pool-kind';
import type { Agent, Capabilities } from './types';

/**
 * What `repair` would do in a pool, and why: computed once in core, shown by every face before it acts
 * (the task's log, `repair --dry-run`, the hub's button and its confirmation) and then carried out.
 */
export type RepairPlan =
  /** No placeholder of ours, and none of anyone else's in the way: register one. */
  | { action: 'register'; reason: 'missing' | 'parentMissing'; proposal: PlaceholderProposal }
  /** Our placeholder (it carries the marker) falls short of what jobs need or of the KEDA agents: refresh it in place. */
  | { action: 'refresh'; reasons: RefreshReason[]; placeholder: Agent; proposal: PlaceholderProposal }
  /** `underway`: another run registered our placeholder moments ago and is still setting its capabilities. */
  | { action: 'nothing'; reason: 'current' | 'notNeeded' | 'underway'; placeholder?: string }
  | { action: 'refused'; reason: RefusedReason; agent?: string };

export type RefreshReason =
  /** Fails the configured demands, the version minimum aside. */
  | 'unfit'
  /** Below the jobs' minimum agent version. */
  | 'belowMinimum'
  /** Lacks capabilities that the pool's recent jobs demanded. */
  | 'lacksDemanded'
  /** Runs an older agent than the newest KEDA agent. */
  | 'outdated'
  /** Registered before KEDA agents were seen, and lacks capabilities they have: a refresh completes it. */
  | 'incomplete'
  /** Registered by us long ago without its user capabilities (the marker among them): a refresh sets them. */
  | 'unmarked';

/** What a placeholder lacks that makes some job fail or wait: the rest a refresh of ours improves, but no job needs. */
const FAILS_JOBS: ReadonlySet<RefreshReason> = new Set(['unfit', 'belowMinimum', 'lacksDemanded']);

export type RefusedReason =
  | 'hostedPool'
  | 'azureProvisionedPool'
  /** No sign of KEDA: an offline placeholder would turn jobs that fail fast into jobs that wait for ever. */
  | 'staticPool'
  /** A placeholder without the marker: registered by hand or by another tool, so never changed. */
  | 'foreignPlaceholder'
  /** The name to register is held by an agent at work (online), or one that is not a placeholder. */
  | 'nameTaken';

export interface RepairPlanInput {
  kind: PoolKind;
  classified: readonly ClassifiedAgent[];
  /** The configured demands, `Agent.Version` included. */
  demands: readonly Demand[];
  /** The demand sets of the pool's unfinished and recent jobs. */
  jobDemandSets: readonly (readonly Demand[])[];
  /** Agent versions of the agents that ran the pool's recent jobs. */
  jobAgentVersions: readonly string[];
  /** The newest KEDA agent that satisfies the demands: what a placeholder standing in for it must match. */
  reference?: Agent;
  rules: ClassificationRules;
  /** User capabilities the user wants the placeholder to carry (the task's `placeholderCapabilities`). */
  userCapabilities?: Capabilities;
  /** Whether the pool lacks a placeholder that would keep it able to queue jobs. */
  placeholderMissing: boolean;
  /** When the pool was read. */
  now: Date;
}

/**
 * A placeholder of ours younger than this, without its marker yet, is another run's registration half done.
 * A registration sets the capabilities within seconds; minutes leave room for retries under throttling.
 */
export const UNDERWAY_MS = 5 * 60_000;

export function planRepair(input: RepairPlanInput): RepairPlan {
  const { kind, rules } = input;
  if (kind === 'hosted') return { action: 'refused', reason: 'hostedPool' };
  if (kind === 'azureProvisioned') return { action: 'refused', reason: 'azureProvisionedPool' };
  if (kind === 'static') return { action: 'refused', reason: 'staticPool' };

  const placeholders = input.classified.filter((c) => c.kind === 'placeholder');
  const owned = placeholders.map((c) => c.agent).filter((agent) => isOwnPlaceholder(agent, rules.markerCapability));
  const named = (name: string) => input.classified.find((c) => c.agent.name.toLowerCase() === name.toLowerCase());

  // KEDA compares `parent` with the agent's name exactly: without that agent, a job counts for nothing.
  if (rules.parent && !input.classified.some((c) => c.agent.name === rules.parent)) {
    const holder = named(rules.parent);
    if (holder) return refusal(holder);
    return { action: 'register', reason: 'parentMissing', proposal: draft(input, rules.parent) };
  }

  const target = rules.parent ?? rules.placeholderName;
  const ours = owned.find((agent) => agent.name.toLowerCase() === target?.toLowerCase()) ?? owned[0];
  if (ours) {
    const marked = hasMarker(ours, rules.markerCapability);
    if (!marked && ours.createdOn && input.now.getTime() - ours.createdOn.getTime() < UNDERWAY_MS) {
      return { action: 'nothing', reason: 'underway', placeholder: ours.name };
    }
    const reasons = [...refreshReasons(ours, input), ...(marked ? [] : ['unmarked' as const])];
    if (reasons.length === 0) return { action: 'nothing', reason: 'current', placeholder: ours.name };
    return { action: 'refresh', reasons, placeholder: ours, proposal: refreshed(ours, input) };
  }
  // Someone else's placeholder, fit or not, is theirs to keep or change: where it fails jobs, as the check
  // warns, the plan says it is left alone rather than calling it fine.
  const foreign = placeholders.find((c) => !owned.includes(c.agent));
  if (foreign) {
    const fallsShort = input.placeholderMissing || refreshReasons(foreign.agent, input).some((reason) => FAILS_JOBS.has(reason));
    return fallsShort ? refusal(foreign) : { action: 'nothing', reason: 'notNeeded', placeholder: foreign.agent.name };
  }
  if (!input.placeholderMissing) return { action: 'nothing', reason: 'notNeeded' };
  const proposal = draft(input, target);
  const holder = named(proposal.name);
  return holder ? refusal(holder) : { action: 'register', reason: 'missing', proposal };
}

/**
 * An agent named like a placeholder but online is at work, whatever its name says: it is not a placeholder
 * someone keeps for the pool, it holds the name. Offline, it is taken for someone else's placeholder.
 */
function refusal(holder: ClassifiedAgent): RepairPlan {
  const placeholder = holder.kind === 'placeholder' && holder.agent.status !== 'online';
  return { action: 'refused', reason: placeholder ? 'foreignPlaceholder' : 'nameTaken', agent: holder.agent.name };
}

function draft(input: RepairPlanInput, name: string | undefined): PlaceholderProposal {
  return draftPlaceholder(input.classified, input.demands, input.rules, {
    ...(name ? { name } : {}),
    userCapabilities: input.userCapabilities,
    learned: learned(input),
  });
}

function learned(input: RepairPlanInput): LearnedFromJobs {
  return { demandSets: input.jobDemandSets, agentVersions: input.jobAgentVersions };
}

function refreshReasons(placeholder: Agent, input: RepairPlanInput): RefreshReason[] {
  const capabilities = capabilitiesOf(placeholder);
  const unmet = unmetDemands(capabilities, input.demands);
  const unmetByJobs = input.jobDemandSets.flatMap((set) => unmetDemands(capabilities, set));
  const reasons: RefreshReason[] = [];
  if (unmet.some((demand) => !isAgentVersionDemand(demand))) reasons.push('unfit');
  // A version below a job's own minimum is the same reason as below the configured one, said once.
  if ([...unmet, ...unmetByJobs].some(isAgentVersionDemand)) reasons.push('belowMinimum');
  if (unmetByJobs.some((demand) => !isAgentVersionDemand(demand))) reasons.push('lacksDemanded');
  const { reference } = input;
  if (reference && isOlderThan(placeholder, reference)) reasons.push('outdated');
  if (reference && capabilitiesLacking(placeholder, reference).length > 0) reasons.push('incomplete');
  return reasons;
}

/**
 * The placeholder as a refresh leaves it: the system capabilities and version of the newest KEDA agent (or,
 * before the first, what the jobs demand), as `config.sh --replace` would report them, under its own name;
 * its user capabilities kept, with the user's and the marker merged in.
 */
function refreshed(placeholder: Agent, input: RepairPlanInput): PlaceholderProposal {
  return draftPlaceholder(input.classified, input.demands, input.rules, {
    name: placeholder.name,
    userCapabilities: { ...placeholder.userCapabilities, ...input.userCapabilities },
    learned: learned(input),
    refreshing: placeholder,
  });
}

/** Whether two plans make the same change: the same action on the same agent name. */
export function samePlan(a: RepairPlan, b: RepairPlan): boolean {
  const summary = (plan: RepairPlan) => {
    const { action, name } = planSummary(plan);
    return `${action}:${name?.toLowerCase() ?? ''}`;
  };
  return summary(a) === summary(b);
}

/** The plan in one line of data, for the reports: the action, and why. */
export function planSummary(plan: RepairPlan): { action: RepairPlan['action']; reasons: string[]; name?: string } {
  switch (plan.action) {
    case 'register':
      return { action: plan.action, reasons: [plan.reason], name: plan.proposal.name };
    case 'refresh':
      return { action: plan.action, reasons: plan.reasons, name: plan.placeholder.name };
    case 'nothing':
      return { action: plan.action, reasons: [plan.reason], ...(plan.placeholder ? { name: plan.placeholder } : {}) };
    case 'refused':
      return { action: plan.action, reasons: [plan.reason], ...(plan.agent ? { name: plan.agent } : {}) };
  }
}
